/* aplomb-apl-aggregate.c: APL summaries over a set of communes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-apl-aggregate.h"
#include "aplomb-sort-private.h"

typedef struct
{
  double value;
  double weight;
} WeightedValue;

#define VALUE_LESS(a, b) ((a).value < (b).value)
APLOMB_DEFINE_SORT (sort_by_value, WeightedValue, VALUE_LESS)

static double
weighted_quantile (const WeightedValue *sorted,
                   guint                n,
                   double               total,
                   double               q)
{
  double cumulated = 0;

  for (guint k = 0; k < n; k++)
    {
      cumulated += sorted[k].weight;
      if (cumulated >= q * total)
        return sorted[k].value;
    }
  return n > 0 ? sorted[n - 1].value : NAN;
}

void
aplomb_apl_aggregate (const double       *values,
                      const double       *population,
                      const double       *population_std,
                      const guint        *communes,
                      guint               n,
                      double              threshold,
                      AplombAplAggregate *aggregate)
{
  g_autofree WeightedValue *sorted = g_new (WeightedValue, MAX (n, 1));
  double weighted_sum = 0;
  guint kept = 0;

  g_return_if_fail (values != NULL && population != NULL && population_std != NULL);
  g_return_if_fail (aggregate != NULL);

  *aggregate = (AplombAplAggregate) { 0 };
  for (guint k = 0; k < n; k++)
    {
      guint i = communes != NULL ? communes[k] : k;
      double pop = isnan (population[i]) ? 0 : population[i];
      double pop_std = isnan (population_std[i]) ? 0 : population_std[i];

      if (isnan (values[i]))
        continue;
      aggregate->n_communes++;
      aggregate->population += pop;
      aggregate->population_std += pop_std;
      weighted_sum += pop_std * values[i];
      if (values[i] < threshold)
        {
          aggregate->population_under += pop;
          aggregate->communes_under++;
        }
      sorted[kept++] = (WeightedValue) { values[i], pop };
    }

  aggregate->mean = aggregate->population_std > 0 ? weighted_sum / aggregate->population_std
                                                  : NAN;
  aggregate->share_under = aggregate->population > 0
                             ? aggregate->population_under / aggregate->population
                             : NAN;
  sort_by_value (sorted, kept);
  aggregate->d1 = aggregate->population > 0
                    ? weighted_quantile (sorted, kept, aggregate->population, 0.1)
                    : NAN;
  aggregate->d9 = aggregate->population > 0
                    ? weighted_quantile (sorted, kept, aggregate->population, 0.9)
                    : NAN;
  aggregate->d9_d1 = aggregate->d1 > 0 ? aggregate->d9 / aggregate->d1 : NAN;
}
