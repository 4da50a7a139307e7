/* test-territory.c: the territory model, built by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "aplomb-core.h"
#include "aplomb-territory.h"

/* Commune "A" is the square (0,0)–(4,4) with a square hole (1,1)–(3,3);
 * commune "B" is two polygons: the island filling the hole, and the square
 * (5,0)–(6,1). Commune "C" has no geometry. */
static const guint feature_offsets[] = { 0, 1, 3, 3 };
static const guint polygon_offsets[] = { 0, 2, 3, 4 };
static const guint ring_offsets[] = { 0, 5, 10, 15, 20 };
static const double coords[] = {
  0, 0, 4, 0, 4, 4, 0, 4, 0, 0,   /* A exterior */
  1, 1, 1, 3, 3, 3, 3, 1, 1, 1,   /* A hole */
  1, 1, 3, 1, 3, 3, 1, 3, 1, 1,   /* B island */
  5, 0, 6, 0, 6, 1, 5, 1, 5, 0,   /* B square */
};

static AplombTerritory *
build_territory (void)
{
  AplombTerritory *territory = aplomb_territory_new ();
  AplombGeometry geometry = {
    .n_features = 3,
    .n_polygons = 3,
    .n_rings = 4,
    .n_points = 20,
    .feature_offsets = feature_offsets,
    .polygon_offsets = polygon_offsets,
    .ring_offsets = ring_offsets,
    .coords = coords,
  };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (aplomb_territory_add_commune (territory, "18033", "A", "18"), ==, 0);
  g_assert_cmpuint (aplomb_territory_add_commune (territory, "2A004", "B", "2A"), ==, 1);
  g_assert_cmpuint (aplomb_territory_add_commune (territory, "01001", "C", "01"), ==, 2);
  g_assert_true (aplomb_territory_set_geometry (territory, &geometry, &error));
  g_assert_no_error (error);
  return territory;
}

static void
test_communes (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  const char *postcodes[] = { "18000", "18001", NULL };

  g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, 3);
  g_assert_cmpint (aplomb_territory_lookup (territory, "2A004"), ==, 1);
  g_assert_cmpint (aplomb_territory_lookup (territory, "99999"), ==, -1);
  g_assert_cmpstr (aplomb_territory_get_code (territory, 0), ==, "18033");
  g_assert_cmpstr (aplomb_territory_get_name (territory, 1), ==, "B");
  g_assert_cmpstr (aplomb_territory_get_departement (territory, 2), ==, "01");
  g_assert_null (aplomb_territory_get_epci (territory, 0));

  aplomb_territory_set_epci (territory, 0, "241800507", "CA Bourges Plus");
  aplomb_territory_set_postcodes (territory, 0, postcodes);
  g_assert_cmpstr (aplomb_territory_get_epci (territory, 0), ==, "241800507");
  g_assert_cmpstr (aplomb_territory_get_epci_name (territory, 0), ==, "CA Bourges Plus");
  g_assert_cmpstrv (aplomb_territory_get_postcodes (territory, 0), postcodes);
}

static void
test_geometry (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  const AplombGeometry *g = aplomb_territory_get_geometry (territory);

  g_assert_cmpuint (g->n_features, ==, 3);
  g_assert_cmpuint (g->n_points, ==, 20);
  g_assert_cmpfloat (g->bboxes[0].max_lon, ==, 4);
  g_assert_cmpfloat (g->bboxes[1].min_lon, ==, 1);
  g_assert_cmpfloat (g->bboxes[1].max_lon, ==, 6);
  g_assert_true (isnan (g->bboxes[2].min_lon));

  /* The hole of A belongs to B; the ring edges of A's hole are not A. */
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 0.5, 0.5), ==, 0);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 2, 2), ==, 1);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 5.5, 0.5), ==, 1);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 4.5, 0.5), ==, -1);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 40, 40), ==, -1);
}

static void
test_inner_point (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  double lon, lat;

  /* Middle line y = 2 of A crosses 0, 1, 3, 4: the widest inside interval
   * is [0, 1] (tied with [3, 4], the first wins): its middle is 0.5. */
  aplomb_territory_get_inner_point (territory, 0, &lon, &lat);
  g_assert_cmpfloat (lon, ==, 0.5);
  g_assert_cmpfloat (lat, ==, 2);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, lon, lat), ==, 0);
  g_assert_false (aplomb_territory_has_chef_lieu (territory, 0));

  /* B's largest polygon is the island (area 4 against 1). */
  aplomb_territory_get_inner_point (territory, 1, &lon, &lat);
  g_assert_cmpfloat (lon, ==, 2);
  g_assert_cmpfloat (lat, ==, 2);

  aplomb_territory_get_inner_point (territory, 2, &lon, &lat);
  g_assert_true (isnan (lon) && isnan (lat));

  aplomb_territory_set_chef_lieu (territory, 0, 3.5, 3.5);
  aplomb_territory_get_inner_point (territory, 0, &lon, &lat);
  g_assert_cmpfloat (lon, ==, 3.5);
  g_assert_true (aplomb_territory_has_chef_lieu (territory, 0));
}

static void
test_invalid_geometry (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  g_autoptr(GError) error = NULL;
  const guint bad_offsets[] = { 0, 5, 4, 4 };
  AplombGeometry geometry = *aplomb_territory_get_geometry (territory);

  geometry.feature_offsets = bad_offsets;
  g_assert_false (aplomb_territory_set_geometry (territory, &geometry, &error));
  g_assert_error (error, APLOMB_TERRITORY_ERROR, APLOMB_TERRITORY_ERROR_INVALID);
  g_assert_cmpuint (aplomb_territory_get_geometry (territory)->n_points, ==, 20);
}

static void
test_vectors_and_columns (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  const double population[] = { 100, NAN, 50 };
  const double apl[] = { 3.09, 1.45, NAN };
  const guint bounds[] = { 0, 60, 75 };
  const double bands[] = { 60, 25, 15, NAN, NAN, NAN, 30, 10, 10 };
  const guint *lower_bounds;
  guint n_bands;
  g_auto(GStrv) names = NULL;

  g_assert_true (isnan (aplomb_territory_get_population (territory)[0]));
  aplomb_territory_set_population (territory, population);
  g_assert_cmpfloat (aplomb_territory_get_total_population (territory), ==, 150);
  g_assert_null (aplomb_territory_get_age_bands (territory, &n_bands, NULL));
  g_assert_cmpuint (n_bands, ==, 0);

  aplomb_territory_set_age_bands (territory, 3, bounds, bands);
  g_assert_cmpfloat (aplomb_territory_get_age_bands (territory, &n_bands, &lower_bounds)[7], ==, 10);
  g_assert_cmpuint (n_bands, ==, 3);
  g_assert_cmpuint (lower_bounds[2], ==, 75);

  g_assert_null (aplomb_territory_get_column (territory, "apl_official_2023"));
  aplomb_territory_set_column (territory, "apl_official_2023", apl);
  aplomb_territory_set_column (territory, "apl_official_2021", apl);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2023")[1], ==, 1.45);
  names = aplomb_territory_list_columns (territory);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "apl_official_2021");

  /* A commune added later gets unknown values everywhere. */
  aplomb_territory_add_commune (territory, "18279", "Vierzon", "18");
  g_assert_true (isnan (aplomb_territory_get_column (territory, "apl_official_2023")[3]));
  g_assert_true (isnan (aplomb_territory_get_population (territory)[3]));
  g_assert_true (isnan (aplomb_territory_get_age_bands (territory, NULL, NULL)[9]));
  g_assert_cmpuint (aplomb_territory_get_geometry (territory)->n_features, ==, 4);

  g_assert_true (aplomb_territory_remove_column (territory, "apl_official_2021"));
  g_assert_false (aplomb_territory_remove_column (territory, "apl_official_2021"));
}

static void
test_practitioners (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  AplombPractitioner gp = {
    .profession = APLOMB_PROFESSION_GP, .commune = 0, .lon = NAN, .lat = NAN,
    .heads = 3, .etp = NAN, .activity = NAN, .age = -1,
  };
  AplombPractitioner nurse = gp;
  AplombFacility msp = { "180000001", "MSP de Baugy", APLOMB_FACILITY_MSP, 0, 2.7, 47.05 };

  nurse.profession = APLOMB_PROFESSION_NURSE;
  aplomb_territory_add_practitioner (territory, &gp);
  aplomb_territory_add_practitioner (territory, &nurse);
  aplomb_territory_add_practitioner (territory, &gp);
  g_assert_cmpuint (aplomb_territory_get_n_practitioners (territory), ==, 3);
  g_assert_cmpuint (aplomb_territory_remove_practitioners (territory, APLOMB_PROFESSION_GP), ==, 2);
  g_assert_cmpuint (aplomb_territory_get_n_practitioners (territory), ==, 1);
  g_assert_cmpint (aplomb_territory_get_practitioners (territory)[0].profession, ==,
                   APLOMB_PROFESSION_NURSE);

  aplomb_territory_add_facility (territory, &msp);
  g_assert_cmpstr (aplomb_territory_get_facilities (territory)[0].name, ==, "MSP de Baugy");
}

static void
count_changes (AplombTerritory *territory,
               guint           *n)
{
  (*n)++;
}

static void
test_copy_and_swap (void)
{
  g_autoptr(AplombTerritory) territory = build_territory ();
  g_autoptr(AplombTerritory) copy = NULL;
  g_autoptr(AplombTerritory) empty = aplomb_territory_new ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 23, 16, 0, 0);
  const double apl[] = { 1, 2, 3 };
  guint changes = 0;

  aplomb_territory_set_column (territory, "x", apl);
  aplomb_territory_add_source (territory, aplomb_source_new ("communes", "a.gpkg", "00ff", date,
                                                             "2024", "Licence Ouverte"));
  copy = aplomb_territory_copy (territory);
  aplomb_territory_set_column (territory, "x", (const double[]) { 9, 9, 9 });
  g_assert_cmpfloat (aplomb_territory_get_column (copy, "x")[2], ==, 3);
  g_assert_cmpint (aplomb_territory_find_commune_at (copy, 2, 2), ==, 1);
  g_assert_cmpstr (((AplombSource *) g_ptr_array_index (aplomb_territory_get_sources (copy), 0))->millesime,
                   ==, "2024");

  g_signal_connect (empty, "changed", G_CALLBACK (count_changes), &changes);
  aplomb_territory_swap (empty, copy);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (aplomb_territory_get_n_communes (empty), ==, 3);
  g_assert_cmpuint (aplomb_territory_get_n_communes (copy), ==, 0);
  g_assert_cmpint (aplomb_territory_lookup (empty, "01001"), ==, 2);
}

static void
test_professions (void)
{
  AplombProfession profession;

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    {
      g_assert_true (aplomb_profession_from_string (aplomb_profession_to_string (p), &profession));
      g_assert_cmpint (profession, ==, p);
    }
  g_assert_cmpstr (aplomb_profession_to_string (APLOMB_PROFESSION_GP), ==, "gp");
  g_assert_false (aplomb_profession_from_string ("plumber", &profession));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add_func ("/territory/communes", test_communes);
  g_test_add_func ("/territory/geometry", test_geometry);
  g_test_add_func ("/territory/inner-point", test_inner_point);
  g_test_add_func ("/territory/invalid-geometry", test_invalid_geometry);
  g_test_add_func ("/territory/vectors-and-columns", test_vectors_and_columns);
  g_test_add_func ("/territory/practitioners", test_practitioners);
  g_test_add_func ("/territory/copy-and-swap", test_copy_and_swap);
  g_test_add_func ("/territory/professions", test_professions);
  return g_test_run ();
}
