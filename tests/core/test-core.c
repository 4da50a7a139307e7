/* test-core.c: library initialisation and data lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-gdal.h"

/* GDAL is opened on first use, once, with its drivers registered. */
static void
test_gdal_loads_with_drivers (void)
{
  g_autoptr(GError) error = NULL;

  aplomb_core_init ();
  g_assert_true (aplomb_gdal_load (&error));
  g_assert_no_error (error);
  g_assert_true (aplomb_gdal_load (&error));
  g_assert_nonnull (aplomb_gdal_get ());

  g_assert_nonnull (GDALGetDriverByName ("GPKG"));
  g_assert_nonnull (GDALGetDriverByName ("ESRI Shapefile"));
  g_assert_nonnull (GDALGetDriverByName ("CSV"));
  g_assert_nonnull (GDALGetDriverByName ("XLSX"));
}

static void
test_find_data_in_search_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-core-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "probe.txt", NULL);
  g_autofree char *found = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("APLOMB_DATA_DIR"));
  g_autofree char *path = g_strconcat ("/nonexistent", G_SEARCHPATH_SEPARATOR_S, dir, NULL);

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  g_setenv ("APLOMB_DATA_DIR", path, TRUE);

  found = aplomb_core_find_data ("probe.txt");
  missing = aplomb_core_find_data ("no-such-file.txt");
  g_assert_cmpstr (found, ==, file);
  g_assert_null (missing);

  if (saved != NULL)
    g_setenv ("APLOMB_DATA_DIR", saved, TRUE);
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/gdal-load", test_gdal_loads_with_drivers);
  g_test_add_func ("/core/find-data", test_find_data_in_search_path);
  return g_test_run ();
}
