/* aplomb-core.c: library initialisation and data lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "aplomb-core.h"

void
aplomb_core_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      const char *locale_dir = g_getenv ("APLOMB_LOCALE_DIR");

      /* The uninstalled build and its tests use the catalogues in build/po. */
      if (locale_dir == NULL || *locale_dir == '\0')
        locale_dir = LOCALEDIR;
      bindtextdomain (GETTEXT_PACKAGE, locale_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialised, 1);
    }
}

/* Data files are looked up in APLOMB_DATA_DIR, a search path, before the
 * installed directory: tests and the uninstalled build list the build tree
 * (for generated files such as the bundled project) and the source tree. */
static GStrv
data_search_path (void)
{
  const char *override = g_getenv ("APLOMB_DATA_DIR");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (override != NULL && *override != '\0')
    {
      g_auto(GStrv) dirs = g_strsplit (override, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        if (*dirs[i] != '\0')
          g_strv_builder_add (builder, dirs[i]);
    }
  g_strv_builder_add (builder, APLOMB_PKGDATADIR);
  return g_strv_builder_end (builder);
}

/* Returns the first existing file named relative_path in the data search
 * path, or NULL when none exists. */
char *
aplomb_core_find_data (const char *relative_path)
{
  g_auto(GStrv) dirs = NULL;

  g_return_val_if_fail (relative_path != NULL, NULL);

  dirs = data_search_path ();
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (dirs[i], relative_path, NULL);

      if (g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}
