/* aplomb-atlas.h: a loaded project, ready to be shown and queried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aplomb-commune-facts.h"
#include "aplomb-commune-search.h"
#include "aplomb-palette.h"
#include "aplomb-preset.h"
#include "aplomb-territory.h"
#include "aplomb-tile-renderer.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

typedef enum
{
  APLOMB_INDICATOR_APL,
  APLOMB_INDICATOR_APL_OFFICIAL,
  APLOMB_INDICATOR_DENSITY,
  APLOMB_INDICATOR_NEAREST_GP,
  APLOMB_N_INDICATORS
} AplombIndicator;

#define APLOMB_TYPE_ATLAS (aplomb_atlas_get_type ())
G_DECLARE_FINAL_TYPE (AplombAtlas, aplomb_atlas, APLOMB, ATLAS, GObject)

AplombAtlas          *aplomb_atlas_load                 (const char        *project_path,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
AplombTerritory      *aplomb_atlas_get_territory        (AplombAtlas       *self);
AplombTileRenderer   *aplomb_atlas_get_renderer         (AplombAtlas       *self);
AplombCommuneSearch  *aplomb_atlas_get_search           (AplombAtlas       *self);
AplombTravelTimes    *aplomb_atlas_get_travel_times     (AplombAtlas       *self);
GPtrArray            *aplomb_atlas_get_areas            (AplombAtlas       *self);
AplombPreset         *aplomb_atlas_get_preset           (AplombAtlas       *self);
const AplombIndicators *aplomb_atlas_get_indicators     (AplombAtlas       *self);

const double         *aplomb_atlas_get_values           (AplombAtlas       *self,
                                                         AplombIndicator    indicator);
AplombClassification *aplomb_atlas_get_classification   (AplombAtlas       *self,
                                                         AplombIndicator    indicator);
AplombClassification *aplomb_atlas_get_quantile_classification (AplombAtlas *self,
                                                                AplombIndicator indicator);
char                 *aplomb_atlas_get_title            (AplombAtlas       *self,
                                                         AplombIndicator    indicator);
char                 *aplomb_atlas_get_subtitle         (AplombAtlas       *self,
                                                         AplombIndicator    indicator);
gboolean              aplomb_atlas_has_indicator        (AplombAtlas       *self,
                                                         AplombIndicator    indicator);

G_END_DECLS
