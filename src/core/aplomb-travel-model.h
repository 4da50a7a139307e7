/* aplomb-travel-model.h: car times modelled from straight-line distance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aplomb-travel.h"

G_BEGIN_DECLS

/* Minutes between two distinct communes at d km apart (great circle):
 *
 *   t = a + (b + β(m) + g·z̄) · d + c · √d
 *
 * β is a detour/speed field (minutes per km) on a longitude × latitude
 * grid, read bilinearly at the midpoint m of the pair; z̄ is the mean, over
 * both ends, of log(1 + number of other communes within density_radius_km)
 * minus its national mean, a proxy for urban streets. The parameters are
 * fitted by tools/aplomb-calibrate-travel on DREES road times (see
 * docs/travel-times.md) and stored in data/travel-model.ini. */
typedef struct
{
  double  intercept;          /* a, minutes */
  double  per_km;             /* b */
  double  per_sqrt_km;        /* c */
  double  per_km_density;     /* g */
  double  density_radius_km;
  double  density_mean;
  /* The field: nx × ny nodes, node (x, y) at (lon0 + x·dlon, lat0 + y·dlat);
   * NULL for none. */
  guint   nx, ny;
  double  lon0, lat0, dlon, dlat;
  double *field;
} AplombTravelModel;

AplombTravelModel *aplomb_travel_model_load         (const char              *path,
                                                     GError                 **error);
gboolean           aplomb_travel_model_save         (const AplombTravelModel *model,
                                                     const char              *path,
                                                     const char              *comment,
                                                     GError                 **error);
AplombTravelModel *aplomb_travel_model_copy         (const AplombTravelModel *model);
void               aplomb_travel_model_free         (AplombTravelModel       *model);

double             aplomb_travel_model_field_at     (const AplombTravelModel *model,
                                                     double                   lon,
                                                     double                   lat);
double             aplomb_travel_model_minutes      (const AplombTravelModel *model,
                                                     double                   km,
                                                     double                   mid_lon,
                                                     double                   mid_lat,
                                                     double                   density);

/* The density covariate z of every point (before centring). */
void               aplomb_travel_local_density      (guint                    n_points,
                                                     const double            *lon,
                                                     const double            *lat,
                                                     double                   radius_km,
                                                     double                  *density);
double             aplomb_travel_distance_km        (double                   lon1,
                                                     double                   lat1,
                                                     double                   lon2,
                                                     double                   lat2);

/* The matrix of modelled times between all pairs under horizon minutes,
 * with the points bucketed on a grid so that only nearby pairs are tried;
 * rows are spread over the available cores. */
AplombTravelTimes *aplomb_travel_model_build        (const AplombTravelModel *model,
                                                     guint                    n_points,
                                                     const double            *lon,
                                                     const double            *lat,
                                                     float                    horizon,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombTravelModel, aplomb_travel_model_free)

G_END_DECLS
