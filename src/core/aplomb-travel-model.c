/* aplomb-travel-model.c: car times modelled from straight-line distance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-travel-model.h"
#include "aplomb-travel-private.h"

#define KM_PER_DEGREE (6371.0088 * G_PI / 180)
/* However favourable the fitted terms, no pair is driven faster than this
 * (minutes per km, i.e. 150 km/h door to door). */
#define FASTEST_MIN_PER_KM 0.4

/* An equirectangular projection scaled by the mean cosine of the two
 * latitudes: within 0.1 % of the great circle at the distances a catchment
 * spans, and cheap when the cosines are computed once per point. */
double
aplomb_travel_distance_km (double lon1,
                           double lat1,
                           double lon2,
                           double lat2)
{
  return aplomb_travel_distance_km_cos (lon1, lat1, cos (lat1 * (G_PI / 180)), lon2, lat2,
                                        cos (lat2 * (G_PI / 180)));
}

double
aplomb_travel_model_field_at (const AplombTravelModel *model,
                              double                   lon,
                              double                   lat)
{
  double fx, fy, tx, ty;
  guint x, y, x1, y1;
  const double *f = model->field;

  if (f == NULL)
    return 0;
  fx = CLAMP ((lon - model->lon0) / model->dlon, 0, model->nx - 1);
  fy = CLAMP ((lat - model->lat0) / model->dlat, 0, model->ny - 1);
  x = (guint) fx;
  y = (guint) fy;
  x1 = MIN (x + 1, model->nx - 1);
  y1 = MIN (y + 1, model->ny - 1);
  tx = fx - x;
  ty = fy - y;
  return (1 - ty) * ((1 - tx) * f[y * model->nx + x] + tx * f[y * model->nx + x1]) +
         ty * ((1 - tx) * f[y1 * model->nx + x] + tx * f[y1 * model->nx + x1]);
}

static inline double
minutes_with_field (const AplombTravelModel *model,
                    double                   km,
                    double                   field,
                    double                   density)
{
  double per_km = model->per_km + field +
                  model->per_km_density * (density - model->density_mean);

  /* A negative intercept with a √d term fits the data but would give
   * negative times under a few hundred metres. */
  return MAX (model->intercept + MAX (per_km, FASTEST_MIN_PER_KM) * km +
                model->per_sqrt_km * sqrt (km),
              0);
}

/* density is the mean of the two ends' covariates. */
double
aplomb_travel_model_minutes (const AplombTravelModel *model,
                             double                   km,
                             double                   mid_lon,
                             double                   mid_lat,
                             double                   density)
{
  return minutes_with_field (model, km, aplomb_travel_model_field_at (model, mid_lon, mid_lat),
                             density);
}

AplombTravelModel *
aplomb_travel_model_copy (const AplombTravelModel *model)
{
  AplombTravelModel *copy = g_memdup2 (model, sizeof *model);

  if (model->field != NULL)
    copy->field = g_memdup2 (model->field, model->nx * model->ny * sizeof (double));
  return copy;
}

void
aplomb_travel_model_free (AplombTravelModel *model)
{
  if (model == NULL)
    return;
  g_free (model->field);
  g_free (model);
}

static gboolean
model_invalid (GError    **error,
               const char *path)
{
  g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID,
               _("The travel-time model “%s” is incomplete or invalid."), path);
  return FALSE;
}

static gboolean
read_number (GKeyFile   *file,
             const char *group,
             const char *key,
             double     *value)
{
  g_autoptr(GError) error = NULL;

  *value = g_key_file_get_double (file, group, key, &error);
  return error == NULL && isfinite (*value);
}

static gboolean
load_field (AplombTravelModel *model,
            GKeyFile          *file)
{
  double nx, ny;
  gsize n_values = 0;
  g_autofree double *values = NULL;

  if (!g_key_file_has_group (file, "Field"))
    return TRUE;
  values = g_key_file_get_double_list (file, "Field", "values", &n_values, NULL);
  if (!read_number (file, "Field", "nx", &nx) || !read_number (file, "Field", "ny", &ny) ||
      !read_number (file, "Field", "lon0", &model->lon0) ||
      !read_number (file, "Field", "lat0", &model->lat0) ||
      !read_number (file, "Field", "dlon", &model->dlon) ||
      !read_number (file, "Field", "dlat", &model->dlat) || nx < 1 || ny < 1 ||
      model->dlon <= 0 || model->dlat <= 0 || values == NULL || n_values != nx * ny)
    return FALSE;
  model->nx = nx;
  model->ny = ny;
  model->field = g_steal_pointer (&values);
  return TRUE;
}

AplombTravelModel *
aplomb_travel_model_load (const char *path,
                          GError    **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(AplombTravelModel) model = g_new0 (AplombTravelModel, 1);

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_OPEN,
                   _("Cannot read the travel-time model “%s”."), path);
      return NULL;
    }
  if (!read_number (file, "Model", "intercept", &model->intercept) ||
      !read_number (file, "Model", "per_km", &model->per_km) ||
      !read_number (file, "Model", "per_sqrt_km", &model->per_sqrt_km) ||
      !read_number (file, "Model", "per_km_density", &model->per_km_density) ||
      !read_number (file, "Model", "density_radius_km", &model->density_radius_km) ||
      !read_number (file, "Model", "density_mean", &model->density_mean) ||
      model->density_radius_km <= 0 || !load_field (model, file))
    {
      model_invalid (error, path);
      return NULL;
    }
  return g_steal_pointer (&model);
}

gboolean
aplomb_travel_model_save (const AplombTravelModel *model,
                          const char              *path,
                          const char              *comment,
                          GError                 **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_key_file_set_double (file, "Model", "intercept", model->intercept);
  g_key_file_set_double (file, "Model", "per_km", model->per_km);
  g_key_file_set_double (file, "Model", "per_sqrt_km", model->per_sqrt_km);
  g_key_file_set_double (file, "Model", "per_km_density", model->per_km_density);
  g_key_file_set_double (file, "Model", "density_radius_km", model->density_radius_km);
  g_key_file_set_double (file, "Model", "density_mean", model->density_mean);
  if (comment != NULL)
    g_key_file_set_comment (file, NULL, NULL, comment, NULL);
  if (model->field != NULL)
    {
      g_key_file_set_integer (file, "Field", "nx", model->nx);
      g_key_file_set_integer (file, "Field", "ny", model->ny);
      g_key_file_set_double (file, "Field", "lon0", model->lon0);
      g_key_file_set_double (file, "Field", "lat0", model->lat0);
      g_key_file_set_double (file, "Field", "dlon", model->dlon);
      g_key_file_set_double (file, "Field", "dlat", model->dlat);
      g_key_file_set_double_list (file, "Field", "values", model->field, model->nx * model->ny);
    }
  return g_key_file_save_to_file (file, path, error);
}

static void
count_visit (guint    j,
             double   km,
             gpointer data)
{
  (*(guint *) data)++;
}

void
aplomb_travel_local_density (guint         n_points,
                             const double *lon,
                             const double *lat,
                             double        radius_km,
                             double       *density)
{
  AplombBuckets b;

  aplomb_buckets_init (&b, n_points, lon, lat, radius_km);
  for (guint i = 0; i < n_points; i++)
    {
      guint count = 0;

      aplomb_buckets_visit (&b, lon, lat, lon[i], lat[i], count_visit, &count);
      density[i] = log (count);  /* count includes the point itself */
    }
  aplomb_buckets_clear (&b);
}

/* Farthest distance at which the most favourable combination of terms
 * still reaches the horizon: pairs beyond it need not be evaluated. */
static double
reach_km (const AplombTravelModel *model,
          const double            *density,
          guint                    n_points,
          float                    horizon)
{
  double best_field = 0, best_density = G_MAXDOUBLE, reach = 0;

  for (guint k = 0; model->field != NULL && k < model->nx * model->ny; k++)
    best_field = MIN (best_field, model->field[k]);
  for (guint i = 0; i < n_points; i++)
    best_density = MIN (best_density, model->per_km_density * (density[i] - model->density_mean));
  if (n_points == 0)
    best_density = 0;

  for (double km = 0.5; km < 1000; km += 0.5)
    {
      double per_km = MAX (model->per_km + best_field + best_density, FASTEST_MIN_PER_KM);

      if (model->intercept + per_km * km + model->per_sqrt_km * sqrt (km) <= horizon)
        reach = km + 0.5;
    }
  return reach;
}

typedef struct
{
  const AplombTravelModel *model;
  const double            *lon, *lat, *density;
  AplombBuckets            buckets;
} BuildContext;

typedef struct
{
  const BuildContext *context;
  guint               origin;
  GArray             *destinations;
  GArray             *minutes;
} RowVisit;

static void
model_visit (guint    j,
             double   km,
             gpointer data)
{
  RowVisit *row = data;
  const BuildContext *c = row->context;
  guint i = row->origin;
  float minutes = aplomb_travel_model_minutes (c->model, km, (c->lon[i] + c->lon[j]) / 2,
                                               (c->lat[i] + c->lat[j]) / 2,
                                               (c->density[i] + c->density[j]) / 2);

  g_array_append_val (row->destinations, j);
  g_array_append_val (row->minutes, minutes);
}

static void
model_row (guint    origin,
           GArray  *destinations,
           GArray  *minutes,
           gpointer state,
           gpointer data)
{
  const BuildContext *c = data;
  RowVisit row = { c, origin, destinations, minutes };

  aplomb_buckets_visit (&c->buckets, c->lon, c->lat, c->lon[origin], c->lat[origin],
                        model_visit, &row);
}

/* Points are bucketed in cells as wide as the farthest reach of the model,
 * so that each row only tries the nine cells around its origin. */
AplombTravelTimes *
aplomb_travel_model_build (const AplombTravelModel *model,
                           guint                    n_points,
                           const double            *lon,
                           const double            *lat,
                           float                    horizon,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autofree double *density = g_new (double, MAX (n_points, 1));
  BuildContext context = { model, lon, lat, density };
  AplombTravelTimes *times;

  g_return_val_if_fail (model != NULL && horizon >= 0, NULL);
  g_return_val_if_fail (n_points == 0 || (lon != NULL && lat != NULL), NULL);

  for (guint i = 0; i < n_points; i++)
    if (!isfinite (lon[i]) || !isfinite (lat[i]))
      {
        g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID,
                     _("Commune %u has no location: travel times cannot be modelled."), i + 1);
        return NULL;
      }

  aplomb_travel_local_density (n_points, lon, lat, model->density_radius_km, density);
  aplomb_buckets_init (&context.buckets, n_points, lon, lat,
                       reach_km (model, density, n_points, horizon));
  times = aplomb_travel_times_build_rows (n_points, horizon, NULL, model_row, NULL, &context,
                                          cancellable, error);
  /* Distance, midpoint and mean density do not depend on the direction. */
  if (times != NULL)
    aplomb_travel_times_set_symmetric (times);
  aplomb_buckets_clear (&context.buckets);
  return times;
}
