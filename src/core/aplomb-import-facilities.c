/* aplomb-import-facilities.c: maisons de santé and centres de santé from
 * FINESS: its official extraction, or any table of establishments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "aplomb-import-private.h"

/* FINESS categories (categetab) of the establishments Aplomb tells apart. */
#define FINESS_CATEGORY_MSP "603"
#define FINESS_CATEGORY_CENTRE_DE_SANTE "124"

typedef struct
{
  int finess, name, category, category_label;
} FacilityColumns;

/* "Maison de santé (L.6223-3)", "M.S.P. Bagatelle", "Centre de santé
 * polyvalent"…: FINESS category code first, else the words of the
 * category label or of the name. */
static AplombFacilityKind
facility_kind (const char *category,
               const char *category_label,
               const char *name)
{
  const char *texts[] = { category_label, name };

  if (g_strcmp0 (category, FINESS_CATEGORY_MSP) == 0)
    return APLOMB_FACILITY_MSP;
  if (g_strcmp0 (category, FINESS_CATEGORY_CENTRE_DE_SANTE) == 0)
    return APLOMB_FACILITY_CENTRE_DE_SANTE;
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *normalized = texts[t] != NULL ? aplomb_import_normalize_name (texts[t]) : NULL;

      if (normalized == NULL)
        continue;
      if (g_str_has_prefix (normalized, "msp") || strstr (normalized, "maisondesante") != NULL ||
          strstr (normalized, "maisonsdesante") != NULL)
        return APLOMB_FACILITY_MSP;
      if (strstr (normalized, "centredesante") != NULL)
        return APLOMB_FACILITY_CENTRE_DE_SANTE;
    }
  return APLOMB_FACILITY_OTHER;
}

static void
find_facility_columns (AplombTable     *table,
                       FacilityColumns *columns)
{
  static const char *finess_names[] = { "nofinesset", "finess", "numero finess", "finess_et",
                                        "code", NULL };
  static const char *name_names[] = { "rslongue", "rs", "raison sociale", "label", "libelle", "nom",
                                      "name", NULL };
  static const char *category_names[] = { "categetab", "code categorie", "categorie", NULL };
  static const char *category_label_names[] = { "libcategetab", "libelle categorie", "type", NULL };

  columns->finess = aplomb_table_find_column (table, finess_names);
  columns->name = aplomb_table_find_column (table, name_names);
  columns->category = aplomb_table_find_column (table, category_names);
  columns->category_label = aplomb_table_find_column (table, category_label_names);
}

/* The commune code field of a FINESS table; "code" alone is the FINESS
 * number there. */
static int
find_commune_column (AplombImport *import,
                     AplombTable  *table,
                     GError      **error)
{
  static const char *code_names[] = { "code_insee", "codgeo", "code commune INSEE",
                                      "code_commune", "insee_com", "depcom", NULL };

  if (import->options->code_field != NULL)
    return aplomb_table_require_column (table, import->options->code_field, NULL, NULL, error);
  return aplomb_table_find_column (table, code_names);
}

/* The official extraction (data.gouv.fr, "etalab-cs1100507-stock-…"):
 * no header but a first line "finess;etalab;…", then per establishment a
 * "structureet" line and a "geolocalisation" line with its coordinates
 * (Lambert-93 in metropolitan France). Positions of the fields used: */
enum
{
  ET_FINESS = 1,
  ET_NAME = 3,
  ET_LONG_NAME = 4,
  ET_COMMUNE = 12,       /* three digits, after the département */
  ET_DEPARTEMENT = 13,
  ET_CATEGORY = 18,
  ET_CATEGORY_LABEL = 19,
  ET_N_FIELDS = 32,
  GEO_FINESS = 1,
  GEO_X = 2,
  GEO_Y = 3,
  GEO_N_FIELDS = 6,
};

typedef struct
{
  AplombFacility facility;
  char          *code;
  guint          line;
} Establishment;

static void
establishment_clear (gpointer data)
{
  Establishment *establishment = data;

  g_free (establishment->facility.finess);
  g_free (establishment->facility.name);
  g_free (establishment->code);
}

static gboolean
is_etalab_extraction (const char *path)
{
  char line[64] = "";
  FILE *file = fopen (path, "rb");

  if (file == NULL)
    return FALSE;
  if (fgets (line, sizeof line, file) == NULL)
    line[0] = '\0';
  fclose (file);
  return g_str_has_prefix (line, "finess;etalab;");
}

/* GDAL's CSV driver takes the number of fields from the first line, which
 * has four in the extraction: each kind of line is copied to a temporary
 * CSV of its own under a header of numbered fields. Returns its path. */
static char *
extract_section (const char *path,
                 const char *section,
                 guint       n_fields,
                 GError    **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *prefix = g_strconcat (section, ";", NULL);
  g_autofree char *line = g_malloc (1 << 16);
  FILE *in = NULL, *out = NULL;
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("aplomb-finess-XXXXXX.csv", &copy, error);
  if (fd < 0)
    return NULL;
  out = fdopen (fd, "wb");
  in = fopen (path, "rb");
  ok = in != NULL && out != NULL;
  for (guint f = 0; ok && f < n_fields; f++)
    fprintf (out, f == 0 ? "f%u" : ";f%u", f);
  if (ok)
    fputc ('\n', out);
  while (ok && fgets (line, 1 << 16, in) != NULL)
    if (g_str_has_prefix (line, prefix))
      fputs (line, out);
  if (in != NULL)
    fclose (in);
  if (out == NULL || fclose (out) != 0 || !ok)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                   _("No room for a temporary copy of “%s”."), path);
      g_unlink (copy);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* A "structureet" line: kept when it is a maison or a centre de santé,
 * the other categories (hospitals, pharmacies…) are skipped. */
static void
read_structure (AplombImport *import,
                AplombTable  *table,
                gpointer      user_data)
{
  GArray *establishments = user_data;
  const char *name = aplomb_table_get (table, ET_LONG_NAME);
  const char *departement = aplomb_table_get (table, ET_DEPARTEMENT);
  const char *commune = aplomb_table_get (table, ET_COMMUNE);
  Establishment establishment = { { NULL } };

  import->report->n_read++;
  establishment.facility.kind = facility_kind (aplomb_table_get (table, ET_CATEGORY),
                                               aplomb_table_get (table, ET_CATEGORY_LABEL), NULL);
  if (establishment.facility.kind == APLOMB_FACILITY_OTHER)
    {
      aplomb_import_report_reject (import->report,
                                   _("Neither a maison nor a centre de santé (skipped)"),
                                   aplomb_table_get_line (table), NULL,
                                   aplomb_table_get (table, ET_CATEGORY_LABEL));
      return;
    }
  establishment.facility.finess = g_strdup (aplomb_table_get (table, ET_FINESS));
  establishment.facility.name = g_strdup (name != NULL ? name : aplomb_table_get (table, ET_NAME));
  if (departement != NULL && commune != NULL)
    establishment.code = g_strconcat (departement, commune, NULL);
  establishment.line = aplomb_table_get_line (table);
  g_array_append_val (establishments, establishment);
}

typedef struct
{
  AplombRowLocator *locator;
  GHashTable       *coordinates;  /* FINESS number → WGS84 point */
} GeolocationReader;

/* A "geolocalisation" line: the coordinates of an establishment. */
static void
read_geolocation (AplombImport *import,
                  AplombTable  *table,
                  gpointer      user_data)
{
  GeolocationReader *reader = user_data;
  const char *finess = aplomb_table_get (table, GEO_FINESS);
  double point[2];

  if (finess == NULL ||
      !aplomb_import_parse_number (aplomb_table_get (table, GEO_X), &point[0]) ||
      !aplomb_import_parse_number (aplomb_table_get (table, GEO_Y), &point[1]) ||
      !aplomb_row_locator_to_wgs84 (reader->locator, &point[0], &point[1]))
    return;
  g_hash_table_insert (reader->coordinates, g_strdup (finess), g_memdup2 (point, sizeof point));
}

static void
replace_facilities (AplombImport *import)
{
  guint replaced = aplomb_territory_get_n_facilities (import->territory);

  aplomb_territory_remove_facilities (import->territory);
  if (replaced > 0)
    aplomb_import_report_add_note (import->report,
                                   _("%u earlier establishments replaced by this file."), replaced);
}

static void
note_kinds (AplombImport *import,
            const guint  *per_kind)
{
  aplomb_import_report_add_note (import->report,
                                 _("%u maisons de santé, %u centres de santé, %u other establishments."),
                                 per_kind[APLOMB_FACILITY_MSP],
                                 per_kind[APLOMB_FACILITY_CENTRE_DE_SANTE],
                                 per_kind[APLOMB_FACILITY_OTHER]);
}

/* Reads every line of one section (a temporary CSV) with read_line. */
static gboolean
read_section (AplombImport *import,
              const char   *section,
              guint         n_fields,
              void        (*read_line) (AplombImport *, AplombTable *, gpointer),
              gpointer      user_data,
              GError      **error)
{
  g_autofree char *path = extract_section (import->path, section, n_fields, error);
  g_autoptr(AplombTable) table = NULL;
  g_autoptr(GError) local_error = NULL;

  if (path == NULL)
    return FALSE;
  table = aplomb_table_open_file (import, path, &local_error);
  if (table != NULL && aplomb_table_select_sheet (table, 0, NULL, &local_error))
    while (aplomb_table_next (table, &local_error))
      read_line (import, table, user_data);
  g_clear_pointer (&table, aplomb_table_free);
  g_unlink (path);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_etalab (AplombImport *import,
               GError      **error)
{
  g_autoptr(GArray) establishments = g_array_new (FALSE, FALSE, sizeof (Establishment));
  g_autoptr(GHashTable) coordinates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint per_kind[APLOMB_FACILITY_OTHER + 1] = { 0 };
  AplombRowLocator locator;
  GeolocationReader geolocation = { &locator, coordinates };

  g_array_set_clear_func (establishments, establishment_clear);
  aplomb_row_locator_init (&locator, import, -1, -1, -1);
  if (!read_section (import, "structureet", ET_N_FIELDS, read_structure, establishments, error) ||
      !read_section (import, "geolocalisation", GEO_N_FIELDS, read_geolocation, &geolocation,
                     error))
    {
      aplomb_row_locator_clear (&locator);
      return FALSE;
    }

  replace_facilities (import);
  for (guint i = 0; i < establishments->len; i++)
    {
      Establishment *establishment = &g_array_index (establishments, Establishment, i);
      const double *point = g_hash_table_lookup (coordinates, establishment->facility.finess);
      gboolean remapped;

      establishment->facility.commune = aplomb_commune_values_match (locator.matcher,
                                                                     establishment->code,
                                                                     establishment->line, NULL,
                                                                     &remapped);
      if (establishment->facility.commune < 0)
        continue;
      import->report->n_imported++;
      import->report->n_remapped += remapped;
      establishment->facility.lon = point != NULL ? point[0] : NAN;
      establishment->facility.lat = point != NULL ? point[1] : NAN;
      aplomb_territory_add_facility (import->territory, &establishment->facility);
      per_kind[establishment->facility.kind]++;
    }
  aplomb_row_locator_clear (&locator);
  note_kinds (import, per_kind);
  return TRUE;
}

gboolean
aplomb_import_facilities (AplombImport *import,
                          GError      **error)
{
  g_autoptr(AplombTable) table = NULL;
  g_autoptr(GError) local_error = NULL;
  guint per_kind[APLOMB_FACILITY_OTHER + 1] = { 0 };
  FacilityColumns columns;
  AplombRowLocator locator;
  int code, x, y;

  if (is_etalab_extraction (import->path))
    return import_etalab (import, error);
  table = aplomb_table_open_sheet (import, error);
  if (table == NULL)
    return FALSE;
  code = find_commune_column (import, table, error);
  if (import->options->code_field != NULL && code < 0)
    return FALSE;
  aplomb_table_find_coordinates (table, &x, &y);
  if (code < 0 && (x < 0 || y < 0))
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("“%s” has neither a commune code nor coordinates for the establishments."),
                   import->report->file_name);
      return FALSE;
    }
  find_facility_columns (table, &columns);

  aplomb_row_locator_init (&locator, import, code, x, y);
  while (aplomb_table_next (table, &local_error))
    {
      AplombFacility facility = { NULL };

      import->report->n_read++;
      if (!aplomb_row_locator_locate (&locator, table, &facility.commune, &facility.lon,
                                      &facility.lat))
        continue;
      import->report->n_imported++;
      /* Borrowed strings: add_facility below copies them. */
      facility.finess = (char *) aplomb_table_get (table, columns.finess);
      facility.name = (char *) aplomb_table_get (table, columns.name);
      facility.kind = facility_kind (aplomb_table_get (table, columns.category),
                                     aplomb_table_get (table, columns.category_label),
                                     facility.name);
      if (import->report->n_imported == 1)
        replace_facilities (import);
      aplomb_territory_add_facility (import->territory, &facility);
      per_kind[facility.kind]++;
    }
  aplomb_row_locator_clear (&locator);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  note_kinds (import, per_kind);
  return TRUE;
}
