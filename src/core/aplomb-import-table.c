/* aplomb-import-table.c: CSV, XLSX, ODS and DBF tables read through GDAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "aplomb-gdal.h"
#include "aplomb-import-private.h"

typedef enum
{
  TABLE_CSV,         /* every cell a string, header found among the rows */
  TABLE_SPREADSHEET, /* same, for XLSX and ODS (title blocks above the header) */
  TABLE_FIELDS,      /* DBF, GPKG, GeoJSON…: the fields are the header */
} TableMode;

struct _AplombTable
{
  AplombImport *import;
  GDALDatasetH  dataset;
  TableMode     mode;
  OGRLayerH     layer;
  guint         sheet;
  const char * const *header_cells;
  GPtrArray    *columns;      /* char *, trimmed names */
  GPtrArray    *cells;        /* char * or NULL, the current row */
  guint         line;
  char         *tab_copy;     /* temporary tab-separated copy of a pipe-separated file */
};

/* The spreadsheet drivers read these when a sheet is first parsed, which
 * happens lazily: they stay set (for this thread) while the table is open. */
static const char *spreadsheet_options[][2] = {
  { "OGR_XLSX_HEADERS", "DISABLE" },
  { "OGR_XLSX_FIELD_TYPES", "STRING" },
  { "OGR_ODS_HEADERS", "DISABLE" },
  { "OGR_ODS_FIELD_TYPES", "STRING" },
};

static void
set_spreadsheet_options (gboolean set)
{
  for (guint i = 0; i < G_N_ELEMENTS (spreadsheet_options); i++)
    CPLSetThreadLocalConfigOption (spreadsheet_options[i][0],
                                   set ? spreadsheet_options[i][1] : NULL);
}

static TableMode
mode_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt") ||
      g_str_has_suffix (lower, ".tsv"))
    return TABLE_CSV;
  if (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm") ||
      g_str_has_suffix (lower, ".ods"))
    return TABLE_SPREADSHEET;
  return TABLE_FIELDS;
}

/* How many pipes, commas, semicolons and tabs the first line has. */
static void
count_separators (const char *path,
                  guint       counts[4])
{
  g_autofree char *line = g_malloc0 (1 << 16);
  const char separators[] = "|,;\t";
  FILE *file = fopen (path, "rb");

  memset (counts, 0, 4 * sizeof (guint));
  if (file == NULL)
    return;
  if (fgets (line, 1 << 16, file) == NULL)
    line[0] = '\0';
  fclose (file);
  for (const char *c = line; *c != '\0' && *c != '\n'; c++)
    for (guint s = 0; s < 4; s++)
      if (*c == separators[s])
        counts[s]++;
}

/* GDAL's CSV driver reads commas, semicolons and tabs but not pipes (the
 * Annuaire Santé extractions, "ps-libreacces-…", are "|" separated), and
 * refuses a file of one column (a list of commune codes). Such files are
 * copied with tabs for pipes (these extractions never hold a tab), or
 * with a tab ending each line: an empty second column. */
static char *
copy_with_tabs (const char *path,
                gboolean    one_column,
                GError    **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *buffer = g_malloc (1 << 16);
  /* Annuaire Santé extractions run to hundreds of megabytes: converted a
   * buffer at a time, each byte giving at most two. */
  g_autofree char *converted = g_malloc (2 << 16);
  FILE *in = NULL, *out = NULL;
  char last = '\n';
  size_t n;
  int fd;

  fd = g_file_open_tmp ("aplomb-XXXXXX.csv", &copy, error);
  if (fd < 0)
    return NULL;
  out = fdopen (fd, "wb");
  in = fopen (path, "rb");
  while (in != NULL && out != NULL && (n = fread (buffer, 1, 1 << 16, in)) > 0)
    {
      size_t m = 0;

      for (size_t i = 0; i < n; i++)
        {
          /* The empty column ends the line, before its "\r\n" or "\n". */
          if (one_column && (buffer[i] == '\r' || (buffer[i] == '\n' && last != '\r')))
            converted[m++] = '\t';
          converted[m++] = buffer[i] == '|' ? '\t' : buffer[i];
          last = buffer[i];
        }
      fwrite (converted, 1, m, out);
    }
  if (one_column && out != NULL && last != '\n' && last != '\r')
    fputc ('\t', out);
  if (in != NULL)
    fclose (in);
  if (out == NULL || fclose (out) != 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                   _("No room for a temporary copy of “%s”."), path);
      g_unlink (copy);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* UTF-16 and UTF-32 text has NUL bytes, which UTF-8 and Latin-1 never
 * have; GDAL would read it as garbage. */
static gboolean
looks_like_utf16 (const char *path)
{
  char head[4096];
  size_t n = 0;
  FILE *file = fopen (path, "rb");

  if (file != NULL)
    {
      n = fread (head, 1, sizeof head, file);
      fclose (file);
    }
  return memchr (head, '\0', n) != NULL;
}

/* Errors name the user's file, not its temporary copy. */
static void
name_original_file (GError    **error,
                    const char *copy,
                    const char *path)
{
  g_autofree char *copy_name = g_path_get_basename (copy);
  g_autofree char *name = g_path_get_basename (path);
  GString *message;

  if (error == NULL || *error == NULL)
    return;
  message = g_string_new ((*error)->message);
  g_string_replace (message, copy_name, name, 0);
  g_free ((*error)->message);
  (*error)->message = g_string_free (message, FALSE);
}

static GDALDatasetH
open_csv (AplombTable *table,
          const char  *path,
          GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *gdal_path = NULL;
  char **options = NULL;
  GDALDatasetH dataset;
  guint separators[4];
  gboolean pipes, one_column;

  /* Every cell stays a string: numbers with decimal commas, codes with
   * leading zeros and empty cells are interpreted by the importers. */
  options = CSLSetNameValue (options, "HEADERS", "NO");
  options = CSLSetNameValue (options, "AUTODETECT_TYPE", "NO");
  options = CSLSetNameValue (options, "EMPTY_STRING_AS_NULL", "YES");
  if (looks_like_utf16 (path))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_ENCODING,
                   _("“%s” is in an encoding Aplomb cannot read (UTF-16?): save it as a UTF-8 "
                     "or Latin-1 CSV file."), name);
      CSLDestroy (options);
      return NULL;
    }
  count_separators (path, separators);
  pipes = separators[0] > 0 && separators[0] > separators[1] && separators[0] > separators[2] &&
          separators[0] > separators[3];
  one_column = separators[0] + separators[1] + separators[2] + separators[3] == 0;
  if (pipes || one_column)
    {
      table->tab_copy = copy_with_tabs (path, one_column, error);
      if (table->tab_copy == NULL)
        {
          CSLDestroy (options);
          return NULL;
        }
    }
  /* The CSV driver only claims .csv files by itself. */
  gdal_path = table->tab_copy != NULL || g_str_has_suffix (lower, ".csv")
                ? g_strdup (table->tab_copy != NULL ? table->tab_copy : path)
                : g_strconcat ("CSV:", path, NULL);
  dataset = aplomb_import_open_vector (gdal_path, options, error);
  CSLDestroy (options);
  if (dataset == NULL && table->tab_copy != NULL)
    name_original_file (error, table->tab_copy, path);
  return dataset;
}

AplombTable *
aplomb_table_open (AplombImport *import,
                   GError      **error)
{
  return aplomb_table_open_file (import, import->path, error);
}

AplombTable *
aplomb_table_open_file (AplombImport *import,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(AplombTable) table = g_new0 (AplombTable, 1);

  table->import = import;
  table->mode = mode_for_path (path);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->cells = g_ptr_array_new_with_free_func (g_free);

  if (table->mode == TABLE_CSV)
    table->dataset = open_csv (table, path, error);
  else
    {
      if (table->mode == TABLE_SPREADSHEET)
        set_spreadsheet_options (TRUE);
      table->dataset = aplomb_import_open_vector (path, NULL, error);
    }
  if (table->dataset == NULL)
    return NULL;

  if (GDALDatasetGetLayerCount (table->dataset) == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_EMPTY,
                   _("“%s” holds no table."), import->report->file_name);
      return NULL;
    }
  return g_steal_pointer (&table);
}

void
aplomb_table_free (AplombTable *table)
{
  if (table == NULL)
    return;
  if (table->mode == TABLE_SPREADSHEET)
    set_spreadsheet_options (FALSE);
  g_clear_pointer (&table->dataset, GDALClose);
  if (table->tab_copy != NULL)
    g_unlink (table->tab_copy);
  g_free (table->tab_copy);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->cells);
  g_free (table);
}

gboolean
aplomb_table_has_sheets (AplombTable *table)
{
  return table->mode == TABLE_SPREADSHEET;
}

guint
aplomb_table_get_n_sheets (AplombTable *table)
{
  return GDALDatasetGetLayerCount (table->dataset);
}

const char *
aplomb_table_get_sheet_name (AplombTable *table,
                             guint        sheet)
{
  return OGR_L_GetName (GDALDatasetGetLayer (table->dataset, sheet));
}

/* Reads the next feature into table->cells; FALSE at the end. */
static gboolean
read_row (AplombTable *table,
          GError     **error)
{
  g_auto(OGRFeatureH) feature = NULL;
  int n_fields;

  if (g_cancellable_set_error_if_cancelled (table->import->cancellable, error))
    return FALSE;

  CPLErrorReset ();
  feature = OGR_L_GetNextFeature (table->layer);
  if (feature == NULL)
    {
      if (CPLGetLastErrorType () >= CE_Failure)
        {
          g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                       _("“%s” could not be read to the end: %s"),
                       table->import->report->file_name, CPLGetLastErrorMsg ());
        }
      return FALSE;
    }

  table->line++;
  g_ptr_array_set_size (table->cells, 0);
  n_fields = OGR_F_GetFieldCount (feature);
  for (int i = 0; i < n_fields; i++)
    {
      g_autofree char *buffer = NULL;
      const char *text;
      char *cell;

      if (!OGR_F_IsFieldSetAndNotNull (feature, i))
        {
          g_ptr_array_add (table->cells, NULL);
          continue;
        }
      text = aplomb_import_decode_text (table->import, OGR_F_GetFieldAsString (feature, i),
                                        &buffer);
      cell = g_strstrip (g_strdup (text));
      if (*cell == '\0')
        g_clear_pointer (&cell, g_free);
      g_ptr_array_add (table->cells, cell);
    }
  return TRUE;
}

static gboolean
row_is_empty (AplombTable *table)
{
  for (guint i = 0; i < table->cells->len; i++)
    if (g_ptr_array_index (table->cells, i) != NULL)
      return FALSE;
  return TRUE;
}

static gboolean
row_has_header (AplombTable        *table,
                const char * const *header_cells)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (table->cells, i);
      g_autofree char *normalized = NULL;

      if (cell == NULL)
        continue;
      normalized = aplomb_import_normalize_name (cell);
      for (guint h = 0; header_cells[h] != NULL; h++)
        {
          g_autofree char *wanted = aplomb_import_normalize_name (header_cells[h]);

          if (g_str_equal (normalized, wanted))
            return TRUE;
        }
    }
  return FALSE;
}

static void
use_field_names_as_header (AplombTable *table)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (table->layer);

  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    {
      g_autofree char *buffer = NULL;
      const char *name = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i));

      g_ptr_array_add (table->columns,
                       g_strdup (aplomb_import_decode_text (table->import, name, &buffer)));
    }
}

gboolean
aplomb_table_select_sheet (AplombTable        *table,
                           guint               sheet,
                           const char * const *header_cells,
                           GError            **error)
{
  g_return_val_if_fail (sheet < aplomb_table_get_n_sheets (table), FALSE);

  table->sheet = sheet;
  table->header_cells = header_cells;
  table->layer = GDALDatasetGetLayer (table->dataset, sheet);
  OGR_L_ResetReading (table->layer);
  table->line = 0;
  g_ptr_array_set_size (table->columns, 0);
  g_ptr_array_set_size (table->cells, 0);

  if (table->mode == TABLE_FIELDS)
    {
      use_field_names_as_header (table);
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (!read_row (table, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (header_cells == NULL)
            g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_EMPTY,
                         _("“%s” is empty."), table->import->report->file_name);
          else
            g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                         _("“%s” has no header row with a “%s” column."),
                         table->import->report->file_name, header_cells[0]);
          return FALSE;
        }
      if (row_is_empty (table))
        continue;
      if (header_cells == NULL || row_has_header (table, header_cells))
        break;
    }

  for (guint i = 0; i < table->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (table->cells, i);

      g_ptr_array_add (table->columns, g_strdup (cell != NULL ? cell : ""));
    }
  return TRUE;
}

gboolean
aplomb_table_rewind (AplombTable *table,
                     GError     **error)
{
  return aplomb_table_select_sheet (table, table->sheet, table->header_cells, error);
}

AplombTable *
aplomb_table_open_sheet (AplombImport *import,
                         GError      **error)
{
  g_autoptr(AplombTable) table = aplomb_table_open (import, error);
  const char *wanted = import->options->layer;
  guint sheet = 0;

  if (table == NULL)
    return NULL;
  if (wanted != NULL)
    {
      while (sheet < aplomb_table_get_n_sheets (table) &&
             !g_str_equal (aplomb_table_get_sheet_name (table, sheet), wanted))
        sheet++;
      if (sheet == aplomb_table_get_n_sheets (table))
        {
          g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                       _("“%s” has no sheet or layer “%s”."), import->report->file_name, wanted);
          return NULL;
        }
    }
  if (!aplomb_table_select_sheet (table, sheet, NULL, error))
    return NULL;
  return g_steal_pointer (&table);
}

guint
aplomb_table_get_n_columns (AplombTable *table)
{
  return table->columns->len;
}

const char *
aplomb_table_get_column_name (AplombTable *table,
                              guint        column)
{
  g_return_val_if_fail (column < table->columns->len, NULL);

  return g_ptr_array_index (table->columns, column);
}

int
aplomb_table_find_column (AplombTable        *table,
                          const char * const *candidates)
{
  g_autoptr(GPtrArray) normalized = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < table->columns->len; i++)
    g_ptr_array_add (normalized,
                     aplomb_import_normalize_name (g_ptr_array_index (table->columns, i)));

  for (guint c = 0; candidates[c] != NULL; c++)
    {
      g_autofree char *wanted = aplomb_import_normalize_name (candidates[c]);

      for (guint i = 0; i < normalized->len; i++)
        if (g_str_equal (g_ptr_array_index (normalized, i), wanted))
          return i;
    }
  return -1;
}

int
aplomb_table_require_column (AplombTable        *table,
                             const char         *explicit_name,
                             const char * const *candidates,
                             const char         *what,
                             GError            **error)
{
  int column;

  if (explicit_name != NULL)
    {
      const char *names[] = { explicit_name, NULL };

      column = aplomb_table_find_column (table, names);
      if (column < 0)
        g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                     _("“%s” has no field “%s”."), table->import->report->file_name,
                     explicit_name);
      return column;
    }

  column = aplomb_table_find_column (table, candidates);
  if (column < 0)
    g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                 /* Translators: the second %s says what the field holds, e.g. "commune code". */
                 _("“%s” has no field for the %s (looked for “%s”)."),
                 table->import->report->file_name, what, candidates[0]);
  else
    aplomb_import_report_add_note (table->import->report, _("Field “%s” read as the %s."),
                                   aplomb_table_get_column_name (table, column), what);
  return column;
}

gboolean
aplomb_table_next (AplombTable *table,
                   GError     **error)
{
  do
    {
      if (!read_row (table, error))
        return FALSE;
    }
  while (row_is_empty (table));
  return TRUE;
}

const char *
aplomb_table_get (AplombTable *table,
                  int          column)
{
  if (column < 0 || (guint) column >= table->cells->len)
    return NULL;
  return g_ptr_array_index (table->cells, column);
}

guint
aplomb_table_get_line (AplombTable *table)
{
  return table->line;
}
