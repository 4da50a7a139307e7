/* aplomb-towns.c: the towns the map names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-towns.h"

typedef struct
{
  guint  commune;
  double population;
} Town;

static int
compare_towns (gconstpointer a,
               gconstpointer b)
{
  const Town *x = a;
  const Town *y = b;

  if (x->population != y->population)
    return x->population > y->population ? -1 : 1;
  return x->commune < y->commune ? -1 : x->commune > y->commune;
}

/* Communes of at least min_population inhabitants, the most populated
 * first: the order in which labels claim their place on the map. */
GArray *
aplomb_towns_list (AplombTerritory *territory,
                   double           min_population)
{
  const double *population = aplomb_territory_get_population (territory);
  guint n = aplomb_territory_get_n_communes (territory);
  g_autoptr(GArray) towns = g_array_new (FALSE, FALSE, sizeof (Town));
  GArray *communes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    if (isfinite (population[i]) && population[i] >= min_population)
      {
        Town town = { i, population[i] };

        g_array_append_val (towns, town);
      }
  g_array_sort (towns, compare_towns);
  for (guint i = 0; i < towns->len; i++)
    g_array_append_val (communes, g_array_index (towns, Town, i).commune);
  return communes;
}

/* Préfectures and big towns at the scale of France, market towns when a
 * canton fills the screen. */
double
aplomb_towns_min_population (double zoom)
{
  if (zoom < 6.5)
    return 100000;
  if (zoom < 7.5)
    return 30000;
  if (zoom < 8.5)
    return 10000;
  if (zoom < 9.5)
    return 3000;
  if (zoom < 10.5)
    return 1000;
  return 0;
}
