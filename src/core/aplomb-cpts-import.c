/* aplomb-cpts-import.c: a CPTS perimeter read from a user's file, a map
 * layer of polygons or a table of commune codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "aplomb-cpts.h"
#include "aplomb-import-history.h"
#include "aplomb-import-private.h"
#include "aplomb-lasso.h"

/* The names ARS, EPCI and INSEE files give the commune code. */
static const char *const code_names[] = {
  "code_insee", "insee_com", "codgeo", "code_commune", "code commune INSEE", "code_com",
  "depcom", "com", "insee", "code", NULL
};

typedef struct
{
  AplombImport  import;
  gboolean     *in_perimeter;  /* per commune of the territory */
} Reading;

/* Tables are read as tables even though GDAL opens them as layers: their
 * header may sit below a title block. */
static gboolean
is_table_file (const char *path)
{
  static const char *suffixes[] = { ".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods" };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* The points of a ring as longitude, latitude pairs; NULL when the ring is
 * degenerate or cannot be converted. */
static double *
ring_to_wgs84 (OGRGeometryH                 ring,
               OGRCoordinateTransformationH transformation,
               guint                       *n)
{
  int count = OGR_G_GetPointCount (ring);
  g_autofree double *lonlat = NULL;

  if (count < 3)
    return NULL;
  lonlat = g_new (double, 2 * count);
  OGR_G_GetPoints (ring, lonlat, 2 * sizeof (double), lonlat + 1, 2 * sizeof (double), NULL, 0);
  if (!OCTTransform (transformation, count, lonlat, lonlat + 1, NULL))
    return NULL;
  *n = count;
  return g_steal_pointer (&lonlat);
}

/* Adds the communes whose inner point lies inside the exterior ring of
 * polygon and outside its holes (an enclave left out of an EPCI). */
static void
add_polygon (Reading                     *reading,
             OGRGeometryH                 polygon,
             OGRCoordinateTransformationH transformation)
{
  AplombTerritory *territory = reading->import.territory;
  int n_rings = OGR_G_GetGeometryCount (polygon);
  g_autoptr(GPtrArray) holes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) hole_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) selected = NULL;
  g_autofree double *exterior = NULL;
  guint n = 0;

  if (n_rings < 1)
    return;
  exterior = ring_to_wgs84 (OGR_G_GetGeometryRef (polygon, 0), transformation, &n);
  if (exterior == NULL)
    return;
  for (int r = 1; r < n_rings; r++)
    {
      guint size = 0;
      double *hole = ring_to_wgs84 (OGR_G_GetGeometryRef (polygon, r), transformation, &size);

      if (hole == NULL)
        continue;
      g_ptr_array_add (holes, hole);
      g_array_append_val (hole_sizes, size);
    }

  selected = aplomb_lasso_select (territory, exterior, n);
  for (guint i = 0; i < selected->len; i++)
    {
      guint commune = g_array_index (selected, guint, i);
      gboolean in_hole = FALSE;
      double lon, lat;

      aplomb_territory_get_inner_point (territory, commune, &lon, &lat);
      for (guint h = 0; h < holes->len && !in_hole; h++)
        in_hole = aplomb_polygon_contains (g_ptr_array_index (holes, h),
                                           g_array_index (hole_sizes, guint, h), lon, lat);
      if (!in_hole)
        reading->in_perimeter[commune] = TRUE;
    }
}

/* A feature's polygons, whatever their type (polygon, multipolygon, curved
 * or in a collection); FALSE when it has none (points, lines). */
static gboolean
add_feature (Reading                     *reading,
             OGRFeatureH                  feature,
             OGRCoordinateTransformationH transformation)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  g_auto(OGRGeometryH) polygons = NULL;
  int n;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return FALSE;
  polygons = OGR_G_ForceToMultiPolygon (OGR_G_Clone (geometry));
  if (polygons == NULL || wkbFlatten (OGR_G_GetGeometryType (polygons)) != wkbMultiPolygon)
    return FALSE;
  n = OGR_G_GetGeometryCount (polygons);
  for (int p = 0; p < n; p++)
    add_polygon (reading, OGR_G_GetGeometryRef (polygons, p), transformation);
  return n > 0;
}

/* The union of the polygons of the first layer with geometries; *found
 * tells whether there was any polygon (else the file is a table). */
static gboolean
read_polygons (Reading  *reading,
               gboolean *found,
               GError  **error)
{
  g_auto(GDALDatasetH) dataset = NULL;
  g_auto(OGRCoordinateTransformationH) transformation = NULL;
  OGRLayerH layer = NULL;

  *found = FALSE;
  dataset = aplomb_import_open_vector (reading->import.path, NULL, error);
  if (dataset == NULL)
    return FALSE;
  for (int i = 0; i < GDALDatasetGetLayerCount (dataset) && layer == NULL; i++)
    if (OGR_L_GetGeomType (GDALDatasetGetLayer (dataset, i)) != wkbNone)
      layer = GDALDatasetGetLayer (dataset, i);
  if (layer == NULL)
    return TRUE;

  transformation = aplomb_import_transformation_to_wgs84 (&reading->import, layer, error);
  if (transformation == NULL)
    return FALSE;
  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = OGR_L_GetNextFeature (layer);

      if (feature == NULL)
        break;
      if (add_feature (reading, feature, transformation))
        *found = TRUE;
    }
  return TRUE;
}

/* The commune of a code, current or mapped from a former one (a commune
 * merged since the file was made); -1 if the project has none. */
static int
find_commune (AplombTerritory *territory,
              const char      *code)
{
  AplombCodeHistory *history;
  const char *current;
  int commune = aplomb_territory_lookup (territory, code);

  if (commune >= 0)
    return commune;
  history = aplomb_code_history_get_default ();
  current = history != NULL ? aplomb_code_history_lookup (history, code, NULL) : NULL;
  return current != NULL ? aplomb_territory_lookup (territory, current) : -1;
}

/* The first sheet or layer with a commune code column. */
static int
find_code_column (AplombTable *table,
                  GError     **error)
{
  g_autoptr(GError) first_error = NULL;

  for (guint sheet = 0; sheet < aplomb_table_get_n_sheets (table); sheet++)
    {
      g_autoptr(GError) local_error = NULL;
      int column;

      if (aplomb_table_select_sheet (table, sheet, (const char * const *) code_names,
                                     &local_error))
        {
          column = aplomb_table_require_column (table, NULL, (const char * const *) code_names,
                                                _("commune code"), &local_error);
          if (column >= 0)
            return column;
        }
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  g_propagate_error (error, g_steal_pointer (&first_error));
  return -1;
}

/* Every code of the column must be a commune of the project: a perimeter
 * silently missing a commune would give a wrong diagnostic. */
static gboolean
read_codes (Reading *reading,
            GError **error)
{
  const char *file_name = reading->import.report->file_name;
  g_autoptr(AplombTable) table = NULL;
  g_autoptr(GError) local_error = NULL;
  int column;

  table = aplomb_table_open_file (&reading->import, reading->import.path, error);
  if (table == NULL)
    return FALSE;
  column = find_code_column (table, error);
  if (column < 0)
    return FALSE;

  while (aplomb_table_next (table, &local_error))
    {
      const char *text = aplomb_table_get (table, column);
      const char *field = aplomb_table_get_column_name (table, column);
      guint line = aplomb_table_get_line (table);
      g_autofree char *code = NULL;
      int commune;

      if (text == NULL)
        continue;
      code = aplomb_import_normalize_code (text);
      if (code == NULL)
        {
          g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT,
                       _("“%s”, line %u, field “%s”: “%s” is not a commune code."),
                       file_name, line, field, text);
          return FALSE;
        }
      commune = find_commune (reading->import.territory, code);
      if (commune < 0)
        {
          g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_FORMAT,
                       _("“%s”, line %u, field “%s”: no commune of the project has the code "
                         "“%s”."), file_name, line, field, code);
          return FALSE;
        }
      reading->in_perimeter[commune] = TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
collect_codes (AplombTerritory *territory,
               const gboolean  *in_perimeter)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < aplomb_territory_get_n_communes (territory); i++)
    if (in_perimeter[i])
      g_ptr_array_add (codes, g_strdup (aplomb_territory_get_code (territory, i)));
  return codes;
}

GPtrArray *
aplomb_cpts_read_perimeter (AplombTerritory *territory,
                            const char      *path,
                            GError         **error)
{
  static const AplombImportOptions no_options = { NULL };
  g_autofree char *file_name = NULL;
  g_autoptr(AplombImportReport) report = NULL;
  g_autofree gboolean *in_perimeter = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  gboolean found_polygons = FALSE;
  Reading reading;
  GStatBuf info;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!aplomb_gdal_load (error))
    return NULL;
  file_name = g_path_get_basename (path);
  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_OPEN,
                   _("“%s” does not exist or cannot be read."), file_name);
      return NULL;
    }
  if (info.st_size == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty."), file_name);
      return NULL;
    }

  /* The importers' state: their table reader and CRS handling need it;
   * their notes (fields used, CRS converted) are not shown here. */
  report = aplomb_import_report_new (file_name, _("CPTS perimeter"));
  in_perimeter = g_new0 (gboolean, aplomb_territory_get_n_communes (territory));
  reading = (Reading) {
    .import = { .territory = territory, .report = report, .options = &no_options, .path = path },
    .in_perimeter = in_perimeter,
  };

  if (!is_table_file (path) && !read_polygons (&reading, &found_polygons, error))
    return NULL;
  if (!found_polygons && !read_codes (&reading, error))
    return NULL;

  codes = collect_codes (territory, in_perimeter);
  if (codes->len == 0)
    {
      if (found_polygons)
        g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_NOTHING,
                     _("No commune of the project has its chef-lieu inside the polygons of "
                       "“%s”."), file_name);
      else
        g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_NOTHING,
                     _("“%s” lists no commune of the project."), file_name);
      return NULL;
    }
  return g_steal_pointer (&codes);
}
