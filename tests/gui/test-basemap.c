/* test-basemap.c: the base map under the communes (Aplomb's offline map,
 * a local MBTiles file, OpenStreetMap), the preferences window and the
 * quantile classes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-gui-test.h"
#include "aplomb-application.h"
#include "aplomb-core.h"
#include "aplomb-legend.h"
#include "aplomb-mbtiles-source.h"
#include "aplomb-preferences-window.h"
#include "aplomb-tile-source.h"
#include "aplomb-window.h"

/* The test archive: every tile of zooms 5 to 9 over metropolitan France is
 * the same plain colour. */
#define MBTILES_MIN_ZOOM 5
#define MBTILES_MAX_ZOOM 9
static const AplombColor mbtiles_color = { 0xc0 / 255.0f, 0x20 / 255.0f, 0xa0 / 255.0f, 1.0f };
/* Open sea off Vendée. */
#define SEA_LAT 46.0
#define SEA_LON (-3.0)
#define OVERLAY_FILL_OPACITY 0.65

static AplombApplication *app;
static AplombWindow *window;
static GSettings *settings;
static char *work_dir;



static gboolean
atlas_is_loaded (gpointer data)
{
  return aplomb_window_get_atlas (window) != NULL;
}



static AplombCommuneMap *
commune_map (void)
{
  return aplomb_window_get_map (window);
}

static ShumateSimpleMap *
simple_map (void)
{
  return aplomb_commune_map_get_simple_map (commune_map ());
}

static GtkWidget *
map_widget (void)
{
  return GTK_WIDGET (shumate_simple_map_get_map (simple_map ()));
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG tile drawn with cairo: one colour, and another in its top-left
 * quadrant. */
static GBytes *
make_png_tile (const AplombColor *color,
               const AplombColor *top_left)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, top_left->red, top_left->green, top_left->blue);
  cairo_rectangle (cr, 0, 0, 128, 128);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* An empty MBTiles archive as the specification lays it out. */
static sqlite3 *
create_archive (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                "                    tile_row INTEGER, tile_data BLOB);"
                "INSERT INTO metadata VALUES ('name', 'Plain test tiles'), ('format', 'png'),"
                "  ('attribution', '<a href=\"https://example.org\">© Test tiles</a>');");
  return db;
}

/* The XYZ tile z/x/y, stored with its TMS row. */
static void
add_tile (sqlite3 *db,
          int      z,
          int      x,
          int      y,
          GBytes  *png)
{
  sqlite3_stmt *insert = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &insert,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int (insert, 1, z);
  sqlite3_bind_int (insert, 2, x);
  sqlite3_bind_int (insert, 3, (1 << z) - 1 - y);
  sqlite3_bind_blob (insert, 4, g_bytes_get_data (png, NULL), (int) g_bytes_get_size (png),
                     SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
  sqlite3_finalize (insert);
}

/* Every tile of zooms 5 to 9 over metropolitan France (41° N – 51.5° N,
 * 5.5° W – 10° E) in one colour. */
static char *
write_mbtiles (void)
{
  char *path = g_build_filename (work_dir, "plain.mbtiles", NULL);
  g_autoptr(GBytes) png = make_png_tile (&mbtiles_color, &mbtiles_color);
  sqlite3 *db = create_archive (path);

  exec_sql (db, "BEGIN");
  for (int z = MBTILES_MIN_ZOOM; z <= MBTILES_MAX_ZOOM; z++)
    {
      double x0, y0, x1, y1;

      aplomb_mercator_from_lonlat (-5.5, 51.5, &x0, &y0);
      aplomb_mercator_from_lonlat (10.0, 41.0, &x1, &y1);
      for (int x = (int) (x0 * (1 << z)); x <= (int) (x1 * (1 << z)); x++)
        for (int y = (int) (y0 * (1 << z)); y <= (int) (y1 * (1 << z)); y++)
          add_tile (db, z, x, y, png);
    }
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
  return path;
}


/* The window pixel (cairo's native BGRA) at a point of the map. */
static void
read_map_pixel (GdkTexture *texture,
                double      lat,
                double      lon,
                guint8      bgra[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  graphene_point_t in, out;
  double x, y;

  shumate_viewport_location_to_widget_coords (shumate_simple_map_get_viewport (simple_map ()),
                                              map_widget (), lat, lon, &x, &y);
  graphene_point_init (&in, x, y);
  g_assert_true (gtk_widget_compute_point (map_widget (), GTK_WIDGET (window), &in, &out));
  g_assert_cmpfloat (out.x, >=, 0);
  g_assert_cmpfloat (out.y, >=, 0);
  g_assert_cmpfloat (out.x, <, width);
  g_assert_cmpfloat (out.y, <, height);
  gdk_texture_download (texture, pixels, width * 4);
  memcpy (bgra, pixels + ((gsize) (int) out.y * width + (int) out.x) * 4, 4);
}

/* Tiles arrive from worker threads: look again until the map, centred on
 * (lat, lon) at the given zoom, shows the colour there. */
static void
assert_map_shows (double             lat,
                  double             lon,
                  double             zoom,
                  const AplombColor *color,
                  const char        *screenshot)
{
  int expected[3] = { lround (color->blue * 255), lround (color->green * 255),
                      lround (color->red * 255) };
  gboolean ok = FALSE;

  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (simple_map ()), zoom);
  shumate_map_center_on (SHUMATE_MAP (map_widget ()), lat, lon);
  for (guint attempt = 0; attempt < 20 && !ok; attempt++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      guint8 pixel[4];

      aplomb_gui_test_settle (250);
      texture = aplomb_gui_test_screenshot (GTK_WIDGET (window), screenshot);
      read_map_pixel (texture, lat, lon, pixel);
      g_test_message ("pixel at %.4f, %.4f: %02x%02x%02x, expected %02x%02x%02x", lat, lon,
                      pixel[2], pixel[1], pixel[0], expected[2], expected[1], expected[0]);
      ok = ABS (pixel[0] - expected[0]) <= 3 && ABS (pixel[1] - expected[1]) <= 3 &&
           ABS (pixel[2] - expected[2]) <= 3;
    }
  g_assert_true (ok);
}

static void
set_base_map (const char *nick)
{
  g_assert_true (g_settings_set_string (settings, "base-map", nick));
  aplomb_gui_test_settle (50);
}

/* The colour of a class seen through the choropleth over the base map. */
static AplombColor
blend (const AplombColor *over,
       const AplombColor *under)
{
  const float a = OVERLAY_FILL_OPACITY;

  return (AplombColor) { a * over->red + (1 - a) * under->red,
                         a * over->green + (1 - a) * under->green,
                         a * over->blue + (1 - a) * under->blue, 1.0f };
}

static const AplombColor *
offline_background (void)
{
  static AplombTileStyle *style;

  if (style == NULL)
    style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  return aplomb_tile_style_get_background (style);
}

static void
test_offline_by_default (void)
{
  g_assert_cmpint (g_settings_get_enum (settings, "base-map"), ==, 0);
  g_assert_null (aplomb_commune_map_get_base_map (commune_map ()));
  g_assert_null (aplomb_commune_map_get_choropleth_layer (commune_map ()));
  g_assert_true (APLOMB_IS_TILE_SOURCE (shumate_simple_map_get_map_source (simple_map ())));
  assert_map_shows (SEA_LAT, SEA_LON, 7, offline_background (), "basemap-offline.png");
}

/* The archive's colour in the sea, the class colour over it in a commune,
 * and the offline map back with its own background. */
static void
test_mbtiles (void)
{
  g_autofree char *path = write_mbtiles ();
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  int bourges = aplomb_territory_lookup (territory, "18033");
  const AplombColor *class_color =
    aplomb_classification_color_of (aplomb_atlas_get_classification (atlas, APLOMB_INDICATOR_APL),
                                    aplomb_atlas_get_values (atlas, APLOMB_INDICATOR_APL)[bourges]);
  AplombColor seen = blend (class_color, &mbtiles_color);
  g_autoptr(GdkTexture) screenshot = NULL;
  ShumateMapSource *base;
  double lon, lat;

  g_settings_set_string (settings, "mbtiles-file", path);
  set_base_map ("mbtiles");
  base = aplomb_commune_map_get_base_map (commune_map ());
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (base));
  g_assert_true (shumate_simple_map_get_map_source (simple_map ()) == base);
  g_assert_cmpstr (shumate_map_source_get_name (base), ==, "Plain test tiles");
  /* The attribution as plain text, and the boundaries' licence besides. */
  g_assert_cmpstr (shumate_map_source_get_license (base), ==, "© Test tiles");
  g_assert_nonnull (strstr (shumate_license_get_extra_text (
                              shumate_simple_map_get_license (simple_map ())), "IGN"));
  /* From the offline map's zoom 3, where this archive has no tiles yet, and
   * enlarged beyond its last zoom as deep as the offline map. */
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (base), ==, 3);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (base), ==, 16);
  g_assert_nonnull (aplomb_commune_map_get_choropleth_layer (commune_map ()));

  /* Town names are drawn at the interior points. */
  aplomb_commune_map_set_show_labels (commune_map (), FALSE);
  assert_map_shows (SEA_LAT, SEA_LON, 7, &mbtiles_color, "basemap-mbtiles-sea.png");
  g_assert_cmpint (bourges, >=, 0);
  aplomb_territory_get_inner_point (territory, bourges, &lon, &lat);
  assert_map_shows (lat, lon, 9, &seen, "basemap-mbtiles-commune.png");
  assert_map_shows (lat, lon, 11, &seen, "basemap-mbtiles-overzoom.png");
  aplomb_commune_map_set_show_labels (commune_map (), TRUE);
  aplomb_commune_map_show_france (commune_map ());
  aplomb_gui_test_settle (1500);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-basemap-mbtiles.png");

  aplomb_commune_map_set_show_labels (commune_map (), FALSE);
  set_base_map ("aplomb");
  g_assert_null (aplomb_commune_map_get_base_map (commune_map ()));
  g_assert_null (aplomb_commune_map_get_choropleth_layer (commune_map ()));
  /* libshumate keeps an empty string for no extra text. */
  g_assert_cmpstr (shumate_license_get_extra_text (shumate_simple_map_get_license (simple_map ())),
                   ==, "");
  assert_map_shows (SEA_LAT, SEA_LON, 7, offline_background (), "basemap-offline-again.png");
  assert_map_shows (lat, lon, 9, class_color, "basemap-offline-commune.png");
  aplomb_commune_map_set_show_labels (commune_map (), TRUE);
  aplomb_commune_map_show_france (commune_map ());
}

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
  guint    n_received;
} Fetch;

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source), result,
                                                           &fetch->error);
  fetch->done = TRUE;
}

static void
on_received_data (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  Fetch             *fetch)
{
  fetch->n_received++;
}

static gboolean
fetch_is_done (gpointer fetch)
{
  return ((Fetch *) fetch)->done;
}

/* The XYZ tile z/x/y as libshumate asks for it, decoded; NULL with error
 * set when there is none. libshumate 1.0.3 draws only the bytes that
 * come with "received-data". */
static GdkPixbuf *
fetch_tile (AplombMbtilesSource  *source,
            int                   z,
            int                   x,
            int                   y,
            GError              **error)
{
  Fetch fetch = { NULL, NULL, FALSE, 0 };
  gulong handler = g_signal_connect (source, "received-data", G_CALLBACK (on_received_data),
                                     &fetch);
  g_autoptr(GInputStream) stream = NULL;
  GdkPixbuf *tile;

  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, z, NULL,
                                           on_fetched, &fetch);
  aplomb_gui_test_wait_for (fetch_is_done, &fetch, 5000);
  g_signal_handler_disconnect (source, handler);
  g_assert_true (fetch.done);
  if (fetch.bytes == NULL)
    {
      g_assert_cmpuint (fetch.n_received, ==, 0);
      g_propagate_error (error, fetch.error);
      return NULL;
    }
  g_assert_cmpuint (fetch.n_received, ==, 1);
  stream = g_memory_input_stream_new_from_bytes (fetch.bytes);
  g_bytes_unref (fetch.bytes);
  tile = gdk_pixbuf_new_from_stream (stream, NULL, error);
  g_assert_nonnull (tile);
  g_assert_cmpint (gdk_pixbuf_get_width (tile), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_height (tile), ==, 256);
  return tile;
}

static void
assert_tile_color (GdkPixbuf         *tile,
                   int                x,
                   int                y,
                   const AplombColor *color)
{
  const guint8 *pixel = gdk_pixbuf_get_pixels (tile) + y * gdk_pixbuf_get_rowstride (tile) +
                        x * gdk_pixbuf_get_n_channels (tile);

  g_assert_cmpint (ABS (pixel[0] - lround (color->red * 255)), <=, 1);
  g_assert_cmpint (ABS (pixel[1] - lround (color->green * 255)), <=, 1);
  g_assert_cmpint (ABS (pixel[2] - lround (color->blue * 255)), <=, 1);
}

/* The data source on its own: the tile 1/0/0 (TMS row 1) has a red
 * top-left quadrant over blue; zoom 2 and 3 enlarge parts of it. */
static void
test_mbtiles_source (void)
{
  static const AplombColor red = { 1, 0, 0, 1 }, blue = { 0, 0, 1, 1 };
  g_autofree char *path = g_build_filename (work_dir, "quadrants.mbtiles", NULL);
  g_autoptr(GBytes) png = make_png_tile (&blue, &red);
  sqlite3 *db = create_archive (path);
  g_autoptr(AplombMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autoptr(GdkPixbuf) red_quadrant = NULL;
  g_autoptr(GdkPixbuf) blue_quadrant = NULL;
  g_autoptr(GdkPixbuf) eighth = NULL;

  add_tile (db, 1, 0, 0, png);
  sqlite3_close (db);
  source = aplomb_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aplomb_mbtiles_source_get_name (source), ==, "Plain test tiles");
  g_assert_cmpstr (aplomb_mbtiles_source_get_attribution (source), ==, "© Test tiles");
  g_assert_cmpuint (aplomb_mbtiles_source_get_min_zoom (source), ==, 1);
  g_assert_cmpuint (aplomb_mbtiles_source_get_max_zoom (source), ==, 1);

  stored = fetch_tile (source, 1, 0, 0, &error);
  g_assert_no_error (error);
  assert_tile_color (stored, 10, 10, &red);
  assert_tile_color (stored, 200, 10, &blue);
  assert_tile_color (stored, 10, 200, &blue);

  red_quadrant = fetch_tile (source, 2, 0, 0, &error);
  g_assert_no_error (error);
  assert_tile_color (red_quadrant, 0, 0, &red);
  assert_tile_color (red_quadrant, 255, 255, &red);
  blue_quadrant = fetch_tile (source, 2, 1, 1, &error);
  g_assert_no_error (error);
  assert_tile_color (blue_quadrant, 0, 0, &blue);
  assert_tile_color (blue_quadrant, 255, 255, &blue);
  /* 3/1/1 is the square 64 – 128 px of the stored tile: red. */
  eighth = fetch_tile (source, 3, 1, 1, &error);
  g_assert_no_error (error);
  assert_tile_color (eighth, 128, 128, &red);

  g_assert_null (fetch_tile (source, 1, 1, 0, &error));
  g_assert_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_NO_TILE);
  g_remove (path);
}

/* The toast's text, found among the window's labels. */
static gboolean
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label_containing (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shows (gpointer text)
{
  return find_label_containing (GTK_WIDGET (window), text);
}

/* A file that is not an archive, then a missing one: a French toast says
 * why, and the offline map stays. */
static void
test_invalid_mbtiles (void)
{
  g_autofree char *text_file = g_build_filename (work_dir, "not-tiles.mbtiles", NULL);
  g_autofree char *missing = g_build_filename (work_dir, "missing.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;

  g_assert_true (g_file_set_contents (text_file, "commune;apl\n18033;3.1\n", -1, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "mbtiles-file", text_file);
  set_base_map ("mbtiles");
  aplomb_gui_test_wait_for (toast_shows, "n’est pas un fichier MBTiles", 2000);
  g_assert_true (toast_shows ("Fond de carte indisponible, carte hors ligne affichée : "
                              "« not-tiles.mbtiles » n’est pas un fichier MBTiles"));
  g_assert_null (aplomb_commune_map_get_base_map (commune_map ()));
  aplomb_gui_test_settle (500);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-basemap-error.png");

  g_settings_set_string (settings, "mbtiles-file", missing);
  aplomb_gui_test_wait_for (toast_shows, "n’existe pas", 2000);
  g_assert_true (toast_shows ("Le fichier MBTiles « missing.mbtiles » n’existe pas"));
  g_assert_null (aplomb_commune_map_get_base_map (commune_map ()));

  g_assert_null (aplomb_mbtiles_source_new (missing, &error));
  g_assert_error (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_INVALID);
  set_base_map ("aplomb");
}

/* Choosing OpenStreetMap makes libshumate's OSM source the base map, with
 * its attribution, and the communes an overlay. There is no network here:
 * the test goes back to the offline map without waiting for tiles. */
static void
test_openstreetmap (void)
{
  ShumateMapSource *base;

  g_assert_true (g_settings_set_string (settings, "base-map", "openstreetmap"));
  base = aplomb_commune_map_get_base_map (commune_map ());
  g_assert_nonnull (base);
  g_assert_cmpstr (shumate_map_source_get_id (base), ==, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
  g_assert_true (shumate_simple_map_get_map_source (simple_map ()) == base);
  g_assert_nonnull (strstr (shumate_map_source_get_license (base), "OpenStreetMap"));
  g_assert_true (g_str_has_prefix (shumate_get_user_agent (), "Aplomb/" PACKAGE_VERSION " "));
  g_assert_nonnull (aplomb_commune_map_get_choropleth_layer (commune_map ()));
  g_assert_true (g_settings_set_string (settings, "base-map", "aplomb"));
  g_assert_null (aplomb_commune_map_get_base_map (commune_map ()));
}


static void
assert_legend_shows (AplombClassification *classes)
{
  AplombLegend *legend = APLOMB_LEGEND (aplomb_commune_map_get_legend (commune_map ()));
  guint n = aplomb_classification_get_n_classes (classes);
  g_autofree char *top = aplomb_classification_get_label (classes, n - 1);
  g_autofree char *first_row = aplomb_legend_get_row_label (legend, 0);

  /* Classes from the highest down, then "no data". */
  g_assert_cmpuint (aplomb_legend_get_n_rows (legend), ==, n + 1);
  g_assert_cmpstr (first_row, ==, top);
}

static const char *
row_subtitle (AdwComboRow *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* win.preferences (Ctrl+comma) opens the preferences; its rows follow and
 * write the settings, and the legend follows the class breaks. */
static void
test_preferences (void)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombPreferencesWindow *preferences;
  AdwComboRow *base_map_row, *class_breaks_row;
  g_autoptr(GdkTexture) screenshot = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  aplomb_gui_test_settle (500);
  preferences = APLOMB_PREFERENCES_WINDOW (
    aplomb_gui_test_find_toplevel (APLOMB_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  base_map_row = aplomb_preferences_window_get_base_map_row (preferences);
  class_breaks_row = aplomb_preferences_window_get_class_breaks_row (preferences);
  g_assert_cmpuint (adw_combo_row_get_selected (base_map_row), ==, 0);
  g_assert_cmpstr (row_subtitle (base_map_row), ==,
                   "Départements et communes dessinés par Aplomb, sans réseau");
  assert_legend_shows (aplomb_atlas_get_classification (atlas, APLOMB_INDICATOR_APL));

  adw_combo_row_set_selected (class_breaks_row, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "class-breaks"), ==, 1);
  g_assert_nonnull (strstr (row_subtitle (class_breaks_row), "autant de communes"));
  assert_legend_shows (aplomb_atlas_get_quantile_classification (atlas, APLOMB_INDICATOR_APL));
  g_assert_cmpuint (aplomb_legend_get_n_rows (APLOMB_LEGEND (aplomb_commune_map_get_legend (
                      commune_map ()))), ==, 5 + 1);

  /* The subtitle tells about the Flatpak sandbox; back offline at once. */
  g_assert_true (g_settings_set_string (settings, "base-map", "openstreetmap"));
  g_assert_cmpuint (adw_combo_row_get_selected (base_map_row), ==, 1);
  g_assert_nonnull (strstr (row_subtitle (base_map_row), "flatpak override"));
  /* Tiles asked for without a network fail quietly. */
  aplomb_gui_test_settle (1000);
  g_clear_object (&screenshot);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (preferences),
                                           "screenshot-preferences-osm.png");
  adw_combo_row_set_selected (base_map_row, 0);
  g_assert_cmpint (g_settings_get_enum (settings, "base-map"), ==, 0);
  g_assert_null (aplomb_commune_map_get_base_map (commune_map ()));

  aplomb_gui_test_settle (300);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (preferences), "screenshot-preferences.png");
  adw_combo_row_set_selected (class_breaks_row, 0);
  assert_legend_shows (aplomb_atlas_get_classification (atlas, APLOMB_INDICATOR_APL));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
remove_work_dir (void)
{
  const char *names[] = { "plain.mbtiles", "not-tiles.mbtiles" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (work_dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (work_dir);
  g_free (work_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  aplomb_gui_test_init_french (&argc, &argv);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run the GUI tests under xvfb-run");
      return g_test_run ();
    }

  work_dir = g_dir_make_tmp ("aplomb-basemap-XXXXXX", &error);
  g_assert_no_error (error);
  settings = g_settings_new (APP_ID);
  app = aplomb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = aplomb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  aplomb_gui_test_wait_for (aplomb_gui_test_widget_is_mapped, window, 5000);
  aplomb_gui_test_wait_for (atlas_is_loaded, NULL, 30000);
  aplomb_gui_test_settle (1500);

  g_test_add_func ("/gui/basemap/offline-by-default", test_offline_by_default);
  g_test_add_func ("/gui/basemap/mbtiles-source", test_mbtiles_source);
  g_test_add_func ("/gui/basemap/mbtiles", test_mbtiles);
  g_test_add_func ("/gui/basemap/invalid-mbtiles", test_invalid_mbtiles);
  g_test_add_func ("/gui/basemap/openstreetmap", test_openstreetmap);
  /* Last: a dialog leaves the main window without a frame for a while. */
  g_test_add_func ("/gui/basemap/preferences", test_preferences);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&settings);
  remove_work_dir ();
  return status;
}
