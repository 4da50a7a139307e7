/* aplomb-cli-scenario.c: aplomb-cli scenario, the figures of one or two scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "aplomb-apl-territory.h"
#include "aplomb-areas.h"
#include "aplomb-cli.h"
#include "aplomb-core.h"
#include "aplomb-cpts.h"
#include "aplomb-scenario-evaluator.h"
#include "aplomb-travel-project.h"

/* Room for CPTS pooling up to 30 min, beyond the 20 min of the GP decay
 * (the default horizon of the travel times, issue 4). */

typedef struct
{
  AplombTerritory         *territory;
  AplombTravelTimes       *times;
  AplombPreset            *preset;
  AplombScenarioEvaluator *evaluator;
} Inputs;

static void
inputs_clear (Inputs *inputs)
{
  g_clear_object (&inputs->evaluator);
  g_clear_object (&inputs->preset);
  g_clear_object (&inputs->times);
  g_clear_object (&inputs->territory);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Inputs, inputs_clear)

/* The same inputs as aplomb-cli apl: the project's travel times, supply
 * and standardised population from the preset's rules. */
static gboolean
load_inputs (const char *project,
             const char *preset_name,
             Inputs     *inputs,
             GError    **error)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree double *heads = NULL, *supply = NULL, *demand = NULL;
  guint n;

  inputs->preset = aplomb_preset_load (preset_name, error);
  if (inputs->preset == NULL)
    return FALSE;
  inputs->territory = aplomb_cli_load_project (project, APLOMB_TRAVEL_HORIZON_MIN, &inputs->times,
                                               description, error);
  if (inputs->territory == NULL)
    return FALSE;

  n = aplomb_territory_get_n_communes (inputs->territory);
  heads = g_new (double, n);
  supply = g_new (double, n);
  demand = g_new (double, n);
  if (!aplomb_apl_territory_supply (inputs->territory, inputs->preset, 0, heads, supply))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The preset “%s” is for a profession the project does not know."),
                   preset_name);
      return FALSE;
    }
  aplomb_apl_territory_demand (inputs->territory, inputs->preset, demand);
  inputs->evaluator = aplomb_scenario_evaluator_new (inputs->territory, inputs->times,
                                                     inputs->preset, supply, demand, error);
  return inputs->evaluator != NULL;
}

/* printf pads bytes, not characters: names with accents would shift the
 * columns. */
static char *
pad (const char *text,
     guint       width,
     gboolean    right)
{
  g_autofree char *cut = g_utf8_substring (text, 0, MIN (width, g_utf8_strlen (text, -1)));
  guint missing = width - g_utf8_strlen (cut, -1);
  g_autofree char *spaces = g_strnfill (missing, ' ');

  return right ? g_strconcat (spaces, cut, NULL) : g_strconcat (cut, spaces, NULL);
}

static void
print_row (const char                 *label,
           AplombScenarioResult      **results,
           guint                       n_results,
           double                    (*get) (const AplombScenarioResult *),
           int                         decimals,
           gboolean                    with_sign)
{
  g_autofree char *padded = pad (label, 50, FALSE);

  g_print ("  %s", padded);
  for (guint k = 0; k < n_results; k++)
    {
      g_autofree char *value = with_sign ? g_strdup_printf ("%+.*f", decimals, get (results[k]))
                                         : g_strdup_printf ("%.*f", decimals, get (results[k]));

      g_print (" %16s", value);
    }
  g_print ("\n");
}

#define GETTER(name, expression) \
  static double name (const AplombScenarioResult *r) { return (expression); }
GETTER (get_changed, r->changed->len)
GETTER (get_class_changed, r->class_changed->len)
GETTER (get_lifted, r->population_lifted)
GETTER (get_fallen, r->population_fallen)
GETTER (get_mean_before, r->before.mean)
GETTER (get_mean_after, r->after.mean)
GETTER (get_mean_change, r->after.mean - r->before.mean)
GETTER (get_ratio_before, r->before.d9_d1)
GETTER (get_ratio_after, r->after.d9_d1)
GETTER (get_under_before, r->before.population_under)
GETTER (get_under_after, r->after.population_under)
GETTER (get_etp_added, r->etp_added)
GETTER (get_etp_removed, r->etp_removed)
GETTER (get_lifted_per_etp, r->lifted_per_etp)
GETTER (get_gain_per_etp, r->underserved_gain_per_etp)
#undef GETTER

static void
print_figures (AplombScenario       **scenarios,
               AplombScenarioResult **results,
               guint                  n)
{
  g_print ("  %50s", "");
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = pad (aplomb_scenario_get_name (scenarios[k]), 16, TRUE);

      g_print (" %s", name);
    }
  g_print ("\n");
  print_row (_("Communes whose APL changes"), results, n, get_changed, 0, FALSE);
  print_row (_("Communes that change class"), results, n, get_class_changed, 0, FALSE);
  print_row (_("Population lifted above the threshold"), results, n, get_lifted, 0, FALSE);
  print_row (_("Population fallen below the threshold"), results, n, get_fallen, 0, FALSE);
  print_row (_("Population under the threshold, before"), results, n, get_under_before, 0, FALSE);
  print_row (_("Population under the threshold, after"), results, n, get_under_after, 0, FALSE);
  print_row (_("Mean APL, before"), results, n, get_mean_before, 4, FALSE);
  print_row (_("Mean APL, after"), results, n, get_mean_after, 4, FALSE);
  print_row (_("Change of the mean APL"), results, n, get_mean_change, 6, TRUE);
  print_row (_("D9/D1, before"), results, n, get_ratio_before, 4, FALSE);
  print_row (_("D9/D1, after"), results, n, get_ratio_after, 4, FALSE);
  print_row (_("Net FTE added"), results, n, get_etp_added, 2, TRUE);
  print_row (_("FTE removed"), results, n, get_etp_removed, 2, FALSE);
  print_row (_("Population lifted per FTE added"), results, n, get_lifted_per_etp, 1, FALSE);
  print_row (_("Consultations to under-served residents per FTE"), results, n,
             get_gain_per_etp, 0, FALSE);
}

/* "18 Cher" for a département whose name the bundled list knows. */
static char *
group_label (const AplombScenarioGroup *group,
             AplombGroupKind            kind,
             GHashTable                *departement_names)
{
  const char *name = NULL;

  if (kind == APLOMB_GROUP_DEPARTEMENT && group->code != NULL)
    name = g_hash_table_lookup (departement_names, group->code);
  if (name != NULL)
    return g_strconcat (group->code, " ", name, NULL);
  return g_strdup (group->name != NULL ? group->name : "");
}

static GHashTable *
load_departement_names (AplombTerritory *territory)
{
  g_autofree char *path = aplomb_core_find_data ("france/departements-2024.csv");
  g_autoptr(GPtrArray) areas = aplomb_areas_list (territory, path);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint k = 0; k < areas->len; k++)
    {
      const AplombArea *area = g_ptr_array_index (areas, k);

      if (area->kind == APLOMB_AREA_DEPARTEMENT && area->name != NULL)
        g_hash_table_insert (names, g_strdup (area->code), g_strdup (area->name));
    }
  return names;
}

static void
print_groups (const AplombScenarioResult *result,
              AplombTerritory            *territory,
              AplombGroupKind             kind,
              const char                 *title)
{
  g_autoptr(GPtrArray) groups = aplomb_scenario_result_group_by (result, territory, kind);
  g_autoptr(GHashTable) departement_names = kind == APLOMB_GROUP_DEPARTEMENT
                                               ? load_departement_names (territory)
                                               : g_hash_table_new (g_str_hash, g_str_equal);

  if (groups->len == 0)
    return;
  g_print ("  %s\n", title);
  for (guint g = 0; g < groups->len; g++)
    {
      const AplombScenarioGroup *group = g_ptr_array_index (groups, g);
      g_autofree char *label = group_label (group, kind, departement_names);
      g_autofree char *name = pad (label, 36, FALSE);

      g_print (_("    %s mean %.3f → %.3f, D9/D1 %.2f → %.2f, lifted %.0f, fallen %.0f"),
               name, group->before.mean, group->after.mean,
               group->before.d9_d1, group->after.d9_d1, group->population_lifted,
               group->population_fallen);
      g_print ("\n");
    }
}

/* Minutes after the departure from the base, as h:mm. */
static char *
clock_time (double minutes)
{
  long rounded = lround (minutes);

  return g_strdup_printf ("%ld:%02ld", rounded / 60, rounded % 60);
}

static void
print_bus_plans (const AplombScenarioResult *result,
                 AplombTerritory            *territory)
{
  for (guint b = 0; b < result->supply->bus_plans->len; b++)
    {
      const AplombBusPlan *plan = g_ptr_array_index (result->supply->bus_plans, b);

      g_print (_("  Bus of action %u, based in %s:"), plan->action + 1,
               aplomb_territory_get_name (territory, plan->base));
      g_print ("\n");
      for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
        {
          const AplombBusTour *tour = plan->tours[d];
          g_autoptr(GString) stops = g_string_new (NULL);

          if (tour == NULL)
            continue;
          /* Each stop with its arrival and departure times. */
          for (guint k = 0; k < tour->n_stops; k++)
            {
              guint i = tour->order[k];
              g_autofree char *arrival = clock_time (plan->arrivals[d][k]);
              g_autofree char *departure = clock_time (plan->arrivals[d][k] + plan->sessions[d][i]);

              g_string_append_printf (stops, " → %s %s–%s",
                                      aplomb_territory_get_name (territory, plan->day_stops[d][i]),
                                      arrival, departure);
            }
          g_print (_("    %-9s%s → back: %.0f min driving + %.0f min consulting = %.0f min "
                     "of %.0f: %s"),
                   aplomb_weekday_to_string (d), stops->str, tour->driving_minutes,
                   tour->service_minutes, tour->driving_minutes + tour->service_minutes,
                   tour->shift_minutes, tour->feasible ? _("feasible") : _("INFEASIBLE"));
          g_print ("\n");
        }
    }
}

static void
print_area (const char                 *label,
            const AplombAreaDiagnostic *d)
{
  g_autofree char *padded = pad (label, 16, FALSE);
  g_autofree char *elderly = isnan (d->share_75plus)
                               ? g_strdup ("  ?")
                               : g_strdup_printf ("%5.1f", 100 * d->share_75plus);

  g_print (_("      %s %8.0f inh., %s %% aged 75+, %7.1f inh./km², %5.2f GPs per 10 000, "
             "mean APL %.2f, %5.1f %% under the threshold, D1 %.2f, D9 %.2f"),
           padded, d->population, elderly, d->density_km2, d->heads_per_10k,
           d->apl.mean, 100 * d->apl.share_under, d->apl.d1, d->apl.d9);
  g_print ("\n");
}

/* The diagnostic of each CPTS perimeter on the baseline, against its
 * département and the whole territory. */
static void
print_cpts_reports (AplombScenario       *scenario,
                    AplombScenarioResult *result,
                    Inputs               *inputs)
{
  for (guint i = 0; i < aplomb_scenario_get_n_actions (scenario); i++)
    {
      g_autoptr(AplombCptsReport) report = NULL;
      g_autoptr(GError) error = NULL;

      if (aplomb_scenario_get_action (scenario, i)->kind != APLOMB_ACTION_CPTS)
        continue;
      report = aplomb_cpts_report_new (scenario, i, inputs->territory, inputs->preset,
                                       result->baseline, result->population_std, &error);
      if (report == NULL)
        {
          g_printerr ("%s\n", error->message);
          continue;
        }
      g_print (_("    %s: %u communes, %s"), aplomb_scenario_get_action (scenario, i)->cpts.name,
               report->communes->len,
               report->n_components == 1 ? _("contiguous") : _("NOT contiguous"));
      if (report->n_components > 1)
        g_print (_(" (%u separate parts)"), report->n_components);
      for (guint k = 0; k < report->overlaps->len; k++)
        g_print (_(", overlaps the CPTS of action %u"),
                 g_array_index (report->overlaps, guint, k) + 1);
      g_print ("\n");
      print_area (_("perimeter"), &report->perimeter);
      print_area (report->departement != NULL ? report->departement : "",
                  &report->departement_area);
      print_area (_("whole territory"), &report->france);
    }
}

static void
print_warnings (const AplombScenarioResult *result)
{
  for (guint k = 0; k < result->supply->warnings->len; k++)
    {
      g_printerr (_("Warning: %s"), (const char *) g_ptr_array_index (result->supply->warnings, k));
      g_printerr ("\n");
    }
}

static void
print_details (AplombScenario       *scenario,
               AplombScenarioResult *result,
               Inputs               *inputs)
{
  AplombTerritory *territory = inputs->territory;

  g_print ("\n");
  g_print (_("Scenario “%s”:"), aplomb_scenario_get_name (scenario));
  g_print ("\n");
  print_warnings (result);
  print_groups (result, territory, APLOMB_GROUP_DEPARTEMENT, _("Départements:"));
  print_groups (result, territory, APLOMB_GROUP_EPCI, _("EPCI:"));
  print_groups (result, territory, APLOMB_GROUP_CPTS, _("CPTS:"));
  print_cpts_reports (scenario, result, inputs);
  print_bus_plans (result, territory);
}

static gboolean
write_csv (const char            *path,
           AplombTerritory       *territory,
           AplombScenarioResult **results,
           guint                  n_results,
           GError               **error)
{
  g_autoptr(GString) csv = g_string_new ("code_insee,nom,population,apl_baseline");
  const char *suffixes[] = { "_a", "_b" };
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint k = 0; k < n_results; k++)
    g_string_append_printf (csv, ",apl%s,apl_delta%s", n_results > 1 ? suffixes[k] : "",
                            n_results > 1 ? suffixes[k] : "");
  g_string_append_c (csv, '\n');

  for (guint c = 0; c < results[0]->n_communes; c++)
    {
      g_autofree char *name = g_strescape (aplomb_territory_get_name (territory, c), NULL);

      g_string_append_printf (csv, "%s,\"%s\",%s", aplomb_territory_get_code (territory, c),
                              name, g_ascii_dtostr (number, sizeof number,
                                                    results[0]->population[c]));
      g_string_append_printf (csv, ",%s", g_ascii_formatd (number, sizeof number, "%.6f",
                                                           results[0]->baseline[c]));
      for (guint k = 0; k < n_results; k++)
        {
          g_string_append_printf (csv, ",%s", g_ascii_formatd (number, sizeof number, "%.6f",
                                                               results[k]->values[c]));
          g_string_append_printf (csv, ",%s", g_ascii_formatd (number, sizeof number, "%.6f",
                                                               results[k]->delta[c]));
        }
      g_string_append_c (csv, '\n');
    }
  return aplomb_cli_write_output (path, csv, error);
}

AplombScenarioResult *
aplomb_cli_apl_scenario (const char        *path,
                         AplombTerritory   *territory,
                         AplombTravelTimes *times,
                         AplombPreset      *preset,
                         const double      *supply,
                         const double      *demand,
                         GError           **error)
{
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new_from_file (path, error);
  g_autoptr(AplombScenarioEvaluator) evaluator = NULL;
  AplombScenarioResult *result;

  if (scenario == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  evaluator = aplomb_scenario_evaluator_new (territory, times, preset, supply, demand, error);
  if (evaluator == NULL)
    return NULL;
  result = aplomb_scenario_evaluator_evaluate (evaluator, scenario, error);
  if (result == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  print_warnings (result);
  g_print (_("Scenario “%s”: APL changes in %u communes (%u change class), %.0f inhabitants "
             "lifted above the threshold, %.0f fallen below, mean APL %.4f → %.4f"),
           aplomb_scenario_get_name (scenario), result->changed->len,
           result->class_changed->len, result->population_lifted, result->population_fallen,
           result->before.mean, result->after.mean);
  g_print ("\n");
  return result;
}

int
aplomb_cli_scenario (int    argc,
                     char **argv)
{
  g_autofree char *project = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project,
      N_("Project file (default: the bundled France)"), N_("FILE") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("Method preset (default: drees-gp-2015)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the APL of every commune, before and after, to a CSV file"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL,
      N_("SCENARIO.json [SCENARIO.json]") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SCENARIO.json [SCENARIO.json]"));
  g_autoptr(GError) error = NULL;
  AplombScenario *scenarios[2] = { NULL, NULL };
  AplombScenarioResult *results[2] = { NULL, NULL };
  guint n_files = 0;
  g_auto(Inputs) inputs = { NULL };
  int status = 0;

  g_option_context_set_summary (context, _("Evaluates one scenario, or two side by side, "
                                           "against its baseline."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_files = files != NULL ? g_strv_length (files) : 0;
  if (n_files == 0 || n_files > 2)
    {
      g_printerr (_("Give one or two scenario files."));
      g_printerr ("\n");
      return 2;
    }

  for (guint k = 0; k < n_files; k++)
    {
      scenarios[k] = aplomb_scenario_new_from_file (files[k], &error);
      if (scenarios[k] == NULL)
        {
          g_printerr ("%s: %s\n", files[k], error->message);
          status = 1;
          goto out;
        }
    }

  if (!load_inputs (project, preset != NULL ? preset : "drees-gp-2015", &inputs, &error))
    {
      g_printerr ("%s\n", error->message);
      status = 1;
      goto out;
    }
  for (guint k = 0; k < n_files; k++)
    {
      results[k] = aplomb_scenario_evaluator_evaluate (inputs.evaluator, scenarios[k], &error);
      if (results[k] == NULL)
        {
          g_printerr ("%s: %s\n", files[k], error->message);
          status = 1;
          goto out;
        }
    }

  print_figures (scenarios, results, n_files);
  for (guint k = 0; k < n_files; k++)
    print_details (scenarios[k], results[k], &inputs);
  if (output != NULL && !write_csv (output, inputs.territory, results, n_files, &error))
    {
      g_printerr ("%s\n", error->message);
      status = 1;
    }

out:
  for (guint k = 0; k < 2; k++)
    {
      g_clear_object (&scenarios[k]);
      g_clear_pointer (&results[k], aplomb_scenario_result_unref);
    }
  return status;
}
