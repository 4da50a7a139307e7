/* aplomb-import.c: running an import on a copy of the territory, and the
 * helpers every importer shares (opening files, text, codes, numbers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "aplomb-gdal.h"
#include "aplomb-import-private.h"

G_DEFINE_QUARK (aplomb-import-error-quark, aplomb_import_error)

typedef gboolean (*ImportFunc) (AplombImport *import, GError **error);

static const struct
{
  const char *name;
  const char *label;
  ImportFunc  run;
} kinds[] = {
  [APLOMB_IMPORT_COMMUNES] = { "communes", N_("communes"), aplomb_import_communes },
  [APLOMB_IMPORT_POPULATION] = { "population", N_("population"), aplomb_import_population },
  [APLOMB_IMPORT_PRACTITIONERS] = { "practitioners", N_("practitioners"),
                                    aplomb_import_practitioners },
  [APLOMB_IMPORT_OFFICIAL_APL] = { "official-apl", N_("official APL"),
                                   aplomb_import_official_apl },
  [APLOMB_IMPORT_COLUMN] = { "column", N_("values per commune"), aplomb_import_column },
  [APLOMB_IMPORT_FACILITIES] = { "facilities", N_("facilities"), aplomb_import_facilities },
};

const char *
aplomb_import_kind_to_string (AplombImportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  return kinds[kind].name;
}

char *
aplomb_import_checksum_file (const char *path,
                             GError    **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (1 << 16);
  FILE *file = fopen (path, "rb");
  size_t n;

  if (file == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                   _("“%s” does not exist or cannot be read."), name);
      return NULL;
    }
  while ((n = fread (buffer, 1, 1 << 16, file)) > 0)
    g_checksum_update (checksum, buffer, n);
  fclose (file);
  return g_strdup (g_checksum_get_string (checksum));
}

AplombImportReport *
aplomb_import_file (AplombTerritory           *territory,
                    AplombImportKind           kind,
                    const char                *path,
                    const AplombImportOptions *options,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  static const AplombImportOptions no_options = { NULL };
  g_autoptr(AplombTerritory) copy = NULL;
  g_autoptr(AplombImportReport) report = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *sha256 = NULL;
  AplombImport import = { NULL };
  GStatBuf info;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!aplomb_gdal_load (error))
    return NULL;
  sha256 = aplomb_import_checksum_file (path, error);
  if (sha256 == NULL)
    return NULL;
  file_name = g_path_get_basename (path);
  if (g_stat (path, &info) == 0 && info.st_size == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty."), file_name);
      return NULL;
    }

  if (options == NULL)
    options = &no_options;
  copy = aplomb_territory_copy (territory);
  report = aplomb_import_report_new (file_name, _(kinds[kind].label));
  import = (AplombImport) {
    .territory = copy,
    .report = report,
    .options = options,
    .history = options->history != NULL ? options->history : aplomb_code_history_get_default (),
    .path = path,
    .millesime = options->millesime != NULL ? g_strdup (options->millesime)
                                            : aplomb_import_guess_year (path),
    .cancellable = cancellable,
  };

  if (!kinds[kind].run (&import, error))
    {
      g_free (import.millesime);
      return NULL;
    }
  if (report->n_imported == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_NOTHING,
                   _("No row of “%s” could be imported (%u read, %u rejected)."), file_name,
                   report->n_read, report->n_rejected);
      g_free (import.millesime);
      return NULL;
    }
  if (import.text_was_latin1)
    aplomb_import_report_add_note (report, _("Text was not UTF-8: read as Latin-1 (Windows-1252)."));

  now = g_date_time_new_now_utc ();
  aplomb_territory_add_source (copy, aplomb_source_new (aplomb_import_kind_to_string (kind),
                                                        file_name, sha256, now,
                                                        import.millesime, options->licence));
  g_free (import.millesime);
  aplomb_territory_swap (territory, copy);
  return g_steal_pointer (&report);
}

/* Opening files */

static char *
find_in_zip (const char *zip_path)
{
  static const char *preferred[] = { ".shp", ".gpkg", ".geojson", ".json", ".csv", ".xlsx",
                                     ".ods", ".dbf" };
  char **entries = VSIReadDirRecursive (zip_path);
  char *found = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (preferred) && found == NULL; p++)
    for (guint i = 0; entries != NULL && entries[i] != NULL && found == NULL; i++)
      {
        g_autofree char *lower = g_ascii_strdown (entries[i], -1);

        if (g_str_has_suffix (lower, preferred[p]) && !g_str_has_prefix (lower, "__macosx"))
          found = g_strconcat (zip_path, "/", entries[i], NULL);
      }
  CSLDestroy (entries);
  return found;
}

GDALDatasetH
aplomb_import_open_vector (const char *path,
                           char      **open_options,
                           GError    **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *name = NULL;
  g_autofree char *gdal_path = NULL;
  GDALDatasetH dataset;

  name = g_path_get_basename (g_str_has_prefix (path, "CSV:") ? path + 4 : path);
  if (g_str_has_suffix (lower, ".zip") && !g_str_has_prefix (lower, "/vsizip/"))
    {
      g_autofree char *zip_path = g_strconcat ("/vsizip/", path, NULL);

      gdal_path = find_in_zip (zip_path);
      if (gdal_path == NULL)
        {
          g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                       _("“%s” is not a readable zip archive with a map layer or a table in it "
                         "(truncated download?)."), name);
          return NULL;
        }
    }
  else
    gdal_path = g_strdup (path);

  CPLErrorReset ();
  dataset = GDALOpenEx (gdal_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                        (const char * const *) open_options, NULL);
  if (dataset == NULL)
    {
      const char *reason = CPLGetLastErrorMsg ();

      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                   _("“%s” could not be opened as a map layer or a table%s%s"), name,
                   *reason != '\0' ? ": " : ".", reason);
    }
  return dataset;
}

/* Text, names, codes and numbers */

const char *
aplomb_import_decode_text (AplombImport *import,
                           const char   *text,
                           char        **buffer)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;

  /* Windows-1252 leaves five bytes undefined; ISO-8859-1 decodes anything. */
  *buffer = g_convert (text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (*buffer == NULL)
    *buffer = g_convert (text, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  import->text_was_latin1 = TRUE;
  return *buffer;
}

char *
aplomb_import_normalize_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *normalized = g_string_new (NULL);

  for (const char *c = ascii; *c != '\0'; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (normalized, g_ascii_tolower (*c));
  return g_string_free (normalized, FALSE);
}

char *
aplomb_import_normalize_code (const char *text)
{
  g_autofree char *code = NULL;
  gsize length;

  if (text == NULL)
    return NULL;
  code = g_ascii_strup (text, -1);
  g_strstrip (code);
  /* Spreadsheets store 1001 as a number, which may come back as "1001.0". */
  if (g_str_has_suffix (code, ".0"))
    code[strlen (code) - 2] = '\0';
  length = strlen (code);
  if (length == 4 && g_ascii_isdigit (code[0]) && g_ascii_isdigit (code[1]))
    {
      char *padded = g_strconcat ("0", code, NULL);

      g_free (code);
      code = padded;
      length = 5;
    }
  if (length != 5 || !g_ascii_isdigit (code[0]))
    return NULL;
  if (!g_ascii_isdigit (code[1]) && !(code[0] == '2' && (code[1] == 'A' || code[1] == 'B')))
    return NULL;
  for (guint i = 2; i < 5; i++)
    if (!g_ascii_isdigit (code[i]))
      return NULL;
  return g_steal_pointer (&code);
}

static gboolean
is_missing (const char *text)
{
  static const char *missing[] = { "", "na", "n/a", "nd", "n.d.", "nan", "null" };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (g_str_equal (lower, missing[i]))
      return TRUE;
  return FALSE;
}

gboolean
aplomb_import_parse_number (const char *text,
                            double     *value)
{
  GString *clean;
  gboolean has_dot;
  char *end;

  if (text == NULL || is_missing (text))
    {
      *value = NAN;
      return TRUE;
    }

  /* Drop thousands separators (spaces, no-break spaces, apostrophes), then
   * read a decimal comma as a point unless the text also has a point. */
  has_dot = strchr (text, '.') != NULL;
  clean = g_string_new (NULL);
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (g_unichar_isspace (u) || u == 0x00A0 || u == 0x202F || u == '\'' || u == 0x2019)
        continue;
      if (u == ',')
        {
          if (!has_dot)
            g_string_append_c (clean, '.');
          continue;
        }
      g_string_append_unichar (clean, u);
    }

  *value = g_ascii_strtod (clean->str, &end);
  if (clean->len == 0 || *end != '\0' || !isfinite (*value))
    {
      g_string_free (clean, TRUE);
      return FALSE;
    }
  g_string_free (clean, TRUE);
  return TRUE;
}

char *
aplomb_import_guess_year (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  char *year = NULL;

  for (const char *c = name; *c != '\0'; c++)
    {
      gboolean starts = c == name || !g_ascii_isdigit (c[-1]);

      if (starts && (g_str_has_prefix (c, "19") || g_str_has_prefix (c, "20")) &&
          g_ascii_isdigit (c[2]) && g_ascii_isdigit (c[3]) && !g_ascii_isdigit (c[4]))
        {
          g_free (year);
          year = g_strndup (c, 4);
        }
    }
  return year;
}
