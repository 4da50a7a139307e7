/* aplomb-label-layer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "aplomb-territory.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_LABEL_LAYER (aplomb_label_layer_get_type ())
G_DECLARE_FINAL_TYPE (AplombLabelLayer, aplomb_label_layer, APLOMB, LABEL_LAYER, ShumateLayer)

AplombLabelLayer *aplomb_label_layer_new (ShumateViewport *viewport,
                                          AplombTerritory *territory);

G_END_DECLS
