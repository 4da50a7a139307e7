/* test-apl.c: E2SFCA engine, presets and aggregates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <glib/gstdio.h>

#include "aplomb-apl-aggregate.h"
#include "aplomb-apl-compare.h"
#include "aplomb-apl-territory.h"
#include "aplomb-apl.h"
#include "aplomb-core.h"
#include "aplomb-preset.h"

static AplombPreset *
load_preset (const char *name)
{
  g_autoptr(GError) error = NULL;
  AplombPreset *preset = aplomb_preset_load (name, &error);

  g_assert_no_error (error);
  return preset;
}

/* Five communes, hand-computed below with the DREES 2015 steps (1, 2/3,
 * 1/3 under 10, 15, 20 min). The matrix is asymmetric (A→B 8 min, B→A
 * 12), C has nobody living in it and is 25 min from A, D is isolated
 * without supply, E is an isolated site nobody reaches. */
enum { A, B, C, D, E, N_SMALL };

static AplombTravelTimes *
small_times (void)
{
  const guint from[] = { A, A, B, B, C, C };
  const guint to[] = { B, C, A, C, A, B };
  const float minutes[] = { 8, 16, 12, 9, 25, 9 };

  return aplomb_travel_times_new_from_pairs (N_SMALL, 30, from, to, minutes, G_N_ELEMENTS (from));
}

static AplombApl *
small_engine (AplombPreset *preset)
{
  g_autoptr(AplombTravelTimes) times = small_times ();
  g_autoptr(GError) error = NULL;
  const double population[N_SMALL] = { 1000, 500, 0, 300, 0 };
  const double supply[N_SMALL] = { 5400, 0, 2700, 0, 1000 };
  AplombApl *apl = aplomb_apl_new (times, aplomb_preset_get_decay (preset), 1, &error);

  g_assert_no_error (error);
  aplomb_apl_set_demand (apl, population);
  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_compute (apl);
  return apl;
}

static void
test_hand_computed (void)
{
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  g_autoptr(AplombApl) apl = small_engine (preset);
  const double *values = aplomb_apl_get_values (apl);
  const double *nearest = aplomb_apl_get_nearest (apl);

  /* D_A = 1000 + 2/3 × 500, R_A = 5400 / D_A = 4.05;
   * D_C = 1/3 × 1000 + 500 + 0, R_C = 2700 / D_C = 3.24; D_E = 0, R_E = 0. */
  g_assert_cmpfloat_with_epsilon (values[A], 4.05 + 3.24 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[B], 4.05 * 2 / 3 + 3.24, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[C], 3.24, 1e-12);
  g_assert_cmpfloat (values[D], ==, 0);
  g_assert_cmpfloat (values[E], ==, 0);
  /* 25 min is within the 30 min horizon, beyond the 20 min decay. */
  g_assert_cmpuint (aplomb_apl_get_n_pairs (apl), ==, 5 + 5);

  g_assert_cmpfloat (nearest[A], ==, 0);
  g_assert_cmpfloat (nearest[B], ==, 9);
  g_assert_cmpfloat (nearest[C], ==, 0);
  g_assert_true (isinf (nearest[D]));
  g_assert_cmpfloat (nearest[E], ==, 0);
}

/* Both steps use d from residence to practice, so Σ P·APL is the supply of
 * every reached site even with this asymmetric matrix; E's supply is lost. */
static void
test_supply_invariant_asymmetric (void)
{
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  g_autoptr(AplombApl) apl = small_engine (preset);
  const double *values = aplomb_apl_get_values (apl);
  const double *population = aplomb_apl_get_demand (apl);
  double total = 0;

  for (guint i = 0; i < N_SMALL; i++)
    total += population[i] * values[i];
  g_assert_cmpfloat_with_epsilon (total, 5400 + 2700, 1e-9);
}

/* A random plane of communes with symmetric times under 30 min. */
static AplombTravelTimes *
random_times (GRand   *rand,
              guint    n,
              gboolean symmetric)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (float));

  for (guint i = 0; i < n; i++)
    {
      x[i] = g_rand_double_range (rand, 0, 60);
      y[i] = g_rand_double_range (rand, 0, 60);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        float t = 1.3 * hypot (x[i] - x[j], y[i] - y[j]);

        if (!symmetric)
          t *= g_rand_double_range (rand, 0.8, 1.2);
        if (i != j && t < 30)
          {
            g_array_append_val (from, i);
            g_array_append_val (to, j);
            g_array_append_val (minutes, t);
          }
      }
  return aplomb_travel_times_new_from_pairs (n, 30, (guint *) from->data, (guint *) to->data,
                                             (float *) minutes->data, from->len);
}

static void
random_inputs (GRand  *rand,
               guint   n,
               double *supply,
               double *population)
{
  for (guint i = 0; i < n; i++)
    {
      population[i] = g_rand_int_range (rand, 0, 10) == 0 ? 0 : g_rand_double_range (rand, 0, 5000);
      supply[i] = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_double_range (rand, 0, 30000) : 0;
    }
}

static void
test_symmetric_invariant (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  g_autoptr(AplombTravelTimes) times = random_times (rand, 400, TRUE);
  g_autoptr(AplombApl) apl = aplomb_apl_new (times, aplomb_preset_get_decay (preset), 1, NULL);
  double supply[400], population[400];
  double total = 0, reached = 0;

  g_assert_true (aplomb_travel_times_is_symmetric (times, 0));
  random_inputs (rand, 400, supply, population);
  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_set_demand (apl, population);
  aplomb_apl_compute (apl);
  for (guint i = 0; i < 400; i++)
    {
      const guint *origins;
      guint len = aplomb_travel_times_get_column (times, i, &origins, NULL);
      gboolean somebody = FALSE;

      total += population[i] * aplomb_apl_get_values (apl)[i];
      for (guint p = 0; p < len; p++)
        somebody |= population[origins[p]] > 0 &&
                    aplomb_travel_times_lookup (times, origins[p], i) < 20;
      if (somebody)
        reached += supply[i];
    }
  g_assert_cmpfloat (reached, >, 0);
  g_assert_cmpfloat_with_epsilon (total / reached, 1, 1e-12);
}

static void
assert_same_as_full (AplombApl         *apl,
                     AplombTravelTimes *times,
                     const AplombDecay *decay)
{
  g_autoptr(AplombApl) full = aplomb_apl_new (times, decay, 1, NULL);
  const double *a, *b, *na, *nb;
  guint n = aplomb_apl_get_n_communes (apl);

  aplomb_apl_set_supply (full, aplomb_apl_get_supply (apl));
  aplomb_apl_set_demand (full, aplomb_apl_get_demand (apl));
  aplomb_apl_compute (full);
  a = aplomb_apl_get_values (apl);
  b = aplomb_apl_get_values (full);
  na = aplomb_apl_get_nearest (apl);
  nb = aplomb_apl_get_nearest (full);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (fabs (a[i] - b[i]), <=, 1e-9);
      g_assert_cmpfloat (na[i], ==, nb[i]);
    }
}

/* Random supply and demand changes, each checked against a full
 * recomputation, and a supply change leaves every commune outside the
 * decay of its site bit-for-bit unchanged. */
static void
test_incremental_matches_full (gconstpointer data)
{
  gboolean symmetric = GPOINTER_TO_INT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (symmetric ? 11 : 12);
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  const AplombDecay *decay = aplomb_preset_get_decay (preset);
  g_autoptr(AplombTravelTimes) times = random_times (rand, 300, symmetric);
  g_autoptr(AplombApl) apl = aplomb_apl_new (times, decay, 1, NULL);
  double supply[300], population[300], before[300];

  random_inputs (rand, 300, supply, population);
  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_set_demand (apl, population);
  aplomb_apl_compute (apl);
  aplomb_apl_get_nearest (apl);

  for (guint step = 0; step < 200; step++)
    {
      guint k = g_rand_int_range (rand, 0, 300);
      double value = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_double_range (rand, 0, 20000);

      if (step % 2 == 0)
        {
          memcpy (before, aplomb_apl_get_values (apl), sizeof before);
          aplomb_apl_change_supply (apl, k, value);
          for (guint i = 0; i < 300; i++)
            if (aplomb_decay_weight (decay, aplomb_travel_times_lookup (times, i, k)) == 0)
              g_assert_cmpfloat (aplomb_apl_get_values (apl)[i], ==, before[i]);
        }
      else
        aplomb_apl_change_demand (apl, k, value);
      if (step % 10 == 9)
        assert_same_as_full (apl, times, decay);
    }
  assert_same_as_full (apl, times, decay);
}

static void
test_horizon_too_short (void)
{
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  const guint none[] = { 0 };
  const float minutes[] = { 0 };
  g_autoptr(AplombTravelTimes) times = aplomb_travel_times_new_from_pairs (1, 15, none, none,
                                                                            minutes, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombApl) apl = aplomb_apl_new (times, aplomb_preset_get_decay (preset), 1, &error);

  g_assert_error (error, APLOMB_APL_ERROR, APLOMB_APL_ERROR_HORIZON);
  g_assert_null (apl);
}

static void
test_presets_load (void)
{
  const char *names[] = { "drees-gp-2015", "drees-gp-2012", "drees-nurse",
                          "drees-physiotherapist", "drees-midwife", "drees-dentist" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(AplombPreset) preset = load_preset (names[k]);
      guint n_parameters;
      const AplombPresetParameter *parameters = aplomb_preset_get_parameters (preset,
                                                                              &n_parameters);

      g_assert_cmpstr (aplomb_preset_get_id (preset), ==, names[k]);
      g_assert_cmpuint (n_parameters, >=, 15);
      for (guint p = 0; p < n_parameters; p++)
        g_assert_cmpuint (strlen (parameters[p].source), >, 10);
    }
}

static void
test_preset_gp_2015 (void)
{
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  const AplombDecay *decay = aplomb_preset_get_decay (preset);
  const AplombSupplyRule *supply = aplomb_preset_get_supply_rule (preset);
  const AplombDemandRule *demand = aplomb_preset_get_demand_rule (preset);
  const guint lower[] = { 0, 20, 75 };
  const double people[] = { 100, 200, 50 };
  guint n;
  const guint *bounds = aplomb_preset_get_age_bounds (preset, &n);
  const double *thresholds;

  g_assert_cmpfloat (aplomb_decay_weight (decay, 0), ==, 1);
  g_assert_cmpfloat (aplomb_decay_weight (decay, 9.99), ==, 1);
  g_assert_cmpfloat_with_epsilon (aplomb_decay_weight (decay, 10), 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (aplomb_decay_weight (decay, 19.9), 1.0 / 3, 1e-12);
  g_assert_cmpfloat (aplomb_decay_weight (decay, 20), ==, 0);
  g_assert_cmpfloat (aplomb_decay_get_reach (decay), ==, 20);

  /* Two heads; 10 000 acts capped at 1.8 ETP; known ETP. */
  g_assert_cmpfloat (aplomb_supply_rule_apply (supply, 2, NAN, NAN), ==, 10800);
  g_assert_cmpfloat_with_epsilon (aplomb_supply_rule_apply (supply, 1, NAN, 10000), 9720, 1e-9);
  g_assert_cmpfloat_with_epsilon (aplomb_supply_rule_apply (supply, 1, NAN, 2700), 2700, 1e-9);
  g_assert_cmpfloat_with_epsilon (aplomb_supply_rule_apply (supply, 1, 0.5, NAN), 2700, 1e-9);
  /* A row of 20 heads worth 9.48 ETP: the 1.8 cap bounds each head, not the row. */
  g_assert_cmpfloat_with_epsilon (aplomb_supply_rule_apply (supply, 20, 9.48, NAN),
                                  9.48 * 5400, 1e-6);
  g_assert_cmpfloat_with_epsilon (aplomb_supply_rule_apply (supply, 2, 4, NAN), 3.6 * 5400, 1e-6);

  /* Bands 0–19 → weight of 0–4 (1.27), 20–74 → 0.54, 75+ → 1.82. */
  g_assert_cmpfloat_with_epsilon (aplomb_demand_rule_from_bands (demand, lower, people, 3),
                                  127 + 108 + 91, 1e-9);
  g_assert_cmpfloat_with_epsilon (aplomb_demand_rule_from_share_75plus (demand, 1000, 0.1),
                                  1000 * (0.8932 * 0.9 + 2.2285 * 0.1), 1e-9);
  g_assert_cmpfloat (aplomb_demand_rule_from_share_75plus (demand, 1000, NAN), ==, 1000);

  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (bounds[1], ==, 65);
  thresholds = aplomb_preset_get_thresholds (preset, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (aplomb_classify (thresholds, n, 2.49), ==, 0);
  g_assert_cmpuint (aplomb_classify (thresholds, n, 2.5), ==, 1);
  g_assert_cmpuint (aplomb_classify (thresholds, n, 4), ==, 2);
}

static void
test_preset_gp_2012_and_midwives (void)
{
  g_autoptr(AplombPreset) gp = load_preset ("drees-gp-2012");
  g_autoptr(AplombPreset) midwife = load_preset ("drees-midwife");
  const AplombSupplyRule *supply = aplomb_preset_get_supply_rule (gp);

  g_assert_cmpfloat (aplomb_decay_weight (aplomb_preset_get_decay (gp), 7), ==, 0.3);
  g_assert_cmpfloat (aplomb_decay_weight (aplomb_preset_get_decay (gp), 15), ==, 0);
  g_assert_cmpfloat (aplomb_supply_rule_apply (supply, 1, NAN, 200), ==, 0);
  g_assert_cmpfloat (aplomb_preset_get_scale (midwife), ==, 1e5);
  g_assert_cmpfloat_with_epsilon (
    aplomb_demand_rule_from_share_75plus (aplomb_preset_get_demand_rule (midwife), 1000, 0.2),
    516, 1e-9);
}

static void
test_preset_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("aplomb-preset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.ini", NULL);
  g_autoptr(AplombPreset) missing = aplomb_preset_load ("no-such-preset", &error);
  g_autoptr(AplombPreset) broken = NULL;

  g_assert_error (error, APLOMB_PRESET_ERROR, APLOMB_PRESET_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  /* A value without its source is refused. */
  g_assert_true (g_file_set_contents (path,
                                      "[Preset]\nid=x\nname=x\nprofession=gp\nunit=x\n"
                                      "[Decay]\nbounds=10\nweights=1\n",
                                      -1, NULL));
  broken = aplomb_preset_new_from_file (path, &error);
  g_assert_error (error, APLOMB_PRESET_ERROR, APLOMB_PRESET_ERROR_INVALID);
  g_assert_null (broken);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_aggregate (void)
{
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  g_autoptr(AplombApl) apl = small_engine (preset);
  const double population[N_SMALL] = { 1000, 500, 0, 300, 0 };
  const guint subset[] = { A, B };
  AplombAplAggregate all, some;

  aplomb_apl_aggregate (aplomb_apl_get_values (apl), population, aplomb_apl_get_demand (apl),
                        NULL, N_SMALL, 2.5, &all);
  g_assert_cmpuint (all.n_communes, ==, 5);
  g_assert_cmpfloat_with_epsilon (all.mean, 8100.0 / 1800, 1e-12);
  g_assert_cmpfloat_with_epsilon (all.share_under, 300.0 / 1800, 1e-12);
  g_assert_cmpuint (all.communes_under, ==, 2);
  g_assert_cmpfloat (all.d1, ==, 0);
  g_assert_cmpfloat_with_epsilon (all.d9, 4.05 * 2 / 3 + 3.24, 1e-12);
  g_assert_true (isnan (all.d9_d1));

  aplomb_apl_aggregate (aplomb_apl_get_values (apl), population, aplomb_apl_get_demand (apl),
                        subset, 2, 2.5, &some);
  g_assert_cmpfloat_with_epsilon (some.mean, 8100.0 / 1500, 1e-12);
  g_assert_cmpfloat (some.share_under, ==, 0);
  g_assert_cmpfloat_with_epsilon (some.d1, 4.05 + 3.24 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (some.d9_d1, (4.05 * 2 / 3 + 3.24) / (4.05 + 3.24 / 3), 1e-12);
}

static void
test_density (void)
{
  const double heads[] = { 3, 0, NAN, 1 };
  const double population[] = { 6000, 100, 50, 0 };
  double density[4];

  aplomb_density_per_10k (heads, population, 4, density);
  g_assert_cmpfloat (density[0], ==, 5);
  g_assert_cmpfloat (density[1], ==, 0);
  g_assert_cmpfloat (density[2], ==, 0);
  g_assert_true (isnan (density[3]));
}

/* Two square communes, one L-shaped with a hole, practitioners of known
 * and unknown age and activity, populations with and without a share of
 * people aged 75 or more. */
static AplombTerritory *
small_territory (void)
{
  /* A: the unit square at (2°, 47°); B: a 3 × 1 rectangle with a hole in
   * its middle, so its centroid stays at the middle. */
  static const double coords[] = {
    2, 47, 3, 47, 3, 48, 2, 48, 2, 47,
    4, 47, 7, 47, 7, 48, 4, 48, 4, 47,
    5, 47.25, 5, 47.75, 6, 47.75, 6, 47.25, 5, 47.25,
  };
  static const guint feature_offsets[] = { 0, 1, 2 };
  static const guint polygon_offsets[] = { 0, 1, 3 };
  static const guint ring_offsets[] = { 0, 5, 10, 15 };
  const AplombGeometry geometry = { 2, 2, 3, 15, feature_offsets, polygon_offsets, ring_offsets,
                                    coords, NULL };
  const double population[] = { 1000, 2000 };
  const double share[] = { 0.1, NAN };
  AplombPractitioner gp = { APLOMB_PROFESSION_GP, 0, NAN, NAN, 1, NAN, NAN, 70 };
  AplombTerritory *territory = aplomb_territory_new ();
  g_autoptr(GError) error = NULL;

  aplomb_territory_add_commune (territory, "18001", "A", "18");
  aplomb_territory_add_commune (territory, "18002", "B", "18");
  g_assert_true (aplomb_territory_set_geometry (territory, &geometry, &error));
  g_assert_no_error (error);
  aplomb_territory_set_population (territory, population);
  aplomb_territory_set_share_75plus (territory, share);

  aplomb_territory_add_practitioner (territory, &gp);        /* A, 70 years old */
  gp.age = 50;
  gp.activity = 10000;                                         /* capped at 1.8 ETP */
  aplomb_territory_add_practitioner (territory, &gp);
  gp.commune = -1;                                             /* located in B */
  gp.lon = 6.5;
  gp.lat = 47.5;
  gp.age = -1;
  gp.activity = NAN;
  gp.heads = 3;
  aplomb_territory_add_practitioner (territory, &gp);
  gp.profession = APLOMB_PROFESSION_NURSE;                     /* not a GP */
  aplomb_territory_add_practitioner (territory, &gp);
  return territory;
}

static void
test_territory_inputs (void)
{
  g_autoptr(AplombTerritory) territory = small_territory ();
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  double lon[2], lat[2], heads[2], supply[2], demand[2];

  aplomb_apl_territory_points (territory, lon, lat);
  g_assert_cmpfloat_with_epsilon (lon[0], 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lat[0], 47.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon[1], 5.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lat[1], 47.5, 1e-12);

  /* All ages: 1 + 1.8 ETP in A, 3 heads in B, the nurses left out. */
  g_assert_true (aplomb_apl_territory_supply (territory, preset, 0, heads, supply));
  g_assert_cmpfloat (heads[0], ==, 2);
  g_assert_cmpfloat_with_epsilon (supply[0], 2.8 * 5400, 1e-9);
  g_assert_cmpfloat (heads[1], ==, 3);
  g_assert_cmpfloat (supply[1], ==, 3 * 5400);

  /* 65 and under: the GP of 70 goes, the one of unknown age stays. */
  g_assert_true (aplomb_apl_territory_supply (territory, preset, 65, heads, supply));
  g_assert_cmpfloat (heads[0], ==, 1);
  g_assert_cmpfloat_with_epsilon (supply[0], 1.8 * 5400, 1e-9);
  g_assert_cmpfloat (heads[1], ==, 3);

  /* The 75+ approximation in A, an average inhabitant in B. */
  aplomb_apl_territory_demand (territory, preset, demand);
  g_assert_cmpfloat_with_epsilon (demand[0], 1000 * (0.8932 * 0.9 + 2.2285 * 0.1), 1e-9);
  g_assert_cmpfloat (demand[1], ==, 2000);
}

static void
test_territory_age_bands (void)
{
  g_autoptr(AplombTerritory) territory = small_territory ();
  g_autoptr(AplombPreset) preset = load_preset ("drees-gp-2015");
  const guint lower[] = { 0, 5, 75 };
  const double bands[] = { 100, 800, 100, 0, 1500, 500 };
  double demand[2];

  aplomb_territory_set_age_bands (territory, 3, lower, bands);
  aplomb_apl_territory_demand (territory, preset, demand);
  g_assert_cmpfloat_with_epsilon (demand[0], 100 * 1.27 + 800 * 0.65 + 100 * 1.82, 1e-9);
  g_assert_cmpfloat_with_epsilon (demand[1], 1500 * 0.65 + 500 * 1.82, 1e-9);
}

/* Pearson and Spearman by hand: ranks with a tie share their mean rank. */
static void
test_compare (void)
{
  const double computed[] = { 1, 2, 3, 4, NAN };
  const double reference[] = { 2, 2, 5, 3, 1 };
  const double population[] = { 100, 100, 100, 100, 100 };
  const double weights[] = { 1, 1, 2, 0, 1 };
  const int group[] = { 0, 0, 1, 1, 0 };
  AplombAplComparison c;
  double pearson, spearman;

  aplomb_apl_compare (computed, reference, population, weights, NULL, 5, 2.5, &c);
  g_assert_cmpuint (c.n_communes, ==, 4);
  /* x = 1..4, y = 2, 2, 5, 3: sums of products about the means 3, 5, 6. */
  g_assert_cmpfloat_with_epsilon (c.pearson, 3 / sqrt (5 * 6), 1e-12);
  /* ranks of y: 1.5, 1.5, 4, 3; against 1, 2, 3, 4. */
  g_assert_cmpfloat_with_epsilon (c.spearman, 3.5 / sqrt (5 * 4.5), 1e-12);
  g_assert_cmpfloat_with_epsilon (c.mae, (1 + 0 + 2 + 1) / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.bias, (-1 + 0 - 2 + 1) / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.mean_computed, (1 + 2 + 6) / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.mean_reference, (2 + 2 + 10) / 4.0, 1e-12);
  /* Under 2.5: computed 1, 2 (yes), 3, 4 (no); reference 2, 2 (yes), 5, 3 (no). */
  g_assert_cmpfloat (c.class_agreement, ==, 1);

  g_assert_cmpuint (aplomb_apl_compare_groups (computed, reference, weights, group, 5, 2,
                                               &pearson, &spearman), ==, 2);
  g_assert_cmpfloat_with_epsilon (pearson, 1, 1e-12);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add_func ("/apl/hand-computed", test_hand_computed);
  g_test_add_func ("/apl/invariant/asymmetric", test_supply_invariant_asymmetric);
  g_test_add_func ("/apl/invariant/symmetric", test_symmetric_invariant);
  g_test_add_data_func ("/apl/incremental/symmetric", GINT_TO_POINTER (TRUE),
                        test_incremental_matches_full);
  g_test_add_data_func ("/apl/incremental/asymmetric", GINT_TO_POINTER (FALSE),
                        test_incremental_matches_full);
  g_test_add_func ("/apl/horizon-too-short", test_horizon_too_short);
  g_test_add_func ("/apl/presets/load", test_presets_load);
  g_test_add_func ("/apl/presets/gp-2015", test_preset_gp_2015);
  g_test_add_func ("/apl/presets/gp-2012-midwives", test_preset_gp_2012_and_midwives);
  g_test_add_func ("/apl/presets/errors", test_preset_errors);
  g_test_add_func ("/apl/aggregate", test_aggregate);
  g_test_add_func ("/apl/density", test_density);
  g_test_add_func ("/apl/territory/inputs", test_territory_inputs);
  g_test_add_func ("/apl/territory/age-bands", test_territory_age_bands);
  g_test_add_func ("/apl/compare", test_compare);
  return g_test_run ();
}
