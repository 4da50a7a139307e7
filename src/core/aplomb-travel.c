/* aplomb-travel.c: sparse commune × commune travel times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-gdal.h"
#include "aplomb-sort-private.h"
#include "aplomb-travel-model.h"
#include "aplomb-travel-private.h"

#define KM_PER_DEGREE (6371.0088 * G_PI / 180)

G_DEFINE_QUARK (aplomb-travel-error-quark, aplomb_travel_error)

struct _AplombTravelTimes
{
  GObject parent_instance;

  guint  n_communes;
  float  horizon;
  guint *row_offsets;   /* n_communes + 1 */
  guint *destinations;  /* n_pairs */
  float *minutes;       /* n_pairs */

  /* The transpose, built on first use of a column (the engine works on
   * columns); a symmetric matrix is its own transpose and builds none. */
  gboolean symmetric;
  gsize  columns_ready;
  guint *column_offsets;
  guint *column_origins;
  float *column_minutes;
};

G_DEFINE_FINAL_TYPE (AplombTravelTimes, aplomb_travel_times, G_TYPE_OBJECT)

static void
aplomb_travel_times_finalize (GObject *object)
{
  AplombTravelTimes *self = APLOMB_TRAVEL_TIMES (object);

  g_free (self->row_offsets);
  g_free (self->destinations);
  g_free (self->minutes);
  g_free (self->column_offsets);
  g_free (self->column_origins);
  g_free (self->column_minutes);
  G_OBJECT_CLASS (aplomb_travel_times_parent_class)->finalize (object);
}

static void
aplomb_travel_times_class_init (AplombTravelTimesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_travel_times_finalize;
}

static void
aplomb_travel_times_init (AplombTravelTimes *self)
{
}

AplombTravelTimes *
aplomb_travel_times_new_take (guint  n_communes,
                              float  horizon,
                              guint *row_offsets,
                              guint *destinations,
                              float *minutes)
{
  AplombTravelTimes *self = g_object_new (APLOMB_TYPE_TRAVEL_TIMES, NULL);

  self->n_communes = n_communes;
  self->horizon = horizon;
  self->row_offsets = row_offsets;
  self->destinations = destinations;
  self->minutes = minutes;
  return self;
}

/* A destination and a non-negative time packed so that sorting the integers
 * sorts by destination, then by time (IEEE floats ≥ 0 order as integers). */
static inline guint64
pack_entry (guint destination,
            float minutes)
{
  guint32 bits;

  memcpy (&bits, &minutes, sizeof bits);
  return ((guint64) destination << 32) | bits;
}

/* The rows hold about a hundred entries each. */
#define KEY_LESS(a, b) ((a) < (b))
APLOMB_DEFINE_SORT (sort_keys, guint64, KEY_LESS)

guint
aplomb_travel_sort_row (guint *destinations,
                        float *minutes,
                        guint  n)
{
  g_autofree guint64 *keys = g_new (guint64, n);
  guint kept = 0;

  for (guint k = 0; k < n; k++)
    keys[k] = pack_entry (destinations[k], minutes[k]);
  sort_keys (keys, n);

  for (guint k = 0; k < n; k++)
    {
      guint destination = keys[k] >> 32;
      guint32 bits = keys[k] & G_MAXUINT32;

      /* The first of equal destinations has the smallest time. */
      if (kept > 0 && destinations[kept - 1] == destination)
        continue;
      destinations[kept] = destination;
      memcpy (&minutes[kept], &bits, sizeof bits);
      kept++;
    }
  return kept;
}

/* Pairs may come in any order and repeat; times above the horizon are
 * dropped and the diagonal is set to 0 whatever the input says. */
AplombTravelTimes *
aplomb_travel_times_new_from_pairs (guint        n_communes,
                                    float        horizon,
                                    const guint *origins,
                                    const guint *destinations,
                                    const float *minutes,
                                    gsize        n_pairs)
{
  g_autofree guint *counts = g_new0 (guint, n_communes + 1);
  g_autofree guint *fill = NULL;
  guint *offsets, *dest;
  float *mins;
  guint kept = 0;

  g_return_val_if_fail (horizon >= 0, NULL);
  g_return_val_if_fail (n_pairs == 0 || (origins && destinations && minutes), NULL);

  for (gsize p = 0; p < n_pairs; p++)
    {
      g_return_val_if_fail (origins[p] < n_communes && destinations[p] < n_communes, NULL);
      if (origins[p] != destinations[p] && minutes[p] >= 0 && minutes[p] <= horizon)
        counts[origins[p] + 1]++;
    }
  for (guint i = 0; i < n_communes; i++)
    counts[i + 1] += counts[i] + 1;

  dest = g_new (guint, counts[n_communes]);
  mins = g_new (float, counts[n_communes]);
  fill = g_memdup2 (counts, n_communes * sizeof *counts);
  for (guint i = 0; i < n_communes; i++)
    {
      dest[fill[i]] = i;
      mins[fill[i]++] = 0;
    }
  for (gsize p = 0; p < n_pairs; p++)
    if (origins[p] != destinations[p] && minutes[p] >= 0 && minutes[p] <= horizon)
      {
        dest[fill[origins[p]]] = destinations[p];
        mins[fill[origins[p]]++] = minutes[p];
      }

  /* Sort and deduplicate each row, compacting in place. */
  offsets = g_new (guint, n_communes + 1);
  offsets[0] = 0;
  for (guint i = 0; i < n_communes; i++)
    {
      guint start = counts[i];
      guint n = aplomb_travel_sort_row (dest + start, mins + start, counts[i + 1] - start);

      memmove (dest + kept, dest + start, n * sizeof *dest);
      memmove (mins + kept, mins + start, n * sizeof *mins);
      kept += n;
      offsets[i + 1] = kept;
    }
  dest = g_renew (guint, dest, MAX (kept, 1));
  mins = g_renew (float, mins, MAX (kept, 1));
  return aplomb_travel_times_new_take (n_communes, horizon, offsets, dest, mins);
}

static int
find_field (OGRFeatureDefnH defn,
            const char     *name,
            const char     *path,
            GError        **error)
{
  int index = OGR_FD_GetFieldIndex (defn, name);

  if (index < 0)
    g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_MISSING_FIELD,
                 _("The travel-time file “%s” has no column “%s”."), path, name);
  return index;
}

static gboolean
parse_minutes (const char *text,
               float      *minutes)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (value) || value < 0)
    return FALSE;
  *minutes = value;
  return TRUE;
}

/* Reads origin,destination,minutes rows through GDAL's CSV driver (codes
 * stay text so that leading zeros survive). Rows naming communes outside
 * the territory are skipped: a national matrix serves a département. */
AplombTravelTimes *
aplomb_travel_times_new_from_csv (const char         *path,
                                  const char * const *codes,
                                  guint               n_communes,
                                  float               horizon,
                                  GError            **error)
{
  const char *open_options[] = { "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", NULL };
  const char *drivers[] = { "CSV", NULL };
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) destinations = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (float));
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  int f_origin, f_destination, f_minutes;
  guint n_rows = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL && codes != NULL, NULL);

  if (!aplomb_gdal_load (error))
    return NULL;
  for (guint i = 0; i < n_communes; i++)
    g_hash_table_insert (index, (gpointer) codes[i], GUINT_TO_POINTER (i + 1));

  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, open_options, NULL);
  if (dataset == NULL)
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_OPEN,
                   _("Cannot read the travel-time file “%s”."), path);
      return NULL;
    }
  layer = GDALDatasetGetLayer (dataset, 0);
  if ((f_origin = find_field (OGR_L_GetLayerDefn (layer), "origin", path, error)) < 0 ||
      (f_destination = find_field (OGR_L_GetLayerDefn (layer), "destination", path, error)) < 0 ||
      (f_minutes = find_field (OGR_L_GetLayerDefn (layer), "minutes", path, error)) < 0)
    {
      GDALClose (dataset);
      return NULL;
    }

  OGR_L_ResetReading (layer);
  while (ok && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      guint o = GPOINTER_TO_UINT (g_hash_table_lookup (index,
                                    OGR_F_GetFieldAsString (feature, f_origin)));
      guint d = GPOINTER_TO_UINT (g_hash_table_lookup (index,
                                    OGR_F_GetFieldAsString (feature, f_destination)));
      float value;

      n_rows++;
      if (!parse_minutes (OGR_F_GetFieldAsString (feature, f_minutes), &value))
        {
          /* Row 1 is the header, so data row n is line n + 1. */
          g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID,
                       _("Line %u of “%s” has no valid number of minutes."),
                       n_rows + 1, path);
          ok = FALSE;
        }
      else if (o > 0 && d > 0)
        {
          o--, d--;
          g_array_append_val (origins, o);
          g_array_append_val (destinations, d);
          g_array_append_val (times, value);
        }
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);

  if (ok && origins->len == 0)
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_UNKNOWN_COMMUNE,
                   _("No row of “%s” joins two communes of the territory."), path);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  return aplomb_travel_times_new_from_pairs (n_communes, horizon,
                                             (const guint *) origins->data,
                                             (const guint *) destinations->data,
                                             (const float *) times->data, origins->len);
}

guint
aplomb_travel_times_get_n_communes (AplombTravelTimes *self)
{
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), 0);
  return self->n_communes;
}

float
aplomb_travel_times_get_horizon (AplombTravelTimes *self)
{
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), 0);
  return self->horizon;
}

gsize
aplomb_travel_times_get_n_pairs (AplombTravelTimes *self)
{
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), 0);
  return self->row_offsets[self->n_communes];
}

/* Bytes held by the matrix, its transpose included once built. */
gsize
aplomb_travel_times_get_memory_size (AplombTravelTimes *self)
{
  gsize pairs, size;

  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), 0);

  pairs = self->row_offsets[self->n_communes];
  size = (self->n_communes + 1) * sizeof (guint) + pairs * (sizeof (guint) + sizeof (float));
  if (self->column_offsets != NULL)
    size *= 2;
  return size;
}

guint
aplomb_travel_times_get_row (AplombTravelTimes *self,
                             guint              origin,
                             const guint      **destinations,
                             const float      **minutes)
{
  guint start;

  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), 0);
  g_return_val_if_fail (origin < self->n_communes, 0);

  start = self->row_offsets[origin];
  if (destinations != NULL)
    *destinations = self->destinations + start;
  if (minutes != NULL)
    *minutes = self->minutes + start;
  return self->row_offsets[origin + 1] - start;
}

void
aplomb_travel_times_set_symmetric (AplombTravelTimes *self)
{
  g_return_if_fail (APLOMB_IS_TRAVEL_TIMES (self));
  g_return_if_fail (self->column_offsets == NULL);

  self->symmetric = TRUE;
}

gboolean
aplomb_travel_times_get_symmetric (AplombTravelTimes *self)
{
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), FALSE);

  return self->symmetric;
}

static void
build_columns (AplombTravelTimes *self)
{
  guint n = self->n_communes;
  guint pairs = self->row_offsets[n];
  g_autofree guint *fill = NULL;

  self->column_offsets = g_new0 (guint, n + 1);
  self->column_origins = g_new (guint, MAX (pairs, 1));
  self->column_minutes = g_new (float, MAX (pairs, 1));
  for (guint p = 0; p < pairs; p++)
    self->column_offsets[self->destinations[p] + 1]++;
  for (guint j = 0; j < n; j++)
    self->column_offsets[j + 1] += self->column_offsets[j];

  /* Walking rows in order leaves each column sorted by origin. */
  fill = g_memdup2 (self->column_offsets, n * sizeof *fill);
  for (guint i = 0; i < n; i++)
    for (guint p = self->row_offsets[i]; p < self->row_offsets[i + 1]; p++)
      {
        guint slot = fill[self->destinations[p]]++;

        self->column_origins[slot] = i;
        self->column_minutes[slot] = self->minutes[p];
      }
}

guint
aplomb_travel_times_get_column (AplombTravelTimes *self,
                                guint              destination,
                                const guint      **origins,
                                const float      **minutes)
{
  guint start;

  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), 0);
  g_return_val_if_fail (destination < self->n_communes, 0);

  if (self->symmetric)
    return aplomb_travel_times_get_row (self, destination, origins, minutes);
  if (g_once_init_enter (&self->columns_ready))
    {
      build_columns (self);
      g_once_init_leave (&self->columns_ready, 1);
    }

  start = self->column_offsets[destination];
  if (origins != NULL)
    *origins = self->column_origins + start;
  if (minutes != NULL)
    *minutes = self->column_minutes + start;
  return self->column_offsets[destination + 1] - start;
}

float
aplomb_travel_times_lookup (AplombTravelTimes *self,
                            guint              origin,
                            guint              destination)
{
  const guint *dest;
  const float *mins;
  guint n, lo = 0, hi;

  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), INFINITY);
  g_return_val_if_fail (destination < self->n_communes, INFINITY);

  n = hi = aplomb_travel_times_get_row (self, origin, &dest, &mins);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (dest[mid] < destination)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && dest[lo] == destination ? mins[lo] : INFINITY;
}

gboolean
aplomb_travel_times_is_symmetric (AplombTravelTimes *self,
                                  float              tolerance)
{
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (self), FALSE);

  for (guint i = 0; i < self->n_communes; i++)
    for (guint p = self->row_offsets[i]; p < self->row_offsets[i + 1]; p++)
      if (!(fabsf (aplomb_travel_times_lookup (self, self->destinations[p], i) -
                   self->minutes[p]) <= tolerance))
        return FALSE;
  return TRUE;
}

void
aplomb_travel_times_nearest (AplombTravelTimes *self,
                             const gboolean    *has_supply,
                             double            *minutes)
{
  g_return_if_fail (APLOMB_IS_TRAVEL_TIMES (self));
  g_return_if_fail (has_supply != NULL && minutes != NULL);

  if (!self->symmetric)
    {
      for (guint i = 0; i < self->n_communes; i++)
        {
          double best = INFINITY;

          for (guint p = self->row_offsets[i]; p < self->row_offsets[i + 1]; p++)
            if (has_supply[self->destinations[p]] && self->minutes[p] < best)
              best = self->minutes[p];
          minutes[i] = best;
        }
      return;
    }

  /* Columns are rows here: only those of communes with supply are read
   * (a quarter of the pairs for GPs in France). */
  for (guint i = 0; i < self->n_communes; i++)
    minutes[i] = INFINITY;
  for (guint j = 0; j < self->n_communes; j++)
    if (has_supply[j])
      for (guint p = self->row_offsets[j]; p < self->row_offsets[j + 1]; p++)
        if (self->minutes[p] < minutes[self->destinations[p]])
          minutes[self->destinations[p]] = self->minutes[p];
}

typedef struct
{
  guint                 n_communes;
  float                 horizon;
  AplombTravelRowsBegin begin;
  AplombTravelRowFunc   row;
  AplombTravelRowsEnd   end;
  gpointer              data;
  GCancellable         *cancellable;
} RowsContext;

typedef struct
{
  const RowsContext *context;
  guint              first, last;  /* origins [first, last) */
  GArray            *destinations;
  GArray            *minutes;
  guint             *row_lengths;
} RowsChunk;

static void
build_chunk (gpointer data,
             gpointer user_data)
{
  RowsChunk *chunk = data;
  const RowsContext *c = chunk->context;
  gpointer state;

  if (g_cancellable_is_cancelled (c->cancellable))
    return;
  state = c->begin != NULL ? c->begin (c->data) : NULL;
  for (guint i = chunk->first; i < chunk->last; i++)
    {
      guint start = chunk->destinations->len, kept = start + 1;
      guint *dest;
      float *mins;
      float zero = 0;

      g_array_append_val (chunk->destinations, i);
      g_array_append_val (chunk->minutes, zero);
      c->row (i, chunk->destinations, chunk->minutes, state, c->data);

      dest = (guint *) chunk->destinations->data;
      mins = (float *) chunk->minutes->data;
      for (guint p = start + 1; p < chunk->destinations->len; p++)
        if (dest[p] != i && mins[p] >= 0 && mins[p] <= c->horizon)
          {
            dest[kept] = dest[p];
            mins[kept++] = mins[p];
          }
      chunk->row_lengths[i - chunk->first] = aplomb_travel_sort_row (dest + start, mins + start,
                                                                     kept - start);
      g_array_set_size (chunk->destinations, start + chunk->row_lengths[i - chunk->first]);
      g_array_set_size (chunk->minutes, start + chunk->row_lengths[i - chunk->first]);
    }
  if (c->end != NULL)
    c->end (state);
}

/* Joins the chunks' rows, in order, into one CSR matrix. */
static AplombTravelTimes *
join_chunks (RowsChunk *chunks,
             guint      n_chunks,
             guint      n_communes,
             float      horizon)
{
  guint *offsets = g_new (guint, n_communes + 1);
  gsize total = 0, at = 0;
  guint *destinations;
  float *minutes;

  for (guint k = 0; k < n_chunks; k++)
    total += chunks[k].destinations->len;
  destinations = g_new (guint, MAX (total, 1));
  minutes = g_new (float, MAX (total, 1));
  offsets[0] = 0;
  for (guint k = 0; k < n_chunks; k++)
    {
      memcpy (destinations + at, chunks[k].destinations->data,
              chunks[k].destinations->len * sizeof (guint));
      memcpy (minutes + at, chunks[k].minutes->data, chunks[k].minutes->len * sizeof (float));
      at += chunks[k].destinations->len;
      for (guint i = chunks[k].first; i < chunks[k].last; i++)
        offsets[i + 1] = offsets[i] + chunks[k].row_lengths[i - chunks[k].first];
    }
  return aplomb_travel_times_new_take (n_communes, horizon, offsets, destinations, minutes);
}

AplombTravelTimes *
aplomb_travel_times_build_rows (guint                 n_communes,
                                float                 horizon,
                                AplombTravelRowsBegin begin,
                                AplombTravelRowFunc   row,
                                AplombTravelRowsEnd   end,
                                gpointer              data,
                                GCancellable         *cancellable,
                                GError              **error)
{
  RowsContext context = { n_communes, horizon, begin, row, end, data, cancellable };
  /* Enough chunks for the cores to share the uneven rows (dense cities,
   * empty mountains) without one chunk per row. */
  guint n_chunks = MAX (1, MIN (64, n_communes / 64));
  g_autofree RowsChunk *chunks = g_new0 (RowsChunk, n_chunks);
  AplombTravelTimes *times = NULL;
  GThreadPool *pool;

  pool = g_thread_pool_new (build_chunk, NULL, g_get_num_processors (), FALSE, NULL);
  for (guint k = 0; k < n_chunks; k++)
    {
      chunks[k].context = &context;
      chunks[k].first = (guint) ((guint64) n_communes * k / n_chunks);
      chunks[k].last = (guint) ((guint64) n_communes * (k + 1) / n_chunks);
      chunks[k].destinations = g_array_new (FALSE, FALSE, sizeof (guint));
      chunks[k].minutes = g_array_new (FALSE, FALSE, sizeof (float));
      chunks[k].row_lengths = g_new (guint, MAX (chunks[k].last - chunks[k].first, 1));
      g_thread_pool_push (pool, &chunks[k], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    times = join_chunks (chunks, n_chunks, n_communes, horizon);
  for (guint k = 0; k < n_chunks; k++)
    {
      g_array_unref (chunks[k].destinations);
      g_array_unref (chunks[k].minutes);
      g_free (chunks[k].row_lengths);
    }
  return times;
}

static inline guint
bucket_of (const AplombBuckets *b,
           double               lon,
           double               lat)
{
  return (guint) ((lat - b->min_lat) / b->cell_lat) * b->nx +
         (guint) ((lon - b->min_lon) / b->cell_lon);
}

void
aplomb_buckets_init (AplombBuckets *b,
                     guint          n,
                     const double  *lon,
                     const double  *lat,
                     double         cell_km)
{
  double max_lon = -G_MAXDOUBLE, max_lat = -G_MAXDOUBLE, max_abs_lat = 0;
  g_autofree guint *fill = NULL;

  b->min_lon = b->min_lat = G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      b->min_lon = MIN (b->min_lon, lon[i]);
      b->min_lat = MIN (b->min_lat, lat[i]);
      max_lon = MAX (max_lon, lon[i]);
      max_lat = MAX (max_lat, lat[i]);
      max_abs_lat = MAX (max_abs_lat, fabs (lat[i]));
    }
  /* Cells are sized at the highest latitude, where degrees of longitude
   * are shortest, so they are at least cell_km wide everywhere. */
  b->cell_km = MAX (cell_km, 1e-3);
  b->cell_lat = b->cell_km / KM_PER_DEGREE;
  b->cell_lon = b->cell_lat / MAX (cos (max_abs_lat * G_PI / 180), 1e-3);
  b->nx = n > 0 ? (guint) ((max_lon - b->min_lon) / b->cell_lon) + 1 : 1;
  b->ny = n > 0 ? (guint) ((max_lat - b->min_lat) / b->cell_lat) + 1 : 1;

  b->offsets = g_new0 (guint, b->nx * b->ny + 1);
  b->points = g_new (guint, MAX (n, 1));
  b->cosines = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    b->cosines[i] = cos (lat[i] * (G_PI / 180));
  for (guint i = 0; i < n; i++)
    b->offsets[bucket_of (b, lon[i], lat[i]) + 1]++;
  for (guint c = 0; c < b->nx * b->ny; c++)
    b->offsets[c + 1] += b->offsets[c];
  fill = g_memdup2 (b->offsets, b->nx * b->ny * sizeof *fill);
  for (guint i = 0; i < n; i++)
    b->points[fill[bucket_of (b, lon[i], lat[i])]++] = i;
}

void
aplomb_buckets_clear (AplombBuckets *b)
{
  g_clear_pointer (&b->offsets, g_free);
  g_clear_pointer (&b->points, g_free);
  g_clear_pointer (&b->cosines, g_free);
}

void
aplomb_buckets_visit (const AplombBuckets *b,
                      const double        *lon,
                      const double        *lat,
                      double               x,
                      double               y,
                      void               (*visit) (guint j, double km, gpointer data),
                      gpointer             data)
{
  int cx = (int) floor ((x - b->min_lon) / b->cell_lon);
  int cy = (int) floor ((y - b->min_lat) / b->cell_lat);
  double cos_y = cos (y * (G_PI / 180));
  double max_dlat = b->cell_km / KM_PER_DEGREE;

  for (int yy = MAX (cy - 1, 0); yy <= MIN (cy + 1, (int) b->ny - 1); yy++)
    for (int xx = MAX (cx - 1, 0); xx <= MIN (cx + 1, (int) b->nx - 1); xx++)
      {
        guint cell = yy * b->nx + xx;

        for (guint p = b->offsets[cell]; p < b->offsets[cell + 1]; p++)
          {
            guint j = b->points[p];
            double km;

            /* The north-south gap alone rules out a third of the candidates
             * before the square root. */
            if (fabs (lat[j] - y) > max_dlat)
              continue;
            km = aplomb_travel_distance_km_cos (x, y, cos_y, lon[j], lat[j], b->cosines[j]);
            if (km <= b->cell_km)
              visit (j, km, data);
          }
      }
}

/* Scans rings of cells around (x, y) until no cell left can hold a point
 * nearer than the best one found: ring r is at least (r - 1) cells away. */
int
aplomb_buckets_nearest (const AplombBuckets *b,
                        const double        *lon,
                        const double        *lat,
                        double               x,
                        double               y,
                        double              *km)
{
  int cx = (int) floor ((x - b->min_lon) / b->cell_lon);
  int cy = (int) floor ((y - b->min_lat) / b->cell_lat);
  int best = -1, last_ring = (int) MAX (b->nx, b->ny) + ABS (cx) + ABS (cy);
  double best_km = G_MAXDOUBLE, cos_y = cos (y * (G_PI / 180));

  for (int r = 0; r <= last_ring && !(best >= 0 && best_km <= (r - 1) * b->cell_km); r++)
    for (int yy = cy - r; yy <= cy + r; yy++)
      for (int xx = cx - r; xx <= cx + r; xx++)
        {
          guint cell;

          if ((ABS (yy - cy) != r && ABS (xx - cx) != r) || xx < 0 || yy < 0 ||
              xx >= (int) b->nx || yy >= (int) b->ny)
            continue;
          cell = yy * b->nx + xx;
          for (guint p = b->offsets[cell]; p < b->offsets[cell + 1]; p++)
            {
              guint j = b->points[p];
              double d = aplomb_travel_distance_km_cos (x, y, cos_y, lon[j], lat[j], b->cosines[j]);

              if (d < best_km)
                {
                  best_km = d;
                  best = j;
                }
            }
        }
  *km = best_km;
  return best;
}
