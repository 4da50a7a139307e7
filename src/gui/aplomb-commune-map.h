/* aplomb-commune-map.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "aplomb-palette.h"
#include "aplomb-territory.h"
#include "aplomb-tile-renderer.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_COMMUNE_MAP (aplomb_commune_map_get_type ())
G_DECLARE_FINAL_TYPE (AplombCommuneMap, aplomb_commune_map, APLOMB, COMMUNE_MAP, GtkWidget)

GtkWidget        *aplomb_commune_map_new              (void);
ShumateSimpleMap *aplomb_commune_map_get_simple_map   (AplombCommuneMap     *self);
GtkWidget        *aplomb_commune_map_get_legend       (AplombCommuneMap     *self);

void              aplomb_commune_map_set_territory    (AplombCommuneMap     *self,
                                                       AplombTerritory      *territory,
                                                       AplombTileRenderer   *renderer);
void              aplomb_commune_map_set_indicator    (AplombCommuneMap     *self,
                                                       const double         *values,
                                                       AplombClassification *classification,
                                                       const char           *title,
                                                       const char           *subtitle);
void              aplomb_commune_map_set_base_map     (AplombCommuneMap     *self,
                                                       ShumateMapSource     *base);
ShumateMapSource *aplomb_commune_map_get_base_map     (AplombCommuneMap     *self);
ShumateMapLayer  *aplomb_commune_map_get_choropleth_layer (AplombCommuneMap *self);
void              aplomb_commune_map_set_show_labels  (AplombCommuneMap     *self,
                                                       gboolean              show_labels);
void              aplomb_commune_map_select           (AplombCommuneMap     *self,
                                                       int                   commune);
int               aplomb_commune_map_get_selected     (AplombCommuneMap     *self);
void              aplomb_commune_map_show_france      (AplombCommuneMap     *self);
void              aplomb_commune_map_zoom_to_bbox     (AplombCommuneMap     *self,
                                                       const AplombBBox     *bbox);
void              aplomb_commune_map_fly_to_commune   (AplombCommuneMap     *self,
                                                       guint                 commune);
int               aplomb_commune_map_pick             (AplombCommuneMap     *self,
                                                       double                x,
                                                       double                y);

G_END_DECLS
