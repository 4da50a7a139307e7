/* aplomb-import-locate.c: the commune of a row (practitioner, facility)
 * from its commune code or its coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "aplomb-import-private.h"

void
aplomb_table_find_coordinates (AplombTable *table,
                               int         *x,
                               int         *y)
{
  static const char *x_names[] = { "lon", "longitude", "long", "x", "coord_x", "coordxet",
                                   "lon_wgs84", NULL };
  static const char *y_names[] = { "lat", "latitude", "y", "coord_y", "coordyet", "lat_wgs84",
                                   NULL };

  *x = aplomb_table_find_column (table, x_names);
  *y = aplomb_table_find_column (table, y_names);
}

void
aplomb_row_locator_init (AplombRowLocator *locator,
                         AplombImport     *import,
                         int               code,
                         int               x,
                         int               y)
{
  *locator = (AplombRowLocator) {
    .import = import,
    .matcher = aplomb_commune_values_new (import, 0, APLOMB_COMBINE_SUM),
    .code = code,
    .x = x,
    .y = y,
  };
}

void
aplomb_row_locator_clear (AplombRowLocator *locator)
{
  if (locator->saw_lambert93)
    aplomb_import_report_add_note (locator->import->report,
                                   _("Coordinates in Lambert-93 converted to WGS84."));
  g_clear_pointer (&locator->lambert93, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&locator->matcher, aplomb_commune_values_free);
}

/* Lambert-93 (EPSG:2154) to WGS84, created on the first projected row. */
static gboolean
lambert93_to_wgs84 (AplombRowLocator *locator,
                    double           *x,
                    double           *y)
{
  if (locator->lambert93 == NULL)
    {
      g_auto(OGRSpatialReferenceH) lambert = OSRNewSpatialReference (NULL);
      g_auto(OGRSpatialReferenceH) wgs84 = OSRNewSpatialReference (NULL);

      OSRImportFromEPSG (lambert, 2154);
      OSRImportFromEPSG (wgs84, 4326);
      OSRSetAxisMappingStrategy (lambert, OAMS_TRADITIONAL_GIS_ORDER);
      OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
      locator->lambert93 = OCTNewCoordinateTransformation (lambert, wgs84);
    }
  if (locator->lambert93 == NULL || !OCTTransform (locator->lambert93, 1, x, y, NULL))
    return FALSE;
  locator->saw_lambert93 = TRUE;
  return TRUE;
}

gboolean
aplomb_row_locator_to_wgs84 (AplombRowLocator *locator,
                             double           *x,
                             double           *y)
{
  if (*x >= 0 && *x <= 1.3e6 && *y >= 6.0e6 && *y <= 7.2e6)
    return lambert93_to_wgs84 (locator, x, y);
  return fabs (*x) <= 180 && fabs (*y) <= 90;
}

/* The coordinates of the row, NaN when it has none; FALSE after rejecting
 * the row when they are not numbers or fit no known CRS. */
static gboolean
read_coordinates (AplombRowLocator *locator,
                  AplombTable      *table,
                  double           *lon,
                  double           *lat)
{
  AplombImportReport *report = locator->import->report;
  guint line = aplomb_table_get_line (table);
  const char *x_text = aplomb_table_get (table, locator->x);
  const char *y_text = aplomb_table_get (table, locator->y);
  double x = NAN, y = NAN;

  *lon = *lat = NAN;
  if (x_text == NULL || y_text == NULL)
    return TRUE;
  if (!aplomb_import_parse_number (x_text, &x) || !aplomb_import_parse_number (y_text, &y))
    {
      aplomb_import_report_reject (report, _("Not a number"), line,
                                   aplomb_table_get_column_name (table, locator->x), x_text);
      return FALSE;
    }
  if (!aplomb_row_locator_to_wgs84 (locator, &x, &y))
    {
      g_autofree char *value = g_strdup_printf ("%s ; %s", x_text, y_text);

      aplomb_import_report_reject (report, _("Coordinates out of range"), line, NULL, value);
      return FALSE;
    }
  *lon = x;
  *lat = y;
  return TRUE;
}

gboolean
aplomb_row_locator_locate (AplombRowLocator *locator,
                           AplombTable      *table,
                           int              *commune,
                           double           *lon,
                           double           *lat)
{
  AplombImport *import = locator->import;
  guint line = aplomb_table_get_line (table);
  const char *code = aplomb_table_get (table, locator->code);

  if (!read_coordinates (locator, table, lon, lat))
    return FALSE;

  if (code != NULL)
    {
      gboolean remapped;

      *commune = aplomb_commune_values_match (locator->matcher, code, line,
                                              aplomb_table_get_column_name (table, locator->code),
                                              &remapped);
      if (*commune < 0)
        return FALSE;
      if (remapped)
        import->report->n_remapped++;
      return TRUE;
    }
  if (isnan (*lon))
    {
      aplomb_import_report_reject (import->report, _("No commune code and no coordinates"), line,
                                   NULL, NULL);
      return FALSE;
    }
  *commune = aplomb_territory_find_commune_at (import->territory, *lon, *lat);
  if (*commune < 0)
    {
      g_autofree char *value = g_strdup_printf ("%.5f ; %.5f", *lon, *lat);

      aplomb_import_report_reject (import->report, _("Outside every commune of the project"),
                                   line, NULL, value);
      return FALSE;
    }
  return TRUE;
}
