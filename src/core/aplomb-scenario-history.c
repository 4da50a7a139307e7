/* aplomb-scenario-history.c: undo and redo of the edits of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aplomb-scenario-history.h"

struct _AplombScenarioHistory
{
  GObject         parent_instance;

  AplombScenario *scenario;
  gulong          changed_handler;
  GPtrArray      *steps;      /* JSON documents, oldest first */
  guint           current;    /* index of the scenario's state in steps */
  guint           limit;
  gboolean        restoring;  /* the scenario's signals come from undo or redo */
};

G_DEFINE_FINAL_TYPE (AplombScenarioHistory, aplomb_scenario_history, G_TYPE_OBJECT)

static void
aplomb_scenario_history_dispose (GObject *object)
{
  AplombScenarioHistory *self = APLOMB_SCENARIO_HISTORY (object);

  g_clear_signal_handler (&self->changed_handler, self->scenario);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (aplomb_scenario_history_parent_class)->dispose (object);
}

static void
aplomb_scenario_history_finalize (GObject *object)
{
  AplombScenarioHistory *self = APLOMB_SCENARIO_HISTORY (object);

  g_ptr_array_unref (self->steps);

  G_OBJECT_CLASS (aplomb_scenario_history_parent_class)->finalize (object);
}

static void
aplomb_scenario_history_class_init (AplombScenarioHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aplomb_scenario_history_dispose;
  object_class->finalize = aplomb_scenario_history_finalize;
}

static void
aplomb_scenario_history_init (AplombScenarioHistory *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_free);
}

static void
record_step (AplombScenarioHistory *self)
{
  g_autofree char *json = NULL;

  if (self->restoring)
    return;

  json = aplomb_scenario_to_json (self->scenario);
  if (g_strcmp0 (json, g_ptr_array_index (self->steps, self->current)) == 0)
    return;

  /* A new edit after some undos forks the history: the undone steps go. */
  g_ptr_array_set_size (self->steps, self->current + 1);
  g_ptr_array_add (self->steps, g_steal_pointer (&json));
  if (self->limit > 0 && self->steps->len > self->limit)
    g_ptr_array_remove_range (self->steps, 0, self->steps->len - self->limit);
  self->current = self->steps->len - 1;
}

AplombScenarioHistory *
aplomb_scenario_history_new (AplombScenario *scenario,
                             guint           limit)
{
  AplombScenarioHistory *self;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (limit != 1, NULL);

  self = g_object_new (APLOMB_TYPE_SCENARIO_HISTORY, NULL);
  self->scenario = g_object_ref (scenario);
  self->limit = limit;
  g_ptr_array_add (self->steps, aplomb_scenario_to_json (scenario));
  self->changed_handler = g_signal_connect_swapped (scenario, "changed",
                                                    G_CALLBACK (record_step), self);
  return self;
}

/* Puts the document of step into the scenario: properties, then actions.
 * The documents were written by aplomb_scenario_to_json(), so they parse. */
static void
restore_step (AplombScenarioHistory *self,
              guint                  step)
{
  g_autoptr(AplombScenario) state = NULL;
  g_autoptr(GError) error = NULL;
  AplombScenario *scenario = self->scenario;

  state = aplomb_scenario_new_from_json (g_ptr_array_index (self->steps, step), -1, &error);
  g_return_if_fail (state != NULL);

  self->restoring = TRUE;
  aplomb_scenario_set_name (scenario, aplomb_scenario_get_name (state));
  aplomb_scenario_set_description (scenario, aplomb_scenario_get_description (state));
  aplomb_scenario_set_baseline (scenario, aplomb_scenario_get_baseline_kind (state),
                                aplomb_scenario_get_baseline_year (state));
  aplomb_scenario_set_year (scenario, aplomb_scenario_get_year (state));
  while (aplomb_scenario_get_n_actions (scenario) > 0)
    aplomb_scenario_remove_action (scenario, aplomb_scenario_get_n_actions (scenario) - 1);
  for (guint i = 0; i < aplomb_scenario_get_n_actions (state); i++)
    aplomb_scenario_append_action (scenario,
                                   aplomb_action_copy (aplomb_scenario_get_action (state, i)));
  self->restoring = FALSE;
  self->current = step;
}

gboolean
aplomb_scenario_history_can_undo (AplombScenarioHistory *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_HISTORY (self), FALSE);

  return self->current > 0;
}

gboolean
aplomb_scenario_history_can_redo (AplombScenarioHistory *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_HISTORY (self), FALSE);

  return self->current + 1 < self->steps->len;
}

gboolean
aplomb_scenario_history_undo (AplombScenarioHistory *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_HISTORY (self), FALSE);

  if (!aplomb_scenario_history_can_undo (self))
    return FALSE;
  restore_step (self, self->current - 1);
  return TRUE;
}

gboolean
aplomb_scenario_history_redo (AplombScenarioHistory *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_HISTORY (self), FALSE);

  if (!aplomb_scenario_history_can_redo (self))
    return FALSE;
  restore_step (self, self->current + 1);
  return TRUE;
}

AplombScenario *
aplomb_scenario_history_get_scenario (AplombScenarioHistory *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_HISTORY (self), NULL);

  return self->scenario;
}

guint
aplomb_scenario_history_get_n_steps (AplombScenarioHistory *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_HISTORY (self), 0);

  return self->steps->len;
}
