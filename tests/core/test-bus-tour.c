/* test-bus-tour.c: daily tours of a mobile bus, exact and 2-opt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "aplomb-bus-tour.h"

/* Points on a plane, one minute per unit of Euclidean distance. */
typedef struct
{
  const double *xy;
} Plane;

static double
plane_minutes (guint    from,
               guint    to,
               gpointer user_data)
{
  const Plane *plane = user_data;
  double dx = plane->xy[2 * from] - plane->xy[2 * to];
  double dy = plane->xy[2 * from + 1] - plane->xy[2 * to + 1];

  return sqrt (dx * dx + dy * dy);
}

/* Depot 0 at the origin; stops 1, 2, 3 on a line at 10, 20 and 30 min,
 * given out of order: the best tour goes out and back, 60 min of driving.
 * With three stops of 105 min (a quarter-day each) the day lasts
 * 60 + 315 = 375 min: it fits an 8 h shift, not a 6 h one. */
static void
test_three_stops_order_and_feasibility (void)
{
  static const double xy[] = { 0, 0, 10, 0, 20, 0, 30, 0 };
  const Plane plane = { xy };
  const guint stops[] = { 3, 1, 2 };
  g_autoptr(AplombBusTour) tour = NULL;
  g_autoptr(AplombBusTour) short_day = NULL;
  guint visited[3];

  tour = aplomb_bus_tour_plan (0, stops, 3, 315, 480, plane_minutes, (gpointer) &plane);
  g_assert_true (tour->exact);
  g_assert_cmpfloat_with_epsilon (tour->driving_minutes, 60.0, 1e-9);
  for (guint k = 0; k < 3; k++)
    visited[k] = stops[tour->order[k]];
  /* Out and back along the line, in one direction or the other. */
  g_assert_true ((visited[0] == 1 && visited[1] == 2 && visited[2] == 3) ||
                 (visited[0] == 3 && visited[1] == 2 && visited[2] == 1));
  g_assert_true (tour->feasible);

  short_day = aplomb_bus_tour_plan (0, stops, 3, 315, 360, plane_minutes, (gpointer) &plane);
  g_assert_false (short_day->feasible);
  g_assert_cmpfloat_with_epsilon (short_day->driving_minutes, 60.0, 1e-9);
}

/* One-way streets: going 0 → 1 → 2 → 0 costs 3, the reverse 30. */
static double
one_way_minutes (guint    from,
                 guint    to,
                 gpointer user_data)
{
  return (to == (from + 1) % 3) ? 1.0 : 10.0;
}

static void
test_asymmetric_direction (void)
{
  const guint stops[] = { 2, 1 };
  g_autoptr(AplombBusTour) tour = aplomb_bus_tour_plan (0, stops, 2, 0, 600, one_way_minutes,
                                                        NULL);

  g_assert_cmpuint (stops[tour->order[0]], ==, 1);
  g_assert_cmpuint (stops[tour->order[1]], ==, 2);
  g_assert_cmpfloat (tour->driving_minutes, ==, 3.0);
}

/* Twelve stops on a circle, shuffled: beyond the exact limit, 2-opt must
 * still find the perimeter tour (no crossing), of length 12 chords. */
static void
test_two_opt_circle (void)
{
  double xy[2 * 13];
  const Plane plane = { xy };
  const guint stops[] = { 7, 2, 11, 4, 9, 1, 12, 6, 3, 10, 5, 8 };
  g_autoptr(AplombBusTour) tour = NULL;
  double chord = 2 * 100 * sin (G_PI / 13);

  for (guint k = 0; k < 13; k++)
    {
      xy[2 * k] = 100 * cos (2 * G_PI * k / 13);
      xy[2 * k + 1] = 100 * sin (2 * G_PI * k / 13);
    }

  tour = aplomb_bus_tour_plan (0, stops, 12, 0, 1e9, plane_minutes, (gpointer) &plane);
  g_assert_false (tour->exact);
  g_assert_cmpfloat_with_epsilon (tour->driving_minutes, 13 * chord, 1e-6);
}

/* The dynamic programme must agree with brute force on random asymmetric
 * times for every size up to the exact limit. */
static double
table_minutes (guint    from,
               guint    to,
               gpointer user_data)
{
  const double *table = user_data;

  return table[from * (APLOMB_BUS_TOUR_MAX_EXACT + 1) + to];
}

static double
brute_force (const guint *stops,
             guint       *order,
             guint        k,
             guint        n,
             const double *table)
{
  double best = INFINITY;

  if (k == n)
    return aplomb_bus_tour_cost (0, stops, order, n, table_minutes, (gpointer) table);
  for (guint i = k; i < n; i++)
    {
      guint swap = order[k];
      double cost;

      order[k] = order[i];
      order[i] = swap;
      cost = brute_force (stops, order, k + 1, n, table);
      best = MIN (best, cost);
      order[i] = order[k];
      order[k] = swap;
    }
  return best;
}

static void
test_exact_matches_brute_force (void)
{
  const guint size = APLOMB_BUS_TOUR_MAX_EXACT + 1;
  g_autofree double *table = g_new (double, size * size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint stops[APLOMB_BUS_TOUR_MAX_EXACT];

  for (guint i = 0; i < size * size; i++)
    table[i] = g_rand_double_range (rand, 1, 40);
  for (guint n = 1; n <= APLOMB_BUS_TOUR_MAX_EXACT; n++)
    {
      g_autoptr(AplombBusTour) tour = NULL;
      guint order[APLOMB_BUS_TOUR_MAX_EXACT];

      for (guint k = 0; k < n; k++)
        {
          stops[k] = k + 1;
          order[k] = k;
        }
      tour = aplomb_bus_tour_plan (0, stops, n, 0, 600, table_minutes, table);
      g_assert_cmpfloat_with_epsilon (tour->driving_minutes,
                                      brute_force (stops, order, 0, n, table), 1e-9);
    }
}

static double
unknown_minutes (guint    from,
                 guint    to,
                 gpointer user_data)
{
  return INFINITY;
}

static void
test_unknown_leg_is_infeasible (void)
{
  const guint stops[] = { 1 };
  g_autoptr(AplombBusTour) tour = aplomb_bus_tour_plan (0, stops, 1, 60, 480, unknown_minutes,
                                                        NULL);

  g_assert_true (isinf (tour->driving_minutes));
  g_assert_false (tour->feasible);
}

/* Legs beyond the matrix horizon chain through intermediate communes:
 * 0 ──10── 1 ──12── 2, horizon 15, so 0 → 2 is 22 min through 1, and
 * unknown under a 20 min limit. */
static void
test_leg_table_chains (void)
{
  static const guint origins[] = { 0, 1, 1, 2 };
  static const guint destinations[] = { 1, 0, 2, 1 };
  static const float minutes[] = { 10, 10, 12, 12 };
  const guint nodes[] = { 0, 2 };
  g_autoptr(AplombTravelTimes) times = aplomb_travel_times_new_from_pairs (3, 15, origins,
                                                                           destinations,
                                                                           minutes, 4);
  g_autofree double *table = aplomb_bus_tour_leg_table (times, nodes, 2, 60);
  g_autofree double *short_table = aplomb_bus_tour_leg_table (times, nodes, 2, 20);

  g_assert_cmpfloat (table[0], ==, 0);
  g_assert_cmpfloat (table[1], ==, 22);
  g_assert_cmpfloat (table[2], ==, 22);
  g_assert_true (isinf (short_table[1]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bus-tour/three-stops", test_three_stops_order_and_feasibility);
  g_test_add_func ("/bus-tour/asymmetric", test_asymmetric_direction);
  g_test_add_func ("/bus-tour/two-opt-circle", test_two_opt_circle);
  g_test_add_func ("/bus-tour/exact", test_exact_matches_brute_force);
  g_test_add_func ("/bus-tour/unknown-leg", test_unknown_leg_is_infeasible);
  g_test_add_func ("/bus-tour/leg-table", test_leg_table_chains);
  return g_test_run ();
}
