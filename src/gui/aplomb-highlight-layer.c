/* aplomb-highlight-layer.c: the outline of the selected commune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aplomb-highlight-layer.h"

/* One commune outline is cheap to redraw every frame, unlike the choropleth,
 * so it lives in its own layer above the tiles. */
struct _AplombHighlightLayer
{
  ShumateLayer        parent_instance;

  AplombTileRenderer *renderer;
  int                 commune;
};

G_DEFINE_FINAL_TYPE (AplombHighlightLayer, aplomb_highlight_layer, SHUMATE_TYPE_LAYER)

static void
aplomb_highlight_layer_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  AplombHighlightLayer *self = APLOMB_HIGHLIGHT_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *reference = shumate_viewport_get_reference_map_source (viewport);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const AplombColor halo = { 1, 1, 1, 0.9f };
  const AplombColor outline = { 0.1f, 0.1f, 0.1f, 1 };
  AplombMapView view;
  cairo_t *cr;

  if (self->commune < 0 || reference == NULL || width <= 0 || height <= 0)
    return;

  aplomb_map_view_init_center (&view,
                               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                               shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                               shumate_viewport_get_zoom_level (viewport),
                               shumate_map_source_get_tile_size (reference),
                               1.0, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  aplomb_tile_renderer_draw_highlight (self->renderer, cr, &view, self->commune, &halo, 5.0);
  aplomb_tile_renderer_draw_highlight (self->renderer, cr, &view, self->commune, &outline, 2.0);
  cairo_destroy (cr);
}

static void
aplomb_highlight_layer_constructed (GObject *object)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (object));

  G_OBJECT_CLASS (aplomb_highlight_layer_parent_class)->constructed (object);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), object,
                           G_CONNECT_SWAPPED);
}

static void
aplomb_highlight_layer_finalize (GObject *object)
{
  AplombHighlightLayer *self = APLOMB_HIGHLIGHT_LAYER (object);

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (aplomb_highlight_layer_parent_class)->finalize (object);
}

static void
aplomb_highlight_layer_class_init (AplombHighlightLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = aplomb_highlight_layer_constructed;
  object_class->finalize = aplomb_highlight_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = aplomb_highlight_layer_snapshot;
}

static void
aplomb_highlight_layer_init (AplombHighlightLayer *self)
{
  self->commune = -1;
}

AplombHighlightLayer *
aplomb_highlight_layer_new (ShumateViewport    *viewport,
                            AplombTileRenderer *renderer)
{
  AplombHighlightLayer *self;

  g_return_val_if_fail (APLOMB_IS_TILE_RENDERER (renderer), NULL);

  self = g_object_new (APLOMB_TYPE_HIGHLIGHT_LAYER, "viewport", viewport, NULL);
  self->renderer = g_object_ref (renderer);
  return self;
}

void
aplomb_highlight_layer_set_commune (AplombHighlightLayer *self,
                                    int                   commune)
{
  g_return_if_fail (APLOMB_IS_HIGHLIGHT_LAYER (self));

  if (self->commune == commune)
    return;
  self->commune = commune;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
aplomb_highlight_layer_get_commune (AplombHighlightLayer *self)
{
  g_return_val_if_fail (APLOMB_IS_HIGHLIGHT_LAYER (self), -1);

  return self->commune;
}
