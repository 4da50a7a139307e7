/* aplomb-cli-info.c: aplomb-cli info, what a project holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "aplomb-cli.h"
#include "aplomb-core.h"
#include "aplomb-store.h"
#include "aplomb-travel-project.h"

static guint
count_known (const double *values,
             guint         n)
{
  guint known = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      known++;
  return known;
}

static void
print_communes (AplombTerritory *territory)
{
  const AplombGeometry *geometry = aplomb_territory_get_geometry (territory);
  g_autoptr(GHashTable) departements = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = aplomb_territory_get_n_communes (territory), with_boundary = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *departement = aplomb_territory_get_departement (territory, i);

      if (departement != NULL)
        g_hash_table_add (departements, (gpointer) departement);
      if (geometry->feature_offsets[i + 1] > geometry->feature_offsets[i])
        with_boundary++;
    }
  g_print (_("Communes: %u (%u with a boundary, %u départements)"), n, with_boundary,
           g_hash_table_size (departements));
  g_print ("\n");
  g_print (_("Population: %.0f (known for %u communes)"),
           aplomb_territory_get_total_population (territory),
           count_known (aplomb_territory_get_population (territory), n));
  g_print ("\n");
  g_print (_("Share of people aged 75 and over: known for %u communes"),
           count_known (aplomb_territory_get_share_75plus (territory), n));
  g_print ("\n");
}

static void
print_practitioners (AplombTerritory *territory)
{
  const AplombPractitioner *practitioners = aplomb_territory_get_practitioners (territory);
  double heads[APLOMB_N_PROFESSIONS] = { 0 };
  guint rows[APLOMB_N_PROFESSIONS] = { 0 };

  for (guint i = 0; i < aplomb_territory_get_n_practitioners (territory); i++)
    {
      heads[practitioners[i].profession] += practitioners[i].heads;
      rows[practitioners[i].profession]++;
    }
  g_print (_("Practitioners:"));
  g_print ("\n");
  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    if (rows[p] > 0)
      {
        g_print ("  ");
        g_print (_("%s: %.0f (%u rows)"), aplomb_profession_get_label (p), heads[p], rows[p]);
        g_print ("\n");
      }
}

static void
print_facilities (AplombTerritory *territory)
{
  const AplombFacility *facilities = aplomb_territory_get_facilities (territory);
  guint n = aplomb_territory_get_n_facilities (territory);
  guint per_kind[APLOMB_FACILITY_OTHER + 1] = { 0 };

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    per_kind[facilities[i].kind]++;
  g_print (_("Establishments: %u (%u maisons de santé, %u centres de santé)"), n,
           per_kind[APLOMB_FACILITY_MSP], per_kind[APLOMB_FACILITY_CENTRE_DE_SANTE]);
  g_print ("\n");
}

static void
print_columns (AplombTerritory *territory)
{
  g_auto(GStrv) names = aplomb_territory_list_columns (territory);
  guint n = aplomb_territory_get_n_communes (territory);

  g_print (_("Columns:"));
  g_print ("\n");
  for (guint c = 0; names[c] != NULL; c++)
    {
      g_print ("  ");
      g_print (_("%s (known for %u communes)"), names[c],
               count_known (aplomb_territory_get_column (territory, names[c]), n));
      g_print ("\n");
    }
}

static void
print_sources (AplombTerritory *territory)
{
  GPtrArray *sources = aplomb_territory_get_sources (territory);

  g_print (_("Sources:"));
  g_print ("\n");
  for (guint i = 0; i < sources->len; i++)
    {
      const AplombSource *source = g_ptr_array_index (sources, i);
      g_autofree char *imported = source->imported != NULL
        ? g_date_time_format (source->imported, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");

      g_print ("  ");
      g_print (_("%s: %s, millésime %s, imported %s"), source->kind, source->file_name,
               source->millesime != NULL ? source->millesime : "?", imported);
      g_print ("\n    SHA-256 %s\n", source->sha256);
      if (source->licence != NULL)
        {
          g_print ("    ");
          g_print (_("Licence: %s"), source->licence);
          g_print ("\n");
        }
    }
}

int
aplomb_cli_info (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[PROJECT]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) territory = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autofree char *source = NULL;
  g_autofree char *path = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Shows what a project holds; without a project, the bundled "
                                  "metropolitan France."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 2)
    {
      g_printerr (_("Give at most one project."));
      g_printerr ("\n");
      return 2;
    }

  path = argc == 2 ? g_strdup (argv[1]) : aplomb_core_find_data ("france.aplomb");
  if (path == NULL)
    {
      g_printerr (_("The bundled France project is not installed; give a project file."));
      g_printerr ("\n");
      return 1;
    }
  store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, &error);
  if (store != NULL)
    territory = aplomb_store_load_territory (store, &error);
  if (territory == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  times = aplomb_store_load_travel_times (store, 0, &source, NULL, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Project: %s"), path);
  g_print ("\n");
  print_communes (territory);
  if (times != NULL)
    {
      g_autofree char *origin = aplomb_travel_source_describe (source);

      g_print (_("Travel times: %lu pairs of communes within %g minutes."),
               (gulong) aplomb_travel_times_get_n_pairs (times), aplomb_travel_times_get_horizon (times));
      g_print (" (%s)\n", origin);
    }
  print_practitioners (territory);
  print_facilities (territory);
  print_columns (territory);
  print_sources (territory);
  return 0;
}
