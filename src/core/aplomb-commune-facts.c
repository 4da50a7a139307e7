/* aplomb-commune-facts.c: what the commune panel and reports say of a commune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aplomb-commune-facts.h"

static double
value_at (const double *values,
          guint         commune)
{
  return values != NULL ? values[commune] : NAN;
}

static void
count_practitioners (AplombCommuneFacts *facts,
                     AplombTerritory    *territory,
                     guint               commune)
{
  const AplombPractitioner *rows = aplomb_territory_get_practitioners (territory);
  guint n = aplomb_territory_get_n_practitioners (territory);

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    facts->practitioners[p] = 0;
  for (guint i = 0; i < n; i++)
    if (rows[i].commune == (int) commune && rows[i].profession < APLOMB_N_PROFESSIONS &&
        isfinite (rows[i].heads))
      facts->practitioners[rows[i].profession] += rows[i].heads;
}

/* Communes without a value are left out of the ranking. */
static void
rank_in_departement (AplombCommuneFacts *facts,
                     AplombTerritory    *territory,
                     guint               commune,
                     const double       *values)
{
  const char *departement = aplomb_territory_get_departement (territory, commune);
  guint n = aplomb_territory_get_n_communes (territory);
  double own;

  facts->rank_in_departement = 0;
  facts->n_in_departement = 0;
  if (values == NULL || departement == NULL || isnan (values[commune]))
    return;

  own = values[commune];
  facts->rank_in_departement = 1;
  for (guint i = 0; i < n; i++)
    {
      const char *other = aplomb_territory_get_departement (territory, i);

      if (other == NULL || strcmp (other, departement) != 0 || isnan (values[i]))
        continue;
      facts->n_in_departement++;
      if (values[i] > own)
        facts->rank_in_departement++;
    }
}

void
aplomb_commune_facts_compute (AplombCommuneFacts     *facts,
                              AplombTerritory        *territory,
                              guint                   commune,
                              const AplombIndicators *indicators)
{
  const double *share;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (APLOMB_IS_TERRITORY (territory));
  g_return_if_fail (commune < aplomb_territory_get_n_communes (territory));
  g_return_if_fail (indicators != NULL);

  facts->commune = commune;
  facts->population = aplomb_territory_get_population (territory)[commune];
  share = aplomb_territory_get_share_75plus (territory);
  facts->share_75plus = value_at (share, commune);
  facts->apl = value_at (indicators->apl, commune);
  facts->apl_official = value_at (indicators->apl_official, commune);
  facts->official_year = indicators->official_year;
  facts->density_10k = value_at (indicators->density_10k, commune);
  facts->nearest_gp_min = value_at (indicators->nearest_gp_min, commune);
  count_practitioners (facts, territory, commune);
  rank_in_departement (facts, territory, commune,
                       indicators->apl != NULL ? indicators->apl : indicators->apl_official);
}
