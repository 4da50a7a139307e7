/* aplomb-action-editor.h: the form of one scenario action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-atlas.h"
#include "aplomb-scenario-evaluator.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_ACTION_EDITOR (aplomb_action_editor_get_type ())
G_DECLARE_FINAL_TYPE (AplombActionEditor, aplomb_action_editor, APLOMB, ACTION_EDITOR, GtkWidget)

/* How the editor wants the next communes of the map. */
typedef enum
{
  APLOMB_PICK_NONE,
  APLOMB_PICK_CLICK,   /* clicks on the map give communes */
  APLOMB_PICK_LASSO,   /* a drag on the map draws a lasso */
} AplombPickMode;

GtkWidget          *aplomb_action_editor_new            (void);
/* "Mobile bus": the kind's label as a title. */
char               *aplomb_action_kind_get_title        (AplombActionKind         kind);

/* Edits a copy of action (NULL: a new action of kind) that is, or will be
 * inserted, at index of scenario. The form is checked as it is filled,
 * against the action alone and then against the scenario, the territory
 * and the travel times of atlas; "editor.save" is enabled only when the
 * action is valid, and emits ::done with TRUE. */
void                aplomb_action_editor_edit           (AplombActionEditor      *self,
                                                         AplombAtlas             *atlas,
                                                         AplombScenarioEvaluator *evaluator,
                                                         AplombScenario          *scenario,
                                                         guint                    index,
                                                         const AplombAction      *action,
                                                         AplombActionKind         kind);
/* The scenario's figures as they are, whose baseline the diagnostic of a
 * CPTS perimeter describes. */
void                aplomb_action_editor_set_result     (AplombActionEditor      *self,
                                                         AplombScenarioResult    *result);
gboolean            aplomb_action_editor_is_new         (AplombActionEditor      *self);
guint               aplomb_action_editor_get_index      (AplombActionEditor      *self);
/* The action as the form describes it. */
const AplombAction *aplomb_action_editor_get_action     (AplombActionEditor      *self);
/* The reason the action cannot be saved, or NULL. */
const char         *aplomb_action_editor_get_problem    (AplombActionEditor      *self);
/* One line per day of service of a bus: its tour, driving time and
 * whether it fits in the shift; NULL for other actions. */
const char         *aplomb_action_editor_get_tours      (AplombActionEditor      *self);

AplombPickMode      aplomb_action_editor_get_pick_mode  (AplombActionEditor      *self);
/* Gives the editor communes chosen on the map. */
void                aplomb_action_editor_take_communes  (AplombActionEditor      *self,
                                                         const guint             *communes,
                                                         guint                    n);
/* Replaces the communes of the CPTS being edited with those the file
 * gives (aplomb_cpts_read_perimeter()); on failure, keeps them and shows
 * why in the form. What the import button does once a file is chosen. */
gboolean            aplomb_action_editor_import_perimeter (AplombActionEditor    *self,
                                                           GFile                 *file);

G_END_DECLS
