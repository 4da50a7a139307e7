/* test-scenario.c: the scenario model, its checks and its JSON exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-scenario.h"
#include "aplomb-store.h"

static AplombScenario *
load_example (void)
{
  g_autofree char *path = aplomb_core_find_data ("scenarios/cher-example.json");
  g_autoptr(GError) error = NULL;
  AplombScenario *scenario;

  g_assert_nonnull (path);
  scenario = aplomb_scenario_new_from_file (path, &error);
  g_assert_no_error (error);
  return scenario;
}

static void
test_example_is_read_whole (void)
{
  g_autoptr(AplombScenario) scenario = load_example ();
  const AplombAction *msp, *bus, *cpts, *retirements, *practitioner, *tele;

  g_assert_cmpstr (aplomb_scenario_get_name (scenario), ==, "Sud du Cher 2027");
  g_assert_cmpint (aplomb_scenario_get_baseline_kind (scenario), ==, APLOMB_BASELINE_OFFICIAL);
  g_assert_cmpint (aplomb_scenario_get_baseline_year (scenario), ==, 2023);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 6);

  msp = aplomb_scenario_get_action (scenario, 0);
  g_assert_cmpint (msp->kind, ==, APLOMB_ACTION_MSP);
  g_assert_cmpstr (msp->msp.commune, ==, "18127");
  g_assert_cmpfloat (msp->msp.team[APLOMB_PROFESSION_GP], ==, 3);
  g_assert_cmpfloat (msp->msp.team[APLOMB_PROFESSION_NURSE], ==, 2);
  g_assert_cmpfloat (msp->msp.team[APLOMB_PROFESSION_DENTIST], ==, 0);
  g_assert_cmpuint (msp->msp.relocations->len, ==, 1);
  g_assert_cmpstr (g_array_index (msp->msp.relocations, AplombRelocation, 0).commune, ==,
                   "18058");
  g_assert_cmpint (msp->msp.opening_year, ==, 2027);

  bus = aplomb_scenario_get_action (scenario, 1);
  g_assert_cmpuint (bus->bus.stops->len, ==, 4);
  g_assert_cmpfloat (g_array_index (bus->bus.stops, AplombBusStop, 3).half_days[APLOMB_THURSDAY],
                     ==, 1);
  g_assert_cmpfloat (bus->bus.shift_hours, ==, 9);

  cpts = aplomb_scenario_get_action (scenario, 2);
  g_assert_cmpstr (cpts->cpts.epci, ==, "200049484");
  g_assert_cmpfloat (cpts->cpts.unscheduled_max_minutes, ==, 30);

  retirements = aplomb_scenario_get_action (scenario, 3);
  g_assert_cmpint (retirements->retirements.mode, ==, APLOMB_RETIREMENT_BY_SHARE);
  g_assert_cmpfloat (retirements->retirements.share_percent, ==, 50);

  practitioner = aplomb_scenario_get_action (scenario, 4);
  g_assert_false (practitioner->practitioner.remove);
  g_assert_cmpfloat (practitioner->practitioner.etp, ==, 0.5);

  tele = aplomb_scenario_get_action (scenario, 5);
  g_assert_cmpfloat (tele->teleconsultation.consultations_per_year, ==, 1500);
}

static void
test_round_trip (void)
{
  g_autoptr(AplombScenario) scenario = load_example ();
  g_autoptr(AplombScenario) again = NULL;
  g_autoptr(AplombScenario) copy = NULL;
  g_autoptr(AplombAction) by_age =
    aplomb_action_new_retirements_by_age (APLOMB_PROFESSION_GP, 62, 2030);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *copied = NULL;

  aplomb_scenario_append_action (scenario, g_steal_pointer (&by_age));

  first = aplomb_scenario_to_json (scenario);
  again = aplomb_scenario_new_from_json (first, -1, &error);
  g_assert_no_error (error);
  second = aplomb_scenario_to_json (again);
  g_assert_cmpstr (first, ==, second);

  copy = aplomb_scenario_copy (scenario);
  copied = aplomb_scenario_to_json (copy);
  g_assert_cmpstr (first, ==, copied);
  g_assert_cmpint (aplomb_scenario_get_action (again, 6)->retirements.age_above, ==, 62);
}

typedef struct
{
  guint position, removed, added;
  guint n_changed;
} Recorder;

static void
on_actions_changed (AplombScenario *scenario,
                    guint           position,
                    guint           removed,
                    guint           added,
                    Recorder       *recorder)
{
  recorder->position = position;
  recorder->removed = removed;
  recorder->added = added;
}

static void
on_changed (AplombScenario *scenario,
            Recorder       *recorder)
{
  recorder->n_changed++;
}

static void
test_edit_signals (void)
{
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("Test");
  AplombAction *tele = aplomb_action_new (APLOMB_ACTION_TELECONSULTATION);
  Recorder recorder = { 0 };

  g_signal_connect (scenario, "actions-changed", G_CALLBACK (on_actions_changed), &recorder);
  g_signal_connect (scenario, "changed", G_CALLBACK (on_changed), &recorder);

  tele->teleconsultation.commune = g_strdup ("18112");
  tele->teleconsultation.consultations_per_year = 1000;
  aplomb_scenario_append_action (scenario, tele);
  g_assert_cmpuint (recorder.position, ==, 0);
  g_assert_cmpuint (recorder.added, ==, 1);
  g_assert_cmpuint (recorder.n_changed, ==, 1);

  aplomb_scenario_replace_action (scenario, 0, aplomb_action_copy (tele));
  g_assert_cmpuint (recorder.removed, ==, 1);
  g_assert_cmpuint (recorder.added, ==, 1);

  aplomb_scenario_set_baseline (scenario, APLOMB_BASELINE_OFFICIAL, 2023);
  aplomb_scenario_remove_action (scenario, 0);
  g_assert_cmpuint (recorder.removed, ==, 1);
  g_assert_cmpuint (recorder.added, ==, 0);
  g_assert_cmpuint (recorder.n_changed, ==, 4);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 0);
}

static void
assert_error (const char *actions,
              int         code,
              const char *message)
{
  g_autofree char *text = g_strdup_printf ("{\"format\": \"aplomb-scenario\", \"version\": 1, "
                                           "\"name\": \"t\", \"baseline\": {\"kind\": "
                                           "\"computed\", \"year\": 2023}, \"actions\": [%s]}",
                                           actions);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new_from_json (text, -1, &error);

  g_assert_null (scenario);
  g_assert_error (error, APLOMB_SCENARIO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

#define MSP "{\"kind\": \"msp\", \"commune\": \"18127\", "
#define BUS "{\"kind\": \"bus\", \"base\": \"18197\", \"consultations_per_half_day\": 12, " \
            "\"weeks_per_year\": 46, \"half_day_hours\": 3.5, \"shift_hours\": 9, "

static void
test_errors_name_action_and_field (void)
{
  assert_error (MSP "\"team\": {\"gp\": -1}}", APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (MSP), field “team.gp”: must not be negative (-1)");
  assert_error (MSP "\"team\": {\"gp\": 2}}, " MSP "\"tem\": {}}", APLOMB_SCENARIO_ERROR_INVALID,
                "Action 2 (MSP), field “tem”: unknown field");
  assert_error (MSP "\"team\": {\"gp\": 1}, \"relocations\": [{\"commune\": \"18058\", "
                "\"gp\": 2}]}", APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (MSP), field “relocations”: 2 GP FTE relocate but the team has only 1");
  assert_error (MSP "\"team\": {\"gp\": \"three\"}}", APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (MSP), field “team.gp”: must be a number");
  assert_error (BUS "\"stops\": [{\"commune\": \"18083\", \"half_days\": {\"monday\": 2}}, "
                "{\"commune\": \"18245\", \"half_days\": {\"monday\": 1}}]}",
                APLOMB_SCENARIO_ERROR_IMPOSSIBLE_SCHEDULE,
                "Action 1 (mobile bus), field “stops[].half_days.monday”: 3 half-days of 3.5 h "
                "do not fit in a shift of 9 h");
  assert_error (BUS "\"stops\": [{\"commune\": \"18083\", \"half_days\": {\"funday\": 1}}]}",
                APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (mobile bus), field “stops[0].half_days.funday”: unknown field");
  assert_error (BUS "\"stops\": [{\"commune\": \"18083\", \"half_days\": {}}]}",
                APLOMB_SCENARIO_ERROR_IMPOSSIBLE_SCHEDULE,
                "Action 1 (mobile bus), field “stops[0].half_days”: the stop is never served");
  assert_error ("{\"kind\": \"hospital\"}", APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1, field “kind”: unknown kind “hospital”");
  assert_error ("{\"kind\": \"practitioner\", \"commune\": \"18059\", \"etp\": 0, "
                "\"change\": \"add\"}", APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (practitioner), field “etp”: must be greater than 0 (0)");
  assert_error ("{\"kind\": \"retirements\", \"share_percent\": 120}",
                APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (retirements), field “share_percent”: must be a percentage between 0 "
                "and 100 (120)");
  assert_error ("{\"kind\": \"cpts\", \"name\": \"C\", \"communes\": [\"18001\"], "
                "\"unscheduled_care\": {\"share_percent\": 10, \"max_minutes\": 0}}",
                APLOMB_SCENARIO_ERROR_INVALID,
                "Action 1 (CPTS), field “unscheduled_care.max_minutes”: pooled unscheduled care "
                "needs a travel time");
}

static void
test_errors_outside_actions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombScenario) broken = aplomb_scenario_new_from_json ("{\"format\": ", -1, &error);
  g_autoptr(AplombScenario) no_baseline = NULL;

  g_assert_null (broken);
  g_assert_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON: "));
  g_clear_error (&error);

  no_baseline = aplomb_scenario_new_from_json ("{\"format\": \"aplomb-scenario\", \"version\": 1, "
                                               "\"name\": \"t\", \"actions\": []}", -1, &error);
  g_assert_null (no_baseline);
  g_assert_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Scenario, field “baseline”: is missing");
}

/* Saved in a project and read back, a scenario is the same JSON; saving
 * again under its id replaces it. */
static void
test_store_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-scenario-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "projet.aplomb", NULL);
  g_autoptr(AplombScenario) scenario = load_example ();
  g_autoptr(AplombScenario) loaded = NULL;
  g_autoptr(AplombScenario) renamed = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *read = NULL;
  gint64 id;

  store = aplomb_store_open (path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  g_assert_no_error (error);
  id = aplomb_scenario_save_to_store (scenario, store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = aplomb_scenario_new_from_store (store, id, &error);
  g_assert_no_error (error);
  saved = aplomb_scenario_to_json (scenario);
  read = aplomb_scenario_to_json (loaded);
  g_assert_cmpstr (saved, ==, read);

  aplomb_scenario_set_name (loaded, "Variante");
  g_assert_cmpint (aplomb_scenario_save_to_store (loaded, store, id, &error), ==, id);
  renamed = aplomb_scenario_new_from_store (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aplomb_scenario_get_name (renamed), ==, "Variante");
  ids = aplomb_store_list_scenarios (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  g_assert_null (aplomb_scenario_new_from_store (store, id + 1, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add_func ("/scenario/example", test_example_is_read_whole);
  g_test_add_func ("/scenario/round-trip", test_round_trip);
  g_test_add_func ("/scenario/signals", test_edit_signals);
  g_test_add_func ("/scenario/errors/actions", test_errors_name_action_and_field);
  g_test_add_func ("/scenario/errors/file", test_errors_outside_actions);
  g_test_add_func ("/scenario/store", test_store_round_trip);
  return g_test_run ();
}
