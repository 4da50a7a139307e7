/* aplomb-apl-compare.h: agreement between a computed and a reference APL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  n_communes;        /* with both values known */
  double pearson;
  double spearman;
  double mae;
  double bias;              /* mean of computed − reference */
  /* Both means weighted by the same standardised population. */
  double mean_computed;
  double mean_reference;
  /* Agreement on "under the threshold": share of communes, of population. */
  double class_agreement;
  double class_agreement_population;
} AplombAplComparison;

/* Over communes[0 .. n-1], or all n communes when communes is NULL;
 * communes where either value is NaN are left out. */
void aplomb_apl_compare (const double        *computed,
                         const double        *reference,
                         const double        *population,
                         const double        *population_std,
                         const guint         *communes,
                         guint                n,
                         double               threshold,
                         AplombAplComparison *comparison);

/* Correlations between the group means (weighted by standardised
 * population) of the two values, e.g. over départements: group[i] is the
 * group of commune i, or -1 to leave it out. Returns the number of groups
 * with both means. */
guint aplomb_apl_compare_groups (const double *computed,
                                 const double *reference,
                                 const double *population_std,
                                 const int    *group,
                                 guint         n_communes,
                                 guint         n_groups,
                                 double       *pearson,
                                 double       *spearman);

G_END_DECLS
