/* test-cpts.c: contiguity, overlap and diagnostic of CPTS perimeters, and
 * perimeters read from files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-cpts.h"
#include "aplomb-import.h"
#include "aplomb-lasso.h"
#include "aplomb-test-files.h"

#define CHER FIXTURES_DIR "/communes_simplified_dep18.geojson"

static AplombTerritory *
load_cher (void)
{
  AplombTerritory *territory = aplomb_territory_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombImportReport) report =
    aplomb_import_file (territory, APLOMB_IMPORT_COMMUNES, CHER, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, 286);
  return territory;
}

static guint
lookup (AplombTerritory *territory,
        const char      *code)
{
  int commune = aplomb_territory_lookup (territory, code);

  g_assert_cmpint (commune, >=, 0);
  return commune;
}

static guint
components_of (AplombTerritory    *territory,
               const char * const *codes)
{
  guint communes[16];
  guint n = 0;

  for (; codes[n] != NULL; n++)
    communes[n] = lookup (territory, codes[n]);
  return aplomb_cpts_count_components (territory, communes, n, NULL);
}

/* The neighbours of Saint-Amand-Montrond are those GEOS finds within
 * 0.003° of its boundary on the same file (ogrinfo -dialect SQLite,
 * ST_Intersects (ST_Buffer (a, 0.003), b)): 11 communes. */
static void
test_neighbours_match_geos (void)
{
  static const char *const expected[] = {
    "18013", "18034", "18038", "18042", "18069", "18086", "18142", "18169", "18172", "18209",
    "18231", NULL,
  };
  g_autoptr(AplombTerritory) territory = load_cher ();
  guint saint_amand = lookup (territory, "18197");
  guint n = aplomb_territory_get_n_communes (territory);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint c = 0; c < n; c++)
    {
      guint pair[2] = { saint_amand, c };

      if (c != saint_amand && aplomb_cpts_count_components (territory, pair, 2, NULL) == 1)
        g_ptr_array_add (found, (gpointer) aplomb_territory_get_code (territory, c));
    }
  g_assert_cmpuint (found->len, ==, g_strv_length ((char **) expected));
  for (guint k = 0; k < found->len; k++)
    g_assert_true (g_strv_contains (expected, g_ptr_array_index (found, k)));
}

static void
test_contiguity (void)
{
  static const char *const chain[] = { "18127", "18043", "18152", NULL };
  static const char *const apart[] = { "18197", "18127", NULL };
  static const char *const bridged[] = { "18197", "18172", "18231", "18052", NULL };
  g_autoptr(AplombTerritory) territory = load_cher ();
  guint communes[3] = { lookup (territory, "18197"), lookup (territory, "18033"),
                        lookup (territory, "18172") };
  guint component[3];

  g_assert_cmpuint (components_of (territory, chain), ==, 1);
  g_assert_cmpuint (components_of (territory, apart), ==, 2);
  g_assert_cmpuint (components_of (territory, bridged), ==, 1);

  /* Bourges is 40 km from the other two, which touch. */
  g_assert_cmpuint (aplomb_cpts_count_components (territory, communes, 3, component), ==, 2);
  g_assert_cmpuint (component[0], ==, component[2]);
  g_assert_cmpuint (component[0], !=, component[1]);
}

/* The diagnostic of Saint-Amand-Montrond and Orval with made-up
 * populations, APL and practitioners, by hand; areas within 5 % of the
 * unsimplified ones (communes-points-2024.csv: 20.1377 and 7.6585 km²). */
static void
test_diagnostic (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  g_autoptr(AplombPreset) preset = NULL;
  g_autoptr(GError) error = NULL;
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree double *population = g_new0 (double, n);
  g_autofree double *share = g_new (double, n);
  g_autofree double *apl = g_new (double, n);
  guint communes[2] = { lookup (territory, "18197"), lookup (territory, "18172") };
  AplombPractitioner gp = {
    APLOMB_PROFESSION_GP, communes[0], NAN, NAN, 1, NAN, NAN, 67, APLOMB_PRACTICE_LIBERAL,
    FALSE, FALSE,
  };
  AplombAreaDiagnostic d;

  preset = aplomb_preset_load ("drees-gp-2015", &error);
  g_assert_no_error (error);
  for (guint c = 0; c < n; c++)
    {
      share[c] = NAN;
      apl[c] = 3.0;
    }
  population[communes[0]] = 9000;
  population[communes[1]] = 1000;
  share[communes[0]] = 0.20;
  share[communes[1]] = 0.10;
  apl[communes[0]] = 3.0;
  apl[communes[1]] = 2.0;
  aplomb_territory_set_population (territory, population);
  aplomb_territory_set_share_75plus (territory, share);
  aplomb_territory_add_practitioner (territory, &gp);
  gp.age = 58;
  aplomb_territory_add_practitioner (territory, &gp);
  gp.age = -1;
  gp.commune = communes[1];
  aplomb_territory_add_practitioner (territory, &gp);

  aplomb_area_diagnose (territory, preset, apl, population, communes, 2, &d);
  g_assert_cmpuint (d.n_communes, ==, 2);
  g_assert_cmpfloat (d.population, ==, 10000);
  g_assert_cmpfloat_with_epsilon (d.share_75plus, 0.19, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.area_km2, 20.1377 + 7.6585, 0.05 * 27.8);
  g_assert_cmpfloat_with_epsilon (d.density_km2, 10000 / d.area_km2, 1e-9);
  g_assert_cmpfloat (d.heads[APLOMB_PROFESSION_GP], ==, 3);
  g_assert_cmpfloat_with_epsilon (d.heads_per_10k, 3, 1e-12);
  g_assert_cmpfloat (d.heads_known_age, ==, 2);
  /* The preset's age bounds are 65, 62, 60: only the GP aged 67 is over. */
  g_assert_cmpuint (d.n_age_bounds, ==, 3);
  g_assert_cmpuint (d.age_bounds[0], ==, 65);
  g_assert_cmpfloat (d.heads_over[0], ==, 1);
  /* Mean weighted by standardised population: (9000·3 + 1000·2) / 10000. */
  g_assert_cmpfloat_with_epsilon (d.apl.mean, 2.9, 1e-12);
  g_assert_cmpfloat (d.apl.population_under, ==, 1000);
  g_assert_cmpfloat (d.population_in_class[0], ==, 1000);
  g_assert_cmpfloat (d.population_in_class[1], ==, 9000);
}

/* A scenario with two CPTS sharing Orval: each report names the other. */
static void
test_report_overlap (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  g_autoptr(AplombPreset) preset = aplomb_preset_load ("drees-gp-2015", NULL);
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new ("CPTS");
  g_autoptr(AplombCptsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AplombAction *first = aplomb_action_new (APLOMB_ACTION_CPTS);
  AplombAction *second = aplomb_action_new (APLOMB_ACTION_CPTS);
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree double *values = g_new (double, n);

  for (guint c = 0; c < n; c++)
    values[c] = 1.0;
  aplomb_territory_set_population (territory, values);
  first->cpts.name = g_strdup ("Saint-Amand");
  aplomb_action_add_commune (first, "18197");
  aplomb_action_add_commune (first, "18172");
  second->cpts.name = g_strdup ("Orval et Bourges");
  aplomb_action_add_commune (second, "18172");
  aplomb_action_add_commune (second, "18033");
  aplomb_scenario_append_action (scenario, first);
  aplomb_scenario_append_action (scenario, second);

  report = aplomb_cpts_report_new (scenario, 1, territory, preset, values, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->communes->len, ==, 2);
  g_assert_cmpuint (report->n_components, ==, 2);
  g_assert_cmpuint (report->overlaps->len, ==, 1);
  g_assert_cmpuint (g_array_index (report->overlaps, guint, 0), ==, 0);
  g_assert_cmpstr (report->departement, ==, "18");
  g_assert_cmpuint (report->departement_area.n_communes, ==, 286);
  g_assert_cmpuint (report->france.n_communes, ==, 286);
}

/* Perimeters read from files the test writes in a temporary directory. */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("aplomb-cpts-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Codes in any order, one written as a spreadsheet number (4 digits),
 * with an empty cell: the communes, in territory order. */
static void
test_perimeter_from_csv (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = write_file (dir, "perimetre.csv",
                                      "nom;CODGEO\nSaint-Amand-Montrond;18197\n"
                                      "Orval;18172\n;\nDrevant;18086\n");
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "18086", "18172", "18197" };
  guint previous = 0;

  codes = aplomb_cpts_read_perimeter (territory, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 3);
  for (guint i = 0; i < codes->len; i++)
    {
      guint commune = lookup (territory, g_ptr_array_index (codes, i));

      g_assert_true (g_strv_contains (expected, g_ptr_array_index (codes, i)));
      g_assert_true (i == 0 || commune > previous);
      previous = commune;
    }
  g_clear_pointer (&codes, g_ptr_array_unref);

  /* A single column with Windows line ends, which GDAL's CSV driver refuses
   * as it is: read through a copy with an empty second column. */
  g_free (path);
  path = write_file (dir, "codes.csv", "code_insee\r\n18197\r\n18086\r\n");
  codes = aplomb_cpts_read_perimeter (territory, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (codes, 0), ==, "18086");
  g_assert_cmpstr (g_ptr_array_index (codes, 1), ==, "18197");
  aplomb_test_remove_tree (dir);
}

/* A square around Saint-Amand-Montrond with a hole around its chef-lieu:
 * the communes the lasso takes in the square, but Saint-Amand. */
static void
test_perimeter_from_polygon (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *geojson = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) square = NULL;
  g_autoptr(GError) error = NULL;
  guint saint_amand = lookup (territory, "18197");
  double lon, lat, ring[8];
  char a[8][G_ASCII_DTOSTR_BUF_SIZE], h[4][G_ASCII_DTOSTR_BUF_SIZE];

  aplomb_territory_get_inner_point (territory, saint_amand, &lon, &lat);
  ring[0] = lon - 0.06, ring[1] = lat - 0.05;
  ring[2] = lon + 0.06, ring[3] = lat - 0.05;
  ring[4] = lon + 0.06, ring[5] = lat + 0.05;
  ring[6] = lon - 0.06, ring[7] = lat + 0.05;
  for (guint k = 0; k < 8; k++)
    g_ascii_dtostr (a[k], sizeof a[k], ring[k]);
  g_ascii_dtostr (h[0], sizeof h[0], lon - 0.002);
  g_ascii_dtostr (h[1], sizeof h[1], lon + 0.002);
  g_ascii_dtostr (h[2], sizeof h[2], lat - 0.002);
  g_ascii_dtostr (h[3], sizeof h[3], lat + 0.002);
  geojson = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": [{"
                             "\"type\": \"Feature\", \"properties\": {\"nom\": \"CPTS\"}, "
                             "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": ["
                             "[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]], "
                             "[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}}]}",
                             a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[0], a[1],
                             h[0], h[2], h[0], h[3], h[1], h[3], h[1], h[2], h[0], h[2]);
  path = write_file (dir, "perimetre.geojson", geojson);

  square = aplomb_lasso_select (territory, ring, 4);
  codes = aplomb_cpts_read_perimeter (territory, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (square->len, >=, 3);
  g_assert_cmpuint (codes->len, ==, square->len - 1);
  for (guint i = 0, k = 0; i < square->len; i++)
    {
      guint commune = g_array_index (square, guint, i);

      if (commune == saint_amand)
        continue;
      g_assert_cmpstr (g_ptr_array_index (codes, k++), ==,
                       aplomb_territory_get_code (territory, commune));
    }
  aplomb_test_remove_tree (dir);
}

/* An unknown code stops the reading with its line and field; so does text
 * that is not a code. */
static void
test_perimeter_bad_code (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *unknown = write_file (dir, "inconnu.csv", "code_insee\n18197\n\n36044\n");
  g_autofree char *text = write_file (dir, "texte.csv", "Code_Commune,nom\nSaint-Amand,18197\n");
  g_autofree char *none = write_file (dir, "sans-code.csv", "nom\nSaint-Amand\n");
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  codes = aplomb_cpts_read_perimeter (territory, unknown, &error);
  g_assert_null (codes);
  g_assert_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "inconnu.csv"));
  g_assert_nonnull (strstr (error->message, "line 4"));
  g_assert_nonnull (strstr (error->message, "code_insee"));
  g_assert_nonnull (strstr (error->message, "36044"));
  g_clear_error (&error);

  codes = aplomb_cpts_read_perimeter (territory, text, &error);
  g_assert_null (codes);
  g_assert_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "Saint-Amand"));
  g_clear_error (&error);

  codes = aplomb_cpts_read_perimeter (territory, none, &error);
  g_assert_null (codes);
  g_assert_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "sans-code.csv"));
  aplomb_test_remove_tree (dir);
}

/* Missing, empty and binary files, and a polygon far from the Cher. */
static void
test_perimeter_unreadable (void)
{
  g_autoptr(AplombTerritory) territory = load_cher ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "absent.csv", NULL);
  g_autofree char *empty = write_file (dir, "vide.csv", "");
  g_autofree char *binary = write_file (dir, "perimetre.gpkg", "\x01\x02garbage\xff");
  g_autofree char *far = write_file (dir, "loin.geojson",
                                     "{\"type\": \"Polygon\", \"coordinates\": "
                                     "[[[5, 45], [5.1, 45], [5.1, 45.1], [5, 45]]]}");
  const char *paths[] = { missing, empty, binary, far };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) codes = aplomb_cpts_read_perimeter (territory, paths[i], &error);

      g_assert_null (codes);
      g_assert_error (error, APLOMB_IMPORT_ERROR, error->code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, name));
    }
  aplomb_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add_func ("/cpts/neighbours", test_neighbours_match_geos);
  g_test_add_func ("/cpts/contiguity", test_contiguity);
  g_test_add_func ("/cpts/diagnostic", test_diagnostic);
  g_test_add_func ("/cpts/overlap", test_report_overlap);
  g_test_add_func ("/cpts/perimeter-from-csv", test_perimeter_from_csv);
  g_test_add_func ("/cpts/perimeter-from-polygon", test_perimeter_from_polygon);
  g_test_add_func ("/cpts/perimeter-bad-code", test_perimeter_bad_code);
  g_test_add_func ("/cpts/perimeter-unreadable", test_perimeter_unreadable);
  return g_test_run ();
}
