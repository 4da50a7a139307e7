/* aplomb-apl-territory.h: the engine's per-commune inputs from a territory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-preset.h"
#include "aplomb-territory.h"

G_BEGIN_DECLS

/* Every function fills one value per commune of the territory. */

/* The centroid of each commune's polygons (planar, in degrees, as the
 * travel-time model was calibrated on), or its inner point without one. */
void     aplomb_apl_territory_points (AplombTerritory *territory,
                                      double          *lon,
                                      double          *lat);

/* Heads and supply of the preset's profession. With age_bound > 0,
 * practitioners known to be older are left out; those of unknown age stay
 * (then every variant equals the all-ages one). Returns FALSE when the
 * preset's profession is unknown to the territory model. */
gboolean aplomb_apl_territory_supply (AplombTerritory *territory,
                                      AplombPreset    *preset,
                                      guint            age_bound,
                                      double          *heads,
                                      double          *supply);

/* Standardised population: by age band when the territory has them, else
 * from the share of people aged 75 or more (the approximation documented
 * in docs/validation.md), else the population itself. */
void     aplomb_apl_territory_demand (AplombTerritory *territory,
                                      AplombPreset    *preset,
                                      double          *demand);

G_END_DECLS
