/* aplomb-cli.c: command-line front end of the Aplomb core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "aplomb-core.h"
#include "aplomb-store.h"
#include "aplomb-travel-project.h"
#include "aplomb-cli.h"

static const AplombCliCommand commands[] = {
  { "apl", N_("Compute the APL of every commune"), aplomb_cli_apl },
  { "bench", N_("Time the APL engine and the travel times"), aplomb_cli_bench },
  { "import", N_("Import files into a project"), aplomb_cli_import },
  { "info", N_("Show what a project holds"), aplomb_cli_info },
  { "render", N_("Draw the map into a PNG"), aplomb_cli_render },
  { "scenario", N_("Evaluate scenarios against their baseline"), aplomb_cli_scenario },
  { NULL, NULL, NULL },
};

/* A project file, or the bundled France without one. */
static char *
project_path (const char *project,
              GError    **error)
{
  char *path = project != NULL ? g_strdup (project) : aplomb_core_find_data ("france.aplomb");

  if (path == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The bundled France project is not installed; give a project file."));
  return path;
}

AplombTerritory *
aplomb_cli_load_territory (const char *project,
                           GError    **error)
{
  g_autofree char *path = project_path (project, error);
  g_autoptr(AplombStore) store = NULL;

  if (path == NULL)
    return NULL;
  store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, error);
  return store != NULL ? aplomb_store_load_territory (store, error) : NULL;
}

AplombTerritory *
aplomb_cli_load_project (const char         *project,
                         float               horizon,
                         AplombTravelTimes **times,
                         GString            *description,
                         GError            **error)
{
  g_autofree char *path = project_path (project, error);
  g_autofree char *source = NULL;
  g_autofree char *what = NULL;
  AplombTerritory *territory;

  if (path == NULL)
    return NULL;
  territory = aplomb_travel_load_project (path, horizon, NULL, times, &source, error);
  if (territory == NULL)
    return NULL;
  what = aplomb_travel_source_describe (source);
  g_string_assign (description, what);
  return territory;
}

/* Writes an output file ("-": standard output) whole or not at all, but
 * without the fsync () that g_file_set_contents () makes when replacing a
 * file: results can be written again, a disk flush costs more than
 * computing them. */
gboolean
aplomb_cli_write_output (const char *path,
                         GString    *contents,
                         GError    **error)
{
  if (g_str_equal (path, "-"))
    return fwrite (contents->str, 1, contents->len, stdout) == contents->len;
  return g_file_set_contents_full (path, contents->str, contents->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

static void
print_usage (FILE *stream)
{
  g_autoptr(GString) usage = g_string_new (NULL);

  g_string_append_printf (usage, _("Usage: %s COMMAND [OPTION…]"), "aplomb-cli");
  g_string_append (usage, "\n\n");
  g_string_append (usage, _("Compute access to primary care (APL) for French communes."));
  g_string_append (usage, "\n\n");
  g_string_append (usage, _("Commands:"));
  g_string_append_c (usage, '\n');
  for (const AplombCliCommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (usage, "  %-10s %s\n", c->name, _(c->summary));
  g_string_append_c (usage, '\n');
  g_string_append (usage, _("Options:"));
  g_string_append_c (usage, '\n');
  g_string_append_printf (usage, "  %-10s %s\n", "--help", _("Show this help and exit"));
  g_string_append_printf (usage, "  %-10s %s\n", "--version", _("Show the version and exit"));
  g_string_append_c (usage, '\n');
  g_string_append (usage, _("Run “aplomb-cli COMMAND --help” for the options of a command."));
  g_string_append_c (usage, '\n');
  fputs (usage->str, stream);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
  aplomb_core_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("aplomb-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (const AplombCliCommand *c = commands; c->name != NULL; c++)
    if (g_str_equal (argv[1], c->name))
      return c->run (argc - 1, argv + 1);

  g_printerr (_("Unknown command “%s”."), argv[1]);
  g_printerr ("\n\n");
  print_usage (stderr);
  return 2;
}
