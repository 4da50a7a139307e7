/* aplomb-apl-aggregate.h: APL summaries over a set of communes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DREES's aggregation rules (docs/apl-method.md §2): the mean is weighted
 * by standardised population, the share under the threshold and the deciles
 * by total population. */
typedef struct
{
  guint  n_communes;
  double population;
  double population_std;
  double mean;
  double population_under;
  double share_under;      /* of population, 0–1 */
  guint  communes_under;
  double d1;
  double d9;
  double d9_d1;
} AplombAplAggregate;

/* Over communes[0 .. n-1], or over all n communes when communes is NULL;
 * communes whose value is NaN are left out. */
void aplomb_apl_aggregate (const double       *values,
                           const double       *population,
                           const double       *population_std,
                           const guint        *communes,
                           guint               n,
                           double              threshold,
                           AplombAplAggregate *aggregate);

G_END_DECLS
