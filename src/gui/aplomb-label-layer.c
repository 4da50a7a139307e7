/* aplomb-label-layer.c: names of the main towns, drawn by Aplomb itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "aplomb-label-layer.h"
#include "aplomb-tile-renderer.h"
#include "aplomb-towns.h"

/* Beyond this, a screen of labels hides the map it names. */
#define MAX_LABELS 120
#define LABEL_MARGIN 4

/* Labels are drawn above the tiles, not into them, so that a name is never
 * cut at a tile edge and stays the same size at every zoom. */
struct _AplombLabelLayer
{
  ShumateLayer     parent_instance;

  AplombTerritory *territory;
  GArray          *towns;  /* communes, the most populated first */
};

G_DEFINE_FINAL_TYPE (AplombLabelLayer, aplomb_label_layer, SHUMATE_TYPE_LAYER)

static gboolean
overlaps (GArray                      *placed,
          const cairo_rectangle_int_t *rect)
{
  for (guint i = 0; i < placed->len; i++)
    {
      const cairo_rectangle_int_t *other = &g_array_index (placed, cairo_rectangle_int_t, i);

      if (rect->x < other->x + other->width && other->x < rect->x + rect->width &&
          rect->y < other->y + other->height && other->y < rect->y + rect->height)
        return TRUE;
    }
  return FALSE;
}

static void
draw_label (cairo_t     *cr,
            PangoLayout *layout,
            double       x,
            double       y,
            gboolean     dark)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 3.0);
  if (dark)
    cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.85);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_stroke_preserve (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  else
    cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
  cairo_fill (cr);
}

static void
aplomb_label_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AplombLabelLayer *self = APLOMB_LABEL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *reference = shumate_viewport_get_reference_map_source (viewport);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double min_population = aplomb_towns_min_population (zoom);
  const double *population = aplomb_territory_get_population (self->territory);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_int_t));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  AplombMapView view;
  cairo_t *cr;

  if (reference == NULL || width <= 0 || height <= 0)
    return;

  aplomb_map_view_init_center (&view,
                               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                               shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                               zoom, shumate_map_source_get_tile_size (reference),
                               1.0, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->towns->len && placed->len < MAX_LABELS; i++)
    {
      guint commune = g_array_index (self->towns, guint, i);
      cairo_rectangle_int_t rect;
      double lon, lat, mx, my;
      int text_width, text_height;

      if (population[commune] < min_population)
        break;
      aplomb_territory_get_inner_point (self->territory, commune, &lon, &lat);
      aplomb_mercator_from_lonlat (lon, lat, &mx, &my);
      mx = mx * view.world_size - view.origin_x;
      my = my * view.world_size - view.origin_y;
      if (mx < 0 || my < 0 || mx > width || my > height)
        continue;

      pango_layout_set_text (layout, aplomb_territory_get_name (self->territory, commune), -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      rect.x = mx - text_width / 2 - LABEL_MARGIN;
      rect.y = my - text_height / 2 - LABEL_MARGIN;
      rect.width = text_width + 2 * LABEL_MARGIN;
      rect.height = text_height + 2 * LABEL_MARGIN;
      if (overlaps (placed, &rect))
        continue;
      g_array_append_val (placed, rect);
      draw_label (cr, layout, mx - text_width / 2.0, my - text_height / 2.0, dark);
    }
  cairo_destroy (cr);
}

static void
aplomb_label_layer_constructed (GObject *object)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (object));

  G_OBJECT_CLASS (aplomb_label_layer_parent_class)->constructed (object);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), object,
                           G_CONNECT_SWAPPED);
}

static void
aplomb_label_layer_finalize (GObject *object)
{
  AplombLabelLayer *self = APLOMB_LABEL_LAYER (object);

  g_clear_pointer (&self->towns, g_array_unref);
  g_clear_object (&self->territory);

  G_OBJECT_CLASS (aplomb_label_layer_parent_class)->finalize (object);
}

static void
aplomb_label_layer_class_init (AplombLabelLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = aplomb_label_layer_constructed;
  object_class->finalize = aplomb_label_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = aplomb_label_layer_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "townlabels");
}

static void
aplomb_label_layer_init (AplombLabelLayer *self)
{
}

AplombLabelLayer *
aplomb_label_layer_new (ShumateViewport *viewport,
                        AplombTerritory *territory)
{
  AplombLabelLayer *self;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);

  self = g_object_new (APLOMB_TYPE_LABEL_LAYER, "viewport", viewport, NULL);
  self->territory = g_object_ref (territory);
  /* Every commune, so that a zoomed-in map names its villages too. */
  self->towns = aplomb_towns_list (territory, 0);
  return self;
}
