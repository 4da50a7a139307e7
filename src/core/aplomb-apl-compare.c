/* aplomb-apl-compare.c: agreement between a computed and a reference APL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-apl-compare.h"

static double
pearson (const double *x,
         const double *y,
         guint         n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

  for (guint k = 0; k < n; k++)
    {
      mx += x[k];
      my += y[k];
    }
  mx /= n;
  my /= n;
  for (guint k = 0; k < n; k++)
    {
      sxy += (x[k] - mx) * (y[k] - my);
      sxx += (x[k] - mx) * (x[k] - mx);
      syy += (y[k] - my) * (y[k] - my);
    }
  return sxx > 0 && syy > 0 ? sxy / sqrt (sxx * syy) : NAN;
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      keys)
{
  double x = ((const double *) keys)[*(const guint *) a];
  double y = ((const double *) keys)[*(const guint *) b];

  return (x > y) - (x < y);
}

/* Ranks from 1, ties sharing their mean rank (as Spearman's rho needs). */
static void
rank (const double *values,
      guint         n,
      double       *ranks)
{
  g_autofree guint *order = g_new (guint, n);

  for (guint k = 0; k < n; k++)
    order[k] = k;
  g_qsort_with_data (order, n, sizeof *order, compare_by_key, (gpointer) values);
  for (guint k = 0; k < n;)
    {
      guint end = k;

      while (end + 1 < n && values[order[end + 1]] == values[order[k]])
        end++;
      for (guint m = k; m <= end; m++)
        ranks[order[m]] = (k + end) / 2.0 + 1;
      k = end + 1;
    }
}

void
aplomb_apl_compare (const double        *computed,
                    const double        *reference,
                    const double        *population,
                    const double        *population_std,
                    const guint         *communes,
                    guint                n,
                    double               threshold,
                    AplombAplComparison *c)
{
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  g_autofree double *rx = NULL, *ry = NULL;
  double weight = 0, people = 0, people_agree = 0;
  guint agree = 0, m = 0;

  g_return_if_fail (computed != NULL && reference != NULL && c != NULL);
  g_return_if_fail (population != NULL && population_std != NULL);

  *c = (AplombAplComparison) { 0 };
  for (guint k = 0; k < n; k++)
    {
      guint i = communes != NULL ? communes[k] : k;
      double pop = isnan (population[i]) ? 0 : population[i];
      double pop_std = isnan (population_std[i]) ? 0 : population_std[i];
      gboolean same;

      if (isnan (computed[i]) || isnan (reference[i]))
        continue;
      x[m] = computed[i];
      y[m] = reference[i];
      m++;
      c->mae += fabs (computed[i] - reference[i]);
      c->bias += computed[i] - reference[i];
      c->mean_computed += pop_std * computed[i];
      c->mean_reference += pop_std * reference[i];
      weight += pop_std;
      same = (computed[i] < threshold) == (reference[i] < threshold);
      agree += same;
      people += pop;
      people_agree += same ? pop : 0;
    }

  c->n_communes = m;
  if (m == 0)
    {
      c->pearson = c->spearman = c->mae = c->bias = NAN;
      c->mean_computed = c->mean_reference = NAN;
      c->class_agreement = c->class_agreement_population = NAN;
      return;
    }
  c->mae /= m;
  c->bias /= m;
  c->mean_computed = weight > 0 ? c->mean_computed / weight : NAN;
  c->mean_reference = weight > 0 ? c->mean_reference / weight : NAN;
  c->class_agreement = (double) agree / m;
  c->class_agreement_population = people > 0 ? people_agree / people : NAN;
  c->pearson = pearson (x, y, m);
  rx = g_new (double, m);
  ry = g_new (double, m);
  rank (x, m, rx);
  rank (y, m, ry);
  c->spearman = pearson (rx, ry, m);
}

guint
aplomb_apl_compare_groups (const double *computed,
                           const double *reference,
                           const double *population_std,
                           const int    *group,
                           guint         n_communes,
                           guint         n_groups,
                           double       *pearson_out,
                           double       *spearman_out)
{
  g_autofree double *sums = g_new0 (double, 3 * MAX (n_groups, 1));
  g_autofree double *x = g_new (double, MAX (n_groups, 1));
  g_autofree double *y = g_new (double, MAX (n_groups, 1));
  g_autofree double *rx = g_new (double, MAX (n_groups, 1));
  g_autofree double *ry = g_new (double, MAX (n_groups, 1));
  guint m = 0;

  for (guint i = 0; i < n_communes; i++)
    {
      double w = population_std[i];

      if (group[i] < 0 || (guint) group[i] >= n_groups || isnan (computed[i]) ||
          isnan (reference[i]) || !(w > 0))
        continue;
      sums[3 * group[i]] += w * computed[i];
      sums[3 * group[i] + 1] += w * reference[i];
      sums[3 * group[i] + 2] += w;
    }
  for (guint g = 0; g < n_groups; g++)
    if (sums[3 * g + 2] > 0)
      {
        x[m] = sums[3 * g] / sums[3 * g + 2];
        y[m] = sums[3 * g + 1] / sums[3 * g + 2];
        m++;
      }
  *pearson_out = *spearman_out = NAN;
  if (m < 2)
    return m;
  *pearson_out = pearson (x, y, m);
  rank (x, m, rx);
  rank (y, m, ry);
  *spearman_out = pearson (rx, ry, m);
  return m;
}
