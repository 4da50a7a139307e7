/* aplomb-cli-bench-scenario.c: the scenario part of aplomb-cli bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "aplomb-cli.h"
#include "aplomb-scenario-evaluator.h"

#define EDITS 200

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Edit to figures, as in the application: an MSP of the Cher changes
 * commune or team (::changed is emitted), the evaluator updates the
 * engine's supply and recomputes every figure of the result (per-commune
 * differences and classes, population lifted and fallen, mean, D1, D9). The
 * first evaluation is reported apart. */
gboolean
aplomb_cli_bench_scenario (AplombTerritory   *territory,
                           AplombTravelTimes *times,
                           AplombPreset      *preset,
                           const double      *supply,
                           const double      *demand,
                           GError           **error)
{
  g_autoptr(AplombScenarioEvaluator) evaluator = NULL;
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("bench");
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = aplomb_territory_get_n_communes (territory);
  double samples[EDITS];

  evaluator = aplomb_scenario_evaluator_new (territory, times, preset, supply, demand, error);
  if (evaluator == NULL)
    return FALSE;
  for (guint c = 0; c < n; c++)
    if (g_strcmp0 (aplomb_territory_get_departement (territory, c), "18") == 0)
      g_array_append_val (sites, c);
  for (guint c = 0; sites->len == 0 && c < n; c++)
    g_array_append_val (sites, c);

  for (guint e = 0; e < EDITS; e++)
    {
      guint site = g_array_index (sites, guint, (e * 7919) % sites->len);
      AplombAction *msp = aplomb_action_new (APLOMB_ACTION_MSP);
      g_autoptr(AplombScenarioResult) result = NULL;
      gint64 start;

      msp->msp.commune = g_strdup (aplomb_territory_get_code (territory, site));
      msp->msp.team[APLOMB_PROFESSION_GP] = 1 + e % 3;
      start = g_get_monotonic_time ();
      if (e == 0)
        aplomb_scenario_append_action (scenario, msp);
      else
        aplomb_scenario_replace_action (scenario, 0, msp);
      result = aplomb_scenario_evaluator_evaluate (evaluator, scenario, error);
      samples[e] = (g_get_monotonic_time () - start) / 1e3;
      if (result == NULL)
        return FALSE;
    }

  g_print (_("  %-44s %10.2f ms  (first edit after the evaluator is built)"),
           _("Scenario: MSP edit to new figures"), samples[0]);
  g_print ("\n");
  qsort (samples + 1, EDITS - 1, sizeof (double), compare_doubles);
  g_print (_("  %-44s %10.2f ms  (min %.2f, 90th percentile %.2f, max %.2f, %u edits)"),
           _("Scenario: MSP edit to new figures"), samples[EDITS / 2], samples[1],
           samples[1 + (EDITS - 1) * 9 / 10], samples[EDITS - 1], EDITS - 1);
  g_print ("\n");
  return TRUE;
}
