/* aplomb-scenario-layer.h: what a scenario draws on the map (bus tours,
 * sites of actions, CPTS perimeters) and the lasso that selects communes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "aplomb-territory.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_SCENARIO_LAYER (aplomb_scenario_layer_get_type ())
G_DECLARE_FINAL_TYPE (AplombScenarioLayer, aplomb_scenario_layer,
                      APLOMB, SCENARIO_LAYER, ShumateLayer)

/* map is the widget that receives the pointer (layers never do): while the
 * lasso is active, a drag on it draws the lasso instead of moving the map,
 * and ::lasso-finished gives its vertices as a GArray of longitude,
 * latitude doubles. */
AplombScenarioLayer *aplomb_scenario_layer_new              (ShumateViewport     *viewport,
                                                             GtkWidget           *map);
void                 aplomb_scenario_layer_set_lasso_active (AplombScenarioLayer *self,
                                                             gboolean             active);
gboolean             aplomb_scenario_layer_get_lasso_active (AplombScenarioLayer *self);

/* Paths are polylines of longitude, latitude pairs; sites are points. */
void                 aplomb_scenario_layer_clear            (AplombScenarioLayer *self);
void                 aplomb_scenario_layer_add_path         (AplombScenarioLayer *self,
                                                             const double        *lonlat,
                                                             guint                n);
void                 aplomb_scenario_layer_add_site         (AplombScenarioLayer *self,
                                                             double               lon,
                                                             double               lat);
/* A CPTS perimeter, the communes of geometry: its outer boundary is
 * outlined in the perimeter colour, its inside lightly tinted. */
void                 aplomb_scenario_layer_add_perimeter    (AplombScenarioLayer  *self,
                                                             const AplombGeometry *geometry,
                                                             const guint          *communes,
                                                             guint                 n);
const GdkRGBA       *aplomb_scenario_layer_get_perimeter_color (void);

G_END_DECLS
