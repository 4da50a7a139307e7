/* aplomb-bus-tour.c: the daily tour of a mobile medical bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-bus-tour.h"

static inline double
leg (AplombTravelFunc travel,
     gpointer         user_data,
     guint            from,
     guint            to)
{
  return from == to ? 0.0 : travel (from, to, user_data);
}

double
aplomb_bus_tour_cost (guint             depot,
                      const guint      *stops,
                      const guint      *order,
                      guint             n_stops,
                      AplombTravelFunc  travel,
                      gpointer          user_data)
{
  double total = 0.0;
  guint here = depot;

  for (guint k = 0; k < n_stops; k++)
    {
      total += leg (travel, user_data, here, stops[order[k]]);
      here = stops[order[k]];
    }
  return total + leg (travel, user_data, here, depot);
}

/* Held-Karp: best[mask][last] is the shortest drive from the depot through
 * the stops of mask, ending at last. 2^8 × 8 states at most. */
static void
plan_exact (guint             depot,
            const guint      *stops,
            guint             n,
            AplombTravelFunc  travel,
            gpointer          user_data,
            guint            *order)
{
  guint n_masks = 1u << n;
  g_autofree double *best = g_new (double, n_masks * n);
  g_autofree guint *parent = g_new (guint, n_masks * n);
  double best_total = INFINITY;
  guint mask = n_masks - 1;
  guint last = 0;

  for (guint i = 0; i < n_masks * n; i++)
    best[i] = INFINITY;
  for (guint j = 0; j < n; j++)
    {
      best[(1u << j) * n + j] = leg (travel, user_data, depot, stops[j]);
      parent[(1u << j) * n + j] = G_MAXUINT;
    }

  for (guint m = 1; m < n_masks; m++)
    for (guint j = 0; j < n; j++)
      {
        double here = best[m * n + j];

        if (!(m & (1u << j)) || isinf (here))
          continue;
        for (guint k = 0; k < n; k++)
          {
            guint next = m | (1u << k);
            double cost;

            if (m & (1u << k))
              continue;
            cost = here + leg (travel, user_data, stops[j], stops[k]);
            if (cost < best[next * n + k])
              {
                best[next * n + k] = cost;
                parent[next * n + k] = j;
              }
          }
      }

  for (guint j = 0; j < n; j++)
    {
      double total = best[mask * n + j] + leg (travel, user_data, stops[j], depot);

      if (total < best_total)
        {
          best_total = total;
          last = j;
        }
    }

  /* Every tour has an unknown leg: keep the order given. */
  if (isinf (best_total))
    {
      for (guint k = 0; k < n; k++)
        order[k] = k;
      return;
    }

  for (guint k = n; k-- > 0;)
    {
      guint previous = parent[mask * n + last];

      order[k] = last;
      mask &= ~(1u << last);
      last = previous;
    }
}

static void
plan_nearest_neighbour (guint             depot,
                        const guint      *stops,
                        guint             n,
                        AplombTravelFunc  travel,
                        gpointer          user_data,
                        guint            *order)
{
  g_autofree gboolean *visited = g_new0 (gboolean, n);
  guint here = depot;

  for (guint k = 0; k < n; k++)
    {
      double nearest = INFINITY;
      guint pick = G_MAXUINT;

      for (guint j = 0; j < n; j++)
        {
          double minutes;

          if (visited[j])
            continue;
          minutes = leg (travel, user_data, here, stops[j]);
          if (pick == G_MAXUINT || minutes < nearest)
            {
              nearest = minutes;
              pick = j;
            }
        }
      visited[pick] = TRUE;
      order[k] = pick;
      here = stops[pick];
    }
}

static void
reverse (guint *order,
         guint  first,
         guint  last)
{
  while (first < last)
    {
      guint swap = order[first];

      order[first++] = order[last];
      order[last--] = swap;
    }
}

/* 2-opt: reverse any segment that shortens the tour, until none does. The
 * whole tour is re-costed for each candidate because times may be
 * asymmetric, so a reversal changes more than its two end legs. */
static void
improve_two_opt (guint             depot,
                 const guint      *stops,
                 guint             n,
                 AplombTravelFunc  travel,
                 gpointer          user_data,
                 guint            *order)
{
  double current = aplomb_bus_tour_cost (depot, stops, order, n, travel, user_data);
  gboolean improved = TRUE;

  while (improved)
    {
      improved = FALSE;
      for (guint i = 0; i + 1 < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            double candidate;

            reverse (order, i, j);
            candidate = aplomb_bus_tour_cost (depot, stops, order, n, travel, user_data);
            if (candidate < current - 1e-9)
              {
                current = candidate;
                improved = TRUE;
              }
            else
              reverse (order, i, j);
          }
    }
}

typedef struct
{
  double minutes;
  guint  commune;
} Reached;

static void
heap_push (GArray *heap,
           double  minutes,
           guint   commune)
{
  Reached item = { minutes, commune };
  guint k = heap->len;

  g_array_append_val (heap, item);
  while (k > 0)
    {
      guint parent = (k - 1) / 2;
      Reached *a = &g_array_index (heap, Reached, parent);
      Reached *b = &g_array_index (heap, Reached, k);
      Reached swap;

      if (a->minutes <= b->minutes)
        break;
      swap = *a;
      *a = *b;
      *b = swap;
      k = parent;
    }
}

static Reached
heap_pop (GArray *heap)
{
  Reached top = g_array_index (heap, Reached, 0);
  guint k = 0;

  g_array_index (heap, Reached, 0) = g_array_index (heap, Reached, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint smallest = k;
      Reached swap;

      for (guint child = 2 * k + 1; child <= 2 * k + 2 && child < heap->len; child++)
        if (g_array_index (heap, Reached, child).minutes <
            g_array_index (heap, Reached, smallest).minutes)
          smallest = child;
      if (smallest == k)
        return top;
      swap = g_array_index (heap, Reached, k);
      g_array_index (heap, Reached, k) = g_array_index (heap, Reached, smallest);
      g_array_index (heap, Reached, smallest) = swap;
      k = smallest;
    }
}

/* Dijkstra over the sparse matrix from source to the targets, up to limit
 * minutes. Stops as soon as every target is settled. */
static void
shortest_minutes (AplombTravelTimes *times,
                  guint              source,
                  const guint       *targets,
                  guint              n_targets,
                  double             limit,
                  double            *minutes)
{
  g_autoptr(GHashTable) settled = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) best = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Reached));
  guint remaining = n_targets;

  for (guint t = 0; t < n_targets; t++)
    minutes[t] = INFINITY;
  heap_push (heap, 0, source);

  while (heap->len > 0 && remaining > 0)
    {
      Reached here = heap_pop (heap);
      const guint *dest;
      const float *mins;
      guint len;

      if (!g_hash_table_add (settled, GUINT_TO_POINTER (here.commune)))
        continue;
      for (guint t = 0; t < n_targets; t++)
        if (targets[t] == here.commune && isinf (minutes[t]))
          {
            minutes[t] = here.minutes;
            remaining--;
          }

      len = aplomb_travel_times_get_row (times, here.commune, &dest, &mins);
      for (guint p = 0; p < len; p++)
        {
          double via = here.minutes + mins[p];
          double *known = g_hash_table_lookup (best, GUINT_TO_POINTER (dest[p]));

          if (via > limit || (known != NULL && *known <= via))
            continue;
          if (known == NULL)
            {
              known = g_new (double, 1);
              g_hash_table_insert (best, GUINT_TO_POINTER (dest[p]), known);
            }
          *known = via;
          heap_push (heap, via, dest[p]);
        }
    }
}

/**
 * aplomb_bus_tour_leg_table:
 *
 * Driving minutes between every pair of nodes, row-major, as the shortest
 * chain of legs of the sparse matrix (so that stops further apart than its
 * horizon still get a time), INFINITY beyond limit minutes.
 */
double *
aplomb_bus_tour_leg_table (AplombTravelTimes *times,
                           const guint       *nodes,
                           guint              n_nodes,
                           double             limit)
{
  double *table;

  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (times), NULL);
  g_return_val_if_fail (nodes != NULL || n_nodes == 0, NULL);

  table = g_new (double, MAX (n_nodes * n_nodes, 1));
  for (guint a = 0; a < n_nodes; a++)
    shortest_minutes (times, nodes[a], nodes, n_nodes, limit, table + a * n_nodes);
  return table;
}

/**
 * aplomb_bus_tour_plan:
 * @depot: where the bus starts and ends its day
 * @stops: the stops of the day (distinct from each other)
 * @service_minutes: consultation time of the day, all stops together
 * @shift_minutes: length of the working day
 *
 * Orders the stops to minimise driving time and checks that driving plus
 * consultations fit in the shift.
 */
AplombBusTour *
aplomb_bus_tour_plan (guint             depot,
                      const guint      *stops,
                      guint             n_stops,
                      double            service_minutes,
                      double            shift_minutes,
                      AplombTravelFunc  travel,
                      gpointer          user_data)
{
  AplombBusTour *tour;

  g_return_val_if_fail (stops != NULL || n_stops == 0, NULL);
  g_return_val_if_fail (travel != NULL, NULL);

  tour = g_new0 (AplombBusTour, 1);
  tour->n_stops = n_stops;
  tour->order = g_new (guint, MAX (n_stops, 1));
  tour->service_minutes = service_minutes;
  tour->shift_minutes = shift_minutes;
  tour->exact = n_stops <= APLOMB_BUS_TOUR_MAX_EXACT;

  if (n_stops > 0 && tour->exact)
    plan_exact (depot, stops, n_stops, travel, user_data, tour->order);
  else if (n_stops > 0)
    {
      plan_nearest_neighbour (depot, stops, n_stops, travel, user_data, tour->order);
      improve_two_opt (depot, stops, n_stops, travel, user_data, tour->order);
    }

  tour->driving_minutes = aplomb_bus_tour_cost (depot, stops, tour->order, n_stops,
                                                travel, user_data);
  tour->feasible = tour->driving_minutes + service_minutes <= shift_minutes;
  return tour;
}

void
aplomb_bus_tour_timetable (const AplombBusTour *tour,
                           guint                depot,
                           const guint         *stops,
                           const double        *service_minutes,
                           AplombTravelFunc     travel,
                           gpointer             user_data,
                           double              *arrivals)
{
  double clock = 0.0;
  guint here = depot;

  g_return_if_fail (tour != NULL && travel != NULL && arrivals != NULL);

  for (guint k = 0; k < tour->n_stops; k++)
    {
      guint next = stops[tour->order[k]];

      clock += leg (travel, user_data, here, next);
      arrivals[k] = clock;
      clock += service_minutes[tour->order[k]];
      here = next;
    }
}

AplombBusTour *
aplomb_bus_tour_copy (const AplombBusTour *tour)
{
  AplombBusTour *copy;

  g_return_val_if_fail (tour != NULL, NULL);

  copy = g_memdup2 (tour, sizeof *tour);
  copy->order = g_memdup2 (tour->order, sizeof (guint) * MAX (tour->n_stops, 1));
  return copy;
}

void
aplomb_bus_tour_free (AplombBusTour *tour)
{
  if (tour == NULL)
    return;
  g_free (tour->order);
  g_free (tour);
}
