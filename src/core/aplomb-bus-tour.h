/* aplomb-bus-tour.h: the daily tour of a mobile medical bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aplomb-travel.h"

G_BEGIN_DECLS

/* Up to this many stops a day, tours are optimal (dynamic programming over
 * subsets); beyond, they come from nearest neighbour improved by 2-opt. */
#define APLOMB_BUS_TOUR_MAX_EXACT 8

/* Driving minutes from node from to node to (communes, in practice), or
 * INFINITY when unknown. Need not be symmetric. */
typedef double (*AplombTravelFunc) (guint    from,
                                    guint    to,
                                    gpointer user_data);

typedef struct
{
  guint    n_stops;
  guint   *order;             /* indices into the stops given, visit order */
  double   driving_minutes;   /* depot → stops → depot; INFINITY if a leg is unknown */
  double   service_minutes;
  double   shift_minutes;
  gboolean exact;             /* optimal order, not a heuristic one */
  gboolean feasible;          /* driving + service ≤ shift */
} AplombBusTour;

double        *aplomb_bus_tour_leg_table (AplombTravelTimes *times,
                                          const guint       *nodes,
                                          guint              n_nodes,
                                          double             limit);
AplombBusTour *aplomb_bus_tour_plan (guint             depot,
                                     const guint      *stops,
                                     guint             n_stops,
                                     double            service_minutes,
                                     double            shift_minutes,
                                     AplombTravelFunc  travel,
                                     gpointer          user_data);
double         aplomb_bus_tour_cost (guint             depot,
                                     const guint      *stops,
                                     const guint      *order,
                                     guint             n_stops,
                                     AplombTravelFunc  travel,
                                     gpointer          user_data);
/* The timetable of a tour: arrivals[k] is the minute, counted from the
 * departure from the depot, at which the bus reaches the k-th stop visited
 * (stops[tour->order[k]]), which it leaves service_minutes[tour->order[k]]
 * later. */
void           aplomb_bus_tour_timetable (const AplombBusTour *tour,
                                          guint                depot,
                                          const guint         *stops,
                                          const double        *service_minutes,
                                          AplombTravelFunc     travel,
                                          gpointer             user_data,
                                          double              *arrivals);
AplombBusTour *aplomb_bus_tour_copy (const AplombBusTour *tour);
void           aplomb_bus_tour_free (AplombBusTour    *tour);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombBusTour, aplomb_bus_tour_free)

G_END_DECLS
