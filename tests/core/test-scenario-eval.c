/* test-scenario-eval.c: scenario actions through the E2SFCA, computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "aplomb-core.h"
#include "aplomb-scenario-evaluator.h"

/* Four communes of the Cher, with made-up times chosen so that every
 * weight of the DREES 2015 decay appears (1 under 10 min, 2/3 under 15, 1/3
 * under 20, 0 beyond):
 *
 *   A ──5── B ──12── C ──25── D       A ──17── C     (D beyond 30 min of A, B)
 *
 * P_std: A 1000, B 500, C 2000, D 100. Supply: one GP in A (5 400
 * consultations), two in C. By hand:
 *   D_A = 1000 + 500 + 2000/3 = 2166.667    R_A = 2.4923077
 *   D_C = 2000 + 500·2/3 + 1000/3 = 2666.667  R_C = 4.05
 *   APL: A 3.8423077, B 5.1923077, C 4.8807692, D 0 */
#define A 0
#define B 1
#define C 2
#define D 3

typedef struct
{
  AplombTerritory         *territory;
  AplombTravelTimes       *times;
  AplombPreset            *preset;
  AplombScenarioEvaluator *evaluator;
} Fixture;

static const double population[] = { 1000, 500, 2000, 100 };
static const double supply[] = { 5400, 0, 10800, 0 };

static void
add_gp (AplombTerritory *territory,
        int              commune,
        int              age)
{
  AplombPractitioner gp = {
    APLOMB_PROFESSION_GP, commune, NAN, NAN, 1, NAN, NAN, age, APLOMB_PRACTICE_LIBERAL,
    FALSE, FALSE,
  };

  aplomb_territory_add_practitioner (territory, &gp);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  static const guint origins[] = { A, B, B, C, A, C, C, D };
  static const guint destinations[] = { B, A, C, B, C, A, D, C };
  static const float minutes[] = { 5, 5, 12, 12, 17, 17, 25, 25 };
  static const double official[] = { 2.0, 3.0, NAN, 1.0 };
  g_autoptr(GError) error = NULL;

  fixture->territory = aplomb_territory_new ();
  aplomb_territory_add_commune (fixture->territory, "18001", "A", "18");
  aplomb_territory_add_commune (fixture->territory, "18002", "B", "18");
  aplomb_territory_add_commune (fixture->territory, "18003", "C", "18");
  aplomb_territory_add_commune (fixture->territory, "18004", "D", "18");
  for (guint c = 0; c < 4; c++)
    aplomb_territory_set_epci (fixture->territory, c, c < 2 ? "200000001" : "200000002",
                               c < 2 ? "CC Nord" : "CC Sud");
  aplomb_territory_set_population (fixture->territory, population);
  aplomb_territory_set_column (fixture->territory, "apl_official_2023", official);
  add_gp (fixture->territory, A, 66);
  add_gp (fixture->territory, C, 50);
  add_gp (fixture->territory, C, 64);

  fixture->times = aplomb_travel_times_new_from_pairs (4, 30, origins, destinations, minutes,
                                                       G_N_ELEMENTS (minutes));
  fixture->preset = aplomb_preset_load ("drees-gp-2015", &error);
  g_assert_no_error (error);
  fixture->evaluator = aplomb_scenario_evaluator_new (fixture->territory, fixture->times,
                                                      fixture->preset, supply, population,
                                                      &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_clear_object (&fixture->evaluator);
  g_clear_object (&fixture->preset);
  g_clear_object (&fixture->times);
  g_clear_object (&fixture->territory);
}

static AplombScenario *
parse (const char *actions)
{
  g_autofree char *text = g_strdup_printf ("{\"format\": \"aplomb-scenario\", \"version\": 1, "
                                           "\"name\": \"t\", \"baseline\": {\"kind\": "
                                           "\"computed\", \"year\": 2023}, \"actions\": [%s]}",
                                           actions);
  g_autoptr(GError) error = NULL;
  AplombScenario *scenario = aplomb_scenario_new_from_json (text, -1, &error);

  g_assert_no_error (error);
  return scenario;
}

static AplombScenarioResult *
evaluate (Fixture    *fixture,
          const char *actions)
{
  g_autoptr(AplombScenario) scenario = parse (actions);
  g_autoptr(GError) error = NULL;
  AplombScenarioResult *result = aplomb_scenario_evaluator_evaluate (fixture->evaluator,
                                                                     scenario, &error);

  g_assert_no_error (error);
  return result;
}

static void
assert_values (const AplombScenarioResult *result,
               double a,
               double b,
               double c,
               double d)
{
  g_assert_cmpfloat_with_epsilon (result->values[A], a, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->values[B], b, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->values[C], c, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->values[D], d, 1e-6);
}

/* The figures after a scenario are updated from the baseline's, not
 * recomputed: they must equal a full aggregate of the new values. */
static void
assert_after_is_full_aggregate (const AplombScenarioResult *result)
{
  AplombAplAggregate full;

  aplomb_apl_aggregate (result->values, result->population, result->population_std, NULL,
                        result->n_communes, result->threshold, &full);
  g_assert_cmpuint (result->after.n_communes, ==, full.n_communes);
  g_assert_cmpuint (result->after.communes_under, ==, full.communes_under);
  g_assert_cmpfloat_with_epsilon (result->after.population_under, full.population_under, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->after.mean, full.mean, 1e-9);
  g_assert_cmpfloat (result->after.d1, ==, full.d1);
  g_assert_cmpfloat (result->after.d9, ==, full.d9);
}

static void
test_empty_scenario (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result = evaluate (fixture, "");

  assert_values (result, 3.8423077, 5.1923077, 4.8807692, 0);
  g_assert_cmpfloat (result->nearest[D], ==, 25);
  g_assert_cmpuint (result->changed->len, ==, 0);
  g_assert_cmpfloat (result->etp_added, ==, 0);
}

/* One GP in D, alone within 20 min of it: R_D = 5400 / 100 = 54. D climbs
 * from 0 to 54, the only change; its 100 inhabitants leave the
 * under-served class. */
static void
test_msp_new_recruit (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"msp\", \"commune\": \"18004\", \"team\": {\"gp\": 1, "
                       "\"nurse\": 2}}");

  assert_values (result, 3.8423077, 5.1923077, 4.8807692, 54);
  g_assert_cmpuint (result->changed->len, ==, 1);
  g_assert_cmpuint (result->class_changed->len, ==, 1);
  g_assert_cmpfloat (result->population_lifted, ==, 100);
  g_assert_cmpfloat (result->population_fallen, ==, 0);
  g_assert_cmpfloat_with_epsilon (result->etp_added, 1, 1e-12);
  g_assert_cmpfloat (result->lifted_per_etp, ==, 100);
  /* All of the new GP's 5 400 consultations reach the under-served D. */
  g_assert_cmpfloat_with_epsilon (result->underserved_gain_per_etp, 5400, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->supply_delta[D], 5400, 1e-9);
  g_assert_cmpfloat (result->nearest[D], ==, 0);
  assert_after_is_full_aggregate (result);
}

static AplombScenarioResult *
evaluate_in (Fixture    *fixture,
             int         year,
             const char *actions)
{
  g_autoptr(AplombScenario) scenario = parse (actions);
  g_autoptr(AplombScenario) reread = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  AplombScenarioResult *result;

  aplomb_scenario_set_year (scenario, year);
  /* The year the scenario shows goes through its JSON. */
  json = aplomb_scenario_to_json (scenario);
  reread = aplomb_scenario_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aplomb_scenario_get_year (reread), ==, year);
  result = aplomb_scenario_evaluator_evaluate (fixture->evaluator, reread, &error);
  g_assert_no_error (error);
  return result;
}

/* The MSP of test_msp_new_recruit opening in 2029: not there yet in 2027
 * (said in the warnings), there in 2029 and when every action is done. */
static void
test_msp_opening_year (Fixture      *fixture,
                       gconstpointer data)
{
  const char *msp = "{\"kind\": \"msp\", \"commune\": \"18004\", \"team\": {\"gp\": 1}, "
                    "\"opening_year\": 2029}";
  g_autoptr(AplombScenarioResult) before = evaluate_in (fixture, 2027, msp);
  g_autoptr(AplombScenarioResult) opened = evaluate_in (fixture, 2029, msp);
  g_autoptr(AplombScenarioResult) done = evaluate_in (fixture, 0, msp);

  assert_values (before, 3.8423077, 5.1923077, 4.8807692, 0);
  g_assert_cmpuint (before->changed->len, ==, 0);
  g_assert_cmpuint (before->supply->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (before->supply->warnings, 0), "2029"));
  assert_values (opened, 3.8423077, 5.1923077, 4.8807692, 54);
  assert_values (done, 3.8423077, 5.1923077, 4.8807692, 54);
  g_assert_cmpuint (done->supply->warnings->len, ==, 0);
}

/* Retirements without a horizon of their own count up to the year the
 * scenario shows: in 2025 the GP of C aged 64 has left too. */
static void
test_retirements_up_to_year (Fixture      *fixture,
                             gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate_in (fixture, 2025, "{\"kind\": \"retirements\", \"age_above\": 65}");

  assert_values (result, 0.675, 1.35, 2.025, 0);
  g_assert_cmpfloat_with_epsilon (result->etp_removed, 2, 1e-12);
}

/* The team's nurses count when the scenario is evaluated for nurses (the
 * DREES nurse preset: ETP per 100 000 inhabitants, population not
 * standardised). With no nurse before, D alone is within 20 min of D:
 * R_D = 2 ETP / 100 × 100 000 = 2 000, the APL of D only. The GPs of the
 * team do nothing to the nurses' APL. */
static void
test_msp_team_other_professions (Fixture      *fixture,
                                 gconstpointer data)
{
  static const double no_nurse[] = { 0, 0, 0, 0 };
  g_autoptr(AplombPreset) nurses = aplomb_preset_load ("drees-nurse", NULL);
  g_autoptr(AplombScenarioEvaluator) evaluator = NULL;
  g_autoptr(AplombScenario) team = parse ("{\"kind\": \"msp\", \"commune\": \"18004\", "
                                          "\"team\": {\"gp\": 1, \"nurse\": 2}}");
  g_autoptr(AplombScenario) gps = parse ("{\"kind\": \"msp\", \"commune\": \"18004\", "
                                         "\"team\": {\"gp\": 3}}");
  g_autoptr(AplombScenarioResult) with_nurses = NULL;
  g_autoptr(AplombScenarioResult) without = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (nurses);
  evaluator = aplomb_scenario_evaluator_new (fixture->territory, fixture->times, nurses, no_nurse,
                                             population, &error);
  g_assert_no_error (error);
  with_nurses = aplomb_scenario_evaluator_evaluate (evaluator, team, &error);
  g_assert_no_error (error);
  assert_values (with_nurses, 0, 0, 0, 2000);
  g_assert_cmpfloat_with_epsilon (with_nurses->etp_added, 2, 1e-12);
  without = aplomb_scenario_evaluator_evaluate (evaluator, gps, &error);
  g_assert_no_error (error);
  assert_values (without, 0, 0, 0, 0);

  /* The official APL is the GPs' (2, 3, –, 1 here): nurses are measured
   * against their own computed APL, 0 before the MSP. */
  aplomb_scenario_set_baseline (team, APLOMB_BASELINE_OFFICIAL, 2023);
  g_clear_pointer (&with_nurses, aplomb_scenario_result_unref);
  with_nurses = aplomb_scenario_evaluator_evaluate (evaluator, team, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (with_nurses->baseline[A], ==, 0);
  assert_values (with_nurses, 0, 0, 0, 2000);
}

/* The same MSP by EPCI: only CC Sud (C and D) moved; its 2 100
 * inhabitants had a mean APL of (2000·4.8807692 + 100·0) / 2100. */
static void
test_groups (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"msp\", \"commune\": \"18004\", \"team\": {\"gp\": 1}}");
  g_autoptr(GPtrArray) epci = aplomb_scenario_result_group_by (result, fixture->territory,
                                                               APLOMB_GROUP_EPCI);
  g_autoptr(GPtrArray) departements = aplomb_scenario_result_group_by (result,
                                                                       fixture->territory,
                                                                       APLOMB_GROUP_DEPARTEMENT);
  const AplombScenarioGroup *sud, *cher;

  g_assert_cmpuint (epci->len, ==, 1);
  sud = g_ptr_array_index (epci, 0);
  g_assert_cmpstr (sud->code, ==, "200000002");
  g_assert_cmpstr (sud->name, ==, "CC Sud");
  g_assert_cmpuint (sud->n_changed, ==, 1);
  g_assert_cmpfloat (sud->population_lifted, ==, 100);
  g_assert_cmpfloat_with_epsilon (sud->before.mean, 2000 * 4.8807692 / 2100, 1e-6);
  g_assert_cmpfloat_with_epsilon (sud->after.mean, (2000 * 4.8807692 + 100 * 54) / 2100, 1e-6);
  g_assert_cmpuint (departements->len, ==, 1);
  cher = g_ptr_array_index (departements, 0);
  g_assert_cmpuint (cher->before.n_communes, ==, 4);
}

/* Two GPs in B, one of them leaving A: S_A = 0, S_B = 10 800.
 *   D_B = 500 + 1000 + 2000·2/3 = 2833.333   R_B = 3.8117647
 *   A = R_B + R_C/3, B = R_B + 2R_C/3, C = 2R_B/3 + R_C */
static void
test_msp_relocation (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"msp\", \"commune\": \"18002\", \"team\": {\"gp\": 2}, "
                       "\"relocations\": [{\"commune\": \"18001\", \"gp\": 1}]}");

  assert_values (result, 5.1617647, 6.5117647, 6.5911765, 0);
  g_assert_cmpfloat_with_epsilon (result->etp_added, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->etp_removed, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->supply_delta[A], -5400, 1e-9);
}

/* Two GPs said to come from A, which only has one ETP: A's whole supply
 * moves to B, with a warning, and the total is conserved (B = R_B of 5 400,
 * as in the one-GP relocation). */
static void
test_relocation_beyond_supply (Fixture      *fixture,
                               gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"msp\", \"commune\": \"18002\", \"team\": {\"gp\": 2}, "
                       "\"relocations\": [{\"commune\": \"18001\", \"gp\": 2}]}");

  g_assert_cmpfloat_with_epsilon (result->supply_delta[A], -5400, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->supply_delta[B], 5400, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->etp_added, 0, 1e-12);
  g_assert_cmpuint (result->supply->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->supply->warnings, 0), ==,
                   "Action 1 (MSP), field “relocations[0].gp”: commune “18001” has only 1.00 "
                   "FTE of this profession, all taken");
}

/* Relocating without recruiting conserves the supply: with a symmetric
 * matrix, Σ P_std · APL stays Σ S = 16 200. */
static void
test_relocation_conserves_supply (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"msp\", \"commune\": \"18002\", \"team\": {\"gp\": 1}, "
                       "\"relocations\": [{\"commune\": \"18001\", \"gp\": 1}]}");
  double total = 0.0, moved = 0.0;

  for (guint c = 0; c < 4; c++)
    {
      total += population[c] * result->values[c];
      moved += result->supply_delta[c];
    }
  g_assert_cmpfloat_with_epsilon (total, 16200, 1e-6);
  g_assert_cmpfloat_with_epsilon (moved, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->etp_added, 0, 1e-12);
}

/* B served two half-days, D one, 10 consultations each, 46 weeks:
 * B gets 920 consultations, D 460. R_D = 4.6; R_B = 920 / 2833.333. */
static void
test_bus_supply (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"bus\", \"base\": \"18001\", "
                       "\"consultations_per_half_day\": 10, \"weeks_per_year\": 46, "
                       "\"half_day_hours\": 3.5, \"shift_hours\": 9, \"stops\": ["
                       "{\"commune\": \"18002\", \"half_days\": {\"monday\": 1, \"thursday\": 1}},"
                       "{\"commune\": \"18004\", \"half_days\": {\"tuesday\": 1}}]}");
  double r_b = 920 / 2833.3333333333333;

  g_assert_cmpfloat_with_epsilon (result->supply_delta[B], 920, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->supply_delta[D], 460, 1e-9);
  assert_values (result, 3.8423077 + r_b, 5.1923077 + r_b, 4.8807692 + 2 * r_b / 3, 4.6);
  g_assert_cmpfloat_with_epsilon (result->etp_added, 1380.0 / 5400, 1e-12);
}

/* Three stops on one Monday: A → B → C → D and back through C
 * (25 + 17 = 42 min, beyond the matrix horizon, by chaining legs):
 * 5 + 12 + 25 + 42 = 84 min of driving. Three half-stops of 105 min: the
 * day lasts 84 + 315 = 399 min, fine in 9 h, too long in 6 h. */
static void
test_bus_tour (Fixture      *fixture,
               gconstpointer data)
{
#define BUS_WITH_SHIFT(hours) \
  "{\"kind\": \"bus\", \"base\": \"18001\", \"consultations_per_half_day\": 10, " \
  "\"weeks_per_year\": 46, \"half_day_hours\": 3.5, \"shift_hours\": " hours ", " \
  "\"stops\": [{\"commune\": \"18004\", \"half_days\": {\"monday\": 0.5}}, " \
  "{\"commune\": \"18002\", \"half_days\": {\"monday\": 0.5}}, " \
  "{\"commune\": \"18003\", \"half_days\": {\"monday\": 0.5}}]}"
  const char *long_day = BUS_WITH_SHIFT ("9");
  const char *short_day = BUS_WITH_SHIFT ("6");
#undef BUS_WITH_SHIFT
  g_autoptr(AplombScenarioResult) result = evaluate (fixture, long_day);
  g_autoptr(AplombScenarioResult) tight = evaluate (fixture, short_day);
  const AplombBusPlan *plan = g_ptr_array_index (result->supply->bus_plans, 0);
  const AplombBusTour *monday = plan->tours[APLOMB_MONDAY];
  const AplombBusPlan *tight_plan = g_ptr_array_index (tight->supply->bus_plans, 0);
  g_autofree guint *route = NULL;
  guint visited[3], n_route = 0;

  g_assert_nonnull (monday);
  g_assert_null (plan->tours[APLOMB_TUESDAY]);
  g_assert_cmpuint (monday->n_stops, ==, 3);
  for (guint k = 0; k < 3; k++)
    visited[k] = plan->day_stops[APLOMB_MONDAY][monday->order[k]];
  g_assert_true ((visited[0] == B && visited[1] == C && visited[2] == D) ||
                 (visited[0] == D && visited[1] == C && visited[2] == B));
  g_assert_cmpfloat_with_epsilon (monday->driving_minutes, 84, 1e-9);
  g_assert_cmpfloat_with_epsilon (monday->service_minutes, 315, 1e-9);
  g_assert_true (monday->feasible);
  g_assert_false (tight_plan->tours[APLOMB_MONDAY]->feasible);

  /* Timetable: 105 min at each stop; out through B, or out to D first by
   * the 42 min chain. */
  if (visited[0] == B)
    {
      g_assert_cmpfloat_with_epsilon (plan->arrivals[APLOMB_MONDAY][0], 5, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->arrivals[APLOMB_MONDAY][1], 122, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->arrivals[APLOMB_MONDAY][2], 252, 1e-9);
    }
  else
    {
      g_assert_cmpfloat_with_epsilon (plan->arrivals[APLOMB_MONDAY][0], 42, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->arrivals[APLOMB_MONDAY][1], 172, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->arrivals[APLOMB_MONDAY][2], 289, 1e-9);
    }
  route = aplomb_bus_plan_get_route (plan, APLOMB_MONDAY, &n_route);
  g_assert_cmpuint (n_route, ==, 5);
  g_assert_cmpuint (route[0], ==, A);
  g_assert_cmpuint (route[1], ==, visited[0]);
  g_assert_cmpuint (route[3], ==, visited[2]);
  g_assert_cmpuint (route[4], ==, A);
  g_assert_null (aplomb_bus_plan_get_route (plan, APLOMB_SUNDAY, &n_route));
  g_assert_cmpuint (n_route, ==, 0);
}

/* Task sharing +10 % in a CPTS of A and B: S_A = 5940, R_A grows by
 * 540 / 2166.667; A and B gain that, C a third of it, D nothing. */
static void
test_cpts_task_sharing (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"cpts\", \"name\": \"CPTS Nord\", \"epci\": \"200000001\", "
                       "\"task_sharing_percent\": 10}");
  double gain = 540 / 2166.6666666666667;

  assert_values (result, 3.8423077 + gain, 5.1923077 + gain, 4.8807692 + gain / 3, 0);
  g_assert_cmpuint (result->cpts_perimeters->len, ==, 1);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (result->cpts_perimeters, 0))->len, ==, 2);
}

/* 10 % of the activity pooled across a CPTS of all four communes within
 * 30 min: 540 leave A, 1 080 leave C into the pool.
 *   pool catchments: A reached from A, B, C = 3500; C from all = 3600
 *   R'_A = 540 / 3500, R'_C = 1080 / 3600 = 0.3
 *   D reaches only C in the pool: APL_D = 0.3
 *   A = 4860 / 2166.667 + 9720 / 2666.667 / 3 + R'_A + R'_C
 * The pool moves supply, it does not create it: Σ P_std · APL = 16 200. */
static void
test_cpts_pooling (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"cpts\", \"name\": \"CPTS\", \"communes\": [\"18001\", "
                       "\"18002\", \"18003\", \"18004\"], \"unscheduled_care\": "
                       "{\"share_percent\": 10, \"max_minutes\": 30}}");
  double pooled = 540.0 / 3500 + 0.3;
  double total = 0.0;

  g_assert_cmpfloat_with_epsilon (result->values[A], 4860 / 2166.6666666666667 + 1.215 + pooled,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (result->values[D], 0.3, 1e-9);
  for (guint c = 0; c < 4; c++)
    total += population[c] * result->values[c];
  g_assert_cmpfloat_with_epsilon (total, 16200, 1e-6);
  g_assert_cmpfloat_with_epsilon (result->etp_added, 0, 1e-12);
}

/* Half the GPs of C retire: S_C = 5400, R_C = 2.025. */
static void
test_retirements_by_share (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr(AplombScenarioResult) result =
    evaluate (fixture, "{\"kind\": \"retirements\", \"share_percent\": 50, "
                       "\"communes\": [\"18003\"]}");

  assert_values (result, 2.4923077 + 0.675, 2.4923077 + 1.35, 2.4923077 / 3 + 2.025, 0);
  g_assert_cmpfloat_with_epsilon (result->etp_removed, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->etp_added, -1, 1e-12);
}

/* GPs over 65: now, the one in A (66) leaves; by 2025, the one in C aged
 * 64 is 66 and leaves too. */
static void
test_retirements_by_age (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr(AplombScenarioResult) now =
    evaluate (fixture, "{\"kind\": \"retirements\", \"age_above\": 65}");
  g_autoptr(AplombScenarioResult) later =
    evaluate (fixture, "{\"kind\": \"retirements\", \"age_above\": 65, \"horizon_year\": 2025}");

  assert_values (now, 1.35, 2.7, 4.05, 0);
  assert_values (later, 0.675, 1.35, 2.025, 0);
  g_assert_cmpfloat_with_epsilon (later->etp_removed, 2, 1e-12);
}

/* Half a GP added in B; one of C's removed; a teleconsultation point of
 * 2 700 consultations in D (R_D = 27). */
static void
test_practitioners_and_teleconsultation (Fixture      *fixture,
                                         gconstpointer data)
{
  g_autoptr(AplombScenarioResult) added =
    evaluate (fixture, "{\"kind\": \"practitioner\", \"commune\": \"18002\", \"etp\": 0.5, "
                       "\"change\": \"add\"}");
  g_autoptr(AplombScenarioResult) removed =
    evaluate (fixture, "{\"kind\": \"practitioner\", \"commune\": \"18003\", \"etp\": 1, "
                       "\"change\": \"remove\"}");
  g_autoptr(AplombScenarioResult) tele =
    evaluate (fixture, "{\"kind\": \"teleconsultation\", \"commune\": \"18004\", "
                       "\"consultations_per_year\": 2700}");
  double r_b = 2700 / 2833.3333333333333;

  assert_values (added, 3.8423077 + r_b, 5.1923077 + r_b, 4.8807692 + 2 * r_b / 3, 0);
  assert_values (removed, 2.4923077 + 0.675, 2.4923077 + 1.35, 2.4923077 / 3 + 2.025, 0);
  assert_values (tele, 3.8423077, 5.1923077, 4.8807692, 27);
}

/* The official baseline: an empty scenario shows the official figures
 * exactly; an MSP adds the engine's difference to them. */
static void
test_official_baseline (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(AplombScenario) scenario = parse ("");
  g_autoptr(AplombScenario) with_msp = parse ("{\"kind\": \"msp\", \"commune\": \"18004\", "
                                              "\"team\": {\"gp\": 1}}");
  g_autoptr(AplombScenarioResult) empty = NULL;
  g_autoptr(AplombScenarioResult) msp = NULL;
  g_autoptr(GError) error = NULL;

  aplomb_scenario_set_baseline (scenario, APLOMB_BASELINE_OFFICIAL, 2023);
  empty = aplomb_scenario_evaluator_evaluate (fixture->evaluator, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (empty->values[A], ==, 2.0);
  g_assert_cmpfloat (empty->values[B], ==, 3.0);
  g_assert_true (isnan (empty->values[C]));
  g_assert_cmpfloat (empty->values[D], ==, 1.0);


  aplomb_scenario_set_baseline (with_msp, APLOMB_BASELINE_OFFICIAL, 2023);
  msp = aplomb_scenario_evaluator_evaluate (fixture->evaluator, with_msp, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (msp->values[A], ==, 2.0);
  g_assert_cmpfloat_with_epsilon (msp->values[D], 55.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (msp->delta[D], 54.0, 1e-9);
  assert_after_is_full_aggregate (msp);

  aplomb_scenario_set_baseline (with_msp, APLOMB_BASELINE_OFFICIAL, 2019);
  g_assert_null (aplomb_scenario_evaluator_evaluate (fixture->evaluator, with_msp, &error));
  g_assert_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_BASELINE);
  g_assert_cmpstr (error->message, ==, "The project has no official APL for 2019.");
}

static void
assert_evaluation_error (Fixture    *fixture,
                         const char *actions,
                         int         code,
                         const char *message)
{
  g_autoptr(AplombScenario) scenario = parse (actions);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombScenarioResult) result =
    aplomb_scenario_evaluator_evaluate (fixture->evaluator, scenario, &error);

  g_assert_null (result);
  g_assert_error (error, APLOMB_SCENARIO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_evaluation_errors (Fixture      *fixture,
                        gconstpointer data)
{
  assert_evaluation_error (fixture, "{\"kind\": \"msp\", \"commune\": \"99999\", "
                           "\"team\": {\"gp\": 1}}", APLOMB_SCENARIO_ERROR_UNKNOWN_COMMUNE,
                           "Action 1 (MSP), field “commune”: unknown commune “99999”");
  assert_evaluation_error (fixture, "{\"kind\": \"msp\", \"commune\": \"18002\", "
                           "\"team\": {\"gp\": 2}, \"relocations\": [{\"commune\": "
                           "\"18004\", \"gp\": 1}]}", APLOMB_SCENARIO_ERROR_INVALID,
                           "Action 1 (MSP), field “relocations[0].gp”: commune “18004” has "
                           "no practitioner of this profession");
  assert_evaluation_error (fixture, "{\"kind\": \"cpts\", \"name\": \"Nord\", "
                           "\"epci\": \"200000001\"}, {\"kind\": \"cpts\", \"name\": "
                           "\"Centre\", \"communes\": [\"18002\", \"18003\"]}",
                           APLOMB_SCENARIO_ERROR_INVALID,
                           "Action 2 (CPTS), field “communes”: commune “18002” is already in "
                           "the CPTS of action 1");
  assert_evaluation_error (fixture, "{\"kind\": \"cpts\", \"name\": \"Nord\", "
                           "\"epci\": \"249999999\"}", APLOMB_SCENARIO_ERROR_UNKNOWN_COMMUNE,
                           "Action 1 (CPTS), field “epci”: unknown EPCI “249999999”");
  assert_evaluation_error (fixture, "{\"kind\": \"cpts\", \"name\": \"Nord\", "
                           "\"epci\": \"200000001\", \"unscheduled_care\": "
                           "{\"share_percent\": 10, \"max_minutes\": 45}}",
                           APLOMB_SCENARIO_ERROR_INVALID,
                           "Action 1 (CPTS), field “unscheduled_care.max_minutes”: the travel "
                           "times stop at 30 min");
}

/* A random territory for the invariants: 150 communes on a 60 km square,
 * one minute per 0.8 km, pairs within 30 min. */
#define N_RANDOM 150

typedef struct
{
  AplombTerritory   *territory;
  AplombTravelTimes *times;
  AplombPreset      *preset;
  double             supply[N_RANDOM];
  double             population[N_RANDOM];
} RandomLand;

static void
random_land_init (RandomLand *land,
                  GRand      *rand)
{
  double x[N_RANDOM], y[N_RANDOM];
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) destinations = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GError) error = NULL;

  land->territory = aplomb_territory_new ();
  for (guint c = 0; c < N_RANDOM; c++)
    {
      g_autofree char *code = g_strdup_printf ("18%03u", c + 1);

      aplomb_territory_add_commune (land->territory, code, code, "18");
      x[c] = g_rand_double_range (rand, 0, 60);
      y[c] = g_rand_double_range (rand, 0, 60);
      land->population[c] = g_rand_double_range (rand, 50, 5000);
      land->supply[c] = g_rand_int_range (rand, 0, 4) == 0 ? 5400 * g_rand_int_range (rand, 1, 5)
                                                            : 0;
    }
  aplomb_territory_set_population (land->territory, land->population);

  for (guint i = 0; i < N_RANDOM; i++)
    for (guint j = 0; j < N_RANDOM; j++)
      {
        float t = hypot (x[i] - x[j], y[i] - y[j]) / 0.8;

        if (i == j || t >= 30)
          continue;
        g_array_append_val (origins, i);
        g_array_append_val (destinations, j);
        g_array_append_val (minutes, t);
      }
  land->times = aplomb_travel_times_new_from_pairs (N_RANDOM, 30, (guint *) origins->data,
                                                    (guint *) destinations->data,
                                                    (float *) minutes->data, minutes->len);
  land->preset = aplomb_preset_load ("drees-gp-2015", &error);
  g_assert_no_error (error);
}

static void
random_land_clear (RandomLand *land)
{
  g_clear_object (&land->territory);
  g_clear_object (&land->times);
  g_clear_object (&land->preset);
}

static char *
random_action (GRand   *rand,
               gboolean additions_only)
{
  guint a = g_rand_int_range (rand, 1, N_RANDOM + 1);
  guint b = g_rand_int_range (rand, 1, N_RANDOM + 1);
  guint kind = g_rand_int_range (rand, 0, additions_only ? 4 : 6);

  switch (kind)
    {
    case 0:
      return g_strdup_printf ("{\"kind\": \"msp\", \"commune\": \"18%03u\", \"team\": "
                              "{\"gp\": %d}}", a, g_rand_int_range (rand, 1, 5));
    case 1:
      return g_strdup_printf ("{\"kind\": \"teleconsultation\", \"commune\": \"18%03u\", "
                              "\"consultations_per_year\": %d}", a,
                              g_rand_int_range (rand, 100, 3000));
    case 2:
      return g_strdup_printf ("{\"kind\": \"bus\", \"base\": \"18%03u\", "
                              "\"consultations_per_half_day\": 10, \"weeks_per_year\": 46, "
                              "\"half_day_hours\": 3.5, \"shift_hours\": 9, \"stops\": "
                              "[{\"commune\": \"18%03u\", \"half_days\": {\"friday\": 1}}]}",
                              a, b);
    case 3:
      return g_strdup_printf ("{\"kind\": \"cpts\", \"name\": \"C\", \"communes\": "
                              "[\"18%03u\", \"18%03u\"], \"task_sharing_percent\": 15}",
                              a, a == b ? (a % N_RANDOM) + 1 : b);
    case 4:
      return g_strdup_printf ("{\"kind\": \"retirements\", \"share_percent\": 40, "
                              "\"communes\": [\"18%03u\"]}", a);
    default:
      return g_strdup_printf ("{\"kind\": \"cpts\", \"name\": \"P\", \"communes\": "
                              "[\"18%03u\", \"18%03u\"], \"unscheduled_care\": "
                              "{\"share_percent\": 20, \"max_minutes\": 25}}",
                              a, a == b ? (a % N_RANDOM) + 1 : b);
    }
}

/* Adding supply never lowers any APL, and an MSP only moves the APL of
 * communes within the 20 min of the decay. */
static void
test_invariants (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombScenarioEvaluator) evaluator = NULL;
  RandomLand land;

  random_land_init (&land, rand);
  evaluator = aplomb_scenario_evaluator_new (land.territory, land.times, land.preset,
                                             land.supply, land.population, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 40; round++)
    {
      g_autofree char *action = random_action (rand, TRUE);
      g_autoptr(AplombScenario) scenario = parse (action);
      g_autoptr(AplombScenarioResult) result =
        aplomb_scenario_evaluator_evaluate (evaluator, scenario, &error);
      const AplombAction *first = aplomb_scenario_get_action (scenario, 0);

      g_assert_no_error (error);
      for (guint c = 0; c < N_RANDOM; c++)
        g_assert_cmpfloat (result->delta[c], >=, 0);
      if (first->kind != APLOMB_ACTION_MSP)
        continue;
      for (guint k = 0; k < result->changed->len; k++)
        {
          guint site = aplomb_territory_lookup (land.territory, first->msp.commune);

          g_assert_cmpfloat (aplomb_travel_times_lookup (land.times,
                                                         g_array_index (result->changed,
                                                                        guint, k),
                                                         site), <, 20);
        }
    }
  random_land_clear (&land);
}

/* One evaluator fed a sequence of edited scenarios (so that each evaluation
 * only updates what differs from the previous one) agrees with a fresh
 * evaluator, i.e. a full computation, to 1e-9. */
static void
test_incremental_equals_full (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombScenarioEvaluator) incremental = NULL;
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("edits");
  RandomLand land;

  random_land_init (&land, rand);
  incremental = aplomb_scenario_evaluator_new (land.territory, land.times, land.preset,
                                               land.supply, land.population, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 30; round++)
    {
      g_autofree char *text = random_action (rand, FALSE);
      g_autoptr(AplombScenario) parsed = parse (text);
      g_autoptr(AplombScenarioEvaluator) full = NULL;
      g_autoptr(AplombScenarioResult) a = NULL;
      g_autoptr(AplombScenarioResult) b = NULL;

      /* Add, replace or remove an action, as a user editing would; CPTS
       * that would overlap are dropped rather than shared. */
      if (aplomb_scenario_get_n_actions (scenario) > 2 && g_rand_boolean (rand))
        aplomb_scenario_remove_action (scenario, 0);
      aplomb_scenario_append_action (scenario,
                                     aplomb_action_copy (aplomb_scenario_get_action (parsed,
                                                                                     0)));
      a = aplomb_scenario_evaluator_evaluate (incremental, scenario, &error);
      if (a == NULL)
        {
          g_assert_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID);
          g_clear_error (&error);
          aplomb_scenario_remove_action (scenario, aplomb_scenario_get_n_actions (scenario) - 1);
          continue;
        }
      full = aplomb_scenario_evaluator_new (land.territory, land.times, land.preset,
                                            land.supply, land.population, &error);
      b = aplomb_scenario_evaluator_evaluate (full, scenario, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < N_RANDOM; c++)
        g_assert_cmpfloat_with_epsilon (a->values[c], b->values[c], 1e-9);
      assert_after_is_full_aggregate (a);
    }
  random_land_clear (&land);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scenario-eval/empty", test_empty_scenario);
  ADD ("/scenario-eval/msp", test_msp_new_recruit);
  ADD ("/scenario-eval/msp-relocation", test_msp_relocation);
  ADD ("/scenario-eval/msp-opening-year", test_msp_opening_year);
  ADD ("/scenario-eval/msp-team-professions", test_msp_team_other_professions);
  ADD ("/scenario-eval/retirements-up-to-year", test_retirements_up_to_year);
  ADD ("/scenario-eval/groups", test_groups);
  ADD ("/scenario-eval/relocation-conserves", test_relocation_conserves_supply);
  ADD ("/scenario-eval/relocation-beyond", test_relocation_beyond_supply);
  ADD ("/scenario-eval/bus-supply", test_bus_supply);
  ADD ("/scenario-eval/bus-tour", test_bus_tour);
  ADD ("/scenario-eval/cpts-task-sharing", test_cpts_task_sharing);
  ADD ("/scenario-eval/cpts-pooling", test_cpts_pooling);
  ADD ("/scenario-eval/retirements-share", test_retirements_by_share);
  ADD ("/scenario-eval/retirements-age", test_retirements_by_age);
  ADD ("/scenario-eval/practitioners", test_practitioners_and_teleconsultation);
  ADD ("/scenario-eval/official", test_official_baseline);
  ADD ("/scenario-eval/errors", test_evaluation_errors);
#undef ADD
  g_test_add_func ("/scenario-eval/invariants", test_invariants);
  g_test_add_func ("/scenario-eval/incremental", test_incremental_equals_full);
  return g_test_run ();
}
