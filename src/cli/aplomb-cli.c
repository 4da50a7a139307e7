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

/* The territory of a project file, or of the bundled France without one;
 * the project stays open in store when asked for. */
AplombTerritory *
aplomb_cli_load_territory (const char   *project,
                           AplombStore **store,
                           GError      **error)
{
  g_autofree char *path = project != NULL ? g_strdup (project)
                                          : aplomb_core_find_data ("france.aplomb");
  g_autoptr(AplombStore) opened = NULL;
  AplombTerritory *territory;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The bundled France project is not installed; give a project file."));
      return NULL;
    }
  opened = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, error);
  territory = opened != NULL ? aplomb_store_load_territory (opened, error) : NULL;
  if (territory != NULL && store != NULL)
    *store = g_steal_pointer (&opened);
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

/* The travel times the project saved, or the calibrated model's. */
AplombTravelTimes *
aplomb_cli_project_times (AplombStore     *store,
                          AplombTerritory *territory,
                          float            horizon,
                          GString         *description,
                          GError         **error)
{
  g_autofree char *source = NULL;
  g_autofree char *what = NULL;
  AplombTravelTimes *times = aplomb_travel_times_for_project (store, territory, horizon, NULL,
                                                             &source, error);

  if (times == NULL)
    return NULL;
  what = aplomb_travel_source_describe (source);
  g_string_assign (description, what);
  return times;
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
