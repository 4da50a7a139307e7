/* aplomb-tile-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "aplomb-tile-renderer.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_TILE_SOURCE (aplomb_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (AplombTileSource, aplomb_tile_source, APLOMB, TILE_SOURCE, ShumateMapSource)

AplombTileSource *aplomb_tile_source_new (const char         *id,
                                          AplombTileRenderer *renderer,
                                          AplombTileStyle    *style);

G_END_DECLS
