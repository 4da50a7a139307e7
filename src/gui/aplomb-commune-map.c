/* aplomb-commune-map.c: the choropleth of the communes, its legend, hover
 * and click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "aplomb-commune-map.h"
#include "aplomb-highlight-layer.h"
#include "aplomb-label-layer.h"
#include "aplomb-legend.h"
#include "aplomb-tile-source.h"

/* Metropolitan France fills a laptop screen at this view. */
#define FRANCE_CENTER_LAT 46.6
#define FRANCE_CENTER_LON 2.45
#define FRANCE_ZOOM       6.0
#define COMMUNE_ZOOM      11.0
/* Over another base map, enough of it shows through the classes' colours
 * to read roads and place names while the classes stay distinct. */
#define OVERLAY_FILL_OPACITY 0.65

struct _AplombCommuneMap
{
  GtkWidget             parent_instance;

  GtkWidget            *overlay;
  ShumateSimpleMap     *simple_map;
  GtkWidget            *legend;
  GtkWidget            *hover_label;
  AplombHighlightLayer *highlight;
  AplombLabelLayer     *labels;
  /* With a base map other than Aplomb's own, the choropleth is this layer
   * above it; otherwise it is the base map itself. */
  ShumateMapSource     *base;
  ShumateMapLayer      *choropleth;

  AplombTerritory      *territory;
  AplombTileRenderer   *renderer;
  AplombClassification *classification;
  double               *values;
  guint                 generation;
  int                   hovered;
  gboolean              show_labels;
};

G_DEFINE_FINAL_TYPE (AplombCommuneMap, aplomb_commune_map, GTK_TYPE_WIDGET)

enum {
  COMMUNE_ACTIVATED,
  MAP_COMPLETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ShumateMap *
get_map (AplombCommuneMap *self)
{
  return shumate_simple_map_get_map (self->simple_map);
}

static AplombTileStyle *
make_style (AplombCommuneMap *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  AplombTileStyle *style = aplomb_tile_style_new (dark ? APLOMB_MAP_THEME_DARK
                                                       : APLOMB_MAP_THEME_LIGHT);
  guint n = self->territory != NULL ? aplomb_territory_get_n_communes (self->territory) : 0;

  if (self->classification != NULL && self->values != NULL && n > 0)
    {
      g_autofree AplombColor *colors = g_new (AplombColor, n);

      aplomb_classification_fill_colors (self->classification, self->values, n, colors);
      aplomb_tile_style_set_fill_colors (style, colors, n);
    }
  if (self->base != NULL)
    {
      aplomb_tile_style_set_layers (style, aplomb_tile_style_get_layers (style) &
                                             ~APLOMB_MAP_LAYER_BACKGROUND);
      aplomb_tile_style_set_fill_opacity (style, OVERLAY_FILL_OPACITY);
    }
  return style;
}

/* The choropleth is complete once a territory is shown and its visible
 * tiles are drawn. */
static void
on_tiles_idle (AplombCommuneMap *self)
{
  if (self->territory != NULL && self->values != NULL)
    g_signal_emit (self, signals[MAP_COMPLETE], 0);
}

/* libshumate 1.0 cannot refresh the tiles of a source, so a new colouring
 * (or theme) is a new source with a new id, hence a fresh tile cache. */
static void
refresh_tiles (AplombCommuneMap *self)
{
  g_autoptr(AplombTileStyle) style = NULL;
  g_autoptr(AplombTileSource) source = NULL;
  g_autofree char *id = NULL;

  style = make_style (self);
  id = g_strdup_printf ("aplomb-choropleth-%u", ++self->generation);
  source = aplomb_tile_source_new (id, self->renderer, style);
  g_signal_connect_object (source, "idle", G_CALLBACK (on_tiles_idle), self, G_CONNECT_SWAPPED);
  if (self->choropleth != NULL)
    shumate_map_remove_layer (get_map (self), SHUMATE_LAYER (self->choropleth));
  self->choropleth = NULL;
  if (self->base == NULL)
    {
      shumate_simple_map_set_map_source (self->simple_map, SHUMATE_MAP_SOURCE (source));
      return;
    }
  self->choropleth =
    shumate_map_layer_new (SHUMATE_MAP_SOURCE (source),
                           shumate_simple_map_get_viewport (self->simple_map));
  /* Under the highlight and the town names, which come after it when a
   * territory is set later. The map's own call, as libshumate 1.0.3 does not
   * export the simple map's shumate_simple_map_insert_overlay_layer (). */
  if (self->highlight != NULL)
    shumate_map_insert_layer_behind (get_map (self), SHUMATE_LAYER (self->choropleth),
                                     SHUMATE_LAYER (self->highlight));
  else
    shumate_map_add_layer (get_map (self), SHUMATE_LAYER (self->choropleth));
}

/**
 * aplomb_commune_map_set_base_map:
 * @base: (nullable): tiles to show under the communes, or NULL for the
 *   offline map drawn by Aplomb
 *
 * Over another base map the communes' colours are translucent and the
 * base map's attribution is shown with that of the boundaries.
 */
void
aplomb_commune_map_set_base_map (AplombCommuneMap *self,
                                 ShumateMapSource *base)
{
  ShumateLicense *license;

  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));
  g_return_if_fail (base == NULL || SHUMATE_IS_MAP_SOURCE (base));

  if (base == self->base)
    return;
  g_set_object (&self->base, base);
  license = shumate_simple_map_get_license (self->simple_map);
  if (base != NULL)
    {
      shumate_simple_map_set_map_source (self->simple_map, base);
      shumate_license_set_extra_text (
        license, _("Boundaries © IGN – INSEE – DREES, Licence Ouverte 2.0"));
    }
  else
    shumate_license_set_extra_text (license, NULL);
  refresh_tiles (self);
}

ShumateMapSource *
aplomb_commune_map_get_base_map (AplombCommuneMap *self)
{
  g_return_val_if_fail (APLOMB_IS_COMMUNE_MAP (self), NULL);

  return self->base;
}

ShumateMapLayer *
aplomb_commune_map_get_choropleth_layer (AplombCommuneMap *self)
{
  g_return_val_if_fail (APLOMB_IS_COMMUNE_MAP (self), NULL);

  return self->choropleth;
}

static void
on_dark_changed (AplombCommuneMap *self)
{
  refresh_tiles (self);
}

/* Widget coordinates of the map → commune index, or -1. */
int
aplomb_commune_map_pick (AplombCommuneMap *self,
                         double            x,
                         double            y)
{
  ShumateViewport *viewport;
  double lat, lon;

  g_return_val_if_fail (APLOMB_IS_COMMUNE_MAP (self), -1);

  if (self->renderer == NULL)
    return -1;
  viewport = shumate_simple_map_get_viewport (self->simple_map);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (get_map (self)),
                                              x, y, &lat, &lon);
  return aplomb_tile_renderer_pick (self->renderer, lon, lat);
}

static void
update_hover_label (AplombCommuneMap *self)
{
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;

  if (self->hovered < 0 || self->territory == NULL)
    {
      gtk_widget_set_visible (self->hover_label, FALSE);
      return;
    }

  if (self->classification != NULL && self->values != NULL)
    value = aplomb_classification_format_value (self->classification,
                                                self->values[self->hovered], TRUE);
  if (value != NULL)
    text = g_strdup_printf ("%s — %s",
                            aplomb_territory_get_name (self->territory, self->hovered), value);
  else
    text = g_strdup (aplomb_territory_get_name (self->territory, self->hovered));
  gtk_label_set_label (GTK_LABEL (self->hover_label), text);
  gtk_widget_set_visible (self->hover_label, TRUE);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AplombCommuneMap         *self)
{
  int commune = aplomb_commune_map_pick (self, x, y);

  if (commune == self->hovered)
    return;
  self->hovered = commune;
  update_hover_label (self);
}

static void
on_leave (GtkEventControllerMotion *controller,
          AplombCommuneMap         *self)
{
  self->hovered = -1;
  update_hover_label (self);
}

static void
on_click_released (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   AplombCommuneMap *self)
{
  int commune;

  if (n_press != 1)
    return;
  commune = aplomb_commune_map_pick (self, x, y);
  if (commune < 0)
    return;
  aplomb_commune_map_select (self, commune);
  g_signal_emit (self, signals[COMMUNE_ACTIVATED], 0, commune);
}

static void
setup_gestures (AplombCommuneMap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* ShumateLayer never receives pointer events, so listen on the map. */
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (get_map (self)), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (get_map (self)), GTK_EVENT_CONTROLLER (click));
}

void
aplomb_commune_map_set_territory (AplombCommuneMap   *self,
                                  AplombTerritory    *territory,
                                  AplombTileRenderer *renderer)
{
  ShumateViewport *viewport;

  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));
  g_return_if_fail (APLOMB_IS_TERRITORY (territory));
  g_return_if_fail (APLOMB_IS_TILE_RENDERER (renderer));

  g_set_object (&self->territory, territory);
  g_set_object (&self->renderer, renderer);
  g_clear_pointer (&self->values, g_free);
  self->hovered = -1;

  if (self->highlight != NULL)
    shumate_simple_map_remove_overlay_layer (self->simple_map, SHUMATE_LAYER (self->highlight));
  if (self->labels != NULL)
    shumate_simple_map_remove_overlay_layer (self->simple_map, SHUMATE_LAYER (self->labels));
  viewport = shumate_simple_map_get_viewport (self->simple_map);
  self->highlight = aplomb_highlight_layer_new (viewport, renderer);
  self->labels = aplomb_label_layer_new (viewport, territory);
  gtk_widget_set_visible (GTK_WIDGET (self->labels), self->show_labels);
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->highlight));
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->labels));

  refresh_tiles (self);
}

void
aplomb_commune_map_set_indicator (AplombCommuneMap     *self,
                                  const double         *values,
                                  AplombClassification *classification,
                                  const char           *title,
                                  const char           *subtitle)
{
  guint n;

  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));
  g_return_if_fail (self->territory != NULL);
  g_return_if_fail (values != NULL && classification != NULL);

  n = aplomb_territory_get_n_communes (self->territory);
  g_free (self->values);
  self->values = g_memdup2 (values, n * sizeof (double));
  g_clear_pointer (&self->classification, aplomb_classification_unref);
  self->classification = aplomb_classification_ref (classification);

  aplomb_legend_set_classification (APLOMB_LEGEND (self->legend), classification,
                                    title, subtitle);
  gtk_widget_set_visible (self->legend, TRUE);
  update_hover_label (self);
  refresh_tiles (self);
}

void
aplomb_commune_map_select (AplombCommuneMap *self,
                           int               commune)
{
  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));

  if (self->highlight != NULL)
    aplomb_highlight_layer_set_commune (self->highlight, commune);
}

int
aplomb_commune_map_get_selected (AplombCommuneMap *self)
{
  g_return_val_if_fail (APLOMB_IS_COMMUNE_MAP (self), -1);

  return self->highlight != NULL ? aplomb_highlight_layer_get_commune (self->highlight) : -1;
}

void
aplomb_commune_map_show_france (AplombCommuneMap *self)
{
  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));

  shumate_map_stop_go_to (get_map (self));
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (self->simple_map),
                                   FRANCE_ZOOM);
  shumate_map_center_on (get_map (self), FRANCE_CENTER_LAT, FRANCE_CENTER_LON);
}

/* Without animation: libshumate 1.0's go-to animation leaves the tiles of
 * the starting view on screen until the next pointer event. */
static void
jump_to (AplombCommuneMap *self,
         double            lat,
         double            lon,
         double            zoom)
{
  shumate_map_stop_go_to (get_map (self));
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (self->simple_map), zoom);
  shumate_map_center_on (get_map (self), lat, lon);
}

void
aplomb_commune_map_zoom_to_bbox (AplombCommuneMap *self,
                                 const AplombBBox *bbox)
{
  AplombMapView view;
  int width, height;
  double lon, lat;

  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));
  g_return_if_fail (bbox != NULL);

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 400);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 300);
  aplomb_map_view_init_fit (&view, bbox, width, height, 48);
  aplomb_mercator_to_lonlat ((view.origin_x + width / 2.0) / view.world_size,
                             (view.origin_y + height / 2.0) / view.world_size, &lon, &lat);
  jump_to (self, lat, lon, floor (aplomb_map_view_get_zoom (&view) * 4) / 4);
}

void
aplomb_commune_map_fly_to_commune (AplombCommuneMap *self,
                                   guint             commune)
{
  ShumateViewport *viewport;
  double lon, lat;

  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));
  g_return_if_fail (self->territory != NULL);

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  aplomb_territory_get_inner_point (self->territory, commune, &lon, &lat);
  jump_to (self, lat, lon, MAX (shumate_viewport_get_zoom_level (viewport), COMMUNE_ZOOM));
  aplomb_commune_map_select (self, commune);
}

void
aplomb_commune_map_set_show_labels (AplombCommuneMap *self,
                                    gboolean          show_labels)
{
  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (self));

  self->show_labels = show_labels;
  if (self->labels == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->labels), show_labels);
  /* ShumateMap allocates its layers only when its own size changes. */
  gtk_widget_queue_allocate (GTK_WIDGET (get_map (self)));
}

ShumateSimpleMap *
aplomb_commune_map_get_simple_map (AplombCommuneMap *self)
{
  g_return_val_if_fail (APLOMB_IS_COMMUNE_MAP (self), NULL);

  return self->simple_map;
}

GtkWidget *
aplomb_commune_map_get_legend (AplombCommuneMap *self)
{
  g_return_val_if_fail (APLOMB_IS_COMMUNE_MAP (self), NULL);

  return self->legend;
}

static void
aplomb_commune_map_dispose (GObject *object)
{
  AplombCommuneMap *self = APLOMB_COMMUNE_MAP (object);

  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_object (&self->base);
  g_clear_object (&self->territory);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->classification, aplomb_classification_unref);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (aplomb_commune_map_parent_class)->dispose (object);
}

static void
aplomb_commune_map_class_init (AplombCommuneMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = aplomb_commune_map_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "communemap");

  /**
   * AplombCommuneMap::commune-activated:
   * @commune: index of the clicked commune in the territory
   */
  signals[COMMUNE_ACTIVATED] =
    g_signal_new ("commune-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * AplombCommuneMap::map-complete:
   *
   * The indicator is shown and every visible tile is drawn.
   */
  signals[MAP_COMPLETE] =
    g_signal_new ("map-complete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
make_hover_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "hover-label");
  gtk_widget_add_css_class (label, "osd");
  gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_can_target (label, FALSE);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
aplomb_commune_map_init (AplombCommuneMap *self)
{
  self->hovered = -1;
  self->show_labels = TRUE;
  self->overlay = gtk_overlay_new ();
  self->simple_map = shumate_simple_map_new ();
  self->legend = aplomb_legend_new ();
  self->hover_label = make_hover_label ();

  gtk_widget_set_hexpand (GTK_WIDGET (self->simple_map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->simple_map), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->simple_map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of the communes"), -1);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->simple_map));

  gtk_widget_set_halign (self->legend, GTK_ALIGN_START);
  gtk_widget_set_valign (self->legend, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->legend, 12);
  gtk_widget_set_margin_bottom (self->legend, 64);
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->legend);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->hover_label);
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  setup_gestures (self);
  refresh_tiles (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  aplomb_commune_map_show_france (self);
}

GtkWidget *
aplomb_commune_map_new (void)
{
  return g_object_new (APLOMB_TYPE_COMMUNE_MAP, NULL);
}
