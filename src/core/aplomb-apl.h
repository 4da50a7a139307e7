/* aplomb-apl.h: the E2SFCA engine behind the APL, with incremental updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aplomb-preset.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

#define APLOMB_APL_ERROR (aplomb_apl_error_quark ())
GQuark aplomb_apl_error_quark (void);

typedef enum
{
  APLOMB_APL_ERROR_HORIZON,
} AplombAplError;

#define APLOMB_TYPE_APL (aplomb_apl_get_type ())
G_DECLARE_FINAL_TYPE (AplombApl, aplomb_apl, APLOMB, APL, GObject)

/* With d_ij the minutes from residence i to practice j and f the decay:
 *   R_j   = scale × S_j / Σ_i f(d_ij) P_i      (0 when nobody reaches j)
 *   APL_i = Σ_j f(d_ij) R_j
 * S is the supply per commune, P the standardised population. Both steps
 * use the same orientation of d, so Σ_i P_i APL_i = scale × Σ_j S_j over the
 * sites somebody reaches, even with an asymmetric matrix. */
AplombApl    *aplomb_apl_new            (AplombTravelTimes *times,
                                         const AplombDecay *decay,
                                         double             scale,
                                         GError           **error);

guint         aplomb_apl_get_n_communes (AplombApl         *self);
/* Number of (residence, practice) pairs with a non-zero weight. */
gsize         aplomb_apl_get_n_pairs    (AplombApl         *self);

/* Inputs are copied; values must be finite and ≥ 0. */
void          aplomb_apl_set_supply     (AplombApl         *self,
                                         const double      *supply);
void          aplomb_apl_set_demand     (AplombApl         *self,
                                         const double      *population_std);
const double *aplomb_apl_get_supply     (AplombApl         *self);
const double *aplomb_apl_get_demand     (AplombApl         *self);

void          aplomb_apl_compute        (AplombApl         *self);

/* Incremental updates after aplomb_apl_compute(): a supply change at j
 * touches the residents within the decay of j; a demand change at k, the
 * residents of every site k reaches. */
void          aplomb_apl_change_supply  (AplombApl         *self,
                                         guint              commune,
                                         double             supply);
void          aplomb_apl_change_demand  (AplombApl         *self,
                                         guint              commune,
                                         double             population_std);

const double *aplomb_apl_get_values     (AplombApl         *self);
/* Minutes to the nearest commune with supply (0 for its own), INFINITY
 * when none is within the horizon of the travel times. */
const double *aplomb_apl_get_nearest    (AplombApl         *self);

/* Practitioners (heads) per 10 000 inhabitants; NaN without population. */
void          aplomb_density_per_10k    (const double      *heads,
                                         const double      *population,
                                         guint              n_communes,
                                         double            *density);

G_END_DECLS
