/* test-store.c: the .aplomb project file: round trips and bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-import.h"
#include "aplomb-store.h"
#include "aplomb-test-files.h"
#include "aplomb-travel-project.h"

typedef struct
{
  char            *dir;
  char            *path;
  AplombTerritory *territory;
} Fixture;

static void
import (AplombTerritory  *territory,
        AplombImportKind  kind,
        const char       *name,
        const char       *label)
{
  g_autofree char *path = g_build_filename (FIXTURES_DIR, name, NULL);
  g_autoptr(AplombImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AplombImportOptions options = { .label = label, .licence = "Licence Ouverte 2.0" };

  report = aplomb_import_file (territory, kind, path, &options, NULL, &error);
  g_assert_no_error (error);
}

/* The Cher extract with everything a territory can hold. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  AplombTerritory *territory = aplomb_territory_new ();
  const guint bounds[] = { 0, 75 };
  g_autofree double *bands = g_new (double, 16);
  AplombFacility msp = { "180010000", "Maison de santé de Baugy", APLOMB_FACILITY_MSP, 1, NAN, NAN };

  import (territory, APLOMB_IMPORT_COMMUNES, "cher-communes-2024.geojson", NULL);
  import (territory, APLOMB_IMPORT_POPULATION, "cher-population-2021.csv", NULL);
  import (territory, APLOMB_IMPORT_POPULATION, "cher-share-75plus-rp2020.csv", NULL);
  import (territory, APLOMB_IMPORT_PRACTITIONERS, "cher-gp-bpe-2017.csv", "bpe");
  import (territory, APLOMB_IMPORT_PRACTITIONERS, "cher-gp-rpps-2026.csv", "rpps");
  import (territory, APLOMB_IMPORT_OFFICIAL_APL, "cher-apl-drees-2021-2023.csv", NULL);
  import (territory, APLOMB_IMPORT_COLUMN, "cher-emergency-times-2019.csv", NULL);
  for (guint i = 0; i < 16; i++)
    bands[i] = i % 5 == 0 ? NAN : 100 * i;
  aplomb_territory_set_age_bands (territory, 2, bounds, bands);
  aplomb_territory_set_chef_lieu (territory, 2, 2.3954, 47.0810);
  aplomb_territory_add_facility (territory, &msp);

  fixture->dir = g_dir_make_tmp ("aplomb-store-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "cher.aplomb", NULL);
  fixture->territory = territory;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  aplomb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->territory);
}

static void
save (const char      *path,
      AplombTerritory *territory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = aplomb_store_open (path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE,
                                                    &error);

  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_territory (store, territory, &error));
  g_assert_no_error (error);
}

static AplombTerritory *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, &error);
  AplombTerritory *territory;

  g_assert_no_error (error);
  territory = aplomb_store_load_territory (store, &error);
  g_assert_no_error (error);
  return territory;
}

/* Equal, NaN included. */
static void
assert_same_doubles (const double *a,
                     const double *b,
                     gsize         n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (isnan (a[i]))
        g_assert_true (isnan (b[i]));
      else
        g_assert_cmpfloat (a[i], ==, b[i]);
    }
}

static void
assert_same_communes (AplombTerritory *a,
                      AplombTerritory *b)
{
  guint n = aplomb_territory_get_n_communes (a);

  g_assert_cmpuint (aplomb_territory_get_n_communes (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      double lon_a, lat_a, lon_b, lat_b;

      g_assert_cmpstr (aplomb_territory_get_code (a, i), ==, aplomb_territory_get_code (b, i));
      g_assert_cmpstr (aplomb_territory_get_name (a, i), ==, aplomb_territory_get_name (b, i));
      g_assert_cmpstr (aplomb_territory_get_departement (a, i), ==,
                       aplomb_territory_get_departement (b, i));
      g_assert_cmpstr (aplomb_territory_get_epci (a, i), ==, aplomb_territory_get_epci (b, i));
      g_assert_cmpstr (aplomb_territory_get_epci_name (a, i), ==,
                       aplomb_territory_get_epci_name (b, i));
      g_assert_cmpstrv (aplomb_territory_get_postcodes (a, i), aplomb_territory_get_postcodes (b, i));
      g_assert_cmpint (aplomb_territory_has_chef_lieu (a, i), ==, aplomb_territory_has_chef_lieu (b, i));
      aplomb_territory_get_inner_point (a, i, &lon_a, &lat_a);
      aplomb_territory_get_inner_point (b, i, &lon_b, &lat_b);
      g_assert_cmpfloat (lon_a, ==, lon_b);
      g_assert_cmpfloat (lat_a, ==, lat_b);
    }
}

static void
assert_same_geometry (AplombTerritory *a,
                      AplombTerritory *b)
{
  const AplombGeometry *ga = aplomb_territory_get_geometry (a);
  const AplombGeometry *gb = aplomb_territory_get_geometry (b);

  g_assert_cmpuint (ga->n_features, ==, gb->n_features);
  g_assert_cmpuint (ga->n_polygons, ==, gb->n_polygons);
  g_assert_cmpuint (ga->n_rings, ==, gb->n_rings);
  g_assert_cmpuint (ga->n_points, ==, gb->n_points);
  g_assert_cmpmem (ga->feature_offsets, (ga->n_features + 1) * sizeof (guint),
                   gb->feature_offsets, (gb->n_features + 1) * sizeof (guint));
  g_assert_cmpmem (ga->polygon_offsets, (ga->n_polygons + 1) * sizeof (guint),
                   gb->polygon_offsets, (gb->n_polygons + 1) * sizeof (guint));
  g_assert_cmpmem (ga->ring_offsets, (ga->n_rings + 1) * sizeof (guint),
                   gb->ring_offsets, (gb->n_rings + 1) * sizeof (guint));
  /* Bit for bit: the importers snap to the grid the store keeps. */
  g_assert_cmpmem (ga->coords, 2 * ga->n_points * sizeof (double),
                   gb->coords, 2 * gb->n_points * sizeof (double));
  g_assert_cmpmem (ga->bboxes, ga->n_features * sizeof (AplombBBox),
                   gb->bboxes, gb->n_features * sizeof (AplombBBox));
}

static void
assert_same_vectors (AplombTerritory *a,
                     AplombTerritory *b)
{
  guint n = aplomb_territory_get_n_communes (a), n_bands_a, n_bands_b;
  const guint *bounds_a, *bounds_b;
  const double *bands_a = aplomb_territory_get_age_bands (a, &n_bands_a, &bounds_a);
  const double *bands_b = aplomb_territory_get_age_bands (b, &n_bands_b, &bounds_b);
  g_auto(GStrv) columns_a = aplomb_territory_list_columns (a);
  g_auto(GStrv) columns_b = aplomb_territory_list_columns (b);

  assert_same_doubles (aplomb_territory_get_population (a), aplomb_territory_get_population (b), n);
  assert_same_doubles (aplomb_territory_get_share_75plus (a), aplomb_territory_get_share_75plus (b), n);
  g_assert_cmpuint (n_bands_a, ==, n_bands_b);
  g_assert_cmpmem (bounds_a, n_bands_a * sizeof (guint), bounds_b, n_bands_b * sizeof (guint));
  assert_same_doubles (bands_a, bands_b, (gsize) n * n_bands_a);
  g_assert_cmpstrv (columns_a, columns_b);
  for (guint c = 0; columns_a[c] != NULL; c++)
    assert_same_doubles (aplomb_territory_get_column (a, columns_a[c]),
                         aplomb_territory_get_column (b, columns_a[c]), n);
}

static void
assert_same_supply (AplombTerritory *a,
                    AplombTerritory *b)
{
  const AplombPractitioner *pa = aplomb_territory_get_practitioners (a);
  const AplombPractitioner *pb = aplomb_territory_get_practitioners (b);
  const AplombFacility *fa = aplomb_territory_get_facilities (a);
  const AplombFacility *fb = aplomb_territory_get_facilities (b);

  g_assert_cmpuint (aplomb_territory_get_n_practitioners (a), ==, aplomb_territory_get_n_practitioners (b));
  for (guint i = 0; i < aplomb_territory_get_n_practitioners (a); i++)
    {
      g_assert_cmpint (pa[i].profession, ==, pb[i].profession);
      g_assert_cmpint (pa[i].commune, ==, pb[i].commune);
      assert_same_doubles (&pa[i].lon, &pb[i].lon, 1);
      assert_same_doubles (&pa[i].heads, &pb[i].heads, 1);
      assert_same_doubles (&pa[i].etp, &pb[i].etp, 1);
      assert_same_doubles (&pa[i].activity, &pb[i].activity, 1);
      g_assert_cmpint (pa[i].age, ==, pb[i].age);
      g_assert_cmpint (pa[i].mode, ==, pb[i].mode);
      g_assert_cmpint (pa[i].in_msp, ==, pb[i].in_msp);
    }
  g_assert_cmpuint (aplomb_territory_get_n_facilities (a), ==, aplomb_territory_get_n_facilities (b));
  for (guint i = 0; i < aplomb_territory_get_n_facilities (a); i++)
    {
      g_assert_cmpstr (fa[i].finess, ==, fb[i].finess);
      g_assert_cmpstr (fa[i].name, ==, fb[i].name);
      g_assert_cmpint (fa[i].kind, ==, fb[i].kind);
      g_assert_cmpint (fa[i].commune, ==, fb[i].commune);
    }
}

static void
assert_same_sources (AplombTerritory *a,
                     AplombTerritory *b)
{
  GPtrArray *sa = aplomb_territory_get_sources (a);
  GPtrArray *sb = aplomb_territory_get_sources (b);

  g_assert_cmpuint (sa->len, ==, sb->len);
  for (guint i = 0; i < sa->len; i++)
    {
      const AplombSource *x = g_ptr_array_index (sa, i), *y = g_ptr_array_index (sb, i);

      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpstr (x->file_name, ==, y->file_name);
      g_assert_cmpstr (x->sha256, ==, y->sha256);
      g_assert_cmpstr (x->millesime, ==, y->millesime);
      g_assert_cmpstr (x->licence, ==, y->licence);
      g_assert_true (g_date_time_equal (x->imported, y->imported));
    }
}

static void
assert_same_territory (AplombTerritory *a,
                       AplombTerritory *b)
{
  assert_same_communes (a, b);
  assert_same_geometry (a, b);
  assert_same_vectors (a, b);
  assert_same_supply (a, b);
  assert_same_sources (a, b);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AplombTerritory) reopened = NULL;
  g_autoptr(AplombTerritory) again = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  g_assert_cmpuint (aplomb_territory_get_sources (fixture->territory)->len, ==, 7);
  save (fixture->path, fixture->territory);
  /* Closed projects are self-contained: no write-ahead log beside them. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  reopened = load (fixture->path);
  assert_same_territory (fixture->territory, reopened);
  g_assert_cmpint (aplomb_territory_find_commune_at (reopened, 2.3986, 47.0809), ==,
                   aplomb_territory_lookup (reopened, "18033"));

  /* Saving again replaces the content rather than adding to it. */
  save (fixture->path, reopened);
  again = load (fixture->path);
  assert_same_territory (fixture->territory, again);
}

static void
test_empty_territory (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AplombTerritory) empty = aplomb_territory_new ();
  g_autoptr(AplombTerritory) reopened = NULL;

  save (fixture->path, empty);
  reopened = load (fixture->path);
  g_assert_cmpuint (aplomb_territory_get_n_communes (reopened), ==, 0);
  g_assert_cmpuint (aplomb_territory_get_sources (reopened)->len, ==, 0);
}

/* A save that fails half-way (here at the sources) rolls back. */
static void
test_failed_save_keeps_previous (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(AplombTerritory) reopened = NULL;
  g_autoptr(AplombTerritory) smaller = aplomb_territory_new ();
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture->path, fixture->territory);
  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (aplomb_store_get_database (store),
                                 "CREATE TEMP TRIGGER full BEFORE INSERT ON source"
                                 " BEGIN SELECT RAISE (ABORT, 'disk full'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  aplomb_territory_add_commune (smaller, "18033", "Bourges", "18");
  aplomb_territory_add_source (smaller, aplomb_source_new ("communes", "x.gpkg", NULL, NULL, NULL, NULL));
  g_assert_false (aplomb_store_save_territory (store, smaller, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE);
  g_clear_object (&store);

  reopened = load (fixture->path);
  assert_same_territory (fixture->territory, reopened);
}

static void
test_scenarios (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  gint64 first, second;

  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  g_assert_no_error (error);
  first = aplomb_store_save_scenario (store, 0, "MSP à Baugy", "{\"actions\": []}", &error);
  second = aplomb_store_save_scenario (store, 0, "Bus", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);
  g_assert_cmpint (aplomb_store_save_scenario (store, first, "MSP à Baugy", "{\"actions\": [1]}", &error), ==, first);

  /* Saving the territory keeps the scenarios. */
  g_assert_true (aplomb_store_save_territory (store, fixture->territory, &error));
  json = aplomb_store_load_scenario (store, first, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"actions\": [1]}");
  g_assert_cmpstr (name, ==, "MSP à Baugy");

  g_assert_true (aplomb_store_delete_scenario (store, second, &error));
  ids = aplomb_store_list_scenarios (store, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first);
  g_assert_null (aplomb_store_load_scenario (store, second, NULL, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN);
}

static void
test_travel_times (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint origins[] = { 2, 7, 2, 4 };
  const guint destinations[] = { 7, 2, 4, 2 };
  const float minutes[] = { 32.5f, 33, 17.25f, 17 };
  g_autoptr(AplombTravelTimes) times = aplomb_travel_times_new_from_pairs (8, 40, origins, destinations,
                                                                           minutes, 4);
  g_autoptr(AplombTravelTimes) loaded = NULL;
  g_autoptr(AplombTravelTimes) truncated = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL, *digest = NULL;

  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  g_assert_no_error (error);
  g_assert_null (aplomb_store_load_travel_times (store, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_travel_times (store, times, "csv old.csv", "0", &error));
  /* Saving replaces. */
  g_assert_true (aplomb_store_save_travel_times (store, times, "csv times.csv", "abc", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_ONLY, &error);
  loaded = aplomb_store_load_travel_times (store, 0, &source, &digest, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (source, ==, "csv times.csv");
  g_assert_cmpstr (digest, ==, "abc");
  g_assert_false (aplomb_travel_times_get_symmetric (loaded));
  g_assert_cmpuint (aplomb_travel_times_get_n_communes (loaded), ==, 8);
  g_assert_cmpfloat (aplomb_travel_times_get_horizon (loaded), ==, 40);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (loaded), ==, aplomb_travel_times_get_n_pairs (times));
  for (guint i = 0; i < 8; i++)
    for (guint j = 0; j < 8; j++)
      g_assert_cmpfloat (aplomb_travel_times_lookup (loaded, i, j), ==,
                         aplomb_travel_times_lookup (times, i, j));
  g_assert_cmpfloat (aplomb_travel_times_lookup (loaded, 2, 4), ==, 17.25f);

  /* Read up to 20 minutes: the two pairs over 30 are left out. */
  truncated = aplomb_store_load_travel_times (store, 20, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (aplomb_travel_times_get_horizon (truncated), ==, 20);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (truncated), ==, 8 + 2);
  g_assert_cmpfloat (aplomb_travel_times_lookup (truncated, 4, 2), ==, 17);
  g_assert_true (isinf (aplomb_travel_times_lookup (truncated, 2, 7)));
}

static AplombTravelTimes *
project_times (AplombStore     *store,
               AplombTerritory *territory,
               char           **source)
{
  g_autoptr(GError) error = NULL;
  AplombTravelTimes *times = aplomb_travel_times_for_project (store, territory, 30, NULL, source,
                                                             &error);

  g_assert_no_error (error);
  g_assert_nonnull (times);
  return times;
}

/* A project's saved travel times are used while they fit its communes
 * and, when modelled, the installed model; otherwise the model's are
 * built, and saved by aplomb_travel_times_ensure_saved (). */
static void
test_project_times (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint origin[] = { 0 }, destination[] = { 1 };
  const float minutes[] = { 29.5f };
  guint n = aplomb_territory_get_n_communes (fixture->territory);
  g_autoptr(AplombTravelTimes) marked = aplomb_travel_times_new_from_pairs (n, 30, origin, destination,
                                                                            minutes, 1);
  g_autoptr(AplombTravelTimes) short_marked = aplomb_travel_times_new_from_pairs (n, 20, origin,
                                                                                  destination,
                                                                                  minutes, 0);
  g_autoptr(AplombTravelTimes) modelled = NULL, times = NULL, saved = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_source = NULL, *source = NULL, *digest = NULL;

  save (fixture->path, fixture->territory);
  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE, &error);
  modelled = project_times (store, fixture->territory, &model_source);
  g_assert_true (g_str_has_prefix (model_source, "model "));
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (modelled), >, n);

  g_assert_true (aplomb_travel_times_ensure_saved (store, fixture->territory, NULL, &error));
  saved = aplomb_store_load_travel_times (store, 0, &source, &digest, &error);
  g_assert_cmpstr (source, ==, model_source);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (saved), ==,
                    aplomb_travel_times_get_n_pairs (modelled));
  g_assert_cmpfloat (aplomb_travel_times_lookup (saved, 0, 1), ==,
                     aplomb_travel_times_lookup (modelled, 0, 1));
  g_assert_true (aplomb_travel_times_get_symmetric (saved));

  /* Read side by side with the territory, the same. */
  {
    g_autoptr(AplombTravelTimes) side = NULL;
    g_autoptr(AplombTerritory) territory = NULL;
    g_autofree char *side_source = NULL;
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.aplomb", NULL);

    territory = aplomb_travel_load_project (fixture->path, 30, NULL, &side, &side_source, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (aplomb_territory_get_n_communes (territory), ==, n);
    g_assert_cmpstr (side_source, ==, model_source);
    g_assert_cmpuint (aplomb_travel_times_get_n_pairs (side), ==,
                      aplomb_travel_times_get_n_pairs (modelled));
    g_clear_object (&side);
    g_assert_null (aplomb_travel_load_project (missing, 30, NULL, &side, NULL, &error));
    g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN);
    g_assert_null (side);
    g_clear_error (&error);
  }

  /* What is read is the saved matrix, not a new model. */
  g_assert_true (aplomb_store_save_travel_times (store, marked, model_source, digest, &error));
  times = project_times (store, fixture->territory, NULL);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, 0, 1), ==, 29.5f);
  g_clear_object (&times);

  /* Another model, or other communes: the model is built again. */
  g_assert_true (aplomb_store_save_travel_times (store, marked, "model 0123", digest, &error));
  times = project_times (store, fixture->territory, NULL);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (times), ==,
                    aplomb_travel_times_get_n_pairs (modelled));
  g_clear_object (&times);
  g_assert_true (aplomb_store_save_travel_times (store, marked, model_source, "0123", &error));
  times = project_times (store, fixture->territory, NULL);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (times), ==,
                    aplomb_travel_times_get_n_pairs (modelled));
  g_clear_object (&times);

  /* An imported matrix is the user's: kept even when it stops short. */
  g_assert_true (aplomb_store_save_travel_times (store, short_marked, "csv t.csv", digest, &error));
  times = project_times (store, fixture->territory, NULL);
  g_assert_cmpfloat (aplomb_travel_times_get_horizon (times), ==, 20);
  g_clear_object (&times);

  /* Times that no longer fit are replaced by the model's. */
  g_assert_true (aplomb_store_save_travel_times (store, marked, "model 0123", digest, &error));
  g_assert_true (aplomb_travel_times_ensure_saved (store, fixture->territory, NULL, &error));
  g_clear_pointer (&source, g_free);
  g_clear_object (&saved);
  saved = aplomb_store_load_travel_times (store, 0, &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source, ==, model_source);
}

/* Blobs that do not hold rows in order, or that disagree in length, are
 * damage, reported as such. */
static void
test_travel_times_damaged (Fixture       *fixture,
                           gconstpointer  data)
{
  const guint origins[] = { 0, 1 };
  const guint destinations[] = { 1, 0 };
  const float minutes[] = { 5, 6 };
  g_autoptr(AplombTravelTimes) times = aplomb_travel_times_new_from_pairs (2, 30, origins, destinations,
                                                                           minutes, 2);
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *damages[] = {
    /* A row out of order: its first destination made 1, like the next. */
    "UPDATE travel_times SET destinations = X'01000000' || substr (destinations, 5)",
    /* A destination outside the project. */
    "UPDATE travel_times SET destinations = X'09000000' || substr (destinations, 5)",
    /* One time fewer than pairs. */
    "UPDATE travel_times SET minutes = substr (minutes, 5)",
    /* Rows ending past the pairs. */
    "UPDATE travel_times SET row_offsets = substr (row_offsets, 1, 8) || X'09000000'",
    /* A time over the horizon. */
    "UPDATE travel_times SET horizon = 1",
  };

  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  for (guint d = 0; d < G_N_ELEMENTS (damages); d++)
    {
      g_autoptr(AplombTravelTimes) loaded = NULL;

      g_assert_true (aplomb_store_save_travel_times (store, times, "csv t.csv", "abc", &error));
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (aplomb_store_get_database (store), damages[d], NULL, NULL,
                                     NULL), ==, SQLITE_OK);
      loaded = aplomb_store_load_travel_times (store, 0, NULL, NULL, &error);
      g_assert_null (loaded);
      g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_CORRUPT);
      g_clear_error (&error);
    }
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
expect_open_error (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (aplomb_store_open (path, APLOMB_STORE_READ_ONLY, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, code);
  g_test_message ("%s", error->message);
}


static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.aplomb", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.aplomb", NULL);
  g_autofree char *read_only = g_build_filename (fixture->dir, "read-only.aplomb", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  expect_open_error (missing, APLOMB_STORE_ERROR_OPEN);

  g_assert_true (g_file_set_contents (text, "Ceci n'est pas un projet.\n", -1, NULL));
  expect_open_error (text, APLOMB_STORE_ERROR_CORRUPT);

  run_sql (foreign, "CREATE TABLE contacts (name TEXT)");
  expect_open_error (foreign, APLOMB_STORE_ERROR_NOT_APLOMB);

  save (fixture->path, fixture->territory);
  run_sql (fixture->path, "PRAGMA user_version = 99");
  expect_open_error (fixture->path, APLOMB_STORE_ERROR_NEWER);

  /* Damaged: the pages after the first one overwritten. */
  run_sql (fixture->path, "PRAGMA user_version = " G_STRINGIFY (APLOMB_STORE_SCHEMA_VERSION));
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  memset (contents + 4096, 0x5a, length - 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  /* Checked whole when opened for writing; when only read, the damage is
   * reported where the read meets it. */
  g_assert_null (aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_null (aplomb_store_load_territory (store, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_object (&store);

  /* A project opened read-only cannot be saved. */
  save (read_only, fixture->territory);
  store = aplomb_store_open (read_only, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (aplomb_store_save_territory (store, fixture->territory, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE);
}

/* The project the build made from data/france with the importers. */
static void
test_bundled_france (void)
{
  g_autofree char *path = aplomb_core_find_data ("france.aplomb");
  g_autoptr(AplombTerritory) france = NULL;
  g_autoptr(GTimer) timer = NULL;
  int bourges;

  if (path == NULL)
    {
      g_test_skip ("the bundled France project is not built (bundled_data=false)");
      return;
    }
  timer = g_timer_new ();
  france = load (path);
  g_test_message ("opened %s in %.3f s", path, g_timer_elapsed (timer, NULL));

  g_assert_cmpuint (aplomb_territory_get_n_communes (france), ==, 34806);
  g_assert_cmpuint (aplomb_territory_get_geometry (france)->n_features, ==, 34806);
  g_assert_cmpfloat (aplomb_territory_get_total_population (france), >, 6.5e7);
  bourges = aplomb_territory_lookup (france, "18033");
  g_assert_cmpint (bourges, >=, 0);
  g_assert_cmpfloat (aplomb_territory_get_column (france, "apl_official_2023")[bourges], ==, 3.094);
  g_assert_cmpfloat (aplomb_territory_get_column (france, "emergency_time_min")[bourges], ==, 0);
  g_assert_nonnull (aplomb_territory_get_column (france, "gp_count_bpe_2017"));
  g_assert_nonnull (aplomb_territory_get_column (france, "gp_count_rpps_2026"));
  g_assert_cmpint (aplomb_territory_find_commune_at (france, 2.3986, 47.0809), ==, bourges);
  g_assert_cmpuint (aplomb_territory_get_sources (france)->len, ==, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add ("/store/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/store/empty-territory", Fixture, NULL, fixture_set_up, test_empty_territory,
              fixture_tear_down);
  g_test_add ("/store/failed-save", Fixture, NULL, fixture_set_up, test_failed_save_keeps_previous,
              fixture_tear_down);
  g_test_add ("/store/scenarios", Fixture, NULL, fixture_set_up, test_scenarios,
              fixture_tear_down);
  g_test_add ("/store/travel-times", Fixture, NULL, fixture_set_up, test_travel_times,
              fixture_tear_down);
  g_test_add ("/store/travel-times-damaged", Fixture, NULL, fixture_set_up,
              test_travel_times_damaged, fixture_tear_down);
  g_test_add ("/store/project-times", Fixture, NULL, fixture_set_up, test_project_times,
              fixture_tear_down);

  g_test_add ("/store/bad-files", Fixture, NULL, fixture_set_up, test_bad_files,
              fixture_tear_down);
  g_test_add_func ("/store/bundled-france", test_bundled_france);
  return g_test_run ();
}
