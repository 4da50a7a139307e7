/* aplomb-cli-apl.c: compute the APL of a project, write it, summarise it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "aplomb-apl-aggregate.h"
#include "aplomb-apl-compare.h"
#include "aplomb-apl-territory.h"
#include "aplomb-apl.h"
#include "aplomb-cli.h"
#include "aplomb-core.h"
#include "aplomb-preset.h"
#include "aplomb-scenario-result.h"
#include "aplomb-store.h"
#include "aplomb-travel-model.h"
#include "aplomb-travel-road.h"

typedef struct
{
  char   *project;
  char   *preset;
  char   *output;
  char   *times_output;
  char   *scenario;
  char   *times;
  char   *network;
  char   *speeds;
  char   *model;
  char   *supply_column;
  char   *compare;
  char   *thresholds;
  char   *fit_on;
  char   *blend;
  char  **departements;
  char  **epcis;
  double  supply_factor;
  double  horizon;
  int     age_bound;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->project);
  g_free (o->preset);
  g_free (o->output);
  g_free (o->times_output);
  g_free (o->scenario);
  g_free (o->times);
  g_free (o->network);
  g_free (o->speeds);
  g_free (o->model);
  g_free (o->supply_column);
  g_free (o->compare);
  g_free (o->thresholds);
  g_free (o->fit_on);
  g_free (o->blend);
  g_strfreev (o->departements);
  g_strfreev (o->epcis);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Travel times from, in order of precedence, an imported matrix, a road
 * network or a model given on the command line. */
static AplombTravelTimes *
load_times (const Options   *o,
            AplombTerritory *territory,
            float            horizon,
            GString         *description,
            GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree double *lon = NULL, *lat = NULL;
  g_autoptr(AplombTravelModel) model = NULL;

  if (o->times != NULL)
    {
      g_autofree const char **codes = g_new (const char *, n);

      for (guint i = 0; i < n; i++)
        codes[i] = aplomb_territory_get_code (territory, i);
      g_string_printf (description, _("imported from %s"), o->times);
      return aplomb_travel_times_new_from_csv (o->times, codes, n, horizon, error);
    }
  lon = g_new (double, n);
  lat = g_new (double, n);
  aplomb_apl_territory_points (territory, lon, lat);
  if (o->network != NULL)
    {
      g_autofree char *speeds = o->speeds != NULL ? g_strdup (o->speeds)
                                                  : aplomb_core_find_data ("road-speeds.csv");
      g_autoptr(AplombRoadSpeeds) table = aplomb_road_speeds_load (speeds, error);

      if (table == NULL)
        return NULL;
      g_string_printf (description, _("routed on %s"), o->network);
      return aplomb_travel_road_build (o->network, NULL, table, n, lon, lat, horizon, NULL,
                                       error);
    }

  model = aplomb_travel_model_load (o->model, error);
  if (model == NULL)
    return NULL;
  g_string_printf (description, _("modelled from distances (%s)"), o->model);
  return aplomb_travel_model_build (model, n, lon, lat, horizon, NULL, error);
}

/* Heads per commune from a column (e.g. gp_count_bpe_2017), each counted
 * through the preset's rule for heads. */
static gboolean
column_supply (AplombTerritory *territory,
               AplombPreset    *preset,
               const char      *name,
               double          *heads,
               double          *supply,
               GError         **error)
{
  const double *column = aplomb_territory_get_column (territory, name);

  if (column == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The project has no column “%s”."),
                   name);
      return FALSE;
    }
  for (guint i = 0; i < aplomb_territory_get_n_communes (territory); i++)
    {
      heads[i] = column[i] > 0 ? column[i] : 0;
      supply[i] = aplomb_supply_rule_apply (aplomb_preset_get_supply_rule (preset), heads[i], NAN,
                                            NAN);
    }
  return TRUE;
}

/* Supply from the practitioners, or from a column of heads per commune. */
static gboolean
load_supply (const Options   *o,
             AplombTerritory *territory,
             AplombPreset    *preset,
             double          *heads,
             double          *supply,
             GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory);

  if (o->supply_column != NULL)
    {
      if (!column_supply (territory, preset, o->supply_column, heads, supply, error))
        return FALSE;
    }
  else if (!aplomb_apl_territory_supply (territory, preset, o->age_bound, heads, supply))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The preset’s profession “%s” is unknown."),
                   aplomb_preset_get_profession (preset));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    supply[i] *= o->supply_factor;
  return TRUE;
}

static gboolean
apply_thresholds (AplombPreset *preset,
                  const char   *text,
                  GError      **error)
{
  g_auto(GStrv) items = g_strsplit (text, ";", -1);
  double values[APLOMB_PRESET_MAX_CLASSES];
  guint n = g_strv_length (items);

  for (guint k = 0; k < n; k++)
    {
      char *end = NULL;

      if (k < APLOMB_PRESET_MAX_CLASSES)
        values[k] = g_ascii_strtod (items[k], &end);
      if (k >= APLOMB_PRESET_MAX_CLASSES || end == items[k] || *end != '\0' ||
          (k > 0 && !(values[k] > values[k - 1])))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Class thresholds must be increasing numbers separated by “;”: “%s”."),
                       text);
          return FALSE;
        }
    }
  aplomb_preset_set_thresholds (preset, values, n);
  return TRUE;
}

/* "<2.5", "2.5-4", ">=4": ASCII, so that spreadsheets read them as text. */
static char *
class_label (const double *thresholds,
             guint         n_thresholds,
             guint         k)
{
  char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];

  if (n_thresholds == 0)
    return g_strdup ("");
  if (k > 0)
    g_ascii_formatd (low, sizeof low, "%g", thresholds[k - 1]);
  if (k < n_thresholds)
    g_ascii_formatd (high, sizeof high, "%g", thresholds[k]);
  if (k == 0)
    return g_strconcat ("<", high, NULL);
  if (k == n_thresholds)
    return g_strconcat (">=", low, NULL);
  return g_strconcat (low, "-", high, NULL);
}

/* Fixed decimals written from an integer, rounded half away from zero:
 * printf's %.4f costs about a microsecond a number, which was most of the
 * time spent writing the France CSV. */
static void
append_number (GString *line,
               double   value,
               int      decimals)
{
  static const double scales[] = { 1, 10, 100, 1000, 10000 };
  char digits[24];
  guint64 scaled, whole, fraction;
  int length = 0;

  g_return_if_fail (decimals >= 0 && decimals < (int) G_N_ELEMENTS (scales));

  g_string_append_c (line, ',');
  if (!isfinite (value))
    return;
  if (fabs (value) >= 1e14)
    {
      g_string_append_printf (line, "%.*e", decimals, value);
      return;
    }
  scaled = (guint64) llround (fabs (value) * scales[decimals]);
  if (value < 0 && scaled > 0)
    g_string_append_c (line, '-');
  whole = scaled / (guint64) scales[decimals];
  fraction = scaled % (guint64) scales[decimals];
  /* Written backwards from the end of the buffer, appended at once. */
  for (int d = 0; d < decimals; d++, fraction /= 10)
    digits[sizeof digits - ++length] = '0' + fraction % 10;
  if (decimals > 0)
    digits[sizeof digits - ++length] = '.';
  do
    digits[sizeof digits - ++length] = '0' + whole % 10;
  while ((whole /= 10) > 0);
  g_string_append_len (line, digits + sizeof digits - length, length);
}

static void
append_text (GString    *line,
             const char *text)
{
  const char *quote;

  text = text != NULL ? text : "";
  g_string_append (line, ",\"");
  /* Doubled quotes, as CSV has them; names seldom hold one. */
  while ((quote = strchr (text, '"')) != NULL)
    {
      g_string_append_len (line, text, quote + 1 - text);
      g_string_append_c (line, '"');
      text = quote + 1;
    }
  g_string_append (line, text);
  g_string_append_c (line, '"');
}

static gboolean
write_csv (const char      *path,
           AplombTerritory *territory,
           AplombPreset    *preset,
           AplombApl       *apl,
           const double    *density,
           const AplombScenarioResult *scenario,
           GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory), n_thresholds;
  const double *thresholds = aplomb_preset_get_thresholds (preset, &n_thresholds);
  const double *population = aplomb_territory_get_population (territory);
  const double *values = scenario != NULL ? scenario->values : aplomb_apl_get_values (apl);
  const double *nearest = scenario != NULL ? scenario->nearest : aplomb_apl_get_nearest (apl);
  const double *demand = aplomb_apl_get_demand (apl);
  const double *supply = aplomb_apl_get_supply (apl);
  g_autoptr(GString) csv = g_string_sized_new ((gsize) n * 96);
  g_auto(GStrv) labels = NULL;

  g_string_append_printf (csv, "code_insee,nom,departement,population,population_std,supply,apl,"
                               "apl_class,density_10k,nearest_%s_min%s\n",
                          aplomb_preset_get_profession (preset),
                          scenario != NULL ? ",apl_baseline,apl_delta" : "");
  labels = g_new0 (char *, n_thresholds + 2);
  for (guint k = 0; k <= n_thresholds; k++)
    labels[k] = class_label (thresholds, n_thresholds, k);
  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[aplomb_classify (thresholds, n_thresholds, values[i])];

      g_string_append (csv, aplomb_territory_get_code (territory, i));
      append_text (csv, aplomb_territory_get_name (territory, i));
      append_text (csv, aplomb_territory_get_departement (territory, i));
      append_number (csv, population != NULL ? population[i] : NAN, 0);
      /* Four decimals: enough for another tool to recompute the APL from
       * these columns to the fourth decimal. */
      append_number (csv, demand[i], 4);
      append_number (csv, supply[i] + (scenario != NULL ? scenario->supply_delta[i] : 0), 4);
      append_number (csv, values[i], 4);
      g_string_append_c (csv, ',');
      g_string_append (csv, label);
      append_number (csv, density[i], 4);
      append_number (csv, nearest[i], 1);
      if (scenario != NULL)
        {
          append_number (csv, scenario->baseline[i], 4);
          append_number (csv, scenario->delta[i], 4);
        }
      g_string_append_c (csv, '\n');
    }
  return aplomb_cli_write_output (path, csv, error);
}

/* The pairs the engine weighs, by INSEE code, the minutes printed so that
 * they read back as the same floats: the same matrix for another tool. */
static gboolean
write_times_csv (const char        *path,
                 AplombTerritory   *territory,
                 AplombTravelTimes *times,
                 float              reach,
                 GError           **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autoptr(GString) csv = g_string_new ("origin,destination,minutes\n");

  for (guint i = 0; i < n; i++)
    {
      const char *origin = aplomb_territory_get_code (territory, i);
      const guint *destinations;
      const float *minutes;
      guint length = aplomb_travel_times_get_row (times, i, &destinations, &minutes);

      for (guint k = 0; k < length; k++)
        if (minutes[k] < reach)
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append_printf (csv, "%s,%s,%s\n", origin,
                                    aplomb_territory_get_code (territory, destinations[k]),
                                    g_ascii_formatd (buffer, sizeof buffer, "%.9g", minutes[k]));
          }
    }
  return aplomb_cli_write_output (path, csv, error);
}

/* The parity of a département number, Corsica (2A, 2B) counting as 20. */
static gboolean
departement_is_odd (const char *code)
{
  return code != NULL && g_ascii_isdigit (code[1]) && (code[1] - '0') % 2 == 1;
}

/* The communes a group selects: all of them for NULL, those of the "odd" or
 * "even" départements, of an EPCI ("epci:SIREN"), or of a département. */
static GArray *
select_communes (AplombTerritory *territory,
                 const char      *group)
{
  GArray *communes = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *epci = group != NULL && g_str_has_prefix (group, "epci:") ? group + 5 : NULL;

  for (guint i = 0; i < aplomb_territory_get_n_communes (territory); i++)
    {
      const char *code = aplomb_territory_get_departement (territory, i);
      gboolean selected;

      if (group == NULL)
        selected = TRUE;
      else if (epci != NULL)
        selected = g_strcmp0 (aplomb_territory_get_epci (territory, i), epci) == 0;
      else if (g_str_equal (group, "odd") || g_str_equal (group, "even"))
        selected = departement_is_odd (code) == g_str_equal (group, "odd");
      else
        selected = g_strcmp0 (code, group) == 0;
      if (selected)
        g_array_append_val (communes, i);
    }
  return communes;
}

/* The groups to summarise: all communes, the départements and EPCI asked
 * for, and after a fit the communes it did not see. */
static GPtrArray *
summary_groups (const Options *o)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (groups, NULL);
  for (guint k = 0; o->departements != NULL && o->departements[k] != NULL; k++)
    g_ptr_array_add (groups, g_strdup (o->departements[k]));
  for (guint k = 0; o->epcis != NULL && o->epcis[k] != NULL; k++)
    g_ptr_array_add (groups, g_strconcat ("epci:", o->epcis[k], NULL));
  if (o->fit_on != NULL)
    g_ptr_array_add (groups, g_strdup (g_str_equal (o->fit_on, "odd") ? "even" : "odd"));
  return groups;
}

/* The supply factor k that makes the mean APL, weighted by standardised
 * population, equal the reference's over the fitting communes: the APL is
 * linear in the supply, so scaling the supply by k scales it by k. */
static double
fit_supply_factor (AplombTerritory *territory,
                   AplombApl       *apl,
                   const double    *reference,
                   const char      *fit_on)
{
  g_autoptr(GArray) communes = select_communes (territory, fit_on);
  const double *values = aplomb_apl_get_values (apl);
  const double *demand = aplomb_apl_get_demand (apl);
  double computed = 0, wanted = 0;

  for (guint k = 0; k < communes->len; k++)
    {
      guint i = g_array_index (communes, guint, k);

      if (isnan (reference[i]) || isnan (values[i]))
        continue;
      computed += demand[i] * values[i];
      wanted += demand[i] * reference[i];
    }
  return computed > 0 ? wanted / computed : 1;
}

/* The weights a and c of two supplies, whose APL are first and second,
 * that best match the reference over the fitting communes: least squares
 * weighted by standardised population, the APL being linear in the
 * supply. A weight that comes out negative is dropped and the other one
 * refitted alone. */
static void
fit_supply_blend (AplombTerritory *territory,
                  const double    *first,
                  const double    *second,
                  const double    *demand,
                  const double    *reference,
                  const char      *fit_on,
                  double          *a,
                  double          *c)
{
  g_autoptr(GArray) communes = select_communes (territory, fit_on);
  double s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0, det;

  for (guint k = 0; k < communes->len; k++)
    {
      guint i = g_array_index (communes, guint, k);
      double w = demand[i];

      if (isnan (reference[i]) || isnan (first[i]) || isnan (second[i]))
        continue;
      s11 += w * first[i] * first[i];
      s12 += w * first[i] * second[i];
      s22 += w * second[i] * second[i];
      t1 += w * first[i] * reference[i];
      t2 += w * second[i] * reference[i];
    }
  det = s11 * s22 - s12 * s12;
  *a = det != 0 ? (t1 * s22 - t2 * s12) / det : 0;
  *c = det != 0 ? (s11 * t2 - s12 * t1) / det : 0;
  if (*a < 0 || *c < 0 || det == 0)
    {
      gboolean keep_first = t1 * t1 * s22 >= t2 * t2 * s11;

      *a = keep_first && s11 > 0 ? t1 / s11 : 0;
      *c = !keep_first && s22 > 0 ? t2 / s22 : 0;
    }
}

static void
print_aggregate (const char      *label,
                 AplombTerritory *territory,
                 AplombApl       *apl,
                 const GArray    *communes,
                 double           threshold)
{
  const double *population = aplomb_territory_get_population (territory);
  AplombAplAggregate a;

  aplomb_apl_aggregate (aplomb_apl_get_values (apl), population, aplomb_apl_get_demand (apl),
                        (const guint *) communes->data, communes->len, threshold, &a);
  g_print ("%-14s %8u %12.0f %8.2f %8.1f %% %7.2f %7.2f %7.2f\n", label, a.n_communes,
           a.population, a.mean, 100 * a.share_under, a.d1, a.d9, a.d9_d1);
}

static void
print_comparison (const char      *label,
                  AplombTerritory *territory,
                  AplombApl       *apl,
                  const double    *reference,
                  const GArray    *communes,
                  double           threshold)
{
  AplombAplComparison c;

  aplomb_apl_compare (aplomb_apl_get_values (apl), reference,
                      aplomb_territory_get_population (territory), aplomb_apl_get_demand (apl),
                      (const guint *) communes->data, communes->len, threshold, &c);
  g_print ("%-14s %8u %8.3f %8.3f %6.2f %+6.2f %8.2f %8.2f %8.1f %% %8.1f %%\n", label,
           c.n_communes, c.pearson, c.spearman, c.mae, c.bias, c.mean_computed,
           c.mean_reference, 100 * c.class_agreement, 100 * c.class_agreement_population);
}

/* Département means against the reference's, the scale at which DREES
 * aggregates for zoning. */
static void
print_departement_correlation (AplombTerritory *territory,
                               AplombApl       *apl,
                               const double    *reference)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *group = g_new (int, n);
  double pearson, spearman;
  guint n_groups;

  for (guint i = 0; i < n; i++)
    {
      const char *code = aplomb_territory_get_departement (territory, i);
      gpointer found;

      if (code == NULL)
        {
          group[i] = -1;
          continue;
        }
      if (!g_hash_table_lookup_extended (index, code, NULL, &found))
        {
          found = GUINT_TO_POINTER (g_hash_table_size (index));
          g_hash_table_insert (index, (gpointer) code, found);
        }
      group[i] = GPOINTER_TO_INT (found);
    }
  n_groups = aplomb_apl_compare_groups (aplomb_apl_get_values (apl), reference,
                                        aplomb_apl_get_demand (apl), group, n,
                                        g_hash_table_size (index), &pearson, &spearman);
  g_print (_("Département means (%u départements): Pearson %.3f, Spearman %.3f"), n_groups,
           pearson, spearman);
  g_print ("\n");
}

static void
print_summaries (const Options   *o,
                 AplombTerritory *territory,
                 AplombPreset    *preset,
                 AplombApl       *apl)
{
  guint n_thresholds;
  const double *thresholds = aplomb_preset_get_thresholds (preset, &n_thresholds);
  double threshold = n_thresholds > 0 ? thresholds[0] : NAN;
  const double *reference = o->compare != NULL
                              ? aplomb_territory_get_column (territory, o->compare)
                              : NULL;
  g_autoptr(GPtrArray) groups = summary_groups (o);

  g_print ("%-14s %8s %12s %8s %10s %7s %7s %7s\n", C_ ("apl table", "Territory"),
           C_ ("apl table", "Communes"), C_ ("apl table", "Population"), C_ ("apl table", "Mean"),
           C_ ("apl table", "Under"), "D1", "D9", "D9/D1");
  for (guint g = 0; g < groups->len; g++)
    {
      const char *group = g_ptr_array_index (groups, g);
      g_autoptr(GArray) communes = select_communes (territory, group);

      print_aggregate (group != NULL ? group : C_ ("apl table", "All"), territory, apl, communes,
                       threshold);
    }
  if (reference == NULL)
    return;

  g_print ("\n");
  g_print (_("Against “%s”:"), o->compare);
  g_print ("\n%-14s %8s %8s %8s %6s %6s %8s %8s %10s %10s\n", C_ ("apl table", "Territory"),
           C_ ("apl table", "Communes"), "Pearson", "Spearman", C_ ("apl table", "MAE"),
           C_ ("apl table", "Bias"), C_ ("apl table", "Mean"), C_ ("apl table", "Ref."),
           C_ ("apl table", "Class"), C_ ("apl table", "Class pop."));
  for (guint g = 0; g < groups->len; g++)
    {
      const char *group = g_ptr_array_index (groups, g);
      g_autoptr(GArray) communes = select_communes (territory, group);

      print_comparison (group != NULL ? group : C_ ("apl table", "All"), territory, apl, reference,
                        communes, threshold);
    }
  print_departement_correlation (territory, apl, reference);
}

/* Scales the supply, or blends it with the supply of o->blend, to match
 * the reference on the départements of one parity, then recomputes. */
static gboolean
fit_supply (const Options   *o,
            AplombTerritory *territory,
            AplombPreset    *preset,
            AplombApl       *apl,
            double          *supply,
            GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  const double *reference = aplomb_territory_get_column (territory, o->compare);
  const char *parity = g_str_equal (o->fit_on, "odd") ? _("odd-numbered") : _("even-numbered");

  if (o->blend != NULL)
    {
      g_autofree double *first = g_memdup2 (aplomb_apl_get_values (apl), n * sizeof (double));
      g_autofree double *heads = g_new (double, n);
      g_autofree double *other = g_new (double, n);
      double a, c;

      if (!column_supply (territory, preset, o->blend, heads, other, error))
        return FALSE;
      aplomb_apl_set_supply (apl, other);
      aplomb_apl_compute (apl);
      fit_supply_blend (territory, first, aplomb_apl_get_values (apl),
                        aplomb_apl_get_demand (apl), reference, o->fit_on, &a, &c);
      for (guint i = 0; i < n; i++)
        supply[i] = a * supply[i] + c * other[i];
      g_print (_("Supply fitted on the %s départements: %.4f × the supply + %.4f × “%s”"),
               parity, a, c, o->blend);
    }
  else
    {
      double factor = fit_supply_factor (territory, apl, reference, o->fit_on);

      for (guint i = 0; i < n; i++)
        supply[i] *= factor;
      g_print (_("Supply factor fitted on the %s départements: %.4f"), parity, factor);
    }
  g_print ("\n\n");
  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_compute (apl);
  return TRUE;
}

static gboolean
run (const Options *o,
     GError       **error)
{
  g_autoptr(AplombTerritory) territory = NULL;
  g_autoptr(AplombPreset) preset = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autoptr(AplombApl) apl = NULL;
  g_autoptr(AplombScenarioResult) scenario = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree double *heads = NULL, *supply = NULL, *demand = NULL, *density = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double horizon, total_heads = 0, total_supply = 0;
  guint n;

  preset = aplomb_preset_load (o->preset, error);
  if (preset == NULL || (o->thresholds != NULL && !apply_thresholds (preset, o->thresholds,
                                                                     error)))
    return FALSE;
  horizon = MAX (o->horizon, aplomb_decay_get_reach (aplomb_preset_get_decay (preset)));
  if (o->times == NULL && o->network == NULL && o->model == NULL)
    territory = aplomb_cli_load_project (o->project, horizon, &times, description, error);
  else if ((territory = aplomb_cli_load_territory (o->project, error)) != NULL)
    times = load_times (o, territory, horizon, description, error);
  if (territory == NULL || times == NULL)
    return FALSE;
  if (o->compare != NULL && aplomb_territory_get_column (territory, o->compare) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The project has no column “%s”."),
                   o->compare);
      return FALSE;
    }

  n = aplomb_territory_get_n_communes (territory);
  g_print (_("Travel times: %s, up to %g min, %zu pairs, %.1f MB, %.2f s"), description->str,
           horizon, aplomb_travel_times_get_n_pairs (times),
           aplomb_travel_times_get_memory_size (times) / 1e6, g_timer_elapsed (timer, NULL));
  g_print ("\n");

  heads = g_new (double, n);
  supply = g_new (double, n);
  demand = g_new (double, n);
  density = g_new (double, n);
  if (!load_supply (o, territory, preset, heads, supply, error))
    return FALSE;
  aplomb_apl_territory_demand (territory, preset, demand);
  for (guint i = 0; i < n; i++)
    {
      total_heads += heads[i];
      total_supply += supply[i];
    }

  apl = aplomb_apl_new (times, aplomb_preset_get_decay (preset), aplomb_preset_get_scale (preset),
                        error);
  if (apl == NULL)
    return FALSE;
  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_set_demand (apl, demand);
  g_timer_start (timer);
  aplomb_apl_compute (apl);
  g_print (_("%s: %.0f practitioners, supply %.0f, APL computed in %.2f ms"),
           aplomb_preset_get_name (preset), total_heads, total_supply,
           1e3 * g_timer_elapsed (timer, NULL));
  g_print ("\n\n");

  if (o->fit_on != NULL && !fit_supply (o, territory, preset, apl, supply, error))
    return FALSE;

  if (o->scenario != NULL &&
      (scenario = aplomb_cli_apl_scenario (o->scenario, territory, times, preset, supply, demand,
                                           error)) == NULL)
    return FALSE;
  aplomb_density_per_10k (heads, aplomb_territory_get_population (territory), n, density);
  if (o->output != NULL &&
      !write_csv (o->output, territory, preset, apl, density, scenario, error))
    return FALSE;
  if (o->times_output != NULL &&
      !write_times_csv (o->times_output, territory, times,
                        aplomb_decay_get_reach (aplomb_preset_get_decay (preset)), error))
    return FALSE;
  print_summaries (o, territory, preset, apl);
  return TRUE;
}

int
aplomb_cli_apl (int    argc,
                char **argv)
{
  g_auto(Options) o = { .supply_factor = 1, .horizon = 30 };
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &o.project,
      N_("Project file (default: the bundled metropolitan France)"), N_("FILE") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &o.preset,
      N_("Method preset (default: drees-gp-2015)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the values per commune to this CSV file (- for standard output)"),
      N_("FILE") },
    { "times-output", 0, 0, G_OPTION_ARG_FILENAME, &o.times_output,
      N_("Also write the travel times the APL weighs (pairs within the preset's reach, each "
         "commune to itself included) as CSV origin,destination,minutes"), N_("FILE") },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &o.scenario,
      N_("Evaluate this scenario (JSON): the CSV then holds its APL, plus apl_baseline and "
         "apl_delta"), N_("FILE") },
    { "age-bound", 0, 0, G_OPTION_ARG_INT, &o.age_bound,
      N_("Leave out practitioners older than this (0: all ages)"), N_("YEARS") },
    { "supply-column", 0, 0, G_OPTION_ARG_STRING, &o.supply_column,
      N_("Take the practitioners per commune from this column, e.g. gp_count_bpe_2017"),
      N_("NAME") },
    { "supply-factor", 0, 0, G_OPTION_ARG_DOUBLE, &o.supply_factor,
      N_("Multiply the supply, e.g. full-time equivalents per head (default 1)"), N_("FACTOR") },
    { "times", 0, 0, G_OPTION_ARG_FILENAME, &o.times,
      N_("Travel times as CSV origin,destination,minutes instead of the model"), N_("FILE") },
    { "network", 0, 0, G_OPTION_ARG_FILENAME, &o.network,
      N_("Route on this road network (any GDAL line layer) instead of the model"),
      N_("FILE") },
    { "speeds", 0, 0, G_OPTION_ARG_FILENAME, &o.speeds,
      N_("Speed per road class for --network (default: the bundled table)"), N_("FILE") },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &o.model,
      N_("Travel-time model (default: the calibrated one)"), N_("FILE") },
    { "horizon", 0, 0, G_OPTION_ARG_DOUBLE, &o.horizon,
      N_("Keep travel times up to this many minutes (default 30)"), N_("MINUTES") },
    { "thresholds", 0, 0, G_OPTION_ARG_STRING, &o.thresholds,
      N_("Class thresholds, e.g. “2.5;4”"), N_("LIST") },
    { "departement", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &o.departements,
      N_("Also summarise this département (repeatable)"), N_("CODE") },
    { "epci", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.epcis,
      N_("Also summarise this EPCI, by SIREN (repeatable)"), N_("SIREN") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &o.compare,
      N_("Compare with this column of the project, e.g. apl_official_2023"), N_("NAME") },
    { "blend-with", 0, 0, G_OPTION_ARG_STRING, &o.blend,
      N_("With --fit-supply-on, fit the supply as a blend of the supply and of the "
         "practitioners in this column"),
      N_("NAME") },
    { "fit-supply-on", 0, 0, G_OPTION_ARG_STRING, &o.fit_on,
      N_("Scale the supply so that the mean matches the --compare column on the “odd” or "
         "“even” départements, and report the others"),
      N_("PARITY") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Computes the APL of every commune, prints the mean, the share "
                                  "of the population under the first threshold and the deciles."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 1 || o.age_bound < 0 || !(o.supply_factor >= 0) || !(o.horizon > 0))
    {
      g_printerr (_("Invalid arguments; see “aplomb-cli apl --help”."));
      g_printerr ("\n");
      return 2;
    }
  if ((o.fit_on != NULL &&
       (o.compare == NULL || !(g_str_equal (o.fit_on, "odd") || g_str_equal (o.fit_on, "even")))) ||
      (o.blend != NULL && o.fit_on == NULL))
    {
      g_printerr (_("--fit-supply-on takes “odd” or “even” and needs --compare; --blend-with "
                    "needs --fit-supply-on."));
      g_printerr ("\n");
      return 2;
    }
  if (o.preset == NULL)
    o.preset = g_strdup ("drees-gp-2015");

  if (!run (&o, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
