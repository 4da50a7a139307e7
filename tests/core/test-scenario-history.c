/* test-scenario-history.c: undo and redo of scenario edits; lasso selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aplomb-core.h"
#include "aplomb-import.h"
#include "aplomb-lasso.h"
#include "aplomb-scenario-history.h"

#define CHER FIXTURES_DIR "/communes_simplified_dep18.geojson"

static AplombAction *
make_msp (const char *commune,
          double      gp_etp)
{
  AplombAction *action = aplomb_action_new (APLOMB_ACTION_MSP);

  action->msp.commune = g_strdup (commune);
  action->msp.team[APLOMB_PROFESSION_GP] = gp_etp;
  return action;
}

static double
first_gp_etp (AplombScenario *scenario)
{
  return aplomb_scenario_get_action (scenario, 0)->msp.team[APLOMB_PROFESSION_GP];
}

static void
test_undo_redo (void)
{
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("Cher");
  g_autoptr(AplombScenarioHistory) history = aplomb_scenario_history_new (scenario, 0);

  g_assert_false (aplomb_scenario_history_can_undo (history));
  g_assert_false (aplomb_scenario_history_can_redo (history));
  g_assert_false (aplomb_scenario_history_undo (history));

  aplomb_scenario_append_action (scenario, make_msp ("18279", 2));
  aplomb_scenario_replace_action (scenario, 0, make_msp ("18279", 3));
  aplomb_scenario_set_name (scenario, "Cher, MSP de Vierzon");
  g_assert_cmpuint (aplomb_scenario_history_get_n_steps (history), ==, 4);

  g_assert_true (aplomb_scenario_history_undo (history));
  g_assert_cmpstr (aplomb_scenario_get_name (scenario), ==, "Cher");
  g_assert_cmpfloat (first_gp_etp (scenario), ==, 3);
  g_assert_true (aplomb_scenario_history_undo (history));
  g_assert_cmpfloat (first_gp_etp (scenario), ==, 2);
  g_assert_true (aplomb_scenario_history_undo (history));
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 0);
  g_assert_false (aplomb_scenario_history_can_undo (history));

  /* Restoring records nothing: the steps are all still there. */
  g_assert_cmpuint (aplomb_scenario_history_get_n_steps (history), ==, 4);
  g_assert_true (aplomb_scenario_history_redo (history));
  g_assert_true (aplomb_scenario_history_redo (history));
  g_assert_cmpfloat (first_gp_etp (scenario), ==, 3);
  g_assert_cmpstr (aplomb_scenario_get_name (scenario), ==, "Cher");
  g_assert_true (aplomb_scenario_history_can_redo (history));

  /* A new edit forks: the renaming can no longer be redone. */
  aplomb_scenario_remove_action (scenario, 0);
  g_assert_false (aplomb_scenario_history_can_redo (history));
  g_assert_cmpuint (aplomb_scenario_history_get_n_steps (history), ==, 4);
  g_assert_true (aplomb_scenario_history_undo (history));
  g_assert_cmpfloat (first_gp_etp (scenario), ==, 3);
}

static void
test_no_change_no_step (void)
{
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("Cher");
  g_autoptr(AplombScenarioHistory) history = aplomb_scenario_history_new (scenario, 0);

  aplomb_scenario_set_description (scenario, NULL);
  aplomb_scenario_append_action (scenario, make_msp ("18033", 1));
  /* Replacing an action by an equal one is an edit that changes nothing. */
  aplomb_scenario_replace_action (scenario, 0, make_msp ("18033", 1));
  g_assert_cmpuint (aplomb_scenario_history_get_n_steps (history), ==, 2);
}

static void
test_limit (void)
{
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("Cher");
  g_autoptr(AplombScenarioHistory) history = aplomb_scenario_history_new (scenario, 3);

  for (guint i = 1; i <= 5; i++)
    aplomb_scenario_append_action (scenario, make_msp ("18033", i));
  g_assert_cmpuint (aplomb_scenario_history_get_n_steps (history), ==, 3);
  g_assert_true (aplomb_scenario_history_undo (history));
  g_assert_true (aplomb_scenario_history_undo (history));
  g_assert_false (aplomb_scenario_history_undo (history));
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 3);
}

static void
test_polygon_contains (void)
{
  /* An L: the square (0,0)-(2,2) less its upper right quarter. */
  static const double l_shape[] = { 0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2 };
  /* A bow tie crossing itself at (1, 1). */
  static const double bow_tie[] = { 0, 0, 2, 2, 2, 0, 0, 2 };

  g_assert_true (aplomb_polygon_contains (l_shape, 6, 0.5, 0.5));
  g_assert_true (aplomb_polygon_contains (l_shape, 6, 1.5, 0.5));
  g_assert_true (aplomb_polygon_contains (l_shape, 6, 0.5, 1.5));
  g_assert_false (aplomb_polygon_contains (l_shape, 6, 1.5, 1.5));
  g_assert_false (aplomb_polygon_contains (l_shape, 6, 3, 0.5));
  g_assert_false (aplomb_polygon_contains (l_shape, 6, -0.5, 0.5));

  g_assert_true (aplomb_polygon_contains (bow_tie, 4, 1.5, 1));
  g_assert_true (aplomb_polygon_contains (bow_tie, 4, 0.5, 1));
  g_assert_false (aplomb_polygon_contains (bow_tie, 4, 1, 0.5));
  g_assert_false (aplomb_polygon_contains (bow_tie, 4, 1, 1.5));
}

static AplombTerritory *
load_cher (void)
{
  g_autoptr(GError) error = NULL;
  AplombTerritory *territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report =
    aplomb_import_file (territory, APLOMB_IMPORT_COMMUNES, CHER, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return territory;
}

static void
test_lasso_select (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  int bourges = aplomb_territory_lookup (territory, "18033");
  /* Around the whole Cher (1.77–3.08 E, 46.42–47.63 N). */
  static const double cher[] = { 1.5, 46.2, 3.3, 46.2, 3.3, 47.9, 1.5, 47.9 };
  /* West of the Cher, in the Indre. */
  static const double indre[] = { 1.0, 46.5, 1.5, 46.5, 1.2, 47.0 };
  g_autoptr(GArray) all = aplomb_lasso_select (territory, cher, 4);
  g_autoptr(GArray) none = aplomb_lasso_select (territory, indre, 3);
  g_autoptr(GArray) around_bourges = NULL;
  g_autoptr(GArray) too_few = aplomb_lasso_select (territory, cher, 2);
  double lon, lat, square[8];

  g_assert_cmpuint (all->len, ==, aplomb_territory_get_n_communes (territory));
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (too_few->len, ==, 0);

  /* A 200 m square around the inner point of Bourges takes Bourges alone. */
  g_assert_cmpint (bourges, >=, 0);
  aplomb_territory_get_inner_point (territory, bourges, &lon, &lat);
  square[0] = lon - 0.001, square[1] = lat - 0.001;
  square[2] = lon + 0.001, square[3] = lat - 0.001;
  square[4] = lon + 0.001, square[5] = lat + 0.001;
  square[6] = lon - 0.001, square[7] = lat + 0.001;
  around_bourges = aplomb_lasso_select (territory, square, 4);
  g_assert_cmpuint (around_bourges->len, ==, 1);
  g_assert_cmpuint (g_array_index (around_bourges, guint, 0), ==, bourges);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();

  g_test_add_func ("/scenario-history/undo-redo", test_undo_redo);
  g_test_add_func ("/scenario-history/no-change-no-step", test_no_change_no_step);
  g_test_add_func ("/scenario-history/limit", test_limit);
  g_test_add_func ("/lasso/polygon-contains", test_polygon_contains);
  g_test_add_func ("/lasso/select", test_lasso_select);
  return g_test_run ();
}
