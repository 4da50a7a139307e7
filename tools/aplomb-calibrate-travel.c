/* aplomb-calibrate-travel.c: fit the straight-line travel-time model
 *
 * DREES publishes, for every commune, the road time (Metric) to the nearest
 * emergency service; communes at 0 min host one. The observed time of a
 * commune is therefore min over sites j of its road time to j, and a model
 * of commune-to-commune times predicts it as min over sites of its own
 * times. This tool fits the model variants of docs/travel-times.md on some
 * départements, reports their errors on the others, and writes the chosen
 * variant, fitted on every commune, to data/travel-model.ini.
 *
 *   aplomb-calibrate-travel DATA_DIR [OUTPUT.ini]
 *
 * DATA_DIR holds communes-points-2024.csv, emergency-times-drees-2019.csv
 * and cog-passage-2024.csv (data/france). Deterministic: no random draw
 * other than a fixed-seed commune split.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aplomb-core.h"
#include "aplomb-gdal.h"
#include "aplomb-travel-model.h"

#define N_CANDIDATES 10     /* nearest sites tried per commune */
#define EVAL_MAX_MINUTES 30 /* observations scored: the APL horizon */
#define DENSITY_RADIUS_KM 5

typedef struct
{
  guint    n;
  GPtrArray *codes;
  int       *dep;       /* département number, Corsica 20 */
  double    *lon[2];    /* centroid, point on surface */
  double    *lat[2];
  double    *observed;  /* minutes, NaN when unknown */
  double    *density;
  guint      n_sites;
  guint     *sites;
} Data;

typedef struct
{
  const char *name;
  guint       point;        /* 0 centroid, 1 point on surface */
  gboolean    sqrt_term;
  gboolean    density_term;
  double      field_step;   /* degrees of latitude, 0 for no field */
  double      smoothing;
  double      fit_max;      /* observations used for fitting, minutes */
  gboolean    robust;       /* least absolute deviations (IRLS), else squares */
} Variant;

/* One observation used in a fit: commune i and its candidate sites. */
typedef struct
{
  guint i;
  guint candidates[N_CANDIDATES];
  guint site;  /* current choice among them */
  double weight;
} Observation;

static GDALDatasetH
open_csv (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *options[] = { "AUTODETECT_TYPE=NO", NULL };
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, options, NULL);

  if (dataset == NULL)
    {
      g_printerr ("Cannot open %s\n", path);
      exit (1);
    }
  return dataset;
}

static int
departement_number (const char *dep)
{
  return g_ascii_toupper (dep[1]) == 'A' || g_ascii_toupper (dep[1]) == 'B' ? 20 : atoi (dep);
}

static void
load_points (Data       *data,
             const char *dir,
             GHashTable *index)
{
  GDALDatasetH ds = open_csv (dir, "communes-points-2024.csv");
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  const char *fields[] = { "centroid_lon", "centroid_lat", "pos_lon", "pos_lat" };
  int f[4];
  OGRFeatureH feature;

  for (guint k = 0; k < 4; k++)
    f[k] = OGR_FD_GetFieldIndex (defn, fields[k]);
  data->n = OGR_L_GetFeatureCount (layer, TRUE);
  data->codes = g_ptr_array_new_with_free_func (g_free);
  data->dep = g_new (int, data->n);
  for (guint p = 0; p < 2; p++)
    {
      data->lon[p] = g_new (double, data->n);
      data->lat[p] = g_new (double, data->n);
    }
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      guint i = data->codes->len;

      g_ptr_array_add (data->codes, g_strdup (OGR_F_GetFieldAsString (feature, 0)));
      g_hash_table_insert (index, data->codes->pdata[i], GUINT_TO_POINTER (i + 1));
      data->dep[i] = departement_number (OGR_F_GetFieldAsString (feature, 2));
      for (guint p = 0; p < 2; p++)
        {
          data->lon[p][i] = g_ascii_strtod (OGR_F_GetFieldAsString (feature, f[2 * p]), NULL);
          data->lat[p][i] = g_ascii_strtod (OGR_F_GetFieldAsString (feature, f[2 * p + 1]), NULL);
        }
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);
}

/* The emergency times use COG 2026 codes: those not in the COG 2024 list
 * are mapped through the passage table. */
static void
load_observations (Data       *data,
                   const char *dir,
                   GHashTable *index)
{
  g_autoptr(GHashTable) passage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDALDatasetH ds = open_csv (dir, "cog-passage-2024.csv");
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureH feature;
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (guint));

  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_hash_table_insert (passage, g_strdup (OGR_F_GetFieldAsString (feature, 0)),
                           g_strdup (OGR_F_GetFieldAsString (feature, 1)));
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);

  data->observed = g_new (double, data->n);
  for (guint i = 0; i < data->n; i++)
    data->observed[i] = NAN;
  ds = open_csv (dir, "emergency-times-drees-2019.csv");
  layer = GDALDatasetGetLayer (ds, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (feature, 0);
      const char *text = OGR_F_GetFieldAsString (feature, 3);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, code));

      if (i == 0 && g_hash_table_contains (passage, code))
        i = GPOINTER_TO_UINT (g_hash_table_lookup (index, g_hash_table_lookup (passage, code)));
      /* A merged commune keeps the first time met: its old parts differ
       * by a few minutes at most. */
      if (i > 0 && *text != '\0' && isnan (data->observed[i - 1]))
        data->observed[i - 1] = g_ascii_strtod (text, NULL);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);

  for (guint i = 0; i < data->n; i++)
    if (data->observed[i] == 0)
      g_array_append_val (sites, i);
  data->n_sites = sites->len;
  data->sites = g_memdup2 (sites->data, sites->len * sizeof (guint));
}

static double
pair_km (const Data *data,
         guint       point,
         guint       i,
         guint       j)
{
  return aplomb_travel_distance_km (data->lon[point][i], data->lat[point][i],
                                    data->lon[point][j], data->lat[point][j]);
}

static double
pair_minutes (const Data              *data,
              const AplombTravelModel *model,
              guint                    point,
              guint                    i,
              guint                    j)
{
  return aplomb_travel_model_minutes (model, pair_km (data, point, i, j),
                                      (data->lon[point][i] + data->lon[point][j]) / 2,
                                      (data->lat[point][i] + data->lat[point][j]) / 2,
                                      (data->density[i] + data->density[j]) / 2);
}

/* The N_CANDIDATES sites nearest to commune i, by straight line. */
static void
find_candidates (const Data  *data,
                 guint        point,
                 Observation *o)
{
  double best[N_CANDIDATES];

  for (guint k = 0; k < N_CANDIDATES; k++)
    best[k] = G_MAXDOUBLE;
  for (guint s = 0; s < data->n_sites; s++)
    {
      double km = pair_km (data, point, o->i, data->sites[s]);
      guint k = N_CANDIDATES;

      while (k > 0 && km < best[k - 1])
        {
          if (k < N_CANDIDATES)
            {
              best[k] = best[k - 1];
              o->candidates[k] = o->candidates[k - 1];
            }
          k--;
        }
      if (k < N_CANDIDATES)
        {
          best[k] = km;
          o->candidates[k] = data->sites[s];
        }
    }
  o->site = o->candidates[0];
}

static double
predict (const Data              *data,
         const AplombTravelModel *model,
         guint                    point,
         Observation             *o)
{
  double best = G_MAXDOUBLE;

  for (guint k = 0; k < N_CANDIDATES; k++)
    {
      double t = pair_minutes (data, model, point, o->i, o->candidates[k]);

      if (t < best)
        {
          best = t;
          o->site = o->candidates[k];
        }
    }
  return best;
}

/* Solves the n × n system a x = b (Gaussian elimination, partial pivot). */
static void
solve (double *a,
       double *b,
       guint   n)
{
  for (guint c = 0; c < n; c++)
    {
      guint pivot = c;

      for (guint r = c + 1; r < n; r++)
        if (fabs (a[r * n + c]) > fabs (a[pivot * n + c]))
          pivot = r;
      for (guint k = 0; k < n; k++)
        {
          double t = a[c * n + k];
          a[c * n + k] = a[pivot * n + k];
          a[pivot * n + k] = t;
        }
      {
        double t = b[c];
        b[c] = b[pivot];
        b[pivot] = t;
      }
      for (guint r = c + 1; r < n; r++)
        {
          double f = a[r * n + c] / a[c * n + c];

          for (guint k = c; k < n; k++)
            a[r * n + k] -= f * a[c * n + k];
          b[r] -= f * b[c];
        }
    }
  for (int r = n - 1; r >= 0; r--)
    {
      for (guint k = r + 1; k < n; k++)
        b[r] -= a[r * n + k] * b[k];
      b[r] /= a[r * n + r];
    }
}

/* Global terms by least squares, the field held fixed. */
static void
fit_global (const Data        *data,
            const Variant     *v,
            AplombTravelModel *model,
            const Observation *obs,
            guint              n_obs)
{
  double a[16] = { 0 }, b[4] = { 0 };
  guint n = 2 + (v->sqrt_term ? 1 : 0) + (v->density_term ? 1 : 0);

  for (guint o = 0; o < n_obs; o++)
    {
      guint i = obs[o].i, j = obs[o].site, p = v->point;
      double km = pair_km (data, p, i, j);
      double field = aplomb_travel_model_field_at (model, (data->lon[p][i] + data->lon[p][j]) / 2,
                                                   (data->lat[p][i] + data->lat[p][j]) / 2);
      double z = (data->density[i] + data->density[j]) / 2 - model->density_mean;
      double x[4];
      guint k = 0;
      double y = data->observed[i] - field * km;
      double w = obs[o].weight;

      x[k++] = 1;
      x[k++] = km;
      if (v->sqrt_term)
        x[k++] = sqrt (km);
      if (v->density_term)
        x[k++] = z * km;
      for (guint r = 0; r < n; r++)
        {
          for (guint c = 0; c < n; c++)
            a[r * n + c] += w * x[r] * x[c];
          b[r] += w * x[r] * y;
        }
    }
  solve (a, b, n);
  model->intercept = b[0];
  model->per_km = b[1];
  model->per_sqrt_km = v->sqrt_term ? b[2] : 0;
  model->per_km_density = v->density_term ? b[n - 1] : 0;
}

/* The field by coordinate descent on its nodes: least squares on the
 * residuals of the global terms, with a penalty on differences between
 * neighbouring nodes (smoothing) and a small one towards 0, so that nodes
 * without observations take their neighbours' values. */
static void
fit_field (const Data        *data,
           const Variant     *v,
           AplombTravelModel *model,
           const Observation *obs,
           guint              n_obs)
{
  guint n_nodes = model->nx * model->ny, p = v->point;
  g_autofree guint *node = g_new (guint, 4 * n_obs);
  g_autofree double *coef = g_new (double, 4 * n_obs);
  g_autofree double *residual = g_new (double, n_obs);
  g_autofree guint *offsets = g_new0 (guint, n_nodes + 1);
  g_autofree guint *members = g_new (guint, 4 * n_obs);
  g_autofree guint *fill = NULL;

  for (guint o = 0; o < n_obs; o++)
    {
      guint i = obs[o].i, j = obs[o].site;
      double km = pair_km (data, p, i, j);
      double mx = (data->lon[p][i] + data->lon[p][j]) / 2;
      double my = (data->lat[p][i] + data->lat[p][j]) / 2;
      double fx = CLAMP ((mx - model->lon0) / model->dlon, 0, model->nx - 1.000001);
      double fy = CLAMP ((my - model->lat0) / model->dlat, 0, model->ny - 1.000001);
      guint x = fx, y = fy;
      double tx = fx - x, ty = fy - y;

      node[4 * o] = y * model->nx + x;
      node[4 * o + 1] = y * model->nx + x + 1;
      node[4 * o + 2] = (y + 1) * model->nx + x;
      node[4 * o + 3] = (y + 1) * model->nx + x + 1;
      coef[4 * o] = (1 - tx) * (1 - ty) * km;
      coef[4 * o + 1] = tx * (1 - ty) * km;
      coef[4 * o + 2] = (1 - tx) * ty * km;
      coef[4 * o + 3] = tx * ty * km;
      residual[o] = data->observed[i] - pair_minutes (data, model, p, i, j);
      for (guint k = 0; k < 4; k++)
        offsets[node[4 * o + k] + 1]++;
    }
  for (guint n = 0; n < n_nodes; n++)
    offsets[n + 1] += offsets[n];
  fill = g_memdup2 (offsets, n_nodes * sizeof *fill);
  for (guint o = 0; o < 4 * n_obs; o++)
    members[fill[node[o]]++] = o;

  for (guint sweep = 0; sweep < 60; sweep++)
    for (guint n = 0; n < n_nodes; n++)
      {
        guint x = n % model->nx, y = n / model->nx;
        double num = 0, den = 1e-3 * v->smoothing, old = model->field[n], value;
        int neighbours[4][2] = { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } };

        for (guint m = offsets[n]; m < offsets[n + 1]; m++)
          {
            guint o = members[m] / 4;
            double c = coef[members[m]];

            num += obs[o].weight * c * (residual[o] + c * old);
            den += obs[o].weight * c * c;
          }
        for (guint k = 0; k < 4; k++)
          {
            int xx = (int) x + neighbours[k][0], yy = (int) y + neighbours[k][1];

            if (xx < 0 || yy < 0 || xx >= (int) model->nx || yy >= (int) model->ny)
              continue;
            num += v->smoothing * model->field[yy * model->nx + xx];
            den += v->smoothing;
          }
        value = num / den;
        model->field[n] = value;
        for (guint m = offsets[n]; m < offsets[n + 1]; m++)
          residual[members[m] / 4] -= coef[members[m]] * (value - old);
      }
}

static AplombTravelModel *
fit (const Data    *data,
     const Variant *v,
     const gboolean *train)
{
  AplombTravelModel *model = g_new0 (AplombTravelModel, 1);
  g_autoptr(GArray) obs = g_array_new (FALSE, FALSE, sizeof (Observation));
  double total = 0;

  model->density_radius_km = DENSITY_RADIUS_KM;
  for (guint i = 0; i < data->n; i++)
    total += data->density[i];
  model->density_mean = total / data->n;
  if (v->field_step > 0)
    {
      model->lat0 = 41.2;
      model->lon0 = -5.3;
      model->dlat = v->field_step;
      model->dlon = v->field_step * 1.45;  /* about square at 46.5° N */
      model->ny = (guint) ((51.2 - model->lat0) / model->dlat) + 2;
      model->nx = (guint) ((9.7 - model->lon0) / model->dlon) + 2;
      model->field = g_new0 (double, model->nx * model->ny);
    }

  for (guint i = 0; i < data->n; i++)
    if (train[i] && data->observed[i] > 0 && data->observed[i] <= v->fit_max)
      {
        Observation o = { i, .weight = 1 };

        find_candidates (data, v->point, &o);
        g_array_append_val (obs, o);
      }

  /* Alternate: global terms, field, then each commune's site under the
   * current model (the nearest site in time need not be the nearest in
   * distance once the field bends times) and, for absolute deviations, the
   * IRLS weights 1 / |residual| (floored at a minute: times are rounded). */
  for (guint round = 0; round < (v->robust ? 8 : 4); round++)
    {
      fit_global (data, v, model, (Observation *) obs->data, obs->len);
      if (model->field != NULL)
        fit_field (data, v, model, (Observation *) obs->data, obs->len);
      for (guint k = 0; k < obs->len; k++)
        {
          Observation *o = &g_array_index (obs, Observation, k);
          double r = predict (data, model, v->point, o) - data->observed[o->i];

          o->weight = v->robust ? 1 / MAX (fabs (r), 1) : 1;
        }
    }
  return model;
}

typedef struct
{
  guint  n;
  double mae, bias, p90;
} Score;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Errors of the predicted nearest-site time on the scored communes. */
static void
score_add (const Data              *data,
           const AplombTravelModel *model,
           const Variant           *v,
           const gboolean          *scored,
           GArray                  *errors)
{
  for (guint i = 0; i < data->n; i++)
    if (scored[i] && data->observed[i] > 0 && data->observed[i] <= EVAL_MAX_MINUTES)
      {
        Observation o = { i };
        double e;

        find_candidates (data, v->point, &o);
        e = predict (data, model, v->point, &o) - data->observed[i];
        g_array_append_val (errors, e);
      }
}

static Score
score_finish (GArray *errors)
{
  Score s = { errors->len };
  g_autofree double *abs_errors = g_new (double, MAX (errors->len, 1));

  for (guint k = 0; k < errors->len; k++)
    {
      double e = g_array_index (errors, double, k);

      s.bias += e;
      s.mae += fabs (e);
      abs_errors[k] = fabs (e);
    }
  s.bias /= MAX (errors->len, 1);
  s.mae /= MAX (errors->len, 1);
  qsort (abs_errors, errors->len, sizeof (double), compare_doubles);
  s.p90 = errors->len > 0 ? abs_errors[(guint) (0.9 * (errors->len - 1))] : NAN;
  return s;
}

/* Two folds by département parity: each half is predicted by the model
 * fitted on the other half. */
static Score
cross_validate_departements (const Data    *data,
                             const Variant *v)
{
  g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gboolean *train = g_new (gboolean, data->n);
  g_autofree gboolean *test = g_new (gboolean, data->n);

  for (guint fold = 0; fold < 2; fold++)
    {
      g_autoptr(AplombTravelModel) model = NULL;

      for (guint i = 0; i < data->n; i++)
        {
          test[i] = (guint) data->dep[i] % 2 == fold;
          train[i] = !test[i];
        }
      model = fit (data, v, train);
      score_add (data, model, v, test, errors);
    }
  return score_finish (errors);
}

/* Five folds of 0.5° × 0.5° blocks (about 40 × 55 km): how well the model
 * does some 20 km or more away from any observation it was fitted on. */
static Score
cross_validate_blocks (const Data    *data,
                       const Variant *v)
{
  g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gboolean *train = g_new (gboolean, data->n);
  g_autofree gboolean *test = g_new (gboolean, data->n);

  for (guint fold = 0; fold < 5; fold++)
    {
      g_autoptr(AplombTravelModel) model = NULL;

      for (guint i = 0; i < data->n; i++)
        {
          guint bx = (guint) ((data->lon[0][i] + 10) / 0.5);
          guint by = (guint) (data->lat[0][i] / 0.5);

          test[i] = (bx * 7 + by * 3) % 5 == fold;
          train[i] = !test[i];
        }
      model = fit (data, v, train);
      score_add (data, model, v, test, errors);
    }
  return score_finish (errors);
}

/* Five folds of communes drawn at random (fixed seed): how well a field
 * fitted on all observations predicts a commune it has not seen. */
static Score
cross_validate_communes (const Data    *data,
                         const Variant *v)
{
  g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (2019);
  g_autofree guint *fold_of = g_new (guint, data->n);
  g_autofree gboolean *train = g_new (gboolean, data->n);
  g_autofree gboolean *test = g_new (gboolean, data->n);

  for (guint i = 0; i < data->n; i++)
    fold_of[i] = g_rand_int_range (rand, 0, 5);
  for (guint fold = 0; fold < 5; fold++)
    {
      g_autoptr(AplombTravelModel) model = NULL;

      for (guint i = 0; i < data->n; i++)
        {
          test[i] = fold_of[i] == fold;
          train[i] = !test[i];
        }
      model = fit (data, v, train);
      score_add (data, model, v, test, errors);
    }
  return score_finish (errors);
}

int
main (int    argc,
      char **argv)
{
  /* Variants in the order of docs/travel-times.md; the last is the one
   * written out. */
  const Variant variants[] = {
    { "affine, centroids, least squares on ≤ 45 min", 0, FALSE, FALSE, 0, 0, 45, FALSE },
    { "affine, centroids, least squares on ≤ 30 min", 0, FALSE, FALSE, 0, 0, 30, FALSE },
    { "affine, centroids, least absolute on ≤ 35 min", 0, FALSE, FALSE, 0, 0, 35, TRUE },
    { "same, points on surface", 1, FALSE, FALSE, 0, 0, 35, TRUE },
    { "centroids, + √d", 0, TRUE, FALSE, 0, 0, 35, TRUE },
    { "+ √d + commune density", 0, TRUE, TRUE, 0, 0, 35, TRUE },
    { "+ field 0.2°, smoothing 1000", 0, TRUE, TRUE, 0.2, 1000, 35, TRUE },
    { "+ field 0.15°, smoothing 300", 0, TRUE, TRUE, 0.15, 300, 35, TRUE },
    { "+ field 0.1°, smoothing 300", 0, TRUE, TRUE, 0.1, 300, 35, TRUE },
    { "+ field 0.1°, smoothing 100", 0, TRUE, TRUE, 0.1, 100, 35, TRUE },
  };
  const Variant *chosen = &variants[G_N_ELEMENTS (variants) - 1];
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *all = NULL;
  g_autoptr(AplombTravelModel) model = NULL;
  g_autoptr(GString) comment = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Data data = { 0 };

  if (argc < 2 || argc > 3)
    {
      g_printerr ("Usage: %s DATA_DIR [OUTPUT.ini]\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");
  aplomb_core_init ();
  load_points (&data, argv[1], index);
  load_observations (&data, argv[1], index);
  data.density = g_new (double, data.n);
  /* The covariate is computed from the points the matrix will be built on. */
  aplomb_travel_local_density (data.n, data.lon[0], data.lat[0], DENSITY_RADIUS_KM, data.density);

  g_print ("%u communes, %u emergency sites\n\n", data.n, data.n_sites);
  g_print ("| model | départements: MAE | bias | P90 | 0.5° blocks: MAE | bias | P90 "
           "| communes: MAE | bias | P90 |\n");
  g_print ("|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint k = 0; k < G_N_ELEMENTS (variants); k++)
    {
      Score by_dep = cross_validate_departements (&data, &variants[k]);
      Score by_block = cross_validate_blocks (&data, &variants[k]);
      Score by_commune = cross_validate_communes (&data, &variants[k]);

      g_print ("| %s | %.2f | %+.2f | %.1f | %.2f | %+.2f | %.1f | %.2f | %+.2f | %.1f |\n",
               variants[k].name, by_dep.mae, by_dep.bias, by_dep.p90, by_block.mae,
               by_block.bias, by_block.p90, by_commune.mae, by_commune.bias, by_commune.p90);
      if (&variants[k] == chosen)
        g_string_printf (comment,
                         " SPDX-License-Identifier: GPL-3.0-or-later\n"
                         " Fitted by tools/aplomb-calibrate-travel on the DREES 2019 road times\n"
                         " to the nearest emergency service (%u communes, %u sites), variant\n"
                         " \"%s\", commune centroids. Held-out errors on communes\n"
                         " observed under %d min: by département (2 folds) MAE %.2f, bias %+.2f,\n"
                         " P90 %.1f min; by 0.5° block (5 folds) MAE %.2f, bias %+.2f, P90 %.1f min;\n"
                         " by commune (5 folds) MAE %.2f, bias %+.2f, P90 %.1f min.\n"
                         " See docs/travel-times.md.",
                         data.n, data.n_sites, chosen->name, EVAL_MAX_MINUTES, by_dep.mae,
                         by_dep.bias, by_dep.p90, by_block.mae, by_block.bias, by_block.p90,
                         by_commune.mae, by_commune.bias, by_commune.p90);
    }

  all = g_new (gboolean, data.n);
  for (guint i = 0; i < data.n; i++)
    all[i] = TRUE;
  model = fit (&data, chosen, all);
  /* 1e-4 min/km is 0.003 min over 30 km: keep the file readable. */
  for (guint k = 0; k < model->nx * model->ny; k++)
    model->field[k] = round (model->field[k] * 1e4) / 1e4;
  g_print ("\nChosen (all communes): a = %.3f min, b = %.4f min/km, c = %.3f min/√km, "
           "g = %.4f min/km per unit of density\n",
           model->intercept, model->per_km, model->per_sqrt_km, model->per_km_density);
  if (argc == 3 && !aplomb_travel_model_save (model, argv[2], comment->str, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
