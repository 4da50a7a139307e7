/* aplomb-highlight-layer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "aplomb-tile-renderer.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_HIGHLIGHT_LAYER (aplomb_highlight_layer_get_type ())
G_DECLARE_FINAL_TYPE (AplombHighlightLayer, aplomb_highlight_layer, APLOMB, HIGHLIGHT_LAYER,
                      ShumateLayer)

AplombHighlightLayer *aplomb_highlight_layer_new          (ShumateViewport      *viewport,
                                                           AplombTileRenderer   *renderer);
void                  aplomb_highlight_layer_set_commune  (AplombHighlightLayer *self,
                                                           int                   commune);
int                   aplomb_highlight_layer_get_commune  (AplombHighlightLayer *self);

G_END_DECLS
