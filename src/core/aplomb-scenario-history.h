/* aplomb-scenario-history.h: undo and redo of the edits of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aplomb-scenario.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_SCENARIO_HISTORY (aplomb_scenario_history_get_type ())
G_DECLARE_FINAL_TYPE (AplombScenarioHistory, aplomb_scenario_history,
                      APLOMB, SCENARIO_HISTORY, GObject)

/* The history keeps the states of one scenario as JSON documents, the
 * format the scenario is saved in, so that undoing restores exactly what
 * was saved. It starts at the state of scenario when created and records a
 * step at each ::changed of the scenario that changed its document, so
 * every edit, whoever makes it, can be undone. At most limit steps are kept
 * (0: no limit); the oldest are forgotten first. */
AplombScenarioHistory *aplomb_scenario_history_new      (AplombScenario        *scenario,
                                                         guint                  limit);

gboolean               aplomb_scenario_history_can_undo (AplombScenarioHistory *self);
gboolean               aplomb_scenario_history_can_redo (AplombScenarioHistory *self);

/* Put the scenario back in its previous (next) state, in place, so that
 * whoever shows it sees the edit through its signals. Return FALSE when
 * there is nothing to undo (redo). */
gboolean               aplomb_scenario_history_undo     (AplombScenarioHistory *self);
gboolean               aplomb_scenario_history_redo     (AplombScenarioHistory *self);

AplombScenario        *aplomb_scenario_history_get_scenario (AplombScenarioHistory *self);
guint                  aplomb_scenario_history_get_n_steps  (AplombScenarioHistory *self);

G_END_DECLS
