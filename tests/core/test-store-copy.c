/* test-store-copy.c: "Save As" copies of a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-import.h"
#include "aplomb-store-copy.h"
#include "aplomb-test-files.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* A project of the eight Cher communes, with their populations. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { "cher-communes-2024.geojson", "cher-population-2021.csv" };
  const AplombImportKind kinds[] = { APLOMB_IMPORT_COMMUNES, APLOMB_IMPORT_POPULATION };
  AplombImportOptions options = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (FIXTURES_DIR, files[i], NULL);
      g_autoptr(AplombImportReport) report = NULL;

      report = aplomb_import_file (territory, kinds[i], path, &options, NULL, &error);
      g_assert_no_error (error);
    }

  fixture->dir = g_dir_make_tmp ("aplomb-store-copy-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "cher.aplomb", NULL);
  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_territory (store, territory, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  aplomb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
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

static mode_t
current_umask (void)
{
  mode_t mask = umask (0);

  umask (mask);
  return mask;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_copy_reopens (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copie.aplomb", NULL);
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) copy = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;
  int bourges;

  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_copy (store, copy_path, &error));
  g_assert_no_error (error);

  copy = load (copy_path);
  g_assert_cmpuint (aplomb_territory_get_n_communes (copy), ==, 8);
  bourges = aplomb_territory_lookup (copy, "18033");
  g_assert_cmpint (bourges, >=, 0);
  g_assert_cmpstr (aplomb_territory_get_name (copy, bourges), ==, "Bourges");
  g_assert_cmpfloat (aplomb_territory_get_population (copy)[bourges], ==, 65723);
  /* Readable by others as any saved file (the umask of the tests is
   * 022 or 077: the owner at least reads and writes). */
  g_assert_cmpint (g_stat (copy_path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0600, ==, 0600);
  g_assert_cmpint (info.st_mode & 0666, ==, 0666 & ~current_umask ());
  /* The source, the copy and nothing left over (no temporary file). */
  g_clear_object (&store);
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

/* Changes committed but still in the write-ahead log are in the copy: a
 * plain file copy of the .aplomb would miss them. */
static void
test_copy_includes_wal (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copie.aplomb", NULL);
  g_autofree char *wal_path = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) territory = NULL;
  g_autoptr(AplombTerritory) copy = NULL;
  g_autoptr(GError) error = NULL;

  territory = load (fixture->path);
  aplomb_territory_add_commune (territory, "18004", "Ainay-le-Vieil", "18");
  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_territory (store, territory, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  g_assert_true (aplomb_store_save_copy (store, copy_path, &error));
  g_assert_no_error (error);
  copy = load (copy_path);
  g_assert_cmpuint (aplomb_territory_get_n_communes (copy), ==, 9);
  g_assert_cmpint (aplomb_territory_lookup (copy, "18004"), ==, 8);
}

/* An existing file is replaced whole, and journals left beside it by
 * an older database are not replayed over the copy. */
static void
test_copy_replaces (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copie.aplomb", NULL);
  g_autofree char *stale_wal = g_strconcat (copy_path, "-wal", NULL);
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (copy_path, "not a project", -1, NULL));
  g_assert_true (g_file_set_contents (stale_wal, "stale journal", -1, NULL));
  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_copy (store, copy_path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale_wal, G_FILE_TEST_EXISTS));
  copy = load (copy_path);
  g_assert_cmpuint (aplomb_territory_get_n_communes (copy), ==, 8);
}

static void
test_copy_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "absent", "copie.aplomb", NULL);
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = aplomb_store_open (fixture->path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_false (aplomb_store_save_copy (store, missing_dir, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==,
                   "Le projet n’a pas pu être enregistré sous « copie.aplomb » "
                   "(Aucun fichier ou dossier de ce type).");
  g_clear_error (&error);

  g_assert_false (aplomb_store_save_copy (store, fixture->path, &error));
  g_assert_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==,
                   "Le projet n’a pas pu être enregistré sous « cher.aplomb » "
                   "(c’est le projet lui-même).");
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();

  g_test_add ("/store-copy/reopens", Fixture, NULL, fixture_set_up, test_copy_reopens,
              fixture_tear_down);
  g_test_add ("/store-copy/includes-wal", Fixture, NULL, fixture_set_up, test_copy_includes_wal,
              fixture_tear_down);
  g_test_add ("/store-copy/replaces", Fixture, NULL, fixture_set_up, test_copy_replaces,
              fixture_tear_down);
  g_test_add ("/store-copy/errors", Fixture, NULL, fixture_set_up, test_copy_errors,
              fixture_tear_down);
  return g_test_run ();
}
