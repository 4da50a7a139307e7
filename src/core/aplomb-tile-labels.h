/* aplomb-tile-labels.h: names of the main towns on map tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "aplomb-palette.h"
#include "aplomb-tile-renderer.h"

G_BEGIN_DECLS

/* The towns and, for each zoom level, which of them are named: the most
 * populated first, none overlapping another. Thread-safe. */
typedef struct _AplombTileLabels AplombTileLabels;

AplombTileLabels *aplomb_tile_labels_new  (const AplombTown    *towns,
                                           guint                n_towns);
void              aplomb_tile_labels_free (AplombTileLabels    *self);
void              aplomb_tile_labels_draw (AplombTileLabels    *self,
                                           cairo_t             *cr,
                                           const AplombMapView *view,
                                           const AplombColor   *text,
                                           const AplombColor   *halo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombTileLabels, aplomb_tile_labels_free)

G_END_DECLS
