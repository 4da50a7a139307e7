/* test-import.c: the GDAL importers on real extracts and on files GDAL
 * writes here (zipped Lambert-93 shapefile, Latin-1 DBF, DREES workbook…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cpl_conv.h>
#include <gdal_utils.h>

#include "aplomb-core.h"
#include "aplomb-import-private.h"
#include "aplomb-test-files.h"

#define CHER_COMMUNES FIXTURES_DIR "/cher-communes-2024.geojson"

/* The eight Cher communes of the fixtures. */
static const char *cher_codes[] = {
  "18015", "18023", "18033", "18073", "18141", "18173", "18197", "18279"
};

typedef struct
{
  char            *dir;
  AplombTerritory *territory;
} Fixture;

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = fixture_path (fixture, name);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static AplombImportReport *
import_ok (AplombTerritory        *territory,
           AplombImportKind        kind,
           const char             *path,
           const AplombImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  AplombImportReport *report = aplomb_import_file (territory, kind, path, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_read, ==, report->n_imported + report->n_rejected);
  return report;
}

static guint
issue_count (AplombImportReport *report,
             const char         *reason)
{
  const AplombImportIssue *issue = aplomb_import_report_find_issue (report, reason);

  return issue != NULL ? issue->count : 0;
}

static const char *
first_example (AplombImportReport *report,
               const char         *reason)
{
  const AplombImportIssue *issue = aplomb_import_report_find_issue (report, reason);

  g_assert_nonnull (issue);
  return g_ptr_array_index (issue->examples, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AplombImportReport) report = NULL;

  fixture->dir = g_dir_make_tmp ("aplomb-import-XXXXXX", NULL);
  fixture->territory = aplomb_territory_new ();
  report = import_ok (fixture->territory, APLOMB_IMPORT_COMMUNES, CHER_COMMUNES, NULL);
  g_assert_cmpuint (report->n_imported, ==, 8);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  aplomb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_object_unref (fixture->territory);
}

/* Runs ogr2ogr's library form: GDAL writes the fixture. */
static void
translate (const char  *destination,
           const char  *source,
           const char **arguments)
{
  GDALDatasetH input = GDALOpenEx (source, GDAL_OF_VECTOR, NULL, NULL, NULL);
  GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew ((char **) arguments, NULL);
  GDALDatasetH output;
  int usage_error = FALSE;

  g_assert_nonnull (input);
  output = GDALVectorTranslate (destination, NULL, 1, &input, options, &usage_error);
  g_assert_nonnull (output);
  g_assert_false (usage_error);
  GDALClose (output);
  GDALVectorTranslateOptionsFree (options);
  GDALClose (input);
}

/* IGN ADMIN EXPRESS field names, in Lambert-93. */
static void
write_lambert93_shapefile (Fixture    *fixture,
                           const char *name,
                           const char *encoding)
{
  g_autofree char *path = fixture_path (fixture, name);
  g_autofree char *encoding_option = g_strconcat ("ENCODING=", encoding, NULL);
  const char *arguments[] = {
    "-f", "ESRI Shapefile", "-t_srs", "EPSG:2154", "-lco", encoding_option,
    "-sql", "SELECT code_insee AS INSEE_COM, nom AS NOM, dep AS INSEE_DEP FROM communes",
    NULL
  };

  translate (path, CHER_COMMUNES, arguments);
}

static void
zip_files (const char         *zip_path,
           const char         *dir,
           const char * const *names,
           const char         *folder_in_zip)
{
  void *zip = CPLCreateZip (zip_path, NULL);

  g_assert_nonnull (zip);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *entry = g_build_filename (folder_in_zip, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpint (CPLCreateFileInZip (zip, entry, NULL), ==, CE_None);
      g_assert_cmpint (CPLWriteFileInZip (zip, contents, length), ==, CE_None);
      g_assert_cmpint (CPLCloseFileInZip (zip), ==, CE_None);
    }
  g_assert_cmpint (CPLCloseZip (zip), ==, CE_None);
}

/* Whether the bytes of a file (NULs included) contain text. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* Helpers */

static void
test_normalize (void)
{
  g_autofree char *padded = aplomb_import_normalize_code (" 1001 ");
  g_autofree char *corsica = aplomb_import_normalize_code ("2a004");
  g_autofree char *spreadsheet = aplomb_import_normalize_code ("18033.0");
  g_autofree char *name = aplomb_import_normalize_name ("Code commune INSEE");
  g_autofree char *accented = aplomb_import_normalize_name ("Libellé savoir-faire");
  g_autofree char *year = aplomb_import_guess_year ("/data/gp-rpps-2026.csv");
  g_autofree char *no_year = aplomb_import_guess_year ("/data/communes-12345.csv");

  g_assert_cmpstr (padded, ==, "01001");
  g_assert_cmpstr (corsica, ==, "2A004");
  g_assert_cmpstr (spreadsheet, ==, "18033");
  g_assert_null (aplomb_import_normalize_code ("2C004"));
  g_assert_null (aplomb_import_normalize_code ("750560"));
  g_assert_null (aplomb_import_normalize_code ("Lecture : …"));
  g_assert_cmpstr (name, ==, "codecommuneinsee");
  g_assert_cmpstr (accented, ==, "libellesavoirfaire");
  g_assert_cmpstr (year, ==, "2026");
  g_assert_null (no_year);
}

static void
test_parse_number (void)
{
  double value;

  g_assert_true (aplomb_import_parse_number ("3,07", &value));
  g_assert_cmpfloat (value, ==, 3.07);
  g_assert_true (aplomb_import_parse_number ("64 668", &value));
  g_assert_cmpfloat (value, ==, 64668);
  g_assert_true (aplomb_import_parse_number ("1\u00a0234,5", &value));
  g_assert_cmpfloat (value, ==, 1234.5);
  g_assert_true (aplomb_import_parse_number ("1,234.5", &value));
  g_assert_cmpfloat (value, ==, 1234.5);
  g_assert_true (aplomb_import_parse_number ("NA", &value));
  g_assert_true (isnan (value));
  g_assert_true (aplomb_import_parse_number (NULL, &value));
  g_assert_true (isnan (value));
  g_assert_false (aplomb_import_parse_number ("douze", &value));
  g_assert_false (aplomb_import_parse_number ("12 ans", &value));
}

static void
test_code_history (void)
{
  AplombCodeHistory *history = aplomb_code_history_get_default ();
  AplombCodeChange change;

  g_assert_nonnull (history);
  g_assert_cmpuint (aplomb_code_history_get_size (history), ==, 39027);
  g_assert_cmpstr (aplomb_code_history_lookup (history, "18131", &change), ==, "18173");
  g_assert_cmpint (change, ==, APLOMB_CODE_FORMER);
  g_assert_cmpstr (aplomb_code_history_lookup (history, "75101", &change), ==, "75056");
  g_assert_cmpint (change, ==, APLOMB_CODE_ARRONDISSEMENT);
  g_assert_cmpstr (aplomb_code_history_lookup (history, "18033", &change), ==, "18033");
  g_assert_cmpint (change, ==, APLOMB_CODE_SAME);
  g_assert_null (aplomb_code_history_lookup (history, "97101", NULL));
}

/* Communes */

static void
test_communes_geojson (Fixture       *fixture,
                       gconstpointer  data)
{
  AplombTerritory *territory = fixture->territory;
  const AplombGeometry *g = aplomb_territory_get_geometry (territory);
  int bourges = aplomb_territory_lookup (territory, "18033");
  double lon, lat;

  g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (cher_codes); i++)
    g_assert_cmpint (aplomb_territory_lookup (territory, cher_codes[i]), >=, 0);
  g_assert_cmpint (bourges, >=, 0);
  g_assert_cmpstr (aplomb_territory_get_name (territory, bourges), ==, "Bourges");
  g_assert_cmpstr (aplomb_territory_get_departement (territory, bourges), ==, "18");

  /* Bourges lies around 2.40° E, 47.08° N. */
  g_assert_cmpfloat (g->bboxes[bourges].min_lon, >, 2.3);
  g_assert_cmpfloat (g->bboxes[bourges].max_lon, <, 2.5);
  g_assert_cmpfloat (g->bboxes[bourges].min_lat, >, 47.0);
  g_assert_cmpfloat (g->bboxes[bourges].max_lat, <, 47.2);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 2.3986, 47.0809), ==, bourges);
  aplomb_territory_get_inner_point (territory, bourges, &lon, &lat);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, lon, lat), ==, bourges);

  /* Every ring is closed. */
  for (guint r = 0; r < g->n_rings; r++)
    {
      guint first = g->ring_offsets[r], last = g->ring_offsets[r + 1] - 1;

      g_assert_cmpuint (last - first, >=, 3);
      g_assert_cmpfloat (g->coords[2 * first], ==, g->coords[2 * last]);
      g_assert_cmpfloat (g->coords[2 * first + 1], ==, g->coords[2 * last + 1]);
    }

  g_assert_cmpuint (aplomb_territory_get_sources (territory)->len, ==, 1);
}

static void
test_communes_zipped_lambert93 (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *names[] = { "cher.shp", "cher.shx", "cher.dbf", "cher.prj", "cher.cpg", NULL };
  g_autofree char *zip = fixture_path (fixture, "ADMIN-EXPRESS.zip");
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report = NULL;
  const AplombGeometry *expected = aplomb_territory_get_geometry (fixture->territory);
  const AplombGeometry *g;
  int vierzon;

  write_lambert93_shapefile (fixture, "cher.shp", "UTF-8");
  zip_files (zip, fixture->dir, names, "ADMIN-EXPRESS/COMMUNE");

  report = import_ok (territory, APLOMB_IMPORT_COMMUNES, zip, NULL);
  g_assert_cmpuint (report->n_imported, ==, 8);
  g_assert_cmpuint (report->n_rejected, ==, 0);
  vierzon = aplomb_territory_lookup (territory, "18279");
  g_assert_cmpstr (aplomb_territory_get_name (territory, vierzon), ==, "Vierzon");

  /* There and back through Lambert-93: the same points within 1e-6°. */
  g = aplomb_territory_get_geometry (territory);
  g_assert_cmpuint (g->n_points, ==, expected->n_points);
  for (guint i = 0; i < 8; i++)
    {
      int j = aplomb_territory_lookup (fixture->territory, aplomb_territory_get_code (territory, i));

      g_assert_cmpfloat_with_epsilon (g->bboxes[i].min_lon, expected->bboxes[j].min_lon, 1e-6);
      g_assert_cmpfloat_with_epsilon (g->bboxes[i].max_lat, expected->bboxes[j].max_lat, 1e-6);
    }
}

/* Importing communes into a territory that has some updates their
 * geometry and keeps what was attached to them. */
static void
test_communes_reimport (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *names[] = { "cher.shp", "cher.shx", "cher.dbf", "cher.prj", NULL };
  g_autofree char *zip = fixture_path (fixture, "again.zip");
  g_autoptr(AplombImportReport) population = NULL;
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  int bourges = aplomb_territory_lookup (territory, "18033");
  AplombBBox before = aplomb_territory_get_geometry (territory)->bboxes[bourges];
  AplombBBox after;

  population = import_ok (territory, APLOMB_IMPORT_POPULATION,
                          FIXTURES_DIR "/cher-population-2021.csv", NULL);
  write_lambert93_shapefile (fixture, "cher.shp", "UTF-8");
  zip_files (zip, fixture->dir, names, "");
  report = import_ok (territory, APLOMB_IMPORT_COMMUNES, zip, NULL);
  g_assert_cmpuint (report->n_imported, ==, 8);
  g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, 8);
  g_assert_cmpint (aplomb_territory_lookup (territory, "18033"), ==, bourges);
  g_assert_cmpfloat (aplomb_territory_get_population (territory)[bourges], ==, 65723);
  /* The geometry is the reprojected one now: equal within 1e-6°. */
  after = aplomb_territory_get_geometry (territory)->bboxes[bourges];
  g_assert_cmpfloat_with_epsilon (after.min_lon, before.min_lon, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.max_lat, before.max_lat, 1e-6);
  g_assert_cmpuint (aplomb_territory_get_sources (territory)->len, ==, 3);
}

/* A 2018 layer into the 2024 communes: Osmery's former code 18131 is not
 * brought back as a commune. */
static void
test_communes_former_codes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "cog2018.geojson");
  g_autoptr(AplombImportReport) report = NULL;

  write_file (fixture, "cog2018.geojson",
              "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
              " \"properties\": {\"code\": \"18131\", \"nom\": \"Osmery (2018)\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
              " [[[2.60,46.90],[2.70,46.90],[2.70,46.95],[2.60,46.95],[2.60,46.90]]]}},"
              " {\"type\": \"Feature\", \"properties\": {\"code\": \"36044\", \"nom\": \"Châteauroux\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
              " [[[1.60,46.78],[1.75,46.78],[1.75,46.85],[1.60,46.85],[1.60,46.78]]]}}]}",
              -1);
  report = import_ok (fixture->territory, APLOMB_IMPORT_COMMUNES, path, NULL);
  g_assert_cmpuint (issue_count (report, "Former code of a commune of the project"), ==, 1);
  g_assert_cmpint (aplomb_territory_lookup (fixture->territory, "18131"), ==, -1);
  g_assert_cmpint (aplomb_territory_lookup (fixture->territory, "36044"), ==, 8);
  g_assert_cmpuint (aplomb_territory_get_n_communes (fixture->territory), ==, 9);
}

static void
test_communes_latin1_dbf (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *shp = fixture_path (fixture, "latin1.shp");
  g_autofree char *cpg = fixture_path (fixture, "latin1.cpg");
  g_autofree char *dbf = fixture_path (fixture, "latin1.dbf");
  g_autofree char *raw = NULL;
  gsize length;
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report = NULL;
  gboolean noted = FALSE;

  write_lambert93_shapefile (fixture, "latin1.shp", "ISO-8859-1");
  g_assert_cmpint (g_unlink (cpg), ==, 0);
  g_assert_true (g_file_get_contents (dbf, &raw, &length, NULL));
  g_assert_true (contains_bytes (raw, length, "Aubigny-sur-N\xe8re"));

  report = import_ok (territory, APLOMB_IMPORT_COMMUNES, shp, NULL);
  g_assert_cmpstr (aplomb_territory_get_name (territory, aplomb_territory_lookup (territory, "18015")),
                   ==, "Aubigny-sur-Nère");
  g_assert_cmpstr (aplomb_territory_get_name (territory, aplomb_territory_lookup (territory, "18141")),
                   ==, "Mehun-sur-Yèvre");
  for (guint i = 0; i < report->notes->len; i++)
    noted = noted || strstr (g_ptr_array_index (report->notes, i), "Latin-1") != NULL;
  g_assert_true (noted);
}

static void
test_communes_without_prj (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *shp = fixture_path (fixture, "noprj.shp");
  g_autofree char *prj = fixture_path (fixture, "noprj.prj");
  g_autofree char *mercator = fixture_path (fixture, "mercator.shp");
  g_autofree char *mercator_prj = fixture_path (fixture, "mercator.prj");
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *arguments[] = { "-f", "ESRI Shapefile", "-t_srs", "EPSG:3857", NULL };

  /* Lambert-93 is recognised from the coordinates. */
  write_lambert93_shapefile (fixture, "noprj.shp", "UTF-8");
  g_unlink (prj);
  report = import_ok (territory, APLOMB_IMPORT_COMMUNES, shp, NULL);
  g_assert_cmpint (aplomb_territory_find_commune_at (territory, 2.3986, 47.0809), ==,
                   aplomb_territory_lookup (territory, "18033"));

  /* Web Mercator metres are neither degrees nor Lambert-93. */
  translate (mercator, CHER_COMMUNES, arguments);
  g_unlink (mercator_prj);
  g_assert_null (aplomb_import_file (territory, APLOMB_IMPORT_COMMUNES, mercator, NULL, NULL, &error));
  g_assert_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_CRS);
}

/* Every kind of feature the communes importer refuses. */
static void
test_communes_bad_features (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "bad-features.geojson");
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report = NULL;

#define SQUARE "[[[2.0,47.0],[2.1,47.0],[2.1,47.1],[2.0,47.1],[2.0,47.0]]]"
  write_file (fixture, "bad-features.geojson",
              "{\"type\": \"FeatureCollection\", \"features\": ["
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18033\", \"NOM\": \"Bourges\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " SQUARE "}},"
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18O33\", \"NOM\": \"Typo\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " SQUARE "}},"
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18033\", \"NOM\": \"Twice\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " SQUARE "}},"
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18279\", \"NOM\": \"Point\"},"
              " \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.07, 47.22]}},"
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18141\", \"NOM\": \"None\"},"
              " \"geometry\": null},"
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18015\", \"NOM\": \"Flat\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[2.4,47.4],[2.5,47.5],[2.4,47.4]]]}},"
              "{\"type\": \"Feature\", \"properties\": {\"INSEE_COM\": \"18197\", \"NOM\": \"Far\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[2,47],[200,47],[200,48],[2,47]]]}}"
              "]}", -1);
#undef SQUARE
  report = import_ok (territory, APLOMB_IMPORT_COMMUNES, path, NULL);
  g_assert_cmpuint (report->n_read, ==, 7);
  g_assert_cmpuint (report->n_imported, ==, 1);
  g_assert_cmpuint (issue_count (report, "Invalid commune code"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Commune listed twice"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Not a polygon"), ==, 1);
  g_assert_cmpuint (issue_count (report, "No geometry"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Broken geometry"), ==, 2);
  g_assert_cmpstr (first_example (report, "Not a polygon"), ==,
                   "bad-features.geojson, line 4, field “INSEE_COM”: “18279”");
  g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, 1);
  g_assert_cmpuint (aplomb_territory_get_geometry (territory)->n_points, ==, 5);
}

/* Réunion's communes come in RGR92 / UTM 40S (EPSG:2975). */
static void
test_communes_overseas_crs (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *source = fixture_path (fixture, "reunion.geojson");
  g_autofree char *shp = fixture_path (fixture, "reunion.shp");
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report = NULL;
  const char *arguments[] = { "-f", "ESRI Shapefile", "-t_srs", "EPSG:2975", NULL };
  const AplombBBox *bbox;

  write_file (fixture, "reunion.geojson",
              "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
              " \"properties\": {\"INSEE_COM\": \"97411\", \"NOM\": \"Saint-Denis\"},"
              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
              " [[[55.40,-20.95],[55.50,-20.95],[55.50,-20.88],[55.40,-20.88],[55.40,-20.95]]]}}]}",
              -1);
  translate (shp, source, arguments);
  report = import_ok (territory, APLOMB_IMPORT_COMMUNES, shp, NULL);
  bbox = &aplomb_territory_get_geometry (territory)->bboxes[0];
  g_assert_cmpfloat_with_epsilon (bbox->min_lon, 55.40, 1e-6);
  g_assert_cmpfloat_with_epsilon (bbox->max_lon, 55.50, 1e-6);
  g_assert_cmpfloat_with_epsilon (bbox->min_lat, -20.95, 1e-6);
  g_assert_cmpfloat_with_epsilon (bbox->max_lat, -20.88, 1e-6);
}

/* A population file on an empty project lists its communes, without the
 * arrondissements nor the former codes of the code history. */
static void
test_population_creates_communes (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "population.csv");
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombImportReport) report = NULL;

  write_file (fixture, "population.csv",
              "code_insee,nom,dep,pop_municipale\n"
              "75056,Paris,75,2133111\n"
              "75101,Paris 1er Arrondissement,75,15917\n"
              "18033,Bourges,18,63702\n"
              "18131,Osmery (ancienne),18,40\n",
              -1);
  report = import_ok (territory, APLOMB_IMPORT_POPULATION, path, NULL);
  g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, 2);
  g_assert_cmpstr (aplomb_territory_get_name (territory, aplomb_territory_lookup (territory, "75056")),
                   ==, "Paris");
  g_assert_cmpfloat (aplomb_territory_get_total_population (territory), ==, 2133111 + 63702);
  g_assert_cmpuint (issue_count (report, "Part of a commune whose own row is in the file"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Commune not in the project"), ==, 1);
}

/* A failed import leaves the territory as it was. */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  const char *names[] = { "cher.shp", "cher.shx", "cher.dbf", "cher.prj", NULL };
  g_autofree char *zip = fixture_path (fixture, "communes.zip");
  g_autofree char *truncated = fixture_path (fixture, "truncated.zip");
  g_autofree char *empty = fixture_path (fixture, "empty.csv");
  g_autofree char *no_code = fixture_path (fixture, "no-code.csv");
  g_autofree char *contents = NULL;
  g_autofree char *utf16 = fixture_path (fixture, "utf16.csv");
  g_autofree char *table = fixture_path (fixture, "table-as-communes.csv");
  const AplombImportKind kinds[] = {
    APLOMB_IMPORT_COMMUNES, APLOMB_IMPORT_POPULATION, APLOMB_IMPORT_POPULATION,
    APLOMB_IMPORT_POPULATION, APLOMB_IMPORT_POPULATION, APLOMB_IMPORT_COMMUNES
  };
  const char *paths[] = { truncated, empty, no_code, "/nonexistent/population.csv", utf16, table };
  const int codes[] = {
    APLOMB_IMPORT_ERROR_OPEN, APLOMB_IMPORT_ERROR_EMPTY, APLOMB_IMPORT_ERROR_MISSING_FIELD,
    APLOMB_IMPORT_ERROR_OPEN, APLOMB_IMPORT_ERROR_ENCODING, APLOMB_IMPORT_ERROR_EMPTY
  };
  /* "code_insee,population" in UTF-16 LE with its byte order mark. */
  const char utf16_text[] = "\xff\xfe" "c\0o\0d\0e\0_\0i\0n\0s\0e\0e\0,\0p\0o\0p\0\n\0";
  gsize length;

  write_lambert93_shapefile (fixture, "cher.shp", "UTF-8");
  zip_files (zip, fixture->dir, names, "");
  g_assert_true (g_file_get_contents (zip, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  write_file (fixture, "empty.csv", "", 0);
  write_file (fixture, "no-code.csv", "commune;habitants\nBourges;64668\n", -1);
  write_file (fixture, "utf16.csv", utf16_text, sizeof utf16_text - 1);
  write_file (fixture, "table-as-communes.csv", "code_insee,nom\n18033,Bourges\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (aplomb_import_file (fixture->territory, kinds[i], paths[i], NULL, NULL, &error));
      g_assert_error (error, APLOMB_IMPORT_ERROR, codes[i]);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (aplomb_territory_get_n_communes (fixture->territory), ==, 8);
      g_assert_cmpuint (aplomb_territory_get_sources (fixture->territory)->len, ==, 1);
    }
}

/* Populations */

static void
test_population_real (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AplombImportReport) report = NULL;
  g_autoptr(AplombImportReport) share_report = NULL;
  AplombTerritory *territory = fixture->territory;
  int bourges = aplomb_territory_lookup (territory, "18033");
  const double *municipal;

  report = import_ok (territory, APLOMB_IMPORT_POPULATION,
                      FIXTURES_DIR "/cher-population-2021.csv", NULL);
  g_assert_cmpuint (report->n_imported, ==, 8);
  /* Bourges: population totale 2021 65 723, municipale 63 702. */
  g_assert_cmpfloat (aplomb_territory_get_population (territory)[bourges], ==, 65723);
  municipal = aplomb_territory_get_column (territory, "population_municipale_2021");
  g_assert_nonnull (municipal);
  g_assert_cmpfloat (municipal[bourges], ==, 63702);
  g_assert_cmpstr (aplomb_territory_get_epci (territory, bourges), ==, "241800507");
  g_assert_cmpstr (aplomb_territory_get_postcodes (territory, bourges)[0], ==, "18000");

  share_report = import_ok (territory, APLOMB_IMPORT_POPULATION,
                            FIXTURES_DIR "/cher-share-75plus-rp2020.csv", NULL);
  g_assert_cmpfloat_with_epsilon (aplomb_territory_get_share_75plus (territory)[bourges],
                                  0.11905, 1e-9);
  /* A file of shares leaves the populations alone. */
  g_assert_cmpfloat (aplomb_territory_get_population (territory)[bourges], ==, 65723);
}

/* An INSEE layout: ";" separated, Latin-1, decimal commas, thousands
 * separated by spaces, age bands and a percentage of people aged 75+. */
static void
test_population_semicolon_latin1 (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "base-cc-pop.csv");
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  int bourges = aplomb_territory_lookup (territory, "18033");
  int aubigny = aplomb_territory_lookup (territory, "18015");
  const guint *bounds;
  guint n_bands;
  const double *bands;

  write_file (fixture, "base-cc-pop.csv",
              "CODGEO;LIBGEO;P21_POP;P21_POP0014;P21_POP1529;P21_POP3044;P21_POP4559;"
              "P21_POP6074;P21_POP7589;P21_POP90P;Part des 75 ans ou plus\r\n"
              "18033;Bourges;64 551,0;9 000;12 500,5;11 000;11 000;12 000;8 000;1 050,5;14,1\r\n"
              "18015;Aubigny-sur-N\xe8re;5 451;800;700;900;1 000;1 200;700;151;15,6\r\n",
              -1);
  report = import_ok (territory, APLOMB_IMPORT_POPULATION, path, NULL);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpfloat (aplomb_territory_get_population (territory)[bourges], ==, 64551);
  g_assert_cmpfloat (aplomb_territory_get_population (territory)[aubigny], ==, 5451);
  g_assert_true (isnan (aplomb_territory_get_population (territory)[aplomb_territory_lookup (territory, "18279")]));
  g_assert_cmpfloat_with_epsilon (aplomb_territory_get_share_75plus (territory)[aubigny], 0.156, 1e-12);

  bands = aplomb_territory_get_age_bands (territory, &n_bands, &bounds);
  g_assert_cmpuint (n_bands, ==, 7);
  g_assert_cmpuint (bounds[0], ==, 0);
  g_assert_cmpuint (bounds[5], ==, 75);
  g_assert_cmpuint (bounds[6], ==, 90);
  g_assert_cmpfloat (bands[bourges * 7 + 1], ==, 12500.5);
  g_assert_cmpfloat (bands[bourges * 7 + 6], ==, 1050.5);
  g_assert_cmpfloat (bands[aubigny * 7 + 0], ==, 800);
  g_assert_true (isnan (bands[aplomb_territory_lookup (territory, "18279") * 7]));
}

/* Practitioners */

static void
test_practitioner_counts_real (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AplombImportReport) bpe = NULL;
  g_autoptr(AplombImportReport) rpps = NULL;
  AplombImportOptions options = { .label = "bpe" };
  AplombTerritory *territory = fixture->territory;
  const AplombPractitioner *rows;
  const double *counts;
  double heads = 0;

  bpe = import_ok (territory, APLOMB_IMPORT_PRACTITIONERS, FIXTURES_DIR "/cher-gp-bpe-2017.csv",
                   &options);
  /* 1 + 73 + 6 + 21 + 7 + 6 GPs in six communes. */
  g_assert_cmpuint (aplomb_territory_get_n_practitioners (territory), ==, 6);
  counts = aplomb_territory_get_column (territory, "gp_count_bpe_2017");
  g_assert_nonnull (counts);
  g_assert_cmpfloat (counts[aplomb_territory_lookup (territory, "18033")], ==, 73);
  g_assert_true (isnan (counts[aplomb_territory_lookup (territory, "18073")]));

  options.label = "rpps";
  rpps = import_ok (territory, APLOMB_IMPORT_PRACTITIONERS, FIXTURES_DIR "/cher-gp-rpps-2026.csv",
                    &options);
  g_assert_cmpuint (rpps->n_imported, ==, 8);
  rows = aplomb_territory_get_practitioners (territory);
  for (guint i = 0; i < aplomb_territory_get_n_practitioners (territory); i++)
    {
      g_assert_cmpint (rows[i].profession, ==, APLOMB_PROFESSION_GP);
      g_assert_true (isnan (rows[i].etp));
      heads += rows[i].heads;
    }
  /* The RPPS rows replaced the BPE ones: 1 + 125 + 7 + 33 + 15 + 7. */
  g_assert_cmpfloat (heads, ==, 188);
  g_assert_cmpuint (aplomb_territory_get_n_practitioners (territory), ==, 6);
  g_assert_nonnull (aplomb_territory_get_column (territory, "gp_count_rpps_2026"));
  g_assert_nonnull (aplomb_territory_get_column (territory, "gp_count_bpe_2017"));
}

/* Heads of a count file can be given a full-time equivalent each. */
static void
test_practitioner_counts_etp (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(AplombImportReport) report = NULL;
  AplombImportOptions options = { .label = "rpps", .etp_per_head = 0.5 };
  AplombTerritory *territory = fixture->territory;
  const AplombPractitioner *rows;
  double heads = 0, etp = 0;

  report = import_ok (territory, APLOMB_IMPORT_PRACTITIONERS,
                      FIXTURES_DIR "/cher-gp-rpps-2026.csv", &options);
  rows = aplomb_territory_get_practitioners (territory);
  for (guint i = 0; i < aplomb_territory_get_n_practitioners (territory); i++)
    {
      g_assert_cmpfloat (rows[i].etp, ==, rows[i].heads * 0.5);
      heads += rows[i].heads;
      etp += rows[i].etp;
    }
  g_assert_cmpfloat (heads, ==, 188);
  g_assert_cmpfloat (etp, ==, 94);
}

/* An ODS spreadsheet whose counts are on its second sheet, chosen by name. */
static void
test_practitioner_counts_ods (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "infirmiers.ods");
  g_autoptr(AplombImportReport) report = NULL;
  AplombImportOptions options = { .layer = "Effectifs", .label = "ars" };
  GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("ODS"), path, 0, 0, 0, GDT_Unknown, NULL);
  const char *rows[][2] = { { "18033", "212" }, { "18279", "71" }, { "18131", "2" } };
  const char *fields[] = { "Code commune", "Nombre d'infirmiers" };
  OGRLayerH notes, counts;
  const double *column;

  g_assert_nonnull (dataset);
  notes = GDALDatasetCreateLayer (dataset, "Notes", NULL, wkbNone, NULL);
  counts = GDALDatasetCreateLayer (dataset, "Effectifs", NULL, wkbNone, NULL);
  g_assert_nonnull (notes);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[f], OFTString);

      OGR_L_CreateField (counts, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (counts));

      OGR_F_SetFieldString (feature, 0, rows[r][0]);
      OGR_F_SetFieldString (feature, 1, rows[r][1]);
      g_assert_cmpint (OGR_L_CreateFeature (counts, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);

  report = import_ok (fixture->territory, APLOMB_IMPORT_PRACTITIONERS, path, &options);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (report->n_remapped, ==, 1);
  column = aplomb_territory_get_column (fixture->territory, "nurse_count_ars");
  g_assert_nonnull (column);
  g_assert_cmpfloat (column[aplomb_territory_lookup (fixture->territory, "18033")], ==, 212);
  g_assert_cmpfloat (column[aplomb_territory_lookup (fixture->territory, "18173")], ==, 2);
  g_assert_cmpint (aplomb_territory_get_practitioners (fixture->territory)[0].profession, ==,
                   APLOMB_PROFESSION_NURSE);
}

/* One row of each problem, with the line numbers of the examples. */
static void
test_every_bad_row (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "bad-rows.csv");
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  const double *counts;

  write_file (fixture, "bad-rows.csv",
              "code_insee,nb_medecins_generalistes\n"
              "18033,10\n"          /* 2: Bourges */
              "18O33,4\n"           /* 3: a letter O */
              "75056,3000\n"        /* 4: Paris, not in the project */
              "18033,2\n"           /* 5: Bourges again */
              "18279,douze\n"       /* 6: not a number */
              "18015,-3\n"          /* 7: negative */
              "18141,\n"            /* 8: no value */
              "18131,2\n"           /* 9: former code of Osmery (18173) */
              "18123,1\n"           /* 10: former code merged into Baugy (18023) */
              "18239,1\n"           /* 11: another one merged into Baugy */
              "18023,3\n"           /* 12: Baugy itself */
              "\n"                  /* 13: empty, skipped */
              "18197,5\n",          /* 14: Saint-Amand-Montrond */
              -1);
  report = import_ok (territory, APLOMB_IMPORT_PRACTITIONERS, path, NULL);
  g_assert_cmpuint (report->n_read, ==, 12);
  g_assert_cmpuint (report->n_imported, ==, 6);
  g_assert_cmpuint (report->n_remapped, ==, 3);
  g_assert_cmpuint (report->n_rejected, ==, 6);
  g_assert_cmpuint (issue_count (report, "Invalid commune code"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Commune not in the project"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Commune listed twice"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Not a number"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Negative value"), ==, 1);
  g_assert_cmpuint (issue_count (report, "No value"), ==, 1);
  g_assert_cmpstr (first_example (report, "Invalid commune code"), ==,
                   "bad-rows.csv, line 3, field “code_insee”: “18O33”");
  g_assert_cmpstr (first_example (report, "Not a number"), ==,
                   "bad-rows.csv, line 6, field “nb_medecins_generalistes”: “douze”");
  g_assert_cmpstr (first_example (report, "Commune listed twice"), ==,
                   "bad-rows.csv, line 5, field “code_insee”: “18033”");

  counts = aplomb_territory_get_column (territory, "gp_count");
  g_assert_nonnull (counts);
  g_assert_cmpfloat (counts[aplomb_territory_lookup (territory, "18033")], ==, 10);
  g_assert_cmpfloat (counts[aplomb_territory_lookup (territory, "18173")], ==, 2);
  g_assert_cmpfloat (counts[aplomb_territory_lookup (territory, "18023")], ==, 5);
  g_assert_cmpfloat (counts[aplomb_territory_lookup (territory, "18197")], ==, 5);
  g_assert_true (isnan (counts[aplomb_territory_lookup (territory, "18279")]));
}

static void
test_nothing_imported (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "all-bad.csv");
  g_autoptr(GError) error = NULL;

  write_file (fixture, "all-bad.csv", "code_insee,nb_medecins_generalistes\n97101,3\nXXXXX,1\n", -1);
  g_assert_null (aplomb_import_file (fixture->territory, APLOMB_IMPORT_PRACTITIONERS, path, NULL,
                                     NULL, &error));
  g_assert_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_NOTHING);
  g_assert_cmpuint (aplomb_territory_get_n_practitioners (fixture->territory), ==, 0);
  g_assert_null (aplomb_territory_get_column (fixture->territory, "gp_count"));
}

/* One row per practitioner and site, with a code, WGS84 or Lambert-93. */
static void
test_practitioner_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "sites.csv");
  g_autofree char *csv = NULL;
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  int bourges = aplomb_territory_lookup (territory, "18033");
  int vierzon = aplomb_territory_lookup (territory, "18279");
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH lambert = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH to_lambert;
  const AplombPractitioner *rows;
  double lon, lat, x, y;

  OSRImportFromEPSG (wgs84, 4326);
  OSRImportFromEPSG (lambert, 2154);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (lambert, OAMS_TRADITIONAL_GIS_ORDER);
  to_lambert = OCTNewCoordinateTransformation (wgs84, lambert);
  aplomb_territory_get_inner_point (territory, vierzon, &x, &y);
  g_assert_true (OCTTransform (to_lambert, 1, &x, &y, NULL));
  aplomb_territory_get_inner_point (territory, bourges, &lon, &lat);
  OCTDestroyCoordinateTransformation (to_lambert);
  OSRRelease (wgs84);
  OSRRelease (lambert);

  csv = g_strdup_printf ("id;profession;specialite;mode_exercice;age;x;y;code_insee\n"
                         "P1;Médecin;Médecine générale;Libéral;52;;;18033\n"
                         "P1;Médecin;Médecine générale;Libéral;52;;;18279\n"
                         "P2;Infirmier;;Salarié;;%.6f;%.6f;\n"
                         "P3;Masseur-kinésithérapeute;;Mixte;41;%.2f;%.2f;\n"
                         "P4;Plombier;;;;;;18033\n"
                         "P5;Médecin;Neurologie;Libéral;;;;18033\n"
                         "P6;Sage-femme;;;;0.5;0.5;\n"
                         "P7;Chirurgien-dentiste;;;;;;\n",
                         lon, lat, x, y);
  write_file (fixture, "sites.csv", csv, -1);
  report = import_ok (territory, APLOMB_IMPORT_PRACTITIONERS, path, NULL);
  g_assert_cmpuint (report->n_imported, ==, 5);
  g_assert_cmpuint (issue_count (report, "Unknown profession"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Outside every commune of the project"), ==, 1);
  g_assert_cmpuint (issue_count (report, "No commune code and no coordinates"), ==, 1);

  rows = aplomb_territory_get_practitioners (territory);
  g_assert_cmpuint (aplomb_territory_get_n_practitioners (territory), ==, 5);
  /* P1 works on two sites: half a head on each. */
  g_assert_cmpint (rows[0].profession, ==, APLOMB_PROFESSION_GP);
  g_assert_cmpint (rows[0].commune, ==, bourges);
  g_assert_cmpfloat (rows[0].heads, ==, 0.5);
  g_assert_cmpint (rows[0].age, ==, 52);
  g_assert_cmpint (rows[0].mode, ==, APLOMB_PRACTICE_LIBERAL);
  g_assert_cmpint (rows[1].commune, ==, vierzon);
  g_assert_cmpint (rows[2].profession, ==, APLOMB_PROFESSION_NURSE);
  g_assert_cmpint (rows[2].commune, ==, bourges);
  g_assert_cmpint (rows[2].mode, ==, APLOMB_PRACTICE_SALARIED);
  g_assert_cmpfloat (rows[2].heads, ==, 1);
  g_assert_cmpint (rows[3].profession, ==, APLOMB_PROFESSION_PHYSIOTHERAPIST);
  g_assert_cmpint (rows[3].commune, ==, vierzon);
  g_assert_cmpint (rows[3].mode, ==, APLOMB_PRACTICE_MIXED);
  g_assert_cmpint (rows[4].profession, ==, APLOMB_PROFESSION_OTHER_PHYSICIAN);
}

/* The open extraction of the Annuaire Santé: "|" separated, one row per
 * activity, the commune of the practice site. */
static void
test_annuaire_sante (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "ps-libreacces-personne-activite.txt");
  g_autoptr(AplombImportReport) report = NULL;
  const AplombPractitioner *rows;

  write_file (fixture, "ps-libreacces-personne-activite.txt",
              "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code profession|"
              "Libellé profession|Code savoir-faire|Libellé savoir-faire|Code mode exercice|"
              "Libellé mode exercice|Code postal (coord. structure)|Code commune (coord. structure)|"
              "Libellé commune (coord. structure)|\n"
              "8|10001|810001|10|Médecin|SM54|Médecine Générale|L|Libéral|18000|18033|Bourges|\n"
              "8|10002|810002|10|Médecin|SM26|Qualifié en Médecine Générale|S|Salarié|18100|18279|Vierzon|\n"
              "8|10003|810003|60|Infirmier|||L|Libéral|18000|18033|Bourges|\n"
              "8|10004|810004|10|Médecin|SM42|Pédiatrie|L|Libéral|18000|18033|Bourges|\n",
              -1);
  report = import_ok (fixture->territory, APLOMB_IMPORT_PRACTITIONERS, path, NULL);
  g_assert_cmpuint (report->n_imported, ==, 4);
  rows = aplomb_territory_get_practitioners (fixture->territory);
  g_assert_cmpint (rows[0].profession, ==, APLOMB_PROFESSION_GP);
  g_assert_cmpint (rows[1].profession, ==, APLOMB_PROFESSION_GP);
  g_assert_cmpint (rows[1].mode, ==, APLOMB_PRACTICE_SALARIED);
  g_assert_cmpint (rows[1].commune, ==, aplomb_territory_lookup (fixture->territory, "18279"));
  g_assert_cmpint (rows[2].profession, ==, APLOMB_PROFESSION_NURSE);
  g_assert_cmpint (rows[3].profession, ==, APLOMB_PROFESSION_OTHER_PHYSICIAN);
}

/* Official APL */

static void
test_official_apl_csv (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  int osmery = aplomb_territory_lookup (territory, "18173");

  report = import_ok (territory, APLOMB_IMPORT_OFFICIAL_APL,
                      FIXTURES_DIR "/cher-apl-drees-2021-2023.csv", NULL);
  g_assert_cmpuint (report->n_imported, ==, 8);
  /* The three-decimal column wins over the rounded one. */
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2023")[osmery], ==, 0.919);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2021")[osmery], ==, 1.64);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2022")[osmery], ==, 1.83);
}

typedef struct
{
  const char *code;
  const char *apl;
} AplRow;

/* A sheet laid out like DREES's: a title block, the header on row 9, the
 * unit on row 10, data from row 11, then "Lecture"/"Source" footers. The
 * values of the all-ages column are the published ones (Cher extract);
 * the others are placeholders of the same order. */
static void
add_apl_sheet (GDALDatasetH  dataset,
               const char   *name,
               const char   *unit,
               const AplRow *rows,
               guint         n_rows)
{
  const char *block[][8] = {
    { "Millésime : 2023", NULL },
    { "Sources : SNIIR-AM, EGB, CNAM-TS ; populations par sexe et âge 2021, distancier METRIC, INSEE ; traitements DREES", NULL },
    { NULL },
    { "Champ : France hors Mayotte", NULL },
    { NULL },
    { NULL },
    { "Code commune INSEE", "Commune", "APL aux médecins généralistes",
      "APL aux médecins généralistes de 65 ans et moins", "APL aux médecins généralistes de 62 ans et moins",
      "APL aux médecins généralistes de 60 ans et moins",
      "Population standardisée 2021 pour la médecine générale", "Population totale 2021" },
    { NULL, NULL, unit, unit, unit, unit, "En nombre d'habitants", "En nombre d'habitants" },
  };
  OGRLayerH layer = GDALDatasetCreateLayer (dataset, name, NULL, wkbNone, NULL);

  for (guint f = 0; f < 8; f++)
    {
      /* The writer puts the field names on row 1: the title. */
      g_autofree char *title = f == 0 ? g_strdup ("Indicateur d'accessibilité potentielle localisée (APL) aux médecins généralistes")
                                      : g_strdup_printf ("F%u", f);
      OGRFieldDefnH field = OGR_Fld_Create (title, OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint r = 0; r < G_N_ELEMENTS (block) + n_rows + 1; r++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      if (r < G_N_ELEMENTS (block))
        {
          for (guint f = 0; f < 8; f++)
            if (block[r][f] != NULL)
              OGR_F_SetFieldString (feature, f, block[r][f]);
        }
      else if (r < G_N_ELEMENTS (block) + n_rows)
        {
          const AplRow *row = &rows[r - G_N_ELEMENTS (block)];

          OGR_F_SetFieldString (feature, 0, row->code);
          OGR_F_SetFieldString (feature, 2, row->apl);
          OGR_F_SetFieldString (feature, 3, "1.5");
          OGR_F_SetFieldString (feature, 4, "1.4");
          OGR_F_SetFieldString (feature, 5, "1.3");
          OGR_F_SetFieldString (feature, 6, "1000");
          OGR_F_SetFieldString (feature, 7, "1100");
        }
      else
        OGR_F_SetFieldString (feature, 0, "Source : DREES, SNIIR-AM 2023");
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
}

static char *
write_workbook (Fixture    *fixture,
                const char *name,
                const char *unit)
{
  char *path = fixture_path (fixture, name);
  GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("XLSX"), path, 0, 0, 0, GDT_Unknown, NULL);
  const AplRow rows_2023[] = { { "18033", "3.094" }, { "18173", "0.919" }, { "18131", "0.5" } };
  const AplRow rows_2022[] = { { "18033", "3.34" }, { "18173", "1.83" } };
  OGRLayerH notice;

  g_assert_nonnull (dataset);
  notice = GDALDatasetCreateLayer (dataset, "Notice", NULL, wkbNone, NULL);
  g_assert_nonnull (notice);
  add_apl_sheet (dataset, "APL 2022", unit, rows_2022, G_N_ELEMENTS (rows_2022));
  add_apl_sheet (dataset, "APL 2023", unit, rows_2023, G_N_ELEMENTS (rows_2023));
  GDALClose (dataset);
  return path;
}

static void
test_official_apl_workbook (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture, "apl-mg.xlsx",
                                          "En nombre de consultations/visites accessibles par an "
                                          "par habitant standardisé");
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  int bourges = aplomb_territory_lookup (territory, "18033");
  int osmery = aplomb_territory_lookup (territory, "18173");

  report = import_ok (territory, APLOMB_IMPORT_OFFICIAL_APL, path, NULL);
  /* 2 rows of 2022, 3 of 2023 of which 18131 (Osmery's former code) is
   * shadowed by Osmery's own row. */
  g_assert_cmpuint (report->n_read, ==, 5);
  g_assert_cmpuint (report->n_imported, ==, 4);
  g_assert_cmpuint (issue_count (report, "Part of a commune whose own row is in the file"), ==, 1);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2023")[bourges], ==, 3.094);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2023")[osmery], ==, 0.919);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_2022")[bourges], ==, 3.34);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_le65_2023")[bourges], ==, 1.5);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "apl_official_le60_2023")[bourges], ==, 1.3);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "population_std_2021")[bourges], ==, 1000);
  g_assert_cmpfloat (aplomb_territory_get_column (territory, "population_total_2021")[bourges], ==, 1100);
  g_assert_true (isnan (aplomb_territory_get_column (territory, "apl_official_2023")[aplomb_territory_lookup (territory, "18279")]));
}

/* The 2015–2019 yearly files: "Code commune", "(sans borne d'âge)", no
 * unit row, a sheet named after the profession and the year. */
static void
test_official_apl_older_workbook (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "APL_mg_2017.xlsx");
  const char *header[] = { "Code commune", "Libellé de la commune",
                           "APL aux médecins généralistes (sans borne d'âge)",
                           "APL aux médecins généralistes de moins de 65 ans",
                           "Population standardisée par la consommation de soins par tranche d'âge" };
  const char *rows[][5] = {
    { "18033", "Bourges", "4,1", "3,9", "66 500" },
    { "Source : SNIIR-AM 2017, EGB 2016, CNAM-TS, populations par âge 2015 INSEE", NULL },
  };
  GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("XLSX"), path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer = GDALDatasetCreateLayer (dataset, "APL_mg_2017", NULL, wkbNone, NULL);
  g_autoptr(AplombImportReport) report = NULL;
  int bourges = aplomb_territory_lookup (fixture->territory, "18033");

  for (guint f = 0; f < G_N_ELEMENTS (header); f++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (header[f], OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      for (guint f = 0; f < G_N_ELEMENTS (header) && rows[r][f] != NULL; f++)
        OGR_F_SetFieldString (feature, f, rows[r][f]);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);

  report = import_ok (fixture->territory, APLOMB_IMPORT_OFFICIAL_APL, path, NULL);
  g_assert_cmpuint (report->n_imported, ==, 1);
  g_assert_cmpfloat (aplomb_territory_get_column (fixture->territory, "apl_official_2017")[bourges],
                     ==, 4.1);
  g_assert_cmpfloat (aplomb_territory_get_column (fixture->territory, "apl_official_le65_2017")[bourges],
                     ==, 3.9);
  g_assert_cmpfloat (aplomb_territory_get_column (fixture->territory, "population_std_2017")[bourges],
                     ==, 66500);
}

static void
test_official_apl_wrong_unit (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture, "apl-ide.xlsx", "En nombre d'ETP par habitant");
  g_autoptr(GError) error = NULL;

  g_assert_null (aplomb_import_file (fixture->territory, APLOMB_IMPORT_OFFICIAL_APL, path, NULL,
                                     NULL, &error));
  g_assert_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT);
  g_assert_null (aplomb_territory_get_column (fixture->territory, "apl_official_2022"));
}

/* Named columns */

static void
test_column_emergency_times (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  const double *minutes;

  report = import_ok (territory, APLOMB_IMPORT_COLUMN,
                      FIXTURES_DIR "/cher-emergency-times-2019.csv", NULL);
  g_assert_cmpuint (report->n_imported, ==, 8);
  minutes = aplomb_territory_get_column (territory, "emergency_time_min");
  g_assert_nonnull (minutes);
  g_assert_cmpfloat (minutes[aplomb_territory_lookup (territory, "18033")], ==, 0);
  g_assert_cmpfloat (minutes[aplomb_territory_lookup (territory, "18173")], ==, 36);
}

/* FINESS: category codes, or words of the names (the Gironde geolocated
 * extract has neither a category nor a commune), coordinates in WGS84 or
 * Lambert-93. */
static void
test_facilities (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "finess.csv");
  g_autofree char *coords = fixture_path (fixture, "finess-geoloc.csv");
  g_autoptr(AplombImportReport) report = NULL;
  g_autoptr(AplombImportReport) second = NULL;
  AplombTerritory *territory = fixture->territory;
  const AplombFacility *facilities;

  write_file (fixture, "finess.csv",
              "nofinesset;rs;categetab;libcategetab;code_insee\n"
              "180010001;MAISON DE SANTE DE BAUGY;603;Maison de santé (L.6223-3);18023\n"
              "180010002;CENTRE MUNICIPAL;124;Centre de Santé;18033\n"
              "180010003;CENTRE HOSPITALIER;355;Centre Hospitalier (C.H.);18279\n"
              "330010004;CH BORDEAUX;101;Centre Hospitalier Régional (C.H.R.);33063\n",
              -1);
  report = import_ok (territory, APLOMB_IMPORT_FACILITIES, path, NULL);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (issue_count (report, "Commune not in the project"), ==, 1);
  facilities = aplomb_territory_get_facilities (territory);
  g_assert_cmpuint (aplomb_territory_get_n_facilities (territory), ==, 3);
  g_assert_cmpstr (facilities[0].finess, ==, "180010001");
  g_assert_cmpint (facilities[0].kind, ==, APLOMB_FACILITY_MSP);
  g_assert_cmpint (facilities[0].commune, ==, aplomb_territory_lookup (territory, "18023"));
  g_assert_cmpint (facilities[1].kind, ==, APLOMB_FACILITY_CENTRE_DE_SANTE);
  g_assert_cmpint (facilities[2].kind, ==, APLOMB_FACILITY_OTHER);

  /* A second extract replaces the first. */
  write_file (fixture, "finess-geoloc.csv",
              "code,label,long,lat\n"
              "180000217,M.S.P. DE BOURGES,2.3986,47.0809\n"
              "180000340,MAISON DE SANTE DE VIERZON,630000,6680000\n",
              -1);
  second = import_ok (territory, APLOMB_IMPORT_FACILITIES, coords, NULL);
  g_assert_cmpuint (aplomb_territory_get_n_facilities (territory), ==, 2);
  facilities = aplomb_territory_get_facilities (territory);
  g_assert_cmpstr (facilities[0].name, ==, "M.S.P. DE BOURGES");
  g_assert_cmpint (facilities[0].kind, ==, APLOMB_FACILITY_MSP);
  g_assert_cmpint (facilities[0].commune, ==, aplomb_territory_lookup (territory, "18033"));
  g_assert_cmpfloat (facilities[0].lon, ==, 2.3986);
  g_assert_cmpint (facilities[1].kind, ==, APLOMB_FACILITY_MSP);
  g_assert_cmpfloat_with_epsilon (facilities[1].lon, 2.075, 0.01);
  g_assert_cmpint (facilities[1].commune, ==, aplomb_territory_lookup (territory, "18279"));
}

/* The official extraction: a "finess;etalab" first line, "structureet"
 * and "geolocalisation" lines of different lengths, Latin-1, Lambert-93. */
static void
test_facilities_etalab (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "etalab-cs1100507-stock-20260311-0336.csv");
  g_autoptr(AplombImportReport) report = NULL;
  AplombTerritory *territory = fixture->territory;
  const AplombFacility *facilities;

  write_file (fixture, "etalab-cs1100507-stock-20260311-0336.csv",
              "finess;etalab;95;2026-03-11\r\n"
              "structureet;180010001;180010000;MSP BAUGY;MAISON DE SANT\xc9 PLURIPROFESSIONNELLE DE BAUGY;;;"
              "1;RUE;DE LA MAIRIE;;;023;18;CHER;18800 BAUGY;;;603;Maison de sant\xe9 (L.6223-3);"
              "4401;Maisons de sant\xe9;;;;;;;2015-01-01;2015-01-01;2026-01-01;\r\n"
              "structureet;180010002;180010000;CDS BOURGES;CENTRE DE SANTE DE BOURGES;;;;;;;;033;18;CHER;"
              "18000 BOURGES;;;124;Centre de Sant\xe9;;;;;;;;;;;;\r\n"
              "structureet;180010003;180010000;PHARMACIE;PHARMACIE DU CENTRE;;;;;;;;279;18;CHER;"
              "18100 VIERZON;;;620;Pharmacie d'Officine;;;;;;;;;;;;\r\n"
              "structureet;970010004;970010000;MSP;MSP DE SAINT-DENIS;;;;;;;;411;9D;LA REUNION;"
              "97400 SAINT-DENIS;;;603;Maison de sant\xe9 (L.6223-3);;;;;;;;;;;;\r\n"
              "geolocalisation;180010001;680200.0;6660000.0;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2026-01-01\r\n"
              "geolocalisation;180010002;654000.0;6669000.0;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2026-01-01\r\n",
              -1);
  report = import_ok (territory, APLOMB_IMPORT_FACILITIES, path, NULL);
  g_assert_cmpuint (report->n_read, ==, 4);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpuint (issue_count (report, "Neither a maison nor a centre de santé (skipped)"), ==, 1);
  g_assert_cmpuint (issue_count (report, "Invalid commune code"), ==, 1);

  facilities = aplomb_territory_get_facilities (territory);
  g_assert_cmpuint (aplomb_territory_get_n_facilities (territory), ==, 2);
  g_assert_cmpstr (facilities[0].finess, ==, "180010001");
  g_assert_cmpstr (facilities[0].name, ==, "MAISON DE SANTÉ PLURIPROFESSIONNELLE DE BAUGY");
  g_assert_cmpint (facilities[0].kind, ==, APLOMB_FACILITY_MSP);
  g_assert_cmpint (facilities[0].commune, ==, aplomb_territory_lookup (territory, "18023"));
  /* Lambert-93 (680200, 6660000) is 2.7392° E, 47.0399° N (gdaltransform), in Baugy. */
  g_assert_cmpfloat_with_epsilon (facilities[0].lon, 2.7392, 1e-4);
  g_assert_cmpfloat_with_epsilon (facilities[0].lat, 47.0399, 1e-4);
  g_assert_cmpint (facilities[1].kind, ==, APLOMB_FACILITY_CENTRE_DE_SANTE);
  g_assert_cmpint (facilities[1].commune, ==, aplomb_territory_lookup (territory, "18033"));
}

static void
test_report_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "two-bad.csv");
  g_autoptr(AplombImportReport) report = NULL;
  g_autofree char *text = NULL;

  write_file (fixture, "two-bad.csv", "code_insee,tps_su_smur_min\n18033,0\n180330,4\n97101,9\n", -1);
  report = import_ok (fixture->territory, APLOMB_IMPORT_COLUMN, path, NULL);
  text = aplomb_import_report_to_string (report);
  g_assert_nonnull (strstr (text, "rows read: 3, imported: 1 (mapped from another commune code: 0), rejected: 2"));
  g_assert_nonnull (strstr (text, "Commune not in the project: 1 row\n"));
  g_assert_nonnull (strstr (text, "two-bad.csv, line 4, field “code_insee”: “97101”"));
}

static void
add_fixture_test (const char *path,
                  void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The report text is compared with its English msgids. */
  g_setenv ("LANGUAGE", "C", TRUE);
  aplomb_core_init ();

  g_test_add_func ("/import/normalize", test_normalize);
  g_test_add_func ("/import/parse-number", test_parse_number);
  g_test_add_func ("/import/code-history", test_code_history);
  add_fixture_test ("/import/communes/geojson", test_communes_geojson);
  add_fixture_test ("/import/communes/zipped-lambert93", test_communes_zipped_lambert93);
  add_fixture_test ("/import/communes/reimport", test_communes_reimport);
  add_fixture_test ("/import/communes/former-codes", test_communes_former_codes);
  add_fixture_test ("/import/communes/latin1-dbf", test_communes_latin1_dbf);
  add_fixture_test ("/import/communes/without-prj", test_communes_without_prj);
  add_fixture_test ("/import/communes/bad-features", test_communes_bad_features);
  add_fixture_test ("/import/communes/overseas-crs", test_communes_overseas_crs);
  add_fixture_test ("/import/population/creates-communes", test_population_creates_communes);
  add_fixture_test ("/import/bad-files", test_bad_files);
  add_fixture_test ("/import/population/real", test_population_real);
  add_fixture_test ("/import/population/semicolon-latin1", test_population_semicolon_latin1);
  add_fixture_test ("/import/practitioners/counts-real", test_practitioner_counts_real);
  add_fixture_test ("/import/practitioners/counts-etp", test_practitioner_counts_etp);
  add_fixture_test ("/import/practitioners/counts-ods", test_practitioner_counts_ods);
  add_fixture_test ("/import/practitioners/every-bad-row", test_every_bad_row);
  add_fixture_test ("/import/practitioners/nothing-imported", test_nothing_imported);
  add_fixture_test ("/import/practitioners/rows", test_practitioner_rows);
  add_fixture_test ("/import/practitioners/annuaire-sante", test_annuaire_sante);
  add_fixture_test ("/import/official-apl/csv", test_official_apl_csv);
  add_fixture_test ("/import/official-apl/workbook", test_official_apl_workbook);
  add_fixture_test ("/import/official-apl/older-workbook", test_official_apl_older_workbook);
  add_fixture_test ("/import/official-apl/wrong-unit", test_official_apl_wrong_unit);
  add_fixture_test ("/import/column/emergency-times", test_column_emergency_times);
  add_fixture_test ("/import/facilities", test_facilities);
  add_fixture_test ("/import/facilities-etalab", test_facilities_etalab);
  add_fixture_test ("/import/report-text", test_report_text);
  return g_test_run ();
}
