/* aplomb-scenario-result.c: the figures of a scenario against its baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-scenario-result.h"

G_DEFINE_BOXED_TYPE (AplombScenarioResult, aplomb_scenario_result,
                     aplomb_scenario_result_ref, aplomb_scenario_result_unref)

AplombScenarioResult *
aplomb_scenario_result_new (guint n_communes)
{
  AplombScenarioResult *result = g_rc_box_new0 (AplombScenarioResult);

  result->n_communes = n_communes;
  result->baseline = g_new (double, n_communes);
  result->values = g_new (double, n_communes);
  result->delta = g_new (double, n_communes);
  result->supply_delta = g_new0 (double, n_communes);
  result->nearest = g_new (double, n_communes);
  result->baseline_class = g_new (guint8, n_communes);
  result->value_class = g_new (guint8, n_communes);
  result->population = g_new (double, n_communes);
  result->population_std = g_new (double, n_communes);
  result->changed = g_array_new (FALSE, FALSE, sizeof (guint));
  result->class_changed = g_array_new (FALSE, FALSE, sizeof (guint));
  result->cpts_perimeters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  result->cpts_names = g_ptr_array_new_with_free_func (g_free);
  return result;
}

AplombScenarioResult *
aplomb_scenario_result_ref (AplombScenarioResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_rc_box_acquire (result);
}

static void
clear_result (gpointer data)
{
  AplombScenarioResult *result = data;

  g_free (result->thresholds);
  g_free (result->baseline);
  g_free (result->values);
  g_free (result->delta);
  g_free (result->supply_delta);
  g_free (result->nearest);
  g_free (result->baseline_class);
  g_free (result->value_class);
  g_free (result->population);
  g_free (result->population_std);
  g_array_unref (result->changed);
  g_array_unref (result->class_changed);
  g_ptr_array_unref (result->cpts_perimeters);
  g_ptr_array_unref (result->cpts_names);
  aplomb_scenario_supply_free (result->supply);
}

void
aplomb_scenario_result_unref (AplombScenarioResult *result)
{
  g_return_if_fail (result != NULL);

  g_rc_box_release_full (result, clear_result);
}

void
aplomb_scenario_result_aggregate (const AplombScenarioResult *result,
                                  const guint                *communes,
                                  guint                       n,
                                  AplombAplAggregate         *before,
                                  AplombAplAggregate         *after)
{
  g_return_if_fail (result != NULL);

  aplomb_apl_aggregate (result->baseline, result->population, result->population_std,
                        communes, n, result->threshold, before);
  aplomb_apl_aggregate (result->values, result->population, result->population_std,
                        communes, n, result->threshold, after);
}

void
aplomb_scenario_group_free (AplombScenarioGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->code);
  g_free (group->name);
  g_free (group);
}

static AplombScenarioGroup *
make_group (const AplombScenarioResult *result,
            const char                 *code,
            const char                 *name,
            GArray                     *communes)
{
  AplombScenarioGroup *group = g_new0 (AplombScenarioGroup, 1);

  group->code = g_strdup (code);
  group->name = g_strdup (name);
  for (guint i = 0; i < communes->len; i++)
    {
      guint c = g_array_index (communes, guint, i);
      gboolean was_under = result->baseline[c] < result->threshold;
      gboolean is_under = result->values[c] < result->threshold;
      double population = isnan (result->population[c]) ? 0.0 : result->population[c];

      if (result->delta[c] != 0)
        group->n_changed++;
      if (was_under && !is_under)
        group->population_lifted += population;
      else if (!was_under && is_under)
        group->population_fallen += population;
    }
  aplomb_scenario_result_aggregate (result, (const guint *) communes->data, communes->len,
                                    &group->before, &group->after);
  return group;
}

static const char *
group_key (AplombTerritory *territory,
           AplombGroupKind  kind,
           guint            commune)
{
  return kind == APLOMB_GROUP_DEPARTEMENT ? aplomb_territory_get_departement (territory, commune)
                                          : aplomb_territory_get_epci (territory, commune);
}

static GPtrArray *
group_by_cpts (const AplombScenarioResult *result)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) aplomb_scenario_group_free);

  for (guint k = 0; k < result->cpts_perimeters->len; k++)
    g_ptr_array_add (groups, make_group (result, g_ptr_array_index (result->cpts_names, k),
                                         g_ptr_array_index (result->cpts_names, k),
                                         g_ptr_array_index (result->cpts_perimeters, k)));
  return groups;
}

GPtrArray *
aplomb_scenario_result_group_by (const AplombScenarioResult *result,
                                 AplombTerritory            *territory,
                                 AplombGroupKind             kind)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *groups;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);

  if (kind == APLOMB_GROUP_CPTS)
    return group_by_cpts (result);

  for (guint i = 0; i < result->changed->len; i++)
    {
      const char *key = group_key (territory, kind, g_array_index (result->changed, guint, i));

      if (key != NULL)
        g_hash_table_add (touched, (gpointer) key);
    }

  members = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) g_array_unref);
  for (guint c = 0; c < result->n_communes; c++)
    {
      const char *key = group_key (territory, kind, c);
      GArray *communes;

      if (key == NULL || !g_hash_table_contains (touched, key))
        continue;
      communes = g_hash_table_lookup (members, key);
      if (communes == NULL)
        {
          communes = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (members, (gpointer) key, communes);
          g_ptr_array_add (order, GUINT_TO_POINTER (c));
        }
      g_array_append_val (communes, c);
    }

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) aplomb_scenario_group_free);
  for (guint k = 0; k < order->len; k++)
    {
      guint first = GPOINTER_TO_UINT (g_ptr_array_index (order, k));
      const char *key = group_key (territory, kind, first);
      const char *name = kind == APLOMB_GROUP_EPCI
                           ? aplomb_territory_get_epci_name (territory, first)
                           : key;

      g_ptr_array_add (groups, make_group (result, key, name,
                                           g_hash_table_lookup (members, key)));
    }
  return groups;
}
