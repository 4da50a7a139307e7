/* aplomb-tile-source.c: map tiles drawn by Aplomb itself, with no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "aplomb-tile-source.h"

#define TILE_SIZE 256

/* The renderer's geometry and the style are immutable once given to the
 * source, so worker threads share them without locks; a new colouring is a
 * new source (libshumate 1.0 has no way to refresh a source's tiles). */
struct _AplombTileSource
{
  ShumateMapSource    parent_instance;

  AplombTileRenderer *renderer;
  AplombTileStyle    *style;
  guint               pending;
};

G_DEFINE_FINAL_TYPE (AplombTileSource, aplomb_tile_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint x, y, zoom;
} TileRequest;

/* Before a territory is loaded the map is only its background. */
static void
fill_background (const AplombTileStyle *style,
                 guint8                *pixels,
                 int                    stride)
{
  const AplombColor *color = aplomb_tile_style_get_background (style);
  cairo_surface_t *surface =
    cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, TILE_SIZE, TILE_SIZE, stride);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
render_tile_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  AplombTileSource *self = source_object;
  const TileRequest *request = task_data;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, TILE_SIZE);
  guint8 *pixels = g_malloc0 ((gsize) stride * TILE_SIZE);

  if (g_task_return_error_if_cancelled (task))
    {
      g_free (pixels);
      return;
    }
  if (self->renderer != NULL)
    aplomb_tile_renderer_render_tile (self->renderer, self->style,
                                      request->zoom, request->x, request->y,
                                      TILE_SIZE, 1.0, pixels, stride);
  else
    fill_background (self->style, pixels, stride);
  g_task_return_pointer (task, g_bytes_new_take (pixels, (gsize) stride * TILE_SIZE),
                         (GDestroyNotify) g_bytes_unref);
}

static void
on_tile_rendered (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  AplombTileSource *self = APLOMB_TILE_SOURCE (source_object);
  ShumateTile *tile = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (--self->pending == 0)
    g_signal_emit (self, signals[IDLE], 0);
  if (bytes == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  texture = gdk_memory_texture_new (TILE_SIZE, TILE_SIZE,
                                    GDK_MEMORY_DEFAULT,
                                    bytes, TILE_SIZE * 4);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (outer, TRUE);
}

/* Tiles are drawn in a worker thread; the texture is made and handed to
 * the tile back on the main thread, where libshumate expects it. */
static void
aplomb_tile_source_fill_tile_async (ShumateMapSource    *source,
                                    ShumateTile         *tile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *outer = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  TileRequest *request = g_new (TileRequest, 1);

  g_task_set_source_tag (outer, aplomb_tile_source_fill_tile_async);
  g_task_set_task_data (outer, g_object_ref (tile), g_object_unref);

  request->x = shumate_tile_get_x (tile);
  request->y = shumate_tile_get_y (tile);
  request->zoom = shumate_tile_get_zoom_level (tile);

  APLOMB_TILE_SOURCE (source)->pending++;
  inner = g_task_new (source, cancellable, on_tile_rendered, outer);
  g_task_set_task_data (inner, request, g_free);
  g_task_run_in_thread (inner, render_tile_in_thread);
}

static gboolean
aplomb_tile_source_fill_tile_finish (ShumateMapSource  *source,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
aplomb_tile_source_finalize (GObject *object)
{
  AplombTileSource *self = APLOMB_TILE_SOURCE (object);

  g_clear_object (&self->renderer);
  g_clear_pointer (&self->style, aplomb_tile_style_unref);

  G_OBJECT_CLASS (aplomb_tile_source_parent_class)->finalize (object);
}

static void
aplomb_tile_source_class_init (AplombTileSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = aplomb_tile_source_finalize;

  /**
   * AplombTileSource::idle:
   *
   * Every tile asked for so far is drawn.
   */
  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  source_class->fill_tile_async = aplomb_tile_source_fill_tile_async;
  source_class->fill_tile_finish = aplomb_tile_source_fill_tile_finish;
}

static void
aplomb_tile_source_init (AplombTileSource *self)
{
}

AplombTileSource *
aplomb_tile_source_new (const char         *id,
                        AplombTileRenderer *renderer,
                        AplombTileStyle    *style)
{
  AplombTileSource *self;

  g_return_val_if_fail (renderer == NULL || APLOMB_IS_TILE_RENDERER (renderer), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_object_new (APLOMB_TYPE_TILE_SOURCE,
                       "id", id,
                       "name", _("Aplomb offline map"),
                       "license", _("Boundaries © IGN – INSEE – DREES, Licence Ouverte 2.0"),
                       "min-zoom-level", 3,
                       "max-zoom-level", 16,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  g_set_object (&self->renderer, renderer);
  self->style = aplomb_tile_style_ref (style);
  return self;
}
