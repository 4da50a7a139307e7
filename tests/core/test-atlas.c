/* test-atlas.c: the bundled France loaded for the map: search, commune
 * facts, départements and EPCI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "aplomb-areas.h"
#include "aplomb-atlas.h"
#include "aplomb-core.h"

static AplombAtlas *atlas;

static guint
first_match (const char *query)
{
  g_autoptr(GArray) matches = aplomb_commune_search_find (aplomb_atlas_get_search (atlas),
                                                          query, 8);

  g_assert_cmpuint (matches->len, >, 0);
  return g_array_index (matches, guint, 0);
}

static void
assert_first_match (const char *query,
                    const char *expected_code)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);

  g_assert_cmpstr (aplomb_territory_get_code (territory, first_match (query)), ==,
                   expected_code);
}

static void
test_search (void)
{
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) few = NULL;

  assert_first_match ("bourges", "18033");
  assert_first_match ("BOURGES", "18033");
  assert_first_match ("18033", "18033");
  assert_first_match ("18000", "18033");
  assert_first_match ("chateauroux", "36044");
  assert_first_match ("  Châteauroux ", "36044");
  /* The bigger of the homonyms first. */
  assert_first_match ("saint etienne", "42218");
  assert_first_match ("saint-denis", "93066");
  assert_first_match ("2A004", "2A004");

  none = aplomb_commune_search_find (aplomb_atlas_get_search (atlas), "zzzqqq", 8);
  g_assert_cmpuint (none->len, ==, 0);
  few = aplomb_commune_search_find (aplomb_atlas_get_search (atlas), "saint", 3);
  g_assert_cmpuint (few->len, ==, 3);
}

static void
test_fold (void)
{
  g_autofree char *a = aplomb_fold_for_search ("Saint-Étienne-l'Allier");
  g_autofree char *b = aplomb_fold_for_search ("saint etienne l allier");
  g_autofree char *c = aplomb_fold_for_search ("L’Haÿ-les-Roses");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "l hay les roses");
}

static void
test_facts (void)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  const AplombIndicators *indicators = aplomb_atlas_get_indicators (atlas);
  int bourges = aplomb_territory_lookup (territory, "18033");
  AplombCommuneFacts facts;
  guint better = 0, n = 0;

  g_assert_cmpint (bourges, >=, 0);
  aplomb_commune_facts_compute (&facts, territory, bourges, indicators);
  g_assert_cmpuint (facts.commune, ==, (guint) bourges);
  g_assert_cmpfloat (facts.population, ==, aplomb_territory_get_population (territory)[bourges]);
  g_assert_cmpfloat (facts.apl, ==, indicators->apl[bourges]);
  g_assert_cmpfloat (facts.apl_official, ==, indicators->apl_official[bourges]);
  g_assert_cmpint (facts.official_year, ==, 2023);
  g_assert_cmpfloat (facts.practitioners[APLOMB_PROFESSION_GP], >, 0);
  g_assert_cmpfloat (facts.nearest_gp_min, ==, 0);

  /* The rank counts the communes of the Cher with a higher APL. */
  for (guint i = 0; i < aplomb_territory_get_n_communes (territory); i++)
    if (g_strcmp0 (aplomb_territory_get_departement (territory, i), "18") == 0)
      {
        n++;
        better += indicators->apl[i] > indicators->apl[bourges];
      }
  g_assert_cmpuint (facts.n_in_departement, ==, n);
  g_assert_cmpuint (facts.rank_in_departement, ==, better + 1);
}

static void
test_indicators (void)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  guint n = aplomb_territory_get_n_communes (territory);

  for (AplombIndicator i = 0; i < APLOMB_N_INDICATORS; i++)
    {
      g_autofree char *title = aplomb_atlas_get_title (atlas, i);

      g_assert_true (aplomb_atlas_has_indicator (atlas, i));
      g_assert_nonnull (aplomb_atlas_get_classification (atlas, i));
      g_assert_nonnull (title);
    }
  /* Every commune has a computed APL, finite and non-negative. */
  for (guint i = 0; i < n; i++)
    g_assert_true (isfinite (aplomb_atlas_get_values (atlas, APLOMB_INDICATOR_APL)[i]) &&
                   aplomb_atlas_get_values (atlas, APLOMB_INDICATOR_APL)[i] >= 0);
}

/* The quantile option cuts the computed APL into five classes of about a
 * fifth of the communes each: breaks rounded to 0.1 move communes across
 * them (bundled France: 18.0 % to 21.5 % per class). */
static void
test_quantiles (void)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  guint n = aplomb_territory_get_n_communes (territory);
  const double *apl = aplomb_atlas_get_values (atlas, APLOMB_INDICATOR_APL);
  AplombClassification *thresholds = aplomb_atlas_get_classification (atlas,
                                                                      APLOMB_INDICATOR_APL);
  AplombClassification *quantiles =
    aplomb_atlas_get_quantile_classification (atlas, APLOMB_INDICATOR_APL);
  guint counts[5] = { 0 };
  const double *breaks;
  guint n_breaks;

  g_assert_nonnull (quantiles);
  g_assert_true (quantiles == aplomb_atlas_get_quantile_classification (atlas,
                                                                        APLOMB_INDICATOR_APL));
  g_assert_cmpuint (aplomb_classification_get_n_classes (quantiles), ==, 5);
  g_assert_cmpstr (aplomb_classification_get_unit (quantiles), ==,
                   aplomb_classification_get_unit (thresholds));
  /* The default classes break at the thresholds 2.5 and 4. */
  breaks = aplomb_classification_get_breaks (thresholds, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, 5);
  g_assert_cmpfloat (breaks[1], ==, 2.5);
  g_assert_cmpfloat (breaks[3], ==, 4.0);

  for (guint i = 0; i < n; i++)
    counts[aplomb_classification_classify (quantiles, apl[i])]++;
  for (guint k = 0; k < 5; k++)
    {
      g_test_message ("quintile %u: %u communes", k, counts[k]);
      g_assert_cmpuint (counts[k], >, n * 0.17);
      g_assert_cmpuint (counts[k], <, n * 0.23);
    }
  for (AplombIndicator i = 0; i < APLOMB_N_INDICATORS; i++)
    g_assert_nonnull (aplomb_atlas_get_quantile_classification (atlas, i));
}

static void
test_areas (void)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  g_autofree char *names = aplomb_core_find_data ("france/departements-2024.csv");
  g_autoptr(GPtrArray) areas = aplomb_areas_list (territory, names);
  guint n_departements = 0, n_epci = 0, communes_in_departements = 0;
  const AplombArea *cher = NULL;
  const AplombArea *bourges_plus = NULL;
  double lon, lat;

  for (guint i = 0; i < areas->len; i++)
    {
      const AplombArea *area = g_ptr_array_index (areas, i);

      if (area->kind == APLOMB_AREA_DEPARTEMENT)
        {
          n_departements++;
          communes_in_departements += area->n_communes;
          if (g_str_equal (area->code, "18"))
            cher = area;
        }
      else
        {
          n_epci++;
          if (g_str_equal (area->name, "CA Bourges Plus"))
            bourges_plus = area;
        }
    }
  g_assert_cmpuint (n_departements, ==, 96);
  g_assert_cmpuint (communes_in_departements, ==, aplomb_territory_get_n_communes (territory));
  g_assert_cmpuint (n_epci, >, 1000);
  g_assert_nonnull (cher);
  g_assert_cmpstr (cher->name, ==, "Cher");
  g_assert_cmpuint (cher->n_communes, ==, 286);
  g_assert_nonnull (bourges_plus);

  aplomb_territory_get_inner_point (territory, aplomb_territory_lookup (territory, "18033"),
                                    &lon, &lat);
  g_assert_true (lon > cher->bbox.min_lon && lon < cher->bbox.max_lon);
  g_assert_true (lat > cher->bbox.min_lat && lat < cher->bbox.max_lat);
  g_assert_true (lon > bourges_plus->bbox.min_lon && lon < bourges_plus->bbox.max_lon);
}

static void
test_missing_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombAtlas) missing = aplomb_atlas_load ("/nonexistent/x.aplomb", NULL, &error);

  g_assert_null (missing);
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();

  path = aplomb_core_find_data ("france.aplomb");
  g_assert_nonnull (path);
  atlas = aplomb_atlas_load (path, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/atlas/search", test_search);
  g_test_add_func ("/atlas/fold", test_fold);
  g_test_add_func ("/atlas/facts", test_facts);
  g_test_add_func ("/atlas/indicators", test_indicators);
  g_test_add_func ("/atlas/quantiles", test_quantiles);
  g_test_add_func ("/atlas/areas", test_areas);
  g_test_add_func ("/atlas/missing-project", test_missing_project);
  status = g_test_run ();
  g_clear_object (&atlas);
  return status;
}
