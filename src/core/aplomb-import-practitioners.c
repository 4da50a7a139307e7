/* aplomb-import-practitioners.c: practitioners per person or site (with a
 * commune code or coordinates), per commune counts, and the Annuaire Santé
 * extraction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-import-private.h"

static const char *code_names[] = {
  "code_insee", "code commune (coord. structure)", "code_insee_commune", "codgeo",
  "code commune INSEE", "code_commune", "insee_com", "depcom", "com", "code", NULL
};

/* Keywords of profession names and RPPS savoir-faire, normalised. */
static const struct
{
  const char      *keyword;
  AplombProfession profession;
} profession_keywords[] = {
  { "generale", APLOMB_PROFESSION_GP },
  { "generaliste", APLOMB_PROFESSION_GP },
  { "omnipraticien", APLOMB_PROFESSION_GP },
  { "infirm", APLOMB_PROFESSION_NURSE },
  { "kinesi", APLOMB_PROFESSION_PHYSIOTHERAPIST },
  { "masseur", APLOMB_PROFESSION_PHYSIOTHERAPIST },
  { "sagefemme", APLOMB_PROFESSION_MIDWIFE },
  { "sagesfemme", APLOMB_PROFESSION_MIDWIFE },
  { "dentist", APLOMB_PROFESSION_DENTIST },
};

static gboolean
profession_from_text (const char       *text,
                      AplombProfession *profession)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return FALSE;
  normalized = aplomb_import_normalize_name (text);
  for (guint k = 0; k < G_N_ELEMENTS (profession_keywords); k++)
    if (strstr (normalized, profession_keywords[k].keyword) != NULL)
      {
        *profession = profession_keywords[k].profession;
        return TRUE;
      }
  return FALSE;
}

static char *
count_column_name (AplombImport    *import,
                   AplombProfession profession)
{
  GString *name = g_string_new (aplomb_profession_to_string (profession));

  g_string_append (name, "_count");
  if (import->options->label != NULL)
    g_string_append_printf (name, "_%s", import->options->label);
  if (import->millesime != NULL)
    g_string_append_printf (name, "_%s", import->millesime);
  return g_string_free (name, FALSE);
}

/* Earlier rows of the same profession are the same supply from an older
 * source: an import replaces them rather than counting them twice. */
static void
replace_profession (AplombImport    *import,
                    AplombProfession profession)
{
  guint removed = aplomb_territory_remove_practitioners (import->territory, profession);

  if (removed > 0)
    aplomb_import_report_add_note (import->report,
                                   _("%u earlier rows of “%s” replaced by this file."), removed,
                                   aplomb_profession_get_label (profession));
}

static AplombPractitioner
unknown_practitioner (AplombProfession profession,
                      int              commune)
{
  return (AplombPractitioner) {
    .profession = profession,
    .commune = commune,
    .lon = NAN,
    .lat = NAN,
    .heads = 1,
    .etp = NAN,
    .activity = NAN,
    .age = -1,
    .mode = APLOMB_PRACTICE_UNKNOWN,
  };
}

/* Per commune counts */

typedef struct
{
  int              column;
  AplombProfession profession;
} CountColumn;

/* "nb_medecins_generalistes", "nb_medecins_omnipraticiens_D201",
 * "Nombre d'infirmiers"…; totals mix professions and are left out. */
static GArray *
find_count_columns (AplombImport *import,
                    AplombTable  *table)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (CountColumn));
  const AplombImportOptions *options = import->options;

  if (options->value_field != NULL)
    {
      const char *names[] = { options->value_field, NULL };
      CountColumn count = { aplomb_table_find_column (table, names), options->profession };

      if (count.column >= 0 &&
          (options->profession_given ||
           profession_from_text (options->value_field, &count.profession)))
        g_array_append_val (counts, count);
      return counts;
    }

  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      g_autofree char *name = aplomb_import_normalize_name (aplomb_table_get_column_name (table, i));
      CountColumn count = { i, options->profession };

      if (!g_str_has_prefix (name, "nb") && !g_str_has_prefix (name, "nombre") &&
          !g_str_has_prefix (name, "effectif") && !g_str_has_prefix (name, "count"))
        continue;
      if (strstr (name, "total") != NULL)
        continue;
      if (profession_from_text (name, &count.profession) || options->profession_given)
        g_array_append_val (counts, count);
    }
  return counts;
}

static gboolean
import_counts (AplombImport *import,
               AplombTable  *table,
               int           code_column,
               GArray       *counts,
               GError      **error)
{
  g_autoptr(AplombCommuneValues) values = aplomb_commune_values_new (import, counts->len,
                                                                      APLOMB_COMBINE_SUM);
  g_autofree double *slots = g_new (double, counts->len);
  g_autofree int *columns = g_new (int, counts->len);
  g_autoptr(GError) local_error = NULL;
  guint n = aplomb_territory_get_n_communes (import->territory);

  for (guint c = 0; c < counts->len; c++)
    columns[c] = g_array_index (counts, CountColumn, c).column;
  while (aplomb_table_next (table, &local_error))
    {
      guint line = aplomb_table_get_line (table);
      gboolean remapped;
      int commune;

      import->report->n_read++;
      commune = aplomb_commune_values_match (values, aplomb_table_get (table, code_column), line,
                                             aplomb_table_get_column_name (table, code_column),
                                             &remapped);
      if (commune >= 0 &&
          aplomb_import_parse_row_numbers (import, table, columns, counts->len, slots))
        aplomb_commune_values_add (values, commune, remapped, line, slots);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  aplomb_commune_values_finish (values);

  for (guint c = 0; c < counts->len; c++)
    {
      AplombProfession profession = g_array_index (counts, CountColumn, c).profession;
      const double *heads = aplomb_commune_values_get (values, c);
      g_autofree char *name = count_column_name (import, profession);
      double total = 0;

      replace_profession (import, profession);
      for (guint i = 0; i < n; i++)
        if (heads[i] > 0)
          {
            AplombPractitioner row = unknown_practitioner (profession, i);

            row.heads = heads[i];
            if (import->options->etp_per_head > 0)
              row.etp = heads[i] * import->options->etp_per_head;
            total += heads[i];
            aplomb_territory_add_practitioner (import->territory, &row);
          }
      aplomb_territory_set_column (import->territory, name, heads);
      aplomb_import_report_add_note (import->report,
                                     _("Field “%s”: %g %s, stored as column “%s”."),
                                     aplomb_table_get_column_name (table, g_array_index (counts, CountColumn, c).column),
                                     total, aplomb_profession_get_label (profession), name);
    }
  return TRUE;
}

/* One row per practitioner or practice site */

typedef struct
{
  int code, x, y, profession, specialty, mode, age, etp, activity, msp, cds, id;
} RowColumns;

static void
find_row_columns (AplombTable *table,
                  RowColumns  *columns)
{
  static const char *profession_names[] = { "libelle profession", "profession", "libelle_profession",
                                            NULL };
  static const char *specialty_names[] = { "libelle savoir-faire", "specialite", "savoir_faire",
                                           "libelle_specialite", "specialty", NULL };
  static const char *mode_names[] = { "libelle mode exercice", "mode_exercice", "mode", NULL };
  static const char *age_names[] = { "age", NULL };
  static const char *etp_names[] = { "etp", "fte", NULL };
  static const char *activity_names[] = { "activite", "nb_actes", "actes", "activity", NULL };
  static const char *msp_names[] = { "msp", "en_msp", "maison_de_sante", NULL };
  static const char *cds_names[] = { "centre_de_sante", "cds", "en_cds", NULL };
  static const char *id_names[] = { "identifiant pp", "identification nationale pp", "rpps",
                                    "pp_pseudo_id", "id_pp", "id", NULL };

  columns->code = aplomb_table_find_column (table, code_names);
  aplomb_table_find_coordinates (table, &columns->x, &columns->y);
  columns->profession = aplomb_table_find_column (table, profession_names);
  columns->specialty = aplomb_table_find_column (table, specialty_names);
  columns->mode = aplomb_table_find_column (table, mode_names);
  columns->age = aplomb_table_find_column (table, age_names);
  columns->etp = aplomb_table_find_column (table, etp_names);
  columns->activity = aplomb_table_find_column (table, activity_names);
  columns->msp = aplomb_table_find_column (table, msp_names);
  columns->cds = aplomb_table_find_column (table, cds_names);
  columns->id = aplomb_table_find_column (table, id_names);
}

/* A physician ("Médecin") is a GP when their savoir-faire is general
 * medicine; a specialty alone (RPPS extracts) means a physician too. */
static gboolean
row_profession (AplombImport     *import,
                AplombTable      *table,
                const RowColumns *columns,
                AplombProfession *profession)
{
  const char *title = aplomb_table_get (table, columns->profession);
  const char *specialty = aplomb_table_get (table, columns->specialty);
  g_autofree char *normalized = title != NULL ? aplomb_import_normalize_name (title) : NULL;

  if (profession_from_text (specialty, profession))
    return TRUE;
  if (normalized != NULL && g_str_has_prefix (normalized, "medecin"))
    {
      *profession = APLOMB_PROFESSION_OTHER_PHYSICIAN;
      return TRUE;
    }
  if (profession_from_text (title, profession))
    return TRUE;
  if (title == NULL && specialty != NULL)
    {
      *profession = APLOMB_PROFESSION_OTHER_PHYSICIAN;
      return TRUE;
    }
  if (import->options->profession_given)
    {
      *profession = import->options->profession;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_yes (const char *text)
{
  g_autofree char *normalized = text != NULL ? aplomb_import_normalize_name (text) : NULL;

  return normalized != NULL && (g_str_equal (normalized, "oui") || g_str_equal (normalized, "1") ||
                                g_str_equal (normalized, "true") || g_str_equal (normalized, "yes"));
}

static AplombPracticeMode
parse_mode (const char *text)
{
  g_autofree char *normalized = text != NULL ? aplomb_import_normalize_name (text) : NULL;

  if (normalized == NULL)
    return APLOMB_PRACTICE_UNKNOWN;
  if (strstr (normalized, "mixte") != NULL)
    return APLOMB_PRACTICE_MIXED;
  if (strstr (normalized, "liberal") != NULL)
    return APLOMB_PRACTICE_LIBERAL;
  if (strstr (normalized, "salari") != NULL)
    return APLOMB_PRACTICE_SALARIED;
  return APLOMB_PRACTICE_UNKNOWN;
}

typedef struct
{
  AplombImport     *import;
  AplombTable      *table;
  const RowColumns *columns;
  AplombRowLocator  locator;
} RowReader;

static gboolean
read_practitioner_row (RowReader          *reader,
                       AplombPractitioner *row)
{
  AplombTable *table = reader->table;
  const RowColumns *columns = reader->columns;
  AplombProfession profession;
  const char *age = aplomb_table_get (table, columns->age);
  double value;

  if (!row_profession (reader->import, table, columns, &profession))
    {
      const char *text = aplomb_table_get (table, columns->specialty);

      if (text == NULL)
        text = aplomb_table_get (table, columns->profession);
      aplomb_import_report_reject (reader->import->report, _("Unknown profession"),
                                   aplomb_table_get_line (table), NULL, text != NULL ? text : "");
      return FALSE;
    }
  *row = unknown_practitioner (profession, -1);
  if (!aplomb_row_locator_locate (&reader->locator, table, &row->commune, &row->lon, &row->lat))
    return FALSE;

  row->mode = parse_mode (aplomb_table_get (table, columns->mode));
  row->in_msp = is_yes (aplomb_table_get (table, columns->msp));
  row->in_centre_de_sante = is_yes (aplomb_table_get (table, columns->cds));
  if (aplomb_import_parse_number (age, &value) && value >= 18 && value < 120)
    row->age = (int) value;
  if (aplomb_import_parse_number (aplomb_table_get (table, columns->etp), &value) && value >= 0)
    row->etp = value;
  if (aplomb_import_parse_number (aplomb_table_get (table, columns->activity), &value) && value >= 0)
    row->activity = value;
  return TRUE;
}

/* A practitioner with several sites is one head shared among them. */
static void
share_heads (GArray    *rows,
             GPtrArray *ids)
{
  g_autoptr(GHashTable) sites = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 0; r < rows->len; r++)
    {
      const char *id = g_ptr_array_index (ids, r);

      if (id != NULL)
        g_hash_table_insert (sites, (gpointer) id,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sites, id)) + 1));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      const char *id = g_ptr_array_index (ids, r);

      if (id != NULL)
        g_array_index (rows, AplombPractitioner, r).heads =
          1.0 / GPOINTER_TO_UINT (g_hash_table_lookup (sites, id));
    }
}

static gboolean
import_rows (AplombImport     *import,
             AplombTable      *table,
             const RowColumns *columns,
             GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (AplombPractitioner));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gboolean replaced[APLOMB_N_PROFESSIONS] = { FALSE };
  RowReader reader = { import, table, columns };

  aplomb_row_locator_init (&reader.locator, import, columns->code, columns->x, columns->y);

  while (aplomb_table_next (table, &local_error))
    {
      AplombPractitioner row;

      import->report->n_read++;
      if (!read_practitioner_row (&reader, &row))
        continue;
      import->report->n_imported++;
      g_array_append_val (rows, row);
      g_ptr_array_add (ids, g_strdup (aplomb_table_get (table, columns->id)));
    }
  aplomb_row_locator_clear (&reader.locator);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (columns->id >= 0)
    share_heads (rows, ids);
  for (guint r = 0; r < rows->len; r++)
    {
      AplombPractitioner *row = &g_array_index (rows, AplombPractitioner, r);

      if (!replaced[row->profession])
        replace_profession (import, row->profession);
      replaced[row->profession] = TRUE;
      aplomb_territory_add_practitioner (import->territory, row);
    }
  return TRUE;
}

gboolean
aplomb_import_practitioners (AplombImport *import,
                             GError      **error)
{
  g_autoptr(AplombTable) table = aplomb_table_open_sheet (import, error);
  g_autoptr(GArray) counts = NULL;
  RowColumns columns;

  if (table == NULL)
    return FALSE;
  if (aplomb_territory_get_n_communes (import->territory) == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT,
                   _("Import the communes before the practitioners."));
      return FALSE;
    }

  find_row_columns (table, &columns);
  if (import->options->code_field != NULL)
    {
      columns.code = aplomb_table_require_column (table, import->options->code_field, NULL, NULL,
                                                  error);
      if (columns.code < 0)
        return FALSE;
    }
  counts = find_count_columns (import, table);
  if (counts->len > 0)
    {
      if (columns.code < 0)
        {
          aplomb_table_require_column (table, NULL, code_names, _("commune code"), error);
          return FALSE;
        }
      return import_counts (import, table, columns.code, counts, error);
    }
  if (columns.code < 0 && (columns.x < 0 || columns.y < 0))
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("“%s” has neither a commune code nor coordinates for the practitioners."),
                   import->report->file_name);
      return FALSE;
    }
  return import_rows (import, table, &columns, error);
}
