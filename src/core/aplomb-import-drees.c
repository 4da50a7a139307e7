/* aplomb-import-drees.c: the official APL as DREES publishes it (a workbook
 * with a sheet per year) and the same values as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-import-private.h"

/* One value column of the file and the territory column it fills. */
typedef struct
{
  int   column;
  char *name;
} AplColumn;

static void
apl_column_clear (gpointer data)
{
  g_free (((AplColumn *) data)->name);
}

static GArray *
apl_columns_new (void)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (AplColumn));

  g_array_set_clear_func (columns, apl_column_clear);
  return columns;
}

static void
add_apl_column (GArray     *columns,
                int         column,
                const char *name)
{
  AplColumn apl = { column, g_strdup (name) };

  /* A more precise column of the same name (apl_2023_3dp) replaces it. */
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_array_index (columns, AplColumn, i).name, name))
      {
        g_array_remove_index (columns, i);
        break;
      }
  g_array_append_val (columns, apl);
}

static char *
last_year (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("(?:19|20)\\d\\d", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  char *year = NULL;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_free (year);
      year = g_match_info_fetch (match, 0);
      g_match_info_next (match, NULL);
    }
  return year;
}

/* Workbook headers, normalised: "APL aux médecins généralistes" (all
 * ages), "… de 65 ans et moins" (or "ou moins", "de moins de 65 ans"),
 * "Population standardisée 2021 pour la médecine générale",
 * "Population totale 2021". */
static char *
workbook_column_name (const char *header,
                      const char *year)
{
  g_autofree char *name = aplomb_import_normalize_name (header);
  g_autofree char *header_year = last_year (header);
  static const char *age_bounds[] = { "65", "62", "60" };

  if (g_str_has_prefix (name, "populationstandardisee"))
    return g_strdup_printf ("population_std_%s", header_year != NULL ? header_year : year);
  if (g_str_has_prefix (name, "populationtotale"))
    return g_strdup_printf ("population_total_%s", header_year != NULL ? header_year : year);
  if (!g_str_has_prefix (name, "apl") || strstr (name, "medecinsgeneralistes") == NULL)
    return NULL;
  for (guint b = 0; b < G_N_ELEMENTS (age_bounds); b++)
    if (strstr (name, age_bounds[b]) != NULL)
      return g_strdup_printf ("apl_official_le%s_%s", age_bounds[b], year);
  return g_strdup_printf ("apl_official_%s", year);
}

/* CSV headers: apl_2021, apl_2023_3dp, "APL 2022"… */
static char *
csv_column_name (const char *header)
{
  g_autofree char *name = aplomb_import_normalize_name (header);
  g_autofree char *year = last_year (header);

  if (year == NULL || !g_str_has_prefix (name, "apl"))
    return NULL;
  if (!g_str_equal (name + 3, year) && !(g_str_has_prefix (name + 3, year) &&
                                         g_str_has_suffix (name, "dp")))
    return NULL;
  return g_strdup_printf ("apl_official_%s", year);
}

/* Footer rows of the workbook ("Lecture : …", "Champ : …", "Source : …"). */
static gboolean
is_footer (const char *code)
{
  static const char *footers[] = { "lecture", "champ", "source", "note" };
  g_autofree char *name = code != NULL ? aplomb_import_normalize_name (code) : NULL;

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (footers); i++)
    if (g_str_has_prefix (name, footers[i]))
      return TRUE;
  return FALSE;
}

/* The row after the header gives the unit; a change of unit would rescale
 * every result silently, so anything but "… par habitant standardisé" is
 * refused. Returns FALSE with error set on a wrong unit. */
static gboolean
check_unit_row (AplombImport *import,
                AplombTable  *table,
                int           code_column,
                gboolean     *is_unit_row,
                GError      **error)
{
  *is_unit_row = FALSE;
  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      const char *cell = aplomb_table_get (table, i);
      g_autofree char *name = cell != NULL ? aplomb_import_normalize_name (cell) : NULL;

      if ((int) i == code_column || name == NULL || !g_str_has_prefix (name, "en"))
        continue;
      *is_unit_row = TRUE;
      if (strstr (aplomb_table_get_column_name (table, i), "APL") != NULL &&
          strstr (name, "habitantstandardise") == NULL)
        {
          g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT,
                       _("Unexpected unit “%s” in “%s”: the official APL is in consultations "
                         "per year per standardised inhabitant."), cell,
                       import->report->file_name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the current sheet (header already found) into the territory. */
static gboolean
read_apl_sheet (AplombImport *import,
                AplombTable  *table,
                int           code_column,
                GArray       *columns,
                gboolean      workbook,
                GError      **error)
{
  g_autoptr(AplombCommuneValues) values = aplomb_commune_values_new (import, columns->len,
                                                                      APLOMB_COMBINE_MEAN);
  g_autofree double *slots = g_new (double, columns->len);
  g_autofree int *value_columns = g_new (int, columns->len);
  g_autoptr(GError) local_error = NULL;
  gboolean first = TRUE;

  for (guint c = 0; c < columns->len; c++)
    value_columns[c] = g_array_index (columns, AplColumn, c).column;

  while (aplomb_table_next (table, &local_error))
    {
      const char *code = aplomb_table_get (table, code_column);
      guint line = aplomb_table_get_line (table);
      gboolean remapped;
      int commune;

      if (workbook && first)
        {
          gboolean is_unit_row;

          first = FALSE;
          if (!check_unit_row (import, table, code_column, &is_unit_row, error))
            return FALSE;
          if (is_unit_row)
            continue;
        }
      if (workbook && is_footer (code))
        continue;

      import->report->n_read++;
      commune = aplomb_commune_values_match (values, code, line,
                                             aplomb_table_get_column_name (table, code_column),
                                             &remapped);
      if (commune >= 0 &&
          aplomb_import_parse_row_numbers (import, table, value_columns, columns->len, slots))
        aplomb_commune_values_add (values, commune, remapped, line, slots);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  aplomb_commune_values_finish (values);
  for (guint c = 0; c < columns->len; c++)
    {
      const AplColumn *apl = &g_array_index (columns, AplColumn, c);

      aplomb_territory_set_column (import->territory, apl->name,
                                   aplomb_commune_values_get (values, c));
      aplomb_import_report_add_note (import->report, _("Field “%s” stored as column “%s”."),
                                     aplomb_table_get_column_name (table, apl->column), apl->name);
    }
  return TRUE;
}

static const char *code_headers[] = { "Code commune INSEE", "Code commune", "code_insee",
                                      "codgeo", NULL };

static gboolean
import_workbook_sheet (AplombImport *import,
                       AplombTable  *table,
                       guint         sheet,
                       const char   *year,
                       GError      **error)
{
  g_autoptr(GArray) columns = apl_columns_new ();
  int code_column;

  if (!aplomb_table_select_sheet (table, sheet, code_headers, error))
    return FALSE;
  code_column = aplomb_table_find_column (table, code_headers);
  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      g_autofree char *name = workbook_column_name (aplomb_table_get_column_name (table, i), year);

      if (name != NULL)
        add_apl_column (columns, i, name);
    }
  if (columns->len == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("Sheet “%s” of “%s” has no “APL aux médecins généralistes” column."),
                   aplomb_table_get_sheet_name (table, sheet), import->report->file_name);
      return FALSE;
    }
  return read_apl_sheet (import, table, code_column, columns, TRUE, error);
}

/* A workbook has a sheet per year ("APL 2023", "APL_2019"); a CSV or a
 * single-sheet file has one column per year. */
gboolean
aplomb_import_official_apl (AplombImport *import,
                            GError      **error)
{
  g_autoptr(AplombTable) table = aplomb_table_open (import, error);
  g_autoptr(GArray) columns = NULL;
  guint n_year_sheets = 0;
  int code_column;

  if (table == NULL)
    return FALSE;

  for (guint sheet = 0; sheet < aplomb_table_get_n_sheets (table); sheet++)
    {
      const char *sheet_name = aplomb_table_get_sheet_name (table, sheet);
      g_autofree char *normalized = aplomb_import_normalize_name (sheet_name);
      g_autofree char *year = last_year (sheet_name);

      /* "APL 2023", "APL_2019", "APL_mg_2017"… */
      if (!aplomb_table_has_sheets (table) || year == NULL ||
          !g_str_has_prefix (normalized, "apl") || !g_str_has_suffix (normalized, year))
        continue;
      n_year_sheets++;
      if (!import_workbook_sheet (import, table, sheet, year, error))
        return FALSE;
    }
  if (n_year_sheets > 0)
    return TRUE;

  if (!aplomb_table_select_sheet (table, 0, code_headers, error))
    return FALSE;
  code_column = aplomb_table_require_column (table, import->options->code_field, code_headers,
                                             _("commune code"), error);
  if (code_column < 0)
    return FALSE;
  columns = apl_columns_new ();
  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      g_autofree char *name = csv_column_name (aplomb_table_get_column_name (table, i));

      if (name != NULL)
        add_apl_column (columns, i, name);
    }
  if (columns->len == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("“%s” has no APL column (such as “apl_2023” or “APL 2023”)."),
                   import->report->file_name);
      return FALSE;
    }
  return read_apl_sheet (import, table, code_column, columns, FALSE, error);
}
