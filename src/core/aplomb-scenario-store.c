/* aplomb-scenario-store.c: scenarios saved in the project file
 *
 * The project store keeps each scenario as the JSON document of
 * docs/scenario-format.md, so a saved scenario and an exported one are the
 * same text and a project opened by a newer Aplomb reads as a file would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aplomb-scenario.h"
#include "aplomb-store.h"

gint64
aplomb_scenario_save_to_store (AplombScenario *self,
                               AplombStore    *store,
                               gint64          id,
                               GError        **error)
{
  g_autofree char *json = NULL;
  const char *name;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), 0);
  g_return_val_if_fail (APLOMB_IS_STORE (store), 0);

  json = aplomb_scenario_to_json (self);
  name = aplomb_scenario_get_name (self);
  return aplomb_store_save_scenario (store, id, name != NULL ? name : "", json, error);
}

AplombScenario *
aplomb_scenario_new_from_store (AplombStore *store,
                                gint64       id,
                                GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (APLOMB_IS_STORE (store), NULL);

  json = aplomb_store_load_scenario (store, id, NULL, error);
  return json != NULL ? aplomb_scenario_new_from_json (json, -1, error) : NULL;
}
