/* aplomb-import-values.c: values per commune (populations, named columns),
 * matched through the commune code history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-import-private.h"

/* A row whose code the history mapped to a commune: counted only once the
 * whole file is read, because a row of the current commune may shadow it. */
typedef struct
{
  int              commune;
  guint            line;
  AplombCodeChange change;
  char             code[6];      /* as in the file, for the report */
  guint            first_value;  /* in pending_values */
} PendingRow;

struct _AplombCommuneValues
{
  AplombImport    *import;
  guint            n_communes;
  guint            n_slots;
  AplombCombine    combine;
  double          *direct;       /* n_communes × n_slots, NaN where none */
  gboolean        *has_direct;   /* n_communes */
  AplombCodeChange last_change;  /* of the last row matched through the history */
  char             last_code[6];
  GArray          *pending;      /* PendingRow */
  GArray          *pending_values;
  double          *result;       /* n_slots × n_communes, after finish */
};

static const char *code_names[] = {
  "code_insee", "codgeo", "code commune INSEE", "insee_com", "code_commune", "depcom",
  "code_insee_commune", "codecom", "com", "insee", "code", NULL
};

AplombCommuneValues *
aplomb_commune_values_new (AplombImport *import,
                           guint         n_slots,
                           AplombCombine combine)
{
  AplombCommuneValues *values = g_new0 (AplombCommuneValues, 1);
  gsize n;

  values->import = import;
  values->n_communes = aplomb_territory_get_n_communes (import->territory);
  values->n_slots = n_slots;
  values->combine = combine;
  n = (gsize) values->n_communes * n_slots;
  values->direct = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    values->direct[i] = NAN;
  values->has_direct = g_new0 (gboolean, values->n_communes);
  values->pending = g_array_new (FALSE, FALSE, sizeof (PendingRow));
  values->pending_values = g_array_new (FALSE, FALSE, sizeof (double));
  return values;
}

void
aplomb_commune_values_free (AplombCommuneValues *values)
{
  if (values == NULL)
    return;
  g_free (values->direct);
  g_free (values->has_direct);
  g_array_unref (values->pending);
  g_array_unref (values->pending_values);
  g_free (values->result);
  g_free (values);
}

int
aplomb_commune_values_match (AplombCommuneValues *values,
                             const char          *code_text,
                             guint                line,
                             const char          *field,
                             gboolean            *remapped)
{
  AplombImport *import = values->import;
  g_autofree char *code = aplomb_import_normalize_code (code_text);
  const char *current;
  int commune;

  if (code == NULL)
    {
      aplomb_import_report_reject (import->report, _("Invalid commune code"), line, field,
                                   code_text != NULL ? code_text : "");
      return -1;
    }

  commune = aplomb_territory_lookup (import->territory, code);
  if (commune >= 0)
    {
      if (values->has_direct[commune])
        {
          aplomb_import_report_reject (import->report, _("Commune listed twice"), line, field,
                                       code);
          return -1;
        }
      *remapped = FALSE;
      return commune;
    }

  current = import->history != NULL
    ? aplomb_code_history_lookup (import->history, code, &values->last_change) : NULL;
  commune = current != NULL ? aplomb_territory_lookup (import->territory, current) : -1;
  if (commune < 0)
    {
      aplomb_import_report_reject (import->report, _("Commune not in the project"), line, field,
                                   code);
      return -1;
    }
  g_strlcpy (values->last_code, code, sizeof values->last_code);
  *remapped = TRUE;
  return commune;
}

void
aplomb_commune_values_add (AplombCommuneValues *values,
                           int                  commune,
                           gboolean             remapped,
                           guint                line,
                           const double        *slots)
{
  if (!remapped)
    {
      memcpy (&values->direct[(gsize) commune * values->n_slots], slots,
              values->n_slots * sizeof (double));
      values->has_direct[commune] = TRUE;
      values->import->report->n_imported++;
    }
  else
    {
      PendingRow row = { commune, line, values->last_change, "", values->pending_values->len };

      g_strlcpy (row.code, values->last_code, sizeof row.code);
      g_array_append_val (values->pending, row);
      g_array_append_vals (values->pending_values, slots, values->n_slots);
    }
}

/* Counts add up across the parts of a commune, but an arrondissement is
 * already inside its commune's own row; rates and times are not additive,
 * so the current commune's row wins over every mapped one. */
static gboolean
is_shadowed (AplombCommuneValues *values,
             const PendingRow    *row)
{
  if (!values->has_direct[row->commune])
    return FALSE;
  return values->combine == APLOMB_COMBINE_MEAN || row->change == APLOMB_CODE_ARRONDISSEMENT;
}

void
aplomb_commune_values_finish (AplombCommuneValues *values)
{
  AplombImportReport *report = values->import->report;
  g_autofree guint *counts = NULL;
  guint n = values->n_communes, s_n = values->n_slots;

  g_return_if_fail (values->result == NULL);

  values->result = g_new (double, (gsize) n * s_n);
  counts = g_new0 (guint, (gsize) n * s_n);
  for (guint i = 0; i < n; i++)
    for (guint s = 0; s < s_n; s++)
      values->result[(gsize) s * n + i] = values->direct[(gsize) i * s_n + s];

  for (guint r = 0; r < values->pending->len; r++)
    {
      const PendingRow *row = &g_array_index (values->pending, PendingRow, r);
      const double *slots = &g_array_index (values->pending_values, double, row->first_value);

      if (is_shadowed (values, row))
        {
          g_autofree char *value = g_strdup_printf ("%s → %s", row->code,
                                                    aplomb_territory_get_code (values->import->territory,
                                                                               row->commune));

          aplomb_import_report_reject (report,
                                       _("Part of a commune whose own row is in the file"),
                                       row->line, NULL, value);
          continue;
        }
      report->n_imported++;
      report->n_remapped++;
      for (guint s = 0; s < s_n; s++)
        {
          double *result = &values->result[(gsize) s * n + row->commune];
          guint *count = &counts[(gsize) s * n + row->commune];

          if (isnan (slots[s]))
            continue;
          /* Added to the current commune's own value when it has one. */
          *result = isnan (*result) ? slots[s] : *result + slots[s];
          (*count)++;
        }
    }

  if (values->combine == APLOMB_COMBINE_MEAN)
    for (gsize k = 0; k < (gsize) n * s_n; k++)
      if (counts[k] > 1)
        values->result[k] /= counts[k];
}

const double *
aplomb_commune_values_get (AplombCommuneValues *values,
                           guint                slot)
{
  g_return_val_if_fail (values->result != NULL, NULL);
  g_return_val_if_fail (slot < values->n_slots, NULL);

  return &values->result[(gsize) slot * values->n_communes];
}

gboolean
aplomb_import_parse_row_numbers (AplombImport *import,
                                 AplombTable  *table,
                                 const int    *columns,
                                 guint         n_columns,
                                 double       *slots)
{
  gboolean any = FALSE;

  for (guint c = 0; c < n_columns; c++)
    {
      const char *text = aplomb_table_get (table, columns[c]);

      slots[c] = NAN;
      if (columns[c] < 0)
        continue;
      if (!aplomb_import_parse_number (text, &slots[c]))
        {
          aplomb_import_report_reject (import->report, _("Not a number"),
                                       aplomb_table_get_line (table),
                                       aplomb_table_get_column_name (table, columns[c]), text);
          return FALSE;
        }
      if (slots[c] < 0)
        {
          aplomb_import_report_reject (import->report, _("Negative value"),
                                       aplomb_table_get_line (table),
                                       aplomb_table_get_column_name (table, columns[c]), text);
          return FALSE;
        }
      any = any || !isnan (slots[c]);
    }
  if (!any)
    aplomb_import_report_reject (import->report, _("No value"), aplomb_table_get_line (table),
                                 NULL, NULL);
  return any;
}

/* Opens the table and finds the code column. */
static AplombTable *
open_commune_table (AplombImport *import,
                    int          *code_column,
                    GError      **error)
{
  g_autoptr(AplombTable) table = aplomb_table_open_sheet (import, error);

  if (table == NULL)
    return NULL;
  *code_column = aplomb_table_require_column (table, import->options->code_field, code_names,
                                              _("commune code"), error);
  if (*code_column < 0)
    return NULL;
  return g_steal_pointer (&table);
}

/* Reads every row: matches its commune, parses the numbers of columns and
 * hands the strings of the current communes' rows to row_func. */
typedef void (*RowFunc) (AplombImport *import,
                         AplombTable  *table,
                         int           commune,
                         gpointer      user_data);

static AplombCommuneValues *
read_commune_values (AplombImport *import,
                     AplombTable  *table,
                     int           code_column,
                     const int    *columns,
                     guint         n_columns,
                     AplombCombine combine,
                     RowFunc       row_func,
                     gpointer      user_data,
                     GError      **error)
{
  g_autoptr(AplombCommuneValues) values = aplomb_commune_values_new (import, n_columns, combine);
  g_autofree double *slots = g_new (double, n_columns);
  g_autoptr(GError) local_error = NULL;
  const char *code_field = aplomb_table_get_column_name (table, code_column);

  while (aplomb_table_next (table, &local_error))
    {
      guint line = aplomb_table_get_line (table);
      gboolean remapped;
      int commune;

      import->report->n_read++;
      commune = aplomb_commune_values_match (values, aplomb_table_get (table, code_column), line,
                                             code_field, &remapped);
      if (commune < 0 ||
          !aplomb_import_parse_row_numbers (import, table, columns, n_columns, slots))
        continue;
      aplomb_commune_values_add (values, commune, remapped, line, slots);
      if (row_func != NULL && !remapped)
        row_func (import, table, commune, user_data);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  aplomb_commune_values_finish (values);
  return g_steal_pointer (&values);
}

/* Populations */

enum {
  POP_TOTAL,
  POP_MUNICIPAL,
  POP_SHARE_75PLUS,
  POP_N_FIXED
};

typedef struct
{
  int    epci;
  int    epci_name;
  int    postcodes;
} PopulationStrings;

static void
set_commune_strings (AplombImport *import,
                     AplombTable  *table,
                     int           commune,
                     gpointer      user_data)
{
  PopulationStrings *strings = user_data;
  const char *epci = aplomb_table_get (table, strings->epci);
  const char *postcodes = aplomb_table_get (table, strings->postcodes);

  if (epci != NULL)
    aplomb_territory_set_epci (import->territory, commune, epci,
                               aplomb_table_get (table, strings->epci_name));
  if (postcodes != NULL)
    {
      g_auto(GStrv) split = g_regex_split_simple ("[ ,;]+", postcodes, 0, 0);

      aplomb_territory_set_postcodes (import->territory, commune, (const char * const *) split);
    }
}

/* INSEE's "P20_POP0014" (ages 0 to 14) or "P21_POP90P" (90 and over), or
 * "age_0_4" / "age_90_plus": the lower bound of the band, or -1. */
static int
age_band_lower_bound (const char *name)
{
  g_autoptr(GMatchInfo) match = NULL;
  static GRegex *pattern = NULL;
  g_autofree char *bound = NULL;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern,
                       g_regex_new ("^(?:p\\d\\d_pop(\\d\\d)(?:\\d\\d|p)"
                                    "|age_?(\\d{1,2})_(?:\\d{1,3}|plus|p))$",
                                    G_REGEX_CASELESS, 0, NULL));
  if (!g_regex_match (pattern, name, 0, &match))
    return -1;
  bound = g_match_info_fetch (match, 1);
  if (bound == NULL || *bound == '\0')
    {
      g_free (bound);
      bound = g_match_info_fetch (match, 2);
    }
  return atoi (bound);
}

typedef struct
{
  int   column;
  guint lower_bound;
} AgeBand;

static int
compare_age_bands (gconstpointer a,
                   gconstpointer b)
{
  return (int) ((const AgeBand *) a)->lower_bound - (int) ((const AgeBand *) b)->lower_bound;
}

static GArray *
find_age_bands (AplombTable *table)
{
  GArray *bands = g_array_new (FALSE, FALSE, sizeof (AgeBand));

  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      int bound = age_band_lower_bound (aplomb_table_get_column_name (table, i));
      AgeBand band = { i, bound };

      if (bound >= 0)
        g_array_append_val (bands, band);
    }
  g_array_sort (bands, compare_age_bands);
  /* Bands must tile the ages from 0, or they describe something else. */
  if (bands->len > 0 && g_array_index (bands, AgeBand, 0).lower_bound != 0)
    g_array_set_size (bands, 0);
  return bands;
}

static int
find_share_75plus (AplombTable *table)
{
  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      g_autofree char *name = aplomb_import_normalize_name (aplomb_table_get_column_name (table, i));

      if (strstr (name, "75") != NULL &&
          (strstr (name, "share") != NULL || strstr (name, "part") != NULL ||
           strstr (name, "pct") != NULL || strstr (name, "taux") != NULL))
        return i;
    }
  return -1;
}

static void
apply_share_75plus (AplombImport *import,
                    const double *share)
{
  guint n = aplomb_territory_get_n_communes (import->territory);
  g_autofree double *fraction = g_memdup2 (share, n * sizeof (double));
  double max = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (share[i]))
      max = MAX (max, share[i]);
  /* Shares come as fractions (0.087) or as percentages (8.7). */
  if (max > 1)
    {
      for (guint i = 0; i < n; i++)
        fraction[i] /= 100;
      aplomb_import_report_add_note (import->report,
                                     _("The share of people aged 75 and over was read as a percentage."));
    }
  aplomb_territory_set_share_75plus (import->territory, fraction);
}

static void
apply_age_bands (AplombImport        *import,
                 AplombCommuneValues *values,
                 GArray              *bands)
{
  guint n = aplomb_territory_get_n_communes (import->territory);
  g_autofree double *matrix = g_new (double, (gsize) n * bands->len);
  g_autofree guint *bounds = g_new (guint, bands->len);

  for (guint b = 0; b < bands->len; b++)
    {
      const double *band = aplomb_commune_values_get (values, POP_N_FIXED + b);

      bounds[b] = g_array_index (bands, AgeBand, b).lower_bound;
      for (guint i = 0; i < n; i++)
        matrix[(gsize) i * bands->len + b] = band[i];
    }
  aplomb_territory_set_age_bands (import->territory, bands->len, bounds, matrix);
  aplomb_import_report_add_note (import->report, _("%u age bands read."), bands->len);
}

/* The population totale (what DREES divides by) is the population; the
 * population municipale fills the communes without it (in the bundled
 * file, the islands outside any EPCI) and is kept as a column. */
static void
apply_total_and_municipal (AplombImport *import,
                           const double *total,
                           const double *municipal,
                           const char   *total_field,
                           const char   *municipal_field)
{
  guint n = aplomb_territory_get_n_communes (import->territory), filled = 0;
  g_autofree double *population = g_memdup2 (total, n * sizeof (double));
  g_autofree char *name = import->millesime != NULL
    ? g_strdup_printf ("population_municipale_%s", import->millesime)
    : g_strdup ("population_municipale");

  for (guint i = 0; i < n; i++)
    if (isnan (population[i]) && !isnan (municipal[i]))
      {
        population[i] = municipal[i];
        filled++;
      }
  aplomb_territory_set_population (import->territory, population);
  aplomb_territory_set_column (import->territory, name, municipal);
  aplomb_import_report_add_note (import->report,
                                 _("Population read from field “%s”, or “%s” for the %u communes "
                                   "without it."), total_field, municipal_field, filled);
}

/* A population file on a project without communes lists them: one commune
 * per row with a current code (not an arrondissement or a former code). */
static gboolean
add_communes_from_table (AplombImport *import,
                         AplombTable  *table,
                         int           code_column,
                         GError      **error)
{
  static const char *name_names[] = { "nom", "libelle", "libgeo", "nom_commune", "name", NULL };
  static const char *dep_names[] = { "dep", "code_departement", "departement", "insee_dep", NULL };
  int name_column = aplomb_table_find_column (table, name_names);
  int dep_column = aplomb_table_find_column (table, dep_names);
  g_autoptr(GError) local_error = NULL;

  while (aplomb_table_next (table, &local_error))
    {
      g_autofree char *code = aplomb_import_normalize_code (aplomb_table_get (table, code_column));
      AplombCodeChange change = APLOMB_CODE_SAME;

      if (code == NULL || aplomb_territory_lookup (import->territory, code) >= 0)
        continue;
      if (import->history != NULL)
        aplomb_code_history_lookup (import->history, code, &change);
      if (change == APLOMB_CODE_SAME)
        aplomb_territory_add_commune (import->territory, code,
                                      aplomb_table_get (table, name_column),
                                      aplomb_table_get (table, dep_column));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
aplomb_import_population (AplombImport *import,
                          GError      **error)
{
  static const char *total_names[] = { "pop_totale", "ptot", "population totale", "pop_tot", NULL };
  static const char *municipal_names[] = { "pop_municipale", "pmun", "population municipale",
                                           "pop_mun", "population", "pop", "p22_pop", "p21_pop",
                                           "p20_pop", "p19_pop", NULL };
  static const char *epci_names[] = { "epci_siren", "siren_epci", "code_epci", "epci", NULL };
  static const char *epci_name_names[] = { "epci_nom", "nom_epci", "libepci", NULL };
  static const char *postcode_names[] = { "codes_postaux", "code_postal", "cp", NULL };
  g_autoptr(AplombTable) table = NULL;
  g_autoptr(AplombCommuneValues) values = NULL;
  g_autoptr(GArray) bands = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (int));
  PopulationStrings strings;
  int code_column, fixed[POP_N_FIXED];
  const double *total, *municipal;

  table = open_commune_table (import, &code_column, error);
  if (table == NULL)
    return FALSE;

  if (aplomb_territory_get_n_communes (import->territory) == 0)
    {
      if (!add_communes_from_table (import, table, code_column, error) ||
          !aplomb_table_rewind (table, error))
        return FALSE;
    }

  fixed[POP_TOTAL] = aplomb_table_find_column (table, total_names);
  fixed[POP_MUNICIPAL] = aplomb_table_find_column (table, municipal_names);
  if (import->options->value_field != NULL)
    {
      fixed[POP_TOTAL] = aplomb_table_require_column (table, import->options->value_field, NULL,
                                                      NULL, error);
      fixed[POP_MUNICIPAL] = -1;
      if (fixed[POP_TOTAL] < 0)
        return FALSE;
    }
  fixed[POP_SHARE_75PLUS] = find_share_75plus (table);
  bands = find_age_bands (table);
  if (fixed[POP_TOTAL] < 0 && fixed[POP_MUNICIPAL] < 0 && fixed[POP_SHARE_75PLUS] < 0 &&
      bands->len == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("“%s” has no population field (looked for “%s”, “%s” or age bands)."),
                   import->report->file_name, total_names[0], municipal_names[0]);
      return FALSE;
    }
  g_array_append_vals (columns, fixed, POP_N_FIXED);
  for (guint b = 0; b < bands->len; b++)
    g_array_append_val (columns, g_array_index (bands, AgeBand, b).column);

  strings.epci = aplomb_table_find_column (table, epci_names);
  strings.epci_name = aplomb_table_find_column (table, epci_name_names);
  strings.postcodes = aplomb_table_find_column (table, postcode_names);
  values = read_commune_values (import, table, code_column, (const int *) columns->data,
                                columns->len, APLOMB_COMBINE_SUM, set_commune_strings, &strings,
                                error);
  if (values == NULL)
    return FALSE;

  total = aplomb_commune_values_get (values, POP_TOTAL);
  municipal = aplomb_commune_values_get (values, POP_MUNICIPAL);
  if (fixed[POP_TOTAL] >= 0 && fixed[POP_MUNICIPAL] >= 0)
    apply_total_and_municipal (import, total, municipal,
                               aplomb_table_get_column_name (table, fixed[POP_TOTAL]),
                               aplomb_table_get_column_name (table, fixed[POP_MUNICIPAL]));
  else if (fixed[POP_TOTAL] >= 0 || fixed[POP_MUNICIPAL] >= 0)
    {
      int used = fixed[POP_TOTAL] >= 0 ? fixed[POP_TOTAL] : fixed[POP_MUNICIPAL];

      aplomb_territory_set_population (import->territory,
                                       fixed[POP_TOTAL] >= 0 ? total : municipal);
      aplomb_import_report_add_note (import->report, _("Population read from field “%s”."),
                                     aplomb_table_get_column_name (table, used));
    }
  if (fixed[POP_SHARE_75PLUS] >= 0)
    apply_share_75plus (import, aplomb_commune_values_get (values, POP_SHARE_75PLUS));
  if (bands->len > 0)
    apply_age_bands (import, values, bands);
  return TRUE;
}

/* Named columns */

/* Fields whose meaning is known: DREES's road time to emergency care. */
static const char *known_columns[][2] = {
  { "tps_su_smur_min", "emergency_time_min" },
  { "tps_su_smur", "emergency_time_min" },
};

static gboolean
is_descriptive (const char *name)
{
  static const char *descriptive[] = { "nom", "libelle", "libgeo", "name", "dep", "reg",
                                       "departement", "region", "type", "zone" };
  g_autofree char *normalized = aplomb_import_normalize_name (name);

  for (guint i = 0; i < G_N_ELEMENTS (descriptive); i++)
    if (g_str_has_prefix (normalized, descriptive[i]))
      return TRUE;
  return FALSE;
}

/* The explicit value field, a known one, else the first column after the
 * code that is not a name or a département. */
static int
find_value_column (AplombImport *import,
                   AplombTable  *table,
                   int           code_column,
                   GError      **error)
{
  const char *names[G_N_ELEMENTS (known_columns) + 1] = { NULL };
  int known;

  if (import->options->value_field != NULL)
    return aplomb_table_require_column (table, import->options->value_field, NULL, NULL, error);
  for (guint k = 0; k < G_N_ELEMENTS (known_columns); k++)
    names[k] = known_columns[k][0];
  known = aplomb_table_find_column (table, names);
  if (known >= 0)
    return known;
  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    if ((int) i != code_column && !is_descriptive (aplomb_table_get_column_name (table, i)))
      return i;
  g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
               _("“%s” has no field with values besides the commune code."),
               import->report->file_name);
  return -1;
}

static char *
column_name_for (AplombImport *import,
                 const char   *field)
{
  g_autofree char *normalized = aplomb_import_normalize_name (field);

  if (import->options->column != NULL)
    return g_strdup (import->options->column);
  for (guint k = 0; k < G_N_ELEMENTS (known_columns); k++)
    {
      g_autofree char *known = aplomb_import_normalize_name (known_columns[k][0]);

      if (g_str_equal (normalized, known))
        return g_strdup (known_columns[k][1]);
    }
  return g_strdup (field);
}

gboolean
aplomb_import_column (AplombImport *import,
                      GError      **error)
{
  g_autoptr(AplombTable) table = NULL;
  g_autoptr(AplombCommuneValues) values = NULL;
  g_autofree char *name = NULL;
  int code_column, value_column;

  table = open_commune_table (import, &code_column, error);
  if (table == NULL)
    return FALSE;
  value_column = find_value_column (import, table, code_column, error);
  if (value_column < 0)
    return FALSE;
  values = read_commune_values (import, table, code_column, &value_column, 1,
                                APLOMB_COMBINE_MEAN, NULL, NULL, error);
  if (values == NULL)
    return FALSE;

  name = column_name_for (import, aplomb_table_get_column_name (table, value_column));
  aplomb_territory_set_column (import->territory, name, aplomb_commune_values_get (values, 0));
  aplomb_import_report_add_note (import->report, _("Field “%s” stored as column “%s”."),
                                 aplomb_table_get_column_name (table, value_column), name);
  return TRUE;
}
