/* aplomb-territory.c: communes, their geometry and populations, practitioners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-territory.h"

G_DEFINE_QUARK (aplomb-territory-error-quark, aplomb_territory_error)

/* Everything a territory holds, kept apart from the GObject so that
 * aplomb_territory_swap() can exchange two contents in one assignment. */
typedef struct
{
  /* The texts of the communes live in one chunk, freed at once: France
   * has 35 000 communes and five texts each. */
  GStringChunk *texts;
  GPtrArray  *codes;          /* char *, one per commune, in texts */
  GPtrArray  *names;
  GPtrArray  *departements;
  GPtrArray  *epcis;          /* char * or NULL */
  GPtrArray  *epci_names;
  GPtrArray  *postcodes;      /* GStrv or NULL */
  GHashTable *index;          /* code → GUINT_TO_POINTER (commune + 1) */

  GArray     *population;     /* double */
  GArray     *share_75plus;   /* double */
  guint       n_age_bands;
  guint      *age_lower_bounds;
  double     *age_bands;      /* n_communes × n_age_bands */
  GHashTable *columns;        /* name → GArray of double */

  GArray     *feature_offsets; /* guint, n_communes + 1 */
  GArray     *polygon_offsets; /* guint, n_polygons + 1 */
  GArray     *ring_offsets;    /* guint, n_rings + 1 */
  GArray     *coords;          /* double, 2 × n_points */
  GArray     *bboxes;          /* AplombBBox */
  AplombGeometry geometry;     /* views into the arrays above */

  GArray     *inner_points;   /* double pairs; NaN until supplied or computed */
  GArray     *has_chef_lieu;  /* gboolean */

  /* Uniform grid over the bounding boxes, built on the first lookup: cell c
   * lists the communes cell_items[cell_offsets[c] .. cell_offsets[c+1]-1]. */
  AplombBBox  grid_extent;
  guint       grid_size;      /* cells per side; 0 when not built */
  guint      *cell_offsets;
  guint      *cell_items;

  GArray     *practitioners;  /* AplombPractitioner */
  GArray     *facilities;     /* AplombFacility */
  GPtrArray  *sources;        /* AplombSource */
} TerritoryData;

struct _AplombTerritory
{
  GObject       parent_instance;
  TerritoryData data;
};

G_DEFINE_FINAL_TYPE (AplombTerritory, aplomb_territory, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *profession_names[APLOMB_N_PROFESSIONS] = {
  "gp",
  "nurse",
  "physiotherapist",
  "midwife",
  "dentist",
  "other_physician",
};

static void
clear_facility (gpointer data)
{
  AplombFacility *facility = data;

  g_clear_pointer (&facility->finess, g_free);
  g_clear_pointer (&facility->name, g_free);
}

static void
free_double_array (gpointer data)
{
  g_array_unref (data);
}

static GArray *
new_guint_array_with_zero (void)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0;

  g_array_append_val (array, zero);
  return array;
}

static void
territory_data_init (TerritoryData *data)
{
  data->texts = g_string_chunk_new (64 * 1024);
  data->codes = g_ptr_array_new ();
  data->names = g_ptr_array_new ();
  data->departements = g_ptr_array_new ();
  data->epcis = g_ptr_array_new ();
  data->epci_names = g_ptr_array_new ();
  data->postcodes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  data->index = g_hash_table_new (g_str_hash, g_str_equal);
  data->population = g_array_new (FALSE, FALSE, sizeof (double));
  data->share_75plus = g_array_new (FALSE, FALSE, sizeof (double));
  data->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_double_array);
  data->feature_offsets = new_guint_array_with_zero ();
  data->polygon_offsets = new_guint_array_with_zero ();
  data->ring_offsets = new_guint_array_with_zero ();
  data->coords = g_array_new (FALSE, FALSE, sizeof (double));
  data->bboxes = g_array_new (FALSE, FALSE, sizeof (AplombBBox));
  data->inner_points = g_array_new (FALSE, FALSE, sizeof (double));
  data->has_chef_lieu = g_array_new (FALSE, TRUE, sizeof (gboolean));
  data->practitioners = g_array_new (FALSE, FALSE, sizeof (AplombPractitioner));
  data->facilities = g_array_new (FALSE, FALSE, sizeof (AplombFacility));
  g_array_set_clear_func (data->facilities, clear_facility);
  data->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) aplomb_source_free);
}

static void
clear_grid (TerritoryData *data)
{
  g_clear_pointer (&data->cell_offsets, g_free);
  g_clear_pointer (&data->cell_items, g_free);
  data->grid_size = 0;
}

static void
territory_data_clear (TerritoryData *data)
{
  g_clear_pointer (&data->codes, g_ptr_array_unref);
  g_clear_pointer (&data->names, g_ptr_array_unref);
  g_clear_pointer (&data->departements, g_ptr_array_unref);
  g_clear_pointer (&data->epcis, g_ptr_array_unref);
  g_clear_pointer (&data->epci_names, g_ptr_array_unref);
  g_clear_pointer (&data->texts, g_string_chunk_free);
  g_clear_pointer (&data->postcodes, g_ptr_array_unref);
  g_clear_pointer (&data->index, g_hash_table_unref);
  g_clear_pointer (&data->population, g_array_unref);
  g_clear_pointer (&data->share_75plus, g_array_unref);
  g_clear_pointer (&data->age_lower_bounds, g_free);
  g_clear_pointer (&data->age_bands, g_free);
  g_clear_pointer (&data->columns, g_hash_table_unref);
  g_clear_pointer (&data->feature_offsets, g_array_unref);
  g_clear_pointer (&data->polygon_offsets, g_array_unref);
  g_clear_pointer (&data->ring_offsets, g_array_unref);
  g_clear_pointer (&data->coords, g_array_unref);
  g_clear_pointer (&data->bboxes, g_array_unref);
  g_clear_pointer (&data->inner_points, g_array_unref);
  g_clear_pointer (&data->has_chef_lieu, g_array_unref);
  g_clear_pointer (&data->practitioners, g_array_unref);
  g_clear_pointer (&data->facilities, g_array_unref);
  g_clear_pointer (&data->sources, g_ptr_array_unref);
  clear_grid (data);
}

static void
aplomb_territory_finalize (GObject *object)
{
  AplombTerritory *self = APLOMB_TERRITORY (object);

  territory_data_clear (&self->data);
  G_OBJECT_CLASS (aplomb_territory_parent_class)->finalize (object);
}

static void
aplomb_territory_class_init (AplombTerritoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aplomb_territory_finalize;

  /**
   * AplombTerritory::changed:
   *
   * Emitted when the content was replaced as a whole (an import succeeded).
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
aplomb_territory_init (AplombTerritory *self)
{
  territory_data_init (&self->data);
}

AplombTerritory *
aplomb_territory_new (void)
{
  return g_object_new (APLOMB_TYPE_TERRITORY, NULL);
}

static GArray *
copy_array (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

/* A copy of text (NULL for none) in the chunk; departements and EPCIs
 * repeat from commune to commune and are shared. */
static char *
chunk_text (GStringChunk *texts,
            const char   *text,
            gboolean      shared)
{
  if (text == NULL)
    return NULL;
  return shared ? g_string_chunk_insert_const (texts, text) : g_string_chunk_insert (texts, text);
}

static void
copy_strings (GStringChunk *texts,
              GPtrArray    *to,
              GPtrArray    *from,
              gboolean      shared)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, chunk_text (texts, g_ptr_array_index (from, i), shared));
}

static void
replace_array (GArray **slot,
               GArray  *array)
{
  g_array_unref (*slot);
  *slot = array;
}

AplombTerritory *
aplomb_territory_copy (AplombTerritory *self)
{
  AplombTerritory *copy;
  TerritoryData *to;
  const TerritoryData *from;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  copy = aplomb_territory_new ();
  to = &copy->data;
  from = &self->data;
  copy_strings (to->texts, to->codes, from->codes, FALSE);
  copy_strings (to->texts, to->names, from->names, FALSE);
  copy_strings (to->texts, to->departements, from->departements, TRUE);
  copy_strings (to->texts, to->epcis, from->epcis, TRUE);
  copy_strings (to->texts, to->epci_names, from->epci_names, TRUE);
  for (guint i = 0; i < from->postcodes->len; i++)
    g_ptr_array_add (to->postcodes, g_strdupv (g_ptr_array_index (from->postcodes, i)));
  for (guint i = 0; i < to->codes->len; i++)
    g_hash_table_insert (to->index, g_ptr_array_index (to->codes, i), GUINT_TO_POINTER (i + 1));

  replace_array (&to->population, copy_array (from->population));
  replace_array (&to->share_75plus, copy_array (from->share_75plus));
  to->n_age_bands = from->n_age_bands;
  to->age_lower_bounds = g_memdup2 (from->age_lower_bounds, from->n_age_bands * sizeof (guint));
  to->age_bands = g_memdup2 (from->age_bands,
                             (gsize) from->n_age_bands * from->codes->len * sizeof (double));
  g_hash_table_iter_init (&iter, from->columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to->columns, g_strdup (key), copy_array (value));

  replace_array (&to->feature_offsets, copy_array (from->feature_offsets));
  replace_array (&to->polygon_offsets, copy_array (from->polygon_offsets));
  replace_array (&to->ring_offsets, copy_array (from->ring_offsets));
  replace_array (&to->coords, copy_array (from->coords));
  replace_array (&to->bboxes, copy_array (from->bboxes));
  replace_array (&to->inner_points, copy_array (from->inner_points));
  replace_array (&to->has_chef_lieu, copy_array (from->has_chef_lieu));

  replace_array (&to->practitioners, copy_array (from->practitioners));
  for (guint i = 0; i < from->facilities->len; i++)
    aplomb_territory_add_facility (copy, &g_array_index (from->facilities, AplombFacility, i));
  for (guint i = 0; i < from->sources->len; i++)
    g_ptr_array_add (to->sources, aplomb_source_copy (g_ptr_array_index (from->sources, i)));

  return copy;
}

void
aplomb_territory_swap (AplombTerritory *self,
                       AplombTerritory *other)
{
  TerritoryData tmp;

  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (APLOMB_IS_TERRITORY (other));

  tmp = self->data;
  self->data = other->data;
  other->data = tmp;
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (other, signals[CHANGED], 0);
}

/* Communes */

guint
aplomb_territory_get_n_communes (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), 0);

  return self->data.codes->len;
}

int
aplomb_territory_lookup (AplombTerritory *self,
                         const char      *insee_code)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), -1);
  g_return_val_if_fail (insee_code != NULL, -1);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->data.index, insee_code)) - 1;
}

static const char *
get_commune_string (AplombTerritory *self,
                    GPtrArray       *strings,
                    guint            commune)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);
  g_return_val_if_fail (commune < self->data.codes->len, NULL);

  return g_ptr_array_index (strings, commune);
}

const char *
aplomb_territory_get_code (AplombTerritory *self,
                           guint            commune)
{
  return get_commune_string (self, self->data.codes, commune);
}

const char *
aplomb_territory_get_name (AplombTerritory *self,
                           guint            commune)
{
  return get_commune_string (self, self->data.names, commune);
}

const char *
aplomb_territory_get_departement (AplombTerritory *self,
                                  guint            commune)
{
  return get_commune_string (self, self->data.departements, commune);
}

const char *
aplomb_territory_get_epci (AplombTerritory *self,
                           guint            commune)
{
  return get_commune_string (self, self->data.epcis, commune);
}

const char *
aplomb_territory_get_epci_name (AplombTerritory *self,
                                guint            commune)
{
  return get_commune_string (self, self->data.epci_names, commune);
}

const char * const *
aplomb_territory_get_postcodes (AplombTerritory *self,
                                guint            commune)
{
  return (const char * const *) get_commune_string (self, self->data.postcodes, commune);
}

static void
append_nan (GArray *array,
            guint   n)
{
  double nan_value = NAN;

  for (guint i = 0; i < n; i++)
    g_array_append_val (array, nan_value);
}

/* Grows every per-commune vector by one unknown value. */
static void
extend_vectors (TerritoryData *data)
{
  guint n = data->codes->len;
  guint last_polygon = g_array_index (data->feature_offsets, guint, n - 1);
  AplombBBox empty = { NAN, NAN, NAN, NAN };
  gboolean no = FALSE;
  GHashTableIter iter;
  gpointer value;

  append_nan (data->population, 1);
  append_nan (data->share_75plus, 1);
  if (data->n_age_bands > 0)
    {
      data->age_bands = g_renew (double, data->age_bands, (gsize) n * data->n_age_bands);
      for (guint b = 0; b < data->n_age_bands; b++)
        data->age_bands[(gsize) (n - 1) * data->n_age_bands + b] = NAN;
    }
  g_hash_table_iter_init (&iter, data->columns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    append_nan (value, 1);
  g_array_append_val (data->feature_offsets, last_polygon);
  g_array_append_val (data->bboxes, empty);
  append_nan (data->inner_points, 2);
  g_array_append_val (data->has_chef_lieu, no);
  clear_grid (data);
}

guint
aplomb_territory_add_commune (AplombTerritory *self,
                              const char      *insee_code,
                              const char      *name,
                              const char      *departement)
{
  TerritoryData *data;
  char *code;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), 0);
  g_return_val_if_fail (insee_code != NULL, 0);
  g_return_val_if_fail (aplomb_territory_lookup (self, insee_code) < 0, 0);

  data = &self->data;
  code = chunk_text (data->texts, insee_code, FALSE);
  g_ptr_array_add (data->codes, code);
  g_ptr_array_add (data->names, name != NULL ? chunk_text (data->texts, name, FALSE) : code);
  g_ptr_array_add (data->departements, chunk_text (data->texts, departement, TRUE));
  g_ptr_array_add (data->epcis, NULL);
  g_ptr_array_add (data->epci_names, NULL);
  g_ptr_array_add (data->postcodes, NULL);
  g_hash_table_insert (data->index, code, GUINT_TO_POINTER (data->codes->len));
  extend_vectors (data);

  return data->codes->len - 1;
}

void
aplomb_territory_set_epci (AplombTerritory *self,
                           guint            commune,
                           const char      *siren,
                           const char      *name)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (commune < self->data.codes->len);

  /* The texts replaced stay in the chunk: EPCIs are set once per import. */
  g_ptr_array_index (self->data.epcis, commune) = chunk_text (self->data.texts, siren, TRUE);
  g_ptr_array_index (self->data.epci_names, commune) = chunk_text (self->data.texts, name, TRUE);
}

void
aplomb_territory_set_postcodes (AplombTerritory    *self,
                                guint               commune,
                                const char * const *postcodes)
{
  aplomb_territory_take_postcodes (self, commune, g_strdupv ((char **) postcodes));
}

void
aplomb_territory_take_postcodes (AplombTerritory *self,
                                 guint            commune,
                                 GStrv            postcodes)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (commune < self->data.codes->len);

  g_strfreev (g_ptr_array_index (self->data.postcodes, commune));
  g_ptr_array_index (self->data.postcodes, commune) = postcodes;
}

/* Populations and columns */

const double *
aplomb_territory_get_population (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  return (const double *) self->data.population->data;
}

const double *
aplomb_territory_get_share_75plus (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  return (const double *) self->data.share_75plus->data;
}

double
aplomb_territory_get_total_population (AplombTerritory *self)
{
  const double *population = aplomb_territory_get_population (self);
  double total = 0;

  for (guint i = 0; i < self->data.codes->len; i++)
    if (!isnan (population[i]))
      total += population[i];
  return total;
}

static void
set_vector (GArray       *vector,
            const double *values)
{
  memcpy (vector->data, values, vector->len * sizeof (double));
}

void
aplomb_territory_set_population (AplombTerritory *self,
                                 const double    *values)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (values != NULL);

  set_vector (self->data.population, values);
}

void
aplomb_territory_set_share_75plus (AplombTerritory *self,
                                   const double    *values)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (values != NULL);

  set_vector (self->data.share_75plus, values);
}

const double *
aplomb_territory_get_age_bands (AplombTerritory *self,
                                guint           *n_age_bands,
                                const guint    **lower_bounds)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  if (n_age_bands != NULL)
    *n_age_bands = self->data.n_age_bands;
  if (lower_bounds != NULL)
    *lower_bounds = self->data.age_lower_bounds;
  return self->data.age_bands;
}

void
aplomb_territory_set_age_bands (AplombTerritory *self,
                                guint            n_age_bands,
                                const guint     *lower_bounds,
                                const double    *values)
{
  TerritoryData *data;

  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (n_age_bands == 0 || (lower_bounds != NULL && values != NULL));

  data = &self->data;
  g_clear_pointer (&data->age_lower_bounds, g_free);
  g_clear_pointer (&data->age_bands, g_free);
  data->n_age_bands = n_age_bands;
  if (n_age_bands == 0)
    return;
  data->age_lower_bounds = g_memdup2 (lower_bounds, n_age_bands * sizeof (guint));
  data->age_bands = g_memdup2 (values, (gsize) n_age_bands * data->codes->len * sizeof (double));
}

const double *
aplomb_territory_get_column (AplombTerritory *self,
                             const char      *name)
{
  GArray *column;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  column = g_hash_table_lookup (self->data.columns, name);
  return column != NULL ? (const double *) column->data : NULL;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
aplomb_territory_list_columns (AplombTerritory *self)
{
  g_autofree const char **names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  names = (const char **) g_hash_table_get_keys_as_array (self->data.columns, &n);
  qsort (names, n, sizeof (char *), compare_names);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, names[i]);
  return g_strv_builder_end (builder);
}

void
aplomb_territory_set_column (AplombTerritory *self,
                             const char      *name,
                             const double    *values)
{
  GArray *column;
  guint n;

  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (values != NULL);

  n = self->data.codes->len;
  column = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_append_vals (column, values, n);
  g_hash_table_replace (self->data.columns, g_strdup (name), column);
}

gboolean
aplomb_territory_remove_column (AplombTerritory *self,
                                const char      *name)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_remove (self->data.columns, name);
}

/* Geometry */

static gboolean
offsets_are_valid (const guint *offsets,
                   guint        n,
                   guint        n_items)
{
  if (offsets == NULL || offsets[0] != 0 || offsets[n] != n_items)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (offsets[i + 1] < offsets[i])
      return FALSE;
  return TRUE;
}

static void
compute_bbox (const TerritoryData *data,
              guint                feature,
              AplombBBox          *bbox)
{
  const guint *features = (const guint *) data->feature_offsets->data;
  const guint *polygons = (const guint *) data->polygon_offsets->data;
  const guint *rings = (const guint *) data->ring_offsets->data;
  const double *coords = (const double *) data->coords->data;
  guint first = rings[polygons[features[feature]]];
  guint last = rings[polygons[features[feature + 1]]];

  if (first == last)
    {
      *bbox = (AplombBBox) { NAN, NAN, NAN, NAN };
      return;
    }
  *bbox = (AplombBBox) { coords[2 * first], coords[2 * first + 1],
                         coords[2 * first], coords[2 * first + 1] };
  /* Plain comparisons rather than fmin () and fmax (): coordinates are
   * never NaN, and these run over every point of France at each load. */
  for (guint k = first + 1; k < last; k++)
    {
      double lon = coords[2 * k], lat = coords[2 * k + 1];

      bbox->min_lon = lon < bbox->min_lon ? lon : bbox->min_lon;
      bbox->max_lon = lon > bbox->max_lon ? lon : bbox->max_lon;
      bbox->min_lat = lat < bbox->min_lat ? lat : bbox->min_lat;
      bbox->max_lat = lat > bbox->max_lat ? lat : bbox->max_lat;
    }
}

static GArray *
array_of (gconstpointer values,
          guint         element_size,
          guint         n)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, element_size, n);

  return g_array_append_vals (array, values, n);
}

static void
assign_array (GArray      **slot,
              gconstpointer values,
              guint         element_size,
              guint         n)
{
  replace_array (slot, array_of (values, element_size, n));
}

static gboolean
geometry_is_valid (TerritoryData *data,
                   guint          n_features,
                   guint          n_polygons,
                   guint          n_rings,
                   guint          n_points,
                   const guint   *features,
                   const guint   *polygons,
                   const guint   *rings,
                   GError       **error)
{
  if (n_features != data->codes->len ||
      !offsets_are_valid (features, n_features, n_polygons) ||
      !offsets_are_valid (polygons, n_polygons, n_rings) ||
      !offsets_are_valid (rings, n_rings, n_points))
    {
      g_set_error (error, APLOMB_TERRITORY_ERROR, APLOMB_TERRITORY_ERROR_INVALID,
                   _("The commune geometry is inconsistent."));
      return FALSE;
    }
  return TRUE;
}

/* Makes the arrays (checked) the geometry, bounding boxes computed when
 * not given. */
static void
adopt_geometry (TerritoryData    *data,
                GArray           *features,
                GArray           *polygons,
                GArray           *rings,
                GArray           *coords,
                const AplombBBox *bboxes)
{
  replace_array (&data->feature_offsets, features);
  replace_array (&data->polygon_offsets, polygons);
  replace_array (&data->ring_offsets, rings);
  replace_array (&data->coords, coords);
  if (bboxes != NULL)
    assign_array (&data->bboxes, bboxes, sizeof (AplombBBox), data->codes->len);
  else
    for (guint i = 0; i < data->codes->len; i++)
      compute_bbox (data, i, &g_array_index (data->bboxes, AplombBBox, i));

  /* Points on surface depend on the geometry; chefs-lieux do not. */
  for (guint i = 0; i < data->codes->len; i++)
    if (!g_array_index (data->has_chef_lieu, gboolean, i))
      g_array_index (data->inner_points, double, 2 * i) = NAN;
  clear_grid (data);
}

gboolean
aplomb_territory_set_geometry (AplombTerritory      *self,
                               const AplombGeometry *geometry,
                               GError              **error)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), FALSE);
  g_return_val_if_fail (geometry != NULL, FALSE);

  if (!geometry_is_valid (&self->data, geometry->n_features, geometry->n_polygons,
                          geometry->n_rings, geometry->n_points, geometry->feature_offsets,
                          geometry->polygon_offsets, geometry->ring_offsets, error))
    return FALSE;
  adopt_geometry (&self->data,
                  array_of (geometry->feature_offsets, sizeof (guint), geometry->n_features + 1),
                  array_of (geometry->polygon_offsets, sizeof (guint), geometry->n_polygons + 1),
                  array_of (geometry->ring_offsets, sizeof (guint), geometry->n_rings + 1),
                  array_of (geometry->coords, sizeof (double), 2 * geometry->n_points),
                  geometry->bboxes);
  return TRUE;
}

gboolean
aplomb_territory_take_geometry (AplombTerritory *self,
                                GArray          *feature_offsets,
                                GArray          *polygon_offsets,
                                GArray          *ring_offsets,
                                GArray          *coords,
                                GError         **error)
{
  g_autoptr(GArray) features = feature_offsets, polygons = polygon_offsets;
  g_autoptr(GArray) rings = ring_offsets, points = coords;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), FALSE);

  if (features->len == 0 || polygons->len == 0 || rings->len == 0 || points->len % 2 != 0 ||
      !geometry_is_valid (&self->data, features->len - 1, polygons->len - 1, rings->len - 1,
                          points->len / 2, (const guint *) features->data,
                          (const guint *) polygons->data, (const guint *) rings->data, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, APLOMB_TERRITORY_ERROR, APLOMB_TERRITORY_ERROR_INVALID,
                     _("The commune geometry is inconsistent."));
      return FALSE;
    }
  adopt_geometry (&self->data, g_steal_pointer (&features), g_steal_pointer (&polygons),
                  g_steal_pointer (&rings), g_steal_pointer (&points), NULL);
  return TRUE;
}

const AplombGeometry *
aplomb_territory_get_geometry (AplombTerritory *self)
{
  TerritoryData *data;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  data = &self->data;
  data->geometry = (AplombGeometry) {
    .n_features = data->feature_offsets->len - 1,
    .n_polygons = data->polygon_offsets->len - 1,
    .n_rings = data->ring_offsets->len - 1,
    .n_points = data->coords->len / 2,
    .feature_offsets = (const guint *) data->feature_offsets->data,
    .polygon_offsets = (const guint *) data->polygon_offsets->data,
    .ring_offsets = (const guint *) data->ring_offsets->data,
    .coords = (const double *) data->coords->data,
    .bboxes = (const AplombBBox *) data->bboxes->data,
  };
  return &data->geometry;
}

static double
ring_area (const double *coords,
           guint         first,
           guint         last)
{
  double twice_area = 0;

  for (guint k = first; k + 1 < last; k++)
    twice_area += coords[2 * k] * coords[2 * k + 3] - coords[2 * k + 2] * coords[2 * k + 1];
  return fabs (twice_area) / 2;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A point inside polygon p: on the horizontal line through the middle of
 * its exterior ring's latitude range, the midpoint of the widest interval
 * that lies inside (crossings of every ring, holes included, sorted). */
static void
point_on_polygon (const AplombGeometry *g,
                  guint                 p,
                  double               *lon,
                  double               *lat)
{
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  guint exterior_first = g->ring_offsets[g->polygon_offsets[p]];
  guint exterior_last = g->ring_offsets[g->polygon_offsets[p] + 1];
  double min_lat = G_MAXDOUBLE, max_lat = -G_MAXDOUBLE, y, best_width = -1;

  for (guint k = exterior_first; k < exterior_last; k++)
    {
      min_lat = MIN (min_lat, g->coords[2 * k + 1]);
      max_lat = MAX (max_lat, g->coords[2 * k + 1]);
    }
  y = (min_lat + max_lat) / 2;

  for (guint r = g->polygon_offsets[p]; r < g->polygon_offsets[p + 1]; r++)
    for (guint k = g->ring_offsets[r]; k + 1 < g->ring_offsets[r + 1]; k++)
      {
        double x1 = g->coords[2 * k], y1 = g->coords[2 * k + 1];
        double x2 = g->coords[2 * k + 2], y2 = g->coords[2 * k + 3];

        if ((y1 > y) != (y2 > y))
          {
            double x = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
            g_array_append_val (crossings, x);
          }
      }
  g_array_sort (crossings, compare_doubles);

  *lon = g->coords[2 * exterior_first];
  *lat = g->coords[2 * exterior_first + 1];
  for (guint c = 0; c + 1 < crossings->len; c += 2)
    {
      double left = g_array_index (crossings, double, c);
      double right = g_array_index (crossings, double, c + 1);

      if (right - left > best_width)
        {
          best_width = right - left;
          *lon = (left + right) / 2;
          *lat = y;
        }
    }
}

static void
compute_point_on_surface (AplombTerritory *self,
                          guint            commune,
                          double          *lon,
                          double          *lat)
{
  const AplombGeometry *g = aplomb_territory_get_geometry (self);
  double best_area = -1;
  int best = -1;

  for (guint p = g->feature_offsets[commune]; p < g->feature_offsets[commune + 1]; p++)
    {
      guint exterior = g->polygon_offsets[p];
      double area = ring_area (g->coords, g->ring_offsets[exterior], g->ring_offsets[exterior + 1]);

      if (area > best_area)
        {
          best_area = area;
          best = p;
        }
    }

  if (best < 0)
    {
      *lon = *lat = NAN;
      return;
    }
  point_on_polygon (g, best, lon, lat);
}

void
aplomb_territory_get_inner_point (AplombTerritory *self,
                                  guint            commune,
                                  double          *lon,
                                  double          *lat)
{
  double *point;

  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (commune < self->data.codes->len);
  g_return_if_fail (lon != NULL && lat != NULL);

  point = &g_array_index (self->data.inner_points, double, 2 * commune);
  if (isnan (point[0]))
    compute_point_on_surface (self, commune, &point[0], &point[1]);
  *lon = point[0];
  *lat = point[1];
}

void
aplomb_territory_set_chef_lieu (AplombTerritory *self,
                                guint            commune,
                                double           lon,
                                double           lat)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (commune < self->data.codes->len);

  g_array_index (self->data.inner_points, double, 2 * commune) = lon;
  g_array_index (self->data.inner_points, double, 2 * commune + 1) = lat;
  g_array_index (self->data.has_chef_lieu, gboolean, commune) = !isnan (lon) && !isnan (lat);
}

gboolean
aplomb_territory_has_chef_lieu (AplombTerritory *self,
                                guint            commune)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), FALSE);
  g_return_val_if_fail (commune < self->data.codes->len, FALSE);

  return g_array_index (self->data.has_chef_lieu, gboolean, commune);
}

/* Spatial index */

static void
grid_cell_range (const TerritoryData *data,
                 const AplombBBox    *bbox,
                 guint               *x0,
                 guint               *y0,
                 guint               *x1,
                 guint               *y1)
{
  const AplombBBox *e = &data->grid_extent;
  double sx = data->grid_size / MAX (e->max_lon - e->min_lon, 1e-9);
  double sy = data->grid_size / MAX (e->max_lat - e->min_lat, 1e-9);

  *x0 = (guint) CLAMP ((bbox->min_lon - e->min_lon) * sx, 0, data->grid_size - 1);
  *x1 = (guint) CLAMP ((bbox->max_lon - e->min_lon) * sx, 0, data->grid_size - 1);
  *y0 = (guint) CLAMP ((bbox->min_lat - e->min_lat) * sy, 0, data->grid_size - 1);
  *y1 = (guint) CLAMP ((bbox->max_lat - e->min_lat) * sy, 0, data->grid_size - 1);
}

/* Two passes of a counting sort: count the communes of each cell, then
 * fill the cells. About one commune per cell on average. */
static void
build_grid (TerritoryData *data)
{
  const AplombBBox *bboxes = (const AplombBBox *) data->bboxes->data;
  guint n = data->bboxes->len, n_cells;
  g_autofree guint *fill = NULL;

  data->grid_extent = (AplombBBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < n; i++)
    if (!isnan (bboxes[i].min_lon))
      {
        data->grid_extent.min_lon = MIN (data->grid_extent.min_lon, bboxes[i].min_lon);
        data->grid_extent.min_lat = MIN (data->grid_extent.min_lat, bboxes[i].min_lat);
        data->grid_extent.max_lon = MAX (data->grid_extent.max_lon, bboxes[i].max_lon);
        data->grid_extent.max_lat = MAX (data->grid_extent.max_lat, bboxes[i].max_lat);
      }
  data->grid_size = MAX (1, (guint) sqrt (n));
  n_cells = data->grid_size * data->grid_size;
  data->cell_offsets = g_new0 (guint, n_cells + 1);
  fill = g_new0 (guint, n_cells);

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          guint x0, y0, x1, y1;

          if (isnan (bboxes[i].min_lon))
            continue;
          grid_cell_range (data, &bboxes[i], &x0, &y0, &x1, &y1);
          for (guint y = y0; y <= y1; y++)
            for (guint x = x0; x <= x1; x++)
              {
                guint cell = y * data->grid_size + x;

                if (pass == 0)
                  data->cell_offsets[cell + 1]++;
                else
                  data->cell_items[data->cell_offsets[cell] + fill[cell]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < n_cells; c++)
            data->cell_offsets[c + 1] += data->cell_offsets[c];
          data->cell_items = g_new (guint, MAX (1, data->cell_offsets[n_cells]));
        }
    }
}

/* Even-odd rule over every ring of the commune: holes and enclaves count. */
static gboolean
feature_contains (const AplombGeometry *g,
                  guint                 feature,
                  double                lon,
                  double                lat)
{
  gboolean inside = FALSE;

  for (guint p = g->feature_offsets[feature]; p < g->feature_offsets[feature + 1]; p++)
    for (guint r = g->polygon_offsets[p]; r < g->polygon_offsets[p + 1]; r++)
      for (guint k = g->ring_offsets[r]; k + 1 < g->ring_offsets[r + 1]; k++)
        {
          double x1 = g->coords[2 * k], y1 = g->coords[2 * k + 1];
          double x2 = g->coords[2 * k + 2], y2 = g->coords[2 * k + 3];

          if ((y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1))
            inside = !inside;
        }
  return inside;
}

int
aplomb_territory_find_commune_at (AplombTerritory *self,
                                  double           lon,
                                  double           lat)
{
  TerritoryData *data;
  const AplombGeometry *g;
  AplombBBox point = { lon, lat, lon, lat };
  guint x, y, x1, y1, cell;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), -1);

  data = &self->data;
  if (data->codes->len == 0)
    return -1;
  if (data->grid_size == 0)
    build_grid (data);
  if (lon < data->grid_extent.min_lon || lon > data->grid_extent.max_lon ||
      lat < data->grid_extent.min_lat || lat > data->grid_extent.max_lat)
    return -1;

  g = aplomb_territory_get_geometry (self);
  grid_cell_range (data, &point, &x, &y, &x1, &y1);
  cell = y * data->grid_size + x;
  for (guint c = data->cell_offsets[cell]; c < data->cell_offsets[cell + 1]; c++)
    {
      guint i = data->cell_items[c];
      const AplombBBox *b = &g->bboxes[i];

      if (lon >= b->min_lon && lon <= b->max_lon && lat >= b->min_lat && lat <= b->max_lat &&
          feature_contains (g, i, lon, lat))
        return i;
    }
  return -1;
}

/* Practitioners, facilities and sources */

guint
aplomb_territory_get_n_practitioners (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), 0);

  return self->data.practitioners->len;
}

const AplombPractitioner *
aplomb_territory_get_practitioners (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  return (const AplombPractitioner *) self->data.practitioners->data;
}

void
aplomb_territory_add_practitioner (AplombTerritory          *self,
                                   const AplombPractitioner *practitioner)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (practitioner != NULL);
  g_return_if_fail (practitioner->commune < (int) self->data.codes->len);

  g_array_append_vals (self->data.practitioners, practitioner, 1);
}

guint
aplomb_territory_remove_practitioners (AplombTerritory *self,
                                       AplombProfession profession)
{
  GArray *practitioners;
  guint kept = 0, removed;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), 0);

  practitioners = self->data.practitioners;
  for (guint i = 0; i < practitioners->len; i++)
    {
      AplombPractitioner *p = &g_array_index (practitioners, AplombPractitioner, i);

      if (p->profession != profession)
        g_array_index (practitioners, AplombPractitioner, kept++) = *p;
    }
  removed = practitioners->len - kept;
  g_array_set_size (practitioners, kept);
  return removed;
}

guint
aplomb_territory_get_n_facilities (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), 0);

  return self->data.facilities->len;
}

const AplombFacility *
aplomb_territory_get_facilities (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  return (const AplombFacility *) self->data.facilities->data;
}

void
aplomb_territory_add_facility (AplombTerritory      *self,
                               const AplombFacility *facility)
{
  AplombFacility copy;

  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (facility != NULL);

  copy = *facility;
  copy.finess = g_strdup (facility->finess);
  copy.name = g_strdup (facility->name);
  g_array_append_val (self->data.facilities, copy);
}

void
aplomb_territory_remove_facilities (AplombTerritory *self)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));

  g_array_set_size (self->data.facilities, 0);
}

GPtrArray *
aplomb_territory_get_sources (AplombTerritory *self)
{
  g_return_val_if_fail (APLOMB_IS_TERRITORY (self), NULL);

  return self->data.sources;
}

void
aplomb_territory_add_source (AplombTerritory *self,
                             AplombSource    *source)
{
  g_return_if_fail (APLOMB_IS_TERRITORY (self));
  g_return_if_fail (source != NULL);

  g_ptr_array_add (self->data.sources, source);
}

AplombSource *
aplomb_source_new (const char *kind,
                   const char *file_name,
                   const char *sha256,
                   GDateTime  *imported,
                   const char *millesime,
                   const char *licence)
{
  AplombSource *source = g_new0 (AplombSource, 1);

  source->kind = g_strdup (kind);
  source->file_name = g_strdup (file_name);
  source->sha256 = g_strdup (sha256);
  source->imported = imported != NULL ? g_date_time_ref (imported) : NULL;
  source->millesime = g_strdup (millesime);
  source->licence = g_strdup (licence);
  return source;
}

AplombSource *
aplomb_source_copy (const AplombSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return aplomb_source_new (source->kind, source->file_name, source->sha256, source->imported,
                            source->millesime, source->licence);
}

void
aplomb_source_free (AplombSource *source)
{
  if (source == NULL)
    return;
  g_free (source->kind);
  g_free (source->file_name);
  g_free (source->sha256);
  g_clear_pointer (&source->imported, g_date_time_unref);
  g_free (source->millesime);
  g_free (source->licence);
  g_free (source);
}

/* Professions */

const char *
aplomb_profession_to_string (AplombProfession profession)
{
  g_return_val_if_fail (profession < APLOMB_N_PROFESSIONS, NULL);

  return profession_names[profession];
}

const char *
aplomb_profession_get_label (AplombProfession profession)
{
  static const char *labels[APLOMB_N_PROFESSIONS] = {
    N_("General practitioners"),
    N_("Nurses"),
    N_("Physiotherapists"),
    N_("Midwives"),
    N_("Dentists"),
    N_("Other physicians"),
  };

  g_return_val_if_fail (profession < APLOMB_N_PROFESSIONS, NULL);

  return _(labels[profession]);
}

gboolean
aplomb_profession_from_string (const char       *name,
                               AplombProfession *profession)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    if (g_str_equal (name, profession_names[p]))
      {
        if (profession != NULL)
          *profession = p;
        return TRUE;
      }
  return FALSE;
}
