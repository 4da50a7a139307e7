/* aplomb-lasso.h: communes inside a polygon drawn on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aplomb-territory.h"

G_BEGIN_DECLS

/* Whether (x, y) lies inside the polygon of n vertices xy[2k], xy[2k+1]
 * (closed implicitly; even-odd rule, so a self-crossing lasso keeps the
 * parts drawn around once). */
gboolean aplomb_polygon_contains (const double *xy,
                                  guint         n,
                                  double        x,
                                  double        y);

/* The communes whose inner point (aplomb_territory_get_inner_point()) lies
 * inside the polygon of n vertices given as longitude, latitude pairs, in
 * territory order: a commune half covered is taken when its chef-lieu is. */
GArray  *aplomb_lasso_select     (AplombTerritory *territory,
                                  const double    *lonlat,
                                  guint            n);

G_END_DECLS
