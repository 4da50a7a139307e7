/* aplomb-travel-private.h: building travel times from sorted rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <gio/gio.h>

#include "aplomb-travel.h"

G_BEGIN_DECLS

/* Takes ownership of a finished CSR matrix: n_communes + 1 row offsets,
 * each row sorted by destination, holding its diagonal 0 and nothing above
 * the horizon. The builders (model, road network, CSV) produce rows directly
 * in this form. */
AplombTravelTimes *aplomb_travel_times_new_take (guint  n_communes,
                                                 float  horizon,
                                                 guint *row_offsets,
                                                 guint *destinations,
                                                 float *minutes);

/* Declares t(i → j) = t(j → i) for every pair, as the builder knows it. */
void               aplomb_travel_times_set_symmetric (AplombTravelTimes *self);

/* Sorts one row of n entries by destination, keeping the smallest time of
 * repeated destinations; returns the new length. */
guint              aplomb_travel_sort_row       (guint *destinations,
                                                 float *minutes,
                                                 guint  n);

/* Builds a matrix row by row over the available cores. row() appends the
 * destinations of origin other than itself with their minutes (any order,
 * repeats allowed); times above the horizon are dropped, the diagonal is
 * added. begin() and end() make and free per-thread scratch state. */
typedef gpointer (*AplombTravelRowsBegin) (gpointer data);
typedef void     (*AplombTravelRowFunc)   (guint    origin,
                                           GArray  *destinations,
                                           GArray  *minutes,
                                           gpointer state,
                                           gpointer data);
typedef void     (*AplombTravelRowsEnd)   (gpointer state);

AplombTravelTimes *aplomb_travel_times_build_rows (guint                 n_communes,
                                                   float                 horizon,
                                                   AplombTravelRowsBegin begin,
                                                   AplombTravelRowFunc   row,
                                                   AplombTravelRowsEnd   end,
                                                   gpointer              data,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* aplomb_travel_distance_km () with the cosines of both latitudes given. */
static inline double
aplomb_travel_distance_km_cos (double lon1,
                               double lat1,
                               double cos1,
                               double lon2,
                               double lat2,
                               double cos2)
{
  double dx = (lon2 - lon1) * (cos1 + cos2) / 2;
  double dy = lat2 - lat1;

  return (6371.0088 * G_PI / 180) * sqrt (dx * dx + dy * dy);
}

/* Points bucketed on a longitude × latitude grid whose cells are at least
 * cell_km wide everywhere in the data. */
typedef struct
{
  double min_lon, min_lat, cell_lon, cell_lat, cell_km;
  guint  nx, ny;
  guint *offsets;  /* nx × ny + 1 */
  guint *points;
  double *cosines; /* of each point's latitude */
} AplombBuckets;

void aplomb_buckets_init    (AplombBuckets       *buckets,
                             guint                n_points,
                             const double        *lon,
                             const double        *lat,
                             double               cell_km);
void aplomb_buckets_clear   (AplombBuckets       *buckets);
/* Calls visit for every point within cell_km of (x, y). */
void aplomb_buckets_visit   (const AplombBuckets *buckets,
                             const double        *lon,
                             const double        *lat,
                             double               x,
                             double               y,
                             void               (*visit) (guint j, double km, gpointer data),
                             gpointer             data);
/* The point nearest to (x, y), -1 when there is none. */
int  aplomb_buckets_nearest (const AplombBuckets *buckets,
                             const double        *lon,
                             const double        *lat,
                             double               x,
                             double               y,
                             double              *km);

G_END_DECLS
