/* aplomb-base-map.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* The values of the base-map setting (fr.aplomb.Aplomb.BaseMap). */
typedef enum
{
  APLOMB_BASE_MAP_APLOMB,
  APLOMB_BASE_MAP_OPENSTREETMAP,
  APLOMB_BASE_MAP_MBTILES,
} AplombBaseMap;

/* The values of the class-breaks setting (fr.aplomb.Aplomb.ClassBreaks). */
typedef enum
{
  APLOMB_CLASS_BREAKS_THRESHOLDS,
  APLOMB_CLASS_BREAKS_QUANTILES,
} AplombClassBreaks;

ShumateMapSource *aplomb_base_map_new_source (GSettings  *settings,
                                              GError    **error);

G_END_DECLS
