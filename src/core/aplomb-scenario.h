/* aplomb-scenario.h: a named list of actions on the baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aplomb-scenario-action.h"

G_BEGIN_DECLS

typedef struct _AplombStore AplombStore;

typedef enum
{
  APLOMB_BASELINE_COMPUTED,  /* the APL Aplomb computes */
  APLOMB_BASELINE_OFFICIAL,  /* the DREES APL of a year, plus the engine's difference */
} AplombBaselineKind;

#define APLOMB_TYPE_BASELINE_KIND (aplomb_baseline_kind_get_type ())
GType aplomb_baseline_kind_get_type (void) G_GNUC_CONST;

#define APLOMB_TYPE_SCENARIO (aplomb_scenario_get_type ())
G_DECLARE_FINAL_TYPE (AplombScenario, aplomb_scenario, APLOMB, SCENARIO, GObject)

/* Every edit emits ::actions-changed (position, removed, added) for the
 * actions, or notify for the properties, then ::changed. */
AplombScenario     *aplomb_scenario_new                 (const char         *name);
AplombScenario     *aplomb_scenario_copy                (AplombScenario     *self);

const char         *aplomb_scenario_get_name            (AplombScenario     *self);
void                aplomb_scenario_set_name            (AplombScenario     *self,
                                                         const char         *name);
const char         *aplomb_scenario_get_description     (AplombScenario     *self);
void                aplomb_scenario_set_description     (AplombScenario     *self,
                                                         const char         *description);
AplombBaselineKind  aplomb_scenario_get_baseline_kind   (AplombScenario     *self);
/* The millésime of the official APL, or the year the territory describes
 * (the reference of practitioners' ages) for a computed baseline. */
int                 aplomb_scenario_get_baseline_year   (AplombScenario     *self);
void                aplomb_scenario_set_baseline        (AplombScenario     *self,
                                                         AplombBaselineKind  kind,
                                                         int                 year);

/* The year the scenario shows: an MSP opening later does not count yet,
 * and retirements without a horizon of their own are counted up to it.
 * 0 (the default) shows every action done. */
int                 aplomb_scenario_get_year            (AplombScenario     *self);
void                aplomb_scenario_set_year            (AplombScenario     *self,
                                                         int                 year);

guint               aplomb_scenario_get_n_actions       (AplombScenario     *self);
const AplombAction *aplomb_scenario_get_action          (AplombScenario     *self,
                                                         guint               index);
/* Takes ownership of action; position may be the number of actions. */
void                aplomb_scenario_insert_action       (AplombScenario     *self,
                                                         guint               position,
                                                         AplombAction       *action);
void                aplomb_scenario_append_action       (AplombScenario     *self,
                                                         AplombAction       *action);
void                aplomb_scenario_replace_action      (AplombScenario     *self,
                                                         guint               index,
                                                         AplombAction       *action);
void                aplomb_scenario_remove_action       (AplombScenario     *self,
                                                         guint               index);

/* aplomb_action_check() on every action, stopping at the first error. */
gboolean            aplomb_scenario_check               (AplombScenario     *self,
                                                         GError            **error);

/* JSON exchange (docs/scenario-format.md). Loading checks every action. */
AplombScenario     *aplomb_scenario_new_from_json       (const char         *text,
                                                         gssize              length,
                                                         GError            **error);
AplombScenario     *aplomb_scenario_new_from_file       (const char         *path,
                                                         GError            **error);
char               *aplomb_scenario_to_json             (AplombScenario     *self);
gboolean            aplomb_scenario_save_to_file        (AplombScenario     *self,
                                                         const char         *path,
                                                         GError            **error);

/* In the project file, as the same JSON; id 0 saves a new scenario.
 * Returns the id, 0 on error. */
gint64              aplomb_scenario_save_to_store       (AplombScenario     *self,
                                                         AplombStore        *store,
                                                         gint64              id,
                                                         GError            **error);
AplombScenario     *aplomb_scenario_new_from_store      (AplombStore        *store,
                                                         gint64              id,
                                                         GError            **error);

G_END_DECLS
