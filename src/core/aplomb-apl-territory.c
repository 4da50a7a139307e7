/* aplomb-apl-territory.c: the engine's per-commune inputs from a territory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aplomb-apl-territory.h"

/* Shoelace area (signed) and centroid numerators of one ring. */
static double
ring_moments (const double *coords,
              guint         first,
              guint         last,
              double       *cx,
              double       *cy)
{
  double area = 0;

  *cx = *cy = 0;
  for (guint k = first; k + 1 < last; k++)
    {
      double x0 = coords[2 * k], y0 = coords[2 * k + 1];
      double x1 = coords[2 * k + 2], y1 = coords[2 * k + 3];
      double cross = x0 * y1 - x1 * y0;

      area += cross;
      *cx += (x0 + x1) * cross;
      *cy += (y0 + y1) * cross;
    }
  return area / 2;
}

/* Exterior rings add, holes subtract, whatever their orientation. */
static gboolean
commune_centroid (const AplombGeometry *g,
                  guint                 commune,
                  double               *lon,
                  double               *lat)
{
  double area = 0, sx = 0, sy = 0;

  for (guint p = g->feature_offsets[commune]; p < g->feature_offsets[commune + 1]; p++)
    for (guint r = g->polygon_offsets[p]; r < g->polygon_offsets[p + 1]; r++)
      {
        double cx, cy;
        double a = ring_moments (g->coords, g->ring_offsets[r], g->ring_offsets[r + 1], &cx, &cy);
        double sign = (r == g->polygon_offsets[p] ? 1 : -1) * (a < 0 ? -1 : 1);

        area += sign * a;
        sx += sign * cx / 6;
        sy += sign * cy / 6;
      }
  if (!(area > 0))
    return FALSE;
  *lon = sx / area;
  *lat = sy / area;
  return TRUE;
}

void
aplomb_apl_territory_points (AplombTerritory *territory,
                             double          *lon,
                             double          *lat)
{
  const AplombGeometry *g = aplomb_territory_get_geometry (territory);
  guint n = aplomb_territory_get_n_communes (territory);

  for (guint i = 0; i < n; i++)
    if (g == NULL || i >= g->n_features || !commune_centroid (g, i, &lon[i], &lat[i]))
      aplomb_territory_get_inner_point (territory, i, &lon[i], &lat[i]);
}

gboolean
aplomb_apl_territory_supply (AplombTerritory *territory,
                             AplombPreset    *preset,
                             guint            age_bound,
                             double          *heads,
                             double          *supply)
{
  const AplombSupplyRule *rule = aplomb_preset_get_supply_rule (preset);
  const AplombPractitioner *rows = aplomb_territory_get_practitioners (territory);
  guint n = aplomb_territory_get_n_communes (territory);
  AplombProfession profession;

  if (!aplomb_profession_from_string (aplomb_preset_get_profession (preset), &profession))
    return FALSE;

  memset (heads, 0, n * sizeof *heads);
  memset (supply, 0, n * sizeof *supply);
  for (guint k = 0; k < aplomb_territory_get_n_practitioners (territory); k++)
    {
      const AplombPractitioner *row = &rows[k];
      int commune = row->commune;

      if (row->profession != profession || (age_bound > 0 && row->age > (int) age_bound))
        continue;
      if (commune < 0 && !isnan (row->lon) && !isnan (row->lat))
        commune = aplomb_territory_find_commune_at (territory, row->lon, row->lat);
      if (commune < 0)
        continue;
      heads[commune] += isnan (row->heads) ? 1 : row->heads;
      supply[commune] += aplomb_supply_rule_apply (rule, row->heads, row->etp, row->activity);
    }
  return TRUE;
}

void
aplomb_apl_territory_demand (AplombTerritory *territory,
                             AplombPreset    *preset,
                             double          *demand)
{
  const AplombDemandRule *rule = aplomb_preset_get_demand_rule (preset);
  const double *population = aplomb_territory_get_population (territory);
  const double *share = aplomb_territory_get_share_75plus (territory);
  guint n = aplomb_territory_get_n_communes (territory);
  guint n_bands = 0;
  const guint *lower_bounds = NULL;
  const double *bands = aplomb_territory_get_age_bands (territory, &n_bands, &lower_bounds);

  for (guint i = 0; i < n; i++)
    {
      if (bands != NULL)
        demand[i] = aplomb_demand_rule_from_bands (rule, lower_bounds, bands + i * n_bands,
                                                   n_bands);
      else
        demand[i] = aplomb_demand_rule_from_share_75plus (rule, population ? population[i] : NAN,
                                                          share ? share[i] : NAN);
      if (!(demand[i] >= 0))
        demand[i] = 0;
    }
}
