/* aplomb-travel-road.h: travel times routed on a road network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aplomb-travel.h"

G_BEGIN_DECLS

/* Speeds per road class: rows field,value,km_per_hour (data/road-speeds.csv).
 * A line whose field has that value (case-insensitive field names, as
 * shapefiles capitalise them) is driven at that speed; the first matching
 * row wins and lines matching none are not driven. The row *,access gives
 * the speed from a commune's point to the network. */
typedef struct _AplombRoadSpeeds AplombRoadSpeeds;

AplombRoadSpeeds  *aplomb_road_speeds_load   (const char             *path,
                                              GError                **error);
void               aplomb_road_speeds_free   (AplombRoadSpeeds       *speeds);
guint              aplomb_road_speeds_get_n_rules (const AplombRoadSpeeds *speeds);

/* Routes from every commune point over the lines of layer (NULL: the
 * first layer with lines; "lines" for OpenStreetMap files), in any CRS.
 * Points are snapped to the nearest vertex of the network; vertices shared
 * by lines (same coordinates) connect them; lines are driven both ways.
 * One bounded Dijkstra per commune, spread over the available cores. */
AplombTravelTimes *aplomb_travel_road_build  (const char             *path,
                                              const char             *layer,
                                              const AplombRoadSpeeds *speeds,
                                              guint                   n_points,
                                              const double           *lon,
                                              const double           *lat,
                                              float                   horizon,
                                              GCancellable           *cancellable,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombRoadSpeeds, aplomb_road_speeds_free)

G_END_DECLS
