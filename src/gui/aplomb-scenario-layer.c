/* aplomb-scenario-layer.c: what a scenario draws on the map (bus tours,
 * sites of actions, CPTS perimeters) and the lasso that selects communes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-cpts.h"
#include "aplomb-scenario-layer.h"

/* A perimeter's outline: a band this wide just outside its boundary, with
 * a thin white halo beyond, so that it reads over any class colour. */
#define PERIMETER_BAND_PX 3.0
#define PERIMETER_HALO_PX 1.5
#define PERIMETER_FILL_ALPHA 0.12
/* Beyond this, the gaps between simplified neighbours are left visible
 * rather than thickening the outline further (zoom 13 and closer). */
#define PERIMETER_MAX_GAP_PX 12.0

/* GNOME's green: neither the sequential palette of the APL (purple to
 * yellow) nor the diverging one of differences (red, grey, blue) has it. */
static const GdkRGBA perimeter_color = { 0.149f, 0.635f, 0.412f, 1.0f };

/* The rings of a perimeter's communes: ring r owns the points
 * ring_offsets[r] .. ring_offsets[r + 1] - 1 of coords (lon, lat pairs). */
typedef struct
{
  GArray *coords;
  GArray *ring_offsets;
} Perimeter;

struct _AplombScenarioLayer
{
  ShumateLayer  parent_instance;

  GtkWidget    *map;
  GtkGesture   *drag;
  gboolean      lasso_active;
  GArray       *lasso;        /* lon, lat pairs of the lasso being drawn */
  double        start_x;
  double        start_y;
  GPtrArray    *paths;        /* GArray of lon, lat pairs */
  GArray       *sites;        /* lon, lat pairs */
  GPtrArray    *perimeters;   /* Perimeter */
};

G_DEFINE_FINAL_TYPE (AplombScenarioLayer, aplomb_scenario_layer, SHUMATE_TYPE_LAYER)

enum {
  LASSO_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trace_lonlat (AplombScenarioLayer *self,
              cairo_t             *cr,
              const double        *lonlat,
              guint                n)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  for (guint k = 0; k < n; k++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  lonlat[2 * k + 1], lonlat[2 * k], &x, &y);
      if (k == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
}

static void
perimeter_free (Perimeter *perimeter)
{
  g_array_unref (perimeter->coords);
  g_array_unref (perimeter->ring_offsets);
  g_free (perimeter);
}

static void
trace_perimeter (AplombScenarioLayer *self,
                 cairo_t             *cr,
                 const Perimeter     *perimeter)
{
  const double *coords = (const double *) perimeter->coords->data;
  const guint *offsets = (const guint *) perimeter->ring_offsets->data;

  for (guint r = 0; r + 1 < perimeter->ring_offsets->len; r++)
    {
      trace_lonlat (self, cr, coords + 2 * offsets[r], offsets[r + 1] - offsets[r]);
      cairo_close_path (cr);
    }
}

/* The widest gap between neighbouring communes in pixels at the current
 * zoom: the outline's erasing of shared borders has to bridge it. */
static double
neighbour_gap_px (AplombScenarioLayer *self,
                  const Perimeter     *perimeter)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lon = g_array_index (perimeter->coords, double, 0);
  double lat = g_array_index (perimeter->coords, double, 1);
  double dlon = APLOMB_CPTS_NEIGHBOUR_KM / (111.32 * cos (lat * G_PI / 180));
  double x0, y0, x1, y1;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, &x0, &y0);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon + dlon,
                                              &x1, &y1);
  return CLAMP (fabs (x1 - x0), 1.0, PERIMETER_MAX_GAP_PX);
}

/* Only the outer boundary of the union of the communes is outlined: every
 * ring is stroked wide, then the communes, widened by the gap between
 * neighbours, are cleared, which leaves the band outside the perimeter and
 * nothing along shared borders. Groups keep overlaps from adding up. */
static void
draw_perimeter (AplombScenarioLayer *self,
                cairo_t             *cr,
                const Perimeter     *perimeter)
{
  double gap = neighbour_gap_px (self, perimeter);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  trace_perimeter (self, cr, perimeter);

  cairo_push_group (cr);
  gdk_cairo_set_source_rgba (cr, &perimeter_color);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, gap);
  cairo_stroke_preserve (cr);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, PERIMETER_FILL_ALPHA);

  cairo_push_group (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, gap + 2 * (PERIMETER_BAND_PX + PERIMETER_HALO_PX));
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &perimeter_color);
  cairo_set_line_width (cr, gap + 2 * PERIMETER_BAND_PX);
  cairo_stroke_preserve (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, gap);
  cairo_stroke (cr);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
}

static void
draw_perimeters (AplombScenarioLayer *self,
                 cairo_t             *cr)
{
  for (guint i = 0; i < self->perimeters->len; i++)
    {
      cairo_save (cr);
      draw_perimeter (self, cr, g_ptr_array_index (self->perimeters, i));
      cairo_restore (cr);
    }
}

static void
draw_paths (AplombScenarioLayer *self,
            cairo_t             *cr)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < self->paths->len; i++)
    {
      GArray *path = g_ptr_array_index (self->paths, i);

      trace_lonlat (self, cr, (const double *) path->data, path->len / 2);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      /* The accent blue of GNOME: tours read as routes, not as borders. */
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

static void
draw_sites (AplombScenarioLayer *self,
            cairo_t             *cr)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  for (guint k = 0; k < self->sites->len / 2; k++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  g_array_index (self->sites, double, 2 * k + 1),
                                                  g_array_index (self->sites, double, 2 * k),
                                                  &x, &y);
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }
}

static void
draw_lasso (AplombScenarioLayer *self,
            cairo_t             *cr)
{
  static const double dashes[] = { 6, 4 };

  if (self->lasso->len < 4)
    return;
  trace_lonlat (self, cr, (const double *) self->lasso->data, self->lasso->len / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
}

static void
aplomb_scenario_layer_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AplombScenarioLayer *self = APLOMB_SCENARIO_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (self->paths->len == 0 && self->sites->len == 0 && self->lasso->len == 0
      && self->perimeters->len == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_perimeters (self, cr);
  draw_paths (self, cr);
  draw_sites (self, cr);
  draw_lasso (self, cr);
  cairo_destroy (cr);
}

/* The lasso */

static void
add_lasso_point (AplombScenarioLayer *self,
                 double               x,
                 double               y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lat, lon;

  shumate_viewport_widget_coords_to_location (viewport, self->map, x, y, &lat, &lon);
  g_array_append_val (self->lasso, lon);
  g_array_append_val (self->lasso, lat);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               AplombScenarioLayer *self)
{
  if (!self->lasso_active)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* Claimed, so that the map does not pan under the lasso. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->start_x = x;
  self->start_y = y;
  g_array_set_size (self->lasso, 0);
  add_lasso_point (self, x, y);
}

static void
on_drag_update (GtkGestureDrag      *gesture,
                double               dx,
                double               dy,
                AplombScenarioLayer *self)
{
  add_lasso_point (self, self->start_x + dx, self->start_y + dy);
}

static void
on_drag_end (GtkGestureDrag      *gesture,
             double               dx,
             double               dy,
             AplombScenarioLayer *self)
{
  g_autoptr(GArray) lasso = g_steal_pointer (&self->lasso);

  self->lasso = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[LASSO_FINISHED], 0, lasso);
}

void
aplomb_scenario_layer_set_lasso_active (AplombScenarioLayer *self,
                                        gboolean             active)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_LAYER (self));

  self->lasso_active = active;
  gtk_widget_set_cursor_from_name (self->map, active ? "crosshair" : NULL);
}

gboolean
aplomb_scenario_layer_get_lasso_active (AplombScenarioLayer *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_LAYER (self), FALSE);

  return self->lasso_active;
}

void
aplomb_scenario_layer_clear (AplombScenarioLayer *self)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_LAYER (self));

  g_ptr_array_set_size (self->paths, 0);
  g_array_set_size (self->sites, 0);
  g_ptr_array_set_size (self->perimeters, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
aplomb_scenario_layer_add_path (AplombScenarioLayer *self,
                                const double        *lonlat,
                                guint                n)
{
  GArray *path;

  g_return_if_fail (APLOMB_IS_SCENARIO_LAYER (self));
  g_return_if_fail (lonlat != NULL || n == 0);

  path = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  g_array_append_vals (path, lonlat, 2 * n);
  g_ptr_array_add (self->paths, path);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
aplomb_scenario_layer_add_site (AplombScenarioLayer *self,
                                double               lon,
                                double               lat)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_LAYER (self));

  g_array_append_val (self->sites, lon);
  g_array_append_val (self->sites, lat);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
aplomb_scenario_layer_add_perimeter (AplombScenarioLayer  *self,
                                     const AplombGeometry *geometry,
                                     const guint          *communes,
                                     guint                 n)
{
  Perimeter *perimeter;
  guint start = 0;

  g_return_if_fail (APLOMB_IS_SCENARIO_LAYER (self));
  g_return_if_fail (geometry != NULL);
  g_return_if_fail (communes != NULL || n == 0);
  for (guint k = 0; k < n; k++)
    g_return_if_fail (communes[k] < geometry->n_features);

  perimeter = g_new0 (Perimeter, 1);
  perimeter->coords = g_array_new (FALSE, FALSE, sizeof (double));
  perimeter->ring_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (perimeter->ring_offsets, start);
  for (guint k = 0; k < n; k++)
    {
      guint c = communes[k];

      for (guint p = geometry->feature_offsets[c]; p < geometry->feature_offsets[c + 1]; p++)
        for (guint r = geometry->polygon_offsets[p]; r < geometry->polygon_offsets[p + 1]; r++)
          {
            guint first = geometry->ring_offsets[r];
            guint end = geometry->ring_offsets[r + 1];

            g_array_append_vals (perimeter->coords, geometry->coords + 2 * first,
                                 2 * (end - first));
            end = perimeter->coords->len / 2;
            g_array_append_val (perimeter->ring_offsets, end);
          }
    }
  if (perimeter->coords->len == 0)
    {
      perimeter_free (perimeter);
      return;
    }
  g_ptr_array_add (self->perimeters, perimeter);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const GdkRGBA *
aplomb_scenario_layer_get_perimeter_color (void)
{
  return &perimeter_color;
}

static void
aplomb_scenario_layer_constructed (GObject *object)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (object));

  G_OBJECT_CLASS (aplomb_scenario_layer_parent_class)->constructed (object);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), object,
                           G_CONNECT_SWAPPED);
}

static void
aplomb_scenario_layer_dispose (GObject *object)
{
  AplombScenarioLayer *self = APLOMB_SCENARIO_LAYER (object);

  if (self->drag != NULL && self->map != NULL)
    gtk_widget_remove_controller (self->map, GTK_EVENT_CONTROLLER (self->drag));
  self->drag = NULL;
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (aplomb_scenario_layer_parent_class)->dispose (object);
}

static void
aplomb_scenario_layer_finalize (GObject *object)
{
  AplombScenarioLayer *self = APLOMB_SCENARIO_LAYER (object);

  g_array_unref (self->lasso);
  g_ptr_array_unref (self->paths);
  g_array_unref (self->sites);
  g_ptr_array_unref (self->perimeters);

  G_OBJECT_CLASS (aplomb_scenario_layer_parent_class)->finalize (object);
}

static void
aplomb_scenario_layer_class_init (AplombScenarioLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = aplomb_scenario_layer_constructed;
  object_class->dispose = aplomb_scenario_layer_dispose;
  object_class->finalize = aplomb_scenario_layer_finalize;
  widget_class->snapshot = aplomb_scenario_layer_snapshot;

  /**
   * AplombScenarioLayer::lasso-finished:
   * @lonlat: (element-type double): the vertices, longitude then latitude
   */
  signals[LASSO_FINISHED] = g_signal_new ("lasso-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
aplomb_scenario_layer_init (AplombScenarioLayer *self)
{
  self->lasso = g_array_new (FALSE, FALSE, sizeof (double));
  self->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->sites = g_array_new (FALSE, FALSE, sizeof (double));
  self->perimeters = g_ptr_array_new_with_free_func ((GDestroyNotify) perimeter_free);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

AplombScenarioLayer *
aplomb_scenario_layer_new (ShumateViewport *viewport,
                           GtkWidget       *map)
{
  AplombScenarioLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (map), NULL);

  self = g_object_new (APLOMB_TYPE_SCENARIO_LAYER, "viewport", viewport, NULL);
  g_set_weak_pointer (&self->map, map);
  self->drag = gtk_gesture_drag_new ();
  /* In the capture phase, to claim the drag before the map pans. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (self->drag));
  return self;
}
