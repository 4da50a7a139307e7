/* aplomb-lasso.c: communes inside a polygon drawn on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aplomb-lasso.h"

gboolean
aplomb_polygon_contains (const double *xy,
                         guint         n,
                         double        x,
                         double        y)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (xy != NULL || n == 0, FALSE);

  /* Count the edges a ray going east from (x, y) crosses. */
  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = xy[2 * i], yi = xy[2 * i + 1];
      double xj = xy[2 * j], yj = xy[2 * j + 1];

      if ((yi > y) != (yj > y) && x < xj + (y - yj) * (xi - xj) / (yi - yj))
        inside = !inside;
    }
  return inside;
}

GArray *
aplomb_lasso_select (AplombTerritory *territory,
                     const double    *lonlat,
                     guint            n)
{
  GArray *communes = g_array_new (FALSE, FALSE, sizeof (guint));
  double min_lon = G_MAXDOUBLE, min_lat = G_MAXDOUBLE;
  double max_lon = -G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
  guint n_communes;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), communes);
  g_return_val_if_fail (lonlat != NULL || n == 0, communes);

  if (n < 3)
    return communes;

  for (guint k = 0; k < n; k++)
    {
      min_lon = MIN (min_lon, lonlat[2 * k]);
      max_lon = MAX (max_lon, lonlat[2 * k]);
      min_lat = MIN (min_lat, lonlat[2 * k + 1]);
      max_lat = MAX (max_lat, lonlat[2 * k + 1]);
    }

  n_communes = aplomb_territory_get_n_communes (territory);
  for (guint i = 0; i < n_communes; i++)
    {
      double lon, lat;

      aplomb_territory_get_inner_point (territory, i, &lon, &lat);
      /* The box test spares the polygon test for most of France. */
      if (lon < min_lon || lon > max_lon || lat < min_lat || lat > max_lat)
        continue;
      if (aplomb_polygon_contains (lonlat, n, lon, lat))
        g_array_append_val (communes, i);
    }
  return communes;
}
