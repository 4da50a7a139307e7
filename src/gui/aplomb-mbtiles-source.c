/* aplomb-mbtiles-source.c: raster tiles of a local MBTiles file, as a
 * libshumate data source
 *
 * MBTiles (https://github.com/mapbox/mbtiles-spec) is an SQLite file with
 * a metadata table of name/value pairs and a tiles table of images keyed
 * by zoom_level, tile_column and tile_row, rows counted from the south
 * (TMS) where libshumate counts from the north.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>

#include "aplomb-mbtiles-source.h"

#define TILE_SIZE 256
/* As deep as Aplomb's own map: beyond the archive's last zoom its tiles
 * are enlarged, as libshumate 1.0 does not upscale parent tiles. */
#define OVERZOOM_MAX 16
/* The view of all France needs zoom 5 or 6: an archive of local detail
 * leaves the base blank there rather than lock the view (libshumate 1.0
 * keeps the viewport within its source's zooms). */
#define OVERVIEW_MIN 3

G_DEFINE_QUARK (aplomb-mbtiles-error-quark, aplomb_mbtiles_error)

/* One connection in SQLite's serialized mode, so that the worker threads
 * of GTask share it without locks of ours. */
struct _AplombMbtilesSource
{
  ShumateDataSource parent_instance;

  sqlite3          *db;
  /* The file named in messages: its full path is in the preferences. */
  char             *display_name;
  char             *name;
  char             *attribution;
  guint             min_zoom;
  guint             max_zoom;
};

G_DEFINE_FINAL_TYPE (AplombMbtilesSource, aplomb_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x, y, zoom;
} TileRequest;

/* SQLite's own reason is English and technical: for the log only. */
static gboolean
set_invalid (AplombMbtilesSource  *self,
             GError              **error)
{
  g_debug ("%s: %s", self->display_name, sqlite3_errmsg (self->db));
  g_set_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_INVALID,
               _("“%s” is not an MBTiles file"), self->display_name);
  return FALSE;
}

static GBytes *
read_stored_tile (AplombMbtilesSource *self,
                  const TileRequest   *request,
                  GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles "
                          "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_invalid (self, error);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, request->zoom);
  sqlite3_bind_int (stmt, 2, request->x);
  /* TMS rows: 0 is the southernmost. */
  sqlite3_bind_int (stmt, 3, (1 << request->zoom) - 1 - request->y);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    g_set_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_NO_TILE,
                 _("No tile %d/%d/%d in “%s”"), request->zoom, request->x, request->y,
                 self->display_name);
  sqlite3_finalize (stmt);
  return bytes;
}

/* The part of the ancestor tile covering the requested one, enlarged to
 * a tile. */
static GBytes *
enlarge_ancestor (AplombMbtilesSource *self,
                  const TileRequest   *request,
                  GError             **error)
{
  guint dz = request->zoom - self->max_zoom;
  TileRequest ancestor = { request->x >> dz, request->y >> dz, self->max_zoom };
  g_autoptr(GBytes) bytes = read_stored_tile (self, &ancestor, error);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) image = NULL;
  g_autoptr(GdkPixbuf) part = NULL;
  g_autoptr(GdkPixbuf) enlarged = NULL;
  int size;
  char *png = NULL;
  gsize png_size;

  if (bytes == NULL)
    return NULL;
  stream = g_memory_input_stream_new_from_bytes (bytes);
  image = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (image == NULL)
    return NULL;
  size = gdk_pixbuf_get_width (image) >> dz;
  if (size < 1 || gdk_pixbuf_get_height (image) != gdk_pixbuf_get_width (image))
    {
      g_set_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_NO_TILE,
                   _("No tile %d/%d/%d in “%s”"), request->zoom, request->x, request->y,
                   self->display_name);
      return NULL;
    }
  part = gdk_pixbuf_new_subpixbuf (image, (request->x - (ancestor.x << dz)) * size,
                                   (request->y - (ancestor.y << dz)) * size, size, size);
  enlarged = gdk_pixbuf_scale_simple (part, TILE_SIZE, TILE_SIZE, GDK_INTERP_BILINEAR);
  /* The raster renderer decodes bytes: PNG without compression is quick
   * to write and to read. */
  if (!gdk_pixbuf_save_to_buffer (enlarged, &png, &png_size, "png", error,
                                  "compression", "0", NULL))
    return NULL;
  return g_bytes_new_take (png, png_size);
}

static GBytes *
read_tile (AplombMbtilesSource *self,
           const TileRequest   *request,
           GError             **error)
{
  if ((guint) request->zoom > self->max_zoom)
    return enlarge_ancestor (self, request, error);
  return read_stored_tile (self, request, error);
}

static void
read_tile_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = read_tile (source_object, task_data, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* Back on the main thread. libshumate 1.0.3's raster renderer makes the
 * texture only in its "received-data" handler; the result of the task
 * just tells it the tile is done (later versions ignore the signal). */
static void
on_tile_read (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  const TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  g_signal_emit_by_name (source_object, "received-data",
                         request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (outer, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
aplomb_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  zoom_level,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *outer = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (source, cancellable, on_tile_read, outer);
  TileRequest *request = g_new (TileRequest, 1);

  g_task_set_source_tag (outer, aplomb_mbtiles_source_get_tile_data_async);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  g_task_set_task_data (inner, request, g_free);
  g_task_run_in_thread (inner, read_tile_in_thread);
}

static void
aplomb_mbtiles_source_finalize (GObject *object)
{
  AplombMbtilesSource *self = APLOMB_MBTILES_SOURCE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->display_name);
  g_free (self->name);
  g_free (self->attribution);

  G_OBJECT_CLASS (aplomb_mbtiles_source_parent_class)->finalize (object);
}

static void
aplomb_mbtiles_source_class_init (AplombMbtilesSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_mbtiles_source_finalize;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async =
    aplomb_mbtiles_source_get_tile_data_async;
}

static void
aplomb_mbtiles_source_init (AplombMbtilesSource *self)
{
}

/* The value of a metadata entry, NULL when absent; FALSE when the file has
 * no metadata table (or is no SQLite file). */
static gboolean
get_metadata (AplombMbtilesSource  *self,
              const char           *key,
              char                **value,
              GError              **error)
{
  sqlite3_stmt *stmt = NULL;

  *value = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return set_invalid (self, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The zoom levels of the tiles themselves, which the metadata may omit. */
static gboolean
read_zoom_levels (AplombMbtilesSource  *self,
                  GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles", -1,
                          &stmt, NULL) != SQLITE_OK)
    return set_invalid (self, error);
  ok = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (ok)
    {
      self->min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, 30);
      self->max_zoom = CLAMP (sqlite3_column_int (stmt, 1), (int) self->min_zoom, 30);
    }
  else
    g_set_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_INVALID,
                 _("The MBTiles file “%s” holds no tiles"), self->display_name);
  sqlite3_finalize (stmt);
  return ok;
}

/* MBTiles attributions are often HTML links; the map's licence label shows
 * plain text. */
static char *
strip_tags (const char *html)
{
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);

  return g_regex_replace_literal (tags, html, -1, 0, "", 0, NULL);
}

static gboolean
read_metadata (AplombMbtilesSource  *self,
               GError              **error)
{
  g_autofree char *format = NULL;
  g_autofree char *attribution = NULL;

  if (!get_metadata (self, "format", &format, error) ||
      !get_metadata (self, "name", &self->name, error) ||
      !get_metadata (self, "attribution", &attribution, error))
    return FALSE;
  if (format != NULL && !g_str_equal (format, "png") && !g_str_equal (format, "jpg") &&
      !g_str_equal (format, "jpeg") && !g_str_equal (format, "webp"))
    {
      g_set_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_UNSUPPORTED_FORMAT,
                   _("The tiles of “%s” are in the “%s” format; only raster tiles "
                     "(PNG, JPEG, WebP) can be shown"), self->display_name, format);
      return FALSE;
    }
  if (self->name == NULL)
    self->name = g_strdup (self->display_name);
  self->attribution = strip_tags (attribution != NULL ? attribution : "");
  return read_zoom_levels (self, error);
}

/**
 * aplomb_mbtiles_source_new:
 * @path: an MBTiles file of raster tiles
 *
 * Opens the file read-only and checks that it is an MBTiles archive of
 * raster tiles.
 *
 * Returns: (transfer full) (nullable): the data source, or NULL with
 *   @error set
 */
AplombMbtilesSource *
aplomb_mbtiles_source_new (const char  *path,
                           GError     **error)
{
  g_autoptr(AplombMbtilesSource) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      g_set_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_INVALID,
                   _("The MBTiles file “%s” does not exist"), display_name);
      return NULL;
    }
  self = g_object_new (APLOMB_TYPE_MBTILES_SOURCE, NULL);
  self->display_name = g_filename_display_basename (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_invalid (self, error);
      return NULL;
    }
  if (!read_metadata (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
aplomb_mbtiles_source_get_name (AplombMbtilesSource *self)
{
  g_return_val_if_fail (APLOMB_IS_MBTILES_SOURCE (self), NULL);

  return self->name;
}

const char *
aplomb_mbtiles_source_get_attribution (AplombMbtilesSource *self)
{
  g_return_val_if_fail (APLOMB_IS_MBTILES_SOURCE (self), NULL);

  return self->attribution;
}

guint
aplomb_mbtiles_source_get_min_zoom (AplombMbtilesSource *self)
{
  g_return_val_if_fail (APLOMB_IS_MBTILES_SOURCE (self), 0);

  return self->min_zoom;
}

guint
aplomb_mbtiles_source_get_max_zoom (AplombMbtilesSource *self)
{
  g_return_val_if_fail (APLOMB_IS_MBTILES_SOURCE (self), 0);

  return self->max_zoom;
}

/**
 * aplomb_mbtiles_source_new_renderer:
 *
 * Returns: (transfer full): a map source drawing the archive's images
 *   (256 px tiles, Web Mercator), with its name and attribution, over the
 *   zoom levels of Aplomb's own map at least
 */
ShumateMapSource *
aplomb_mbtiles_source_new_renderer (AplombMbtilesSource *self)
{
  g_return_val_if_fail (APLOMB_IS_MBTILES_SOURCE (self), NULL);

  return SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full ("aplomb-mbtiles", self->name, self->attribution, NULL,
                                      MIN (self->min_zoom, OVERVIEW_MIN),
                                      MAX (self->max_zoom, OVERZOOM_MAX),
                                      TILE_SIZE,
                                      SHUMATE_MAP_PROJECTION_MERCATOR,
                                      SHUMATE_DATA_SOURCE (self)));
}
