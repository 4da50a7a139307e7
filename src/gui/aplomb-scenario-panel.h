/* aplomb-scenario-panel.h: the scenarios of the project, their actions and
 * results, beside the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-action-editor.h"
#include "aplomb-atlas.h"
#include "aplomb-commune-map.h"
#include "aplomb-scenario-history.h"
#include "aplomb-scenario-results.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_SCENARIO_PANEL (aplomb_scenario_panel_get_type ())
G_DECLARE_FINAL_TYPE (AplombScenarioPanel, aplomb_scenario_panel, APLOMB, SCENARIO_PANEL, GtkWidget)

/* What the map shows while the panel is active (property "map-mode", as
 * the strings "baseline", "scenario" and "difference"). */
typedef enum
{
  APLOMB_MAP_MODE_BASELINE,
  APLOMB_MAP_MODE_SCENARIO,
  APLOMB_MAP_MODE_DIFFERENCE,
} AplombMapMode;

GtkWidget             *aplomb_scenario_panel_new             (void);
void                   aplomb_scenario_panel_set_map         (AplombScenarioPanel *self,
                                                              AplombCommuneMap    *map);
/* Loads the scenarios saved in the project at project_path, where edits
 * are saved as they are made unless read_only. */
void                   aplomb_scenario_panel_set_atlas       (AplombScenarioPanel *self,
                                                              AplombAtlas         *atlas,
                                                              const char          *project_path,
                                                              gboolean             read_only);
/* While active, the panel colours the map and draws on it. */
void                   aplomb_scenario_panel_set_active      (AplombScenarioPanel *self,
                                                              gboolean             active);
/* A commune clicked on the map: TRUE when the panel took it for the
 * action being edited. */
gboolean               aplomb_scenario_panel_take_commune    (AplombScenarioPanel *self,
                                                              guint                commune);

AplombMapMode          aplomb_scenario_panel_get_map_mode    (AplombScenarioPanel *self);
void                   aplomb_scenario_panel_set_map_mode    (AplombScenarioPanel *self,
                                                              AplombMapMode        mode);
AplombScenario        *aplomb_scenario_panel_get_scenario    (AplombScenarioPanel *self);
guint                  aplomb_scenario_panel_get_n_scenarios (AplombScenarioPanel *self);
void                   aplomb_scenario_panel_select          (AplombScenarioPanel *self,
                                                              guint                position);
AplombScenarioResult  *aplomb_scenario_panel_get_result      (AplombScenarioPanel *self);
/* The classes of the difference map. */
AplombClassification  *aplomb_scenario_panel_get_difference_classification (AplombScenarioPanel *self);
AplombScenarioHistory *aplomb_scenario_panel_get_history     (AplombScenarioPanel *self);
AplombActionEditor    *aplomb_scenario_panel_get_editor      (AplombScenarioPanel *self);
AplombScenarioResults *aplomb_scenario_panel_get_results     (AplombScenarioPanel *self);
/* Microseconds from the last edit to its figures on screen. */
gint64                 aplomb_scenario_panel_get_update_time (AplombScenarioPanel *self);
/* The JSON exchange of docs/scenario-format.md: an imported scenario is
 * added to the project and shown; the shown one is exported. */
gboolean               aplomb_scenario_panel_import          (AplombScenarioPanel *self,
                                                              const char          *path,
                                                              GError             **error);
gboolean               aplomb_scenario_panel_export          (AplombScenarioPanel *self,
                                                              const char          *path,
                                                              GError             **error);
/* Writes pending edits to the project now rather than after a pause. */
gboolean               aplomb_scenario_panel_save            (AplombScenarioPanel *self,
                                                              GError             **error);

G_END_DECLS
