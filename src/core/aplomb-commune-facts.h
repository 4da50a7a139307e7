/* aplomb-commune-facts.h: what the commune panel and reports say of a commune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-territory.h"

G_BEGIN_DECLS

/* Per-commune indicators computed elsewhere (engine, official data); any
 * array may be NULL when unknown. */
typedef struct
{
  const double *apl;
  const double *apl_official;
  int           official_year;
  const double *density_10k;
  const double *nearest_gp_min;
} AplombIndicators;

typedef struct
{
  guint  commune;
  double population;
  double share_75plus;
  double practitioners[APLOMB_N_PROFESSIONS];  /* heads */
  double apl;
  double apl_official;
  int    official_year;
  double density_10k;
  double nearest_gp_min;
  /* 1 for the best-served commune of the département by computed APL (or
   * official APL without it); 0 when neither is known. */
  guint  rank_in_departement;
  guint  n_in_departement;
} AplombCommuneFacts;

void aplomb_commune_facts_compute (AplombCommuneFacts     *facts,
                                   AplombTerritory        *territory,
                                   guint                   commune,
                                   const AplombIndicators *indicators);

G_END_DECLS
