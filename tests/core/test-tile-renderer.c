/* test-tile-renderer.c: pixels of rendered tiles, seams, holes and picking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "aplomb-core.h"
#include "aplomb-gdal.h"
#include "aplomb-palette.h"
#include "aplomb-store.h"
#include "aplomb-tile-renderer.h"

#define TILE 256

/* Communes read with OGR into the flat arrays of AplombGeometry, as the
 * territory importer does, so that the renderer is tested on real shapes. */
typedef struct
{
  AplombGeometry geometry;
  GArray        *feature_offsets;
  GArray        *polygon_offsets;
  GArray        *ring_offsets;
  GArray        *coords;
  GArray        *bboxes;
  GPtrArray     *codes;
  GPtrArray     *departements;
} Communes;

static void
add_polygon (Communes     *c,
             OGRGeometryH  polygon,
             AplombBBox   *bbox)
{
  guint n_points, n_rings;

  for (int r = 0; r < OGR_G_GetGeometryCount (polygon); r++)
    {
      OGRGeometryH ring = OGR_G_GetGeometryRef (polygon, r);

      for (int k = 0; k < OGR_G_GetPointCount (ring); k++)
        {
          double xy[2] = { OGR_G_GetX (ring, k), OGR_G_GetY (ring, k) };

          g_array_append_vals (c->coords, xy, 2);
          bbox->min_lon = MIN (bbox->min_lon, xy[0]);
          bbox->max_lon = MAX (bbox->max_lon, xy[0]);
          bbox->min_lat = MIN (bbox->min_lat, xy[1]);
          bbox->max_lat = MAX (bbox->max_lat, xy[1]);
        }
      n_points = c->coords->len / 2;
      g_array_append_val (c->ring_offsets, n_points);
    }
  n_rings = c->ring_offsets->len - 1;
  g_array_append_val (c->polygon_offsets, n_rings);
}

static void
add_file (Communes   *c,
          const char *name,
          const char *only_code)
{
  g_autofree char *path = g_build_filename (FIXTURES_DIR, name, NULL);
  OGRDataSourceH source = OGROpen (path, FALSE, NULL);
  OGRLayerH layer;
  OGRFeatureH feature;

  g_assert_nonnull (source);
  layer = OGR_DS_GetLayer (source, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      const char *code =
        OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "code_insee"));
      const char *departement =
        OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "dep"));
      AplombBBox bbox = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
      guint n_polygons;

      if (only_code == NULL || g_str_equal (code, only_code))
        {
          if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbMultiPolygon)
            for (int p = 0; p < OGR_G_GetGeometryCount (geometry); p++)
              add_polygon (c, OGR_G_GetGeometryRef (geometry, p), &bbox);
          else
            add_polygon (c, geometry, &bbox);
          n_polygons = c->polygon_offsets->len - 1;
          g_array_append_val (c->feature_offsets, n_polygons);
          g_array_append_val (c->bboxes, bbox);
          g_ptr_array_add (c->codes, g_strdup (code));
          g_ptr_array_add (c->departements, g_strdup (departement));
        }
      OGR_F_Destroy (feature);
    }
  OGR_DS_Destroy (source);
}

static Communes *
communes_load (const char * const *files,
               const char         *only_code)
{
  Communes *c = g_new0 (Communes, 1);
  guint zero = 0;

  aplomb_core_init ();
  /* OGROpen () is called directly: the core's loader registers drivers. */
  g_assert_true (aplomb_gdal_load (NULL));
  c->feature_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  c->polygon_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  c->ring_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  c->coords = g_array_new (FALSE, FALSE, sizeof (double));
  c->bboxes = g_array_new (FALSE, FALSE, sizeof (AplombBBox));
  c->codes = g_ptr_array_new_with_free_func (g_free);
  c->departements = g_ptr_array_new_with_free_func (g_free);
  g_array_append_val (c->feature_offsets, zero);
  g_array_append_val (c->polygon_offsets, zero);
  g_array_append_val (c->ring_offsets, zero);

  for (guint i = 0; files[i] != NULL; i++)
    add_file (c, files[i], only_code);
  g_ptr_array_add (c->departements, NULL);

  c->geometry.n_features = c->codes->len;
  c->geometry.n_polygons = c->polygon_offsets->len - 1;
  c->geometry.n_rings = c->ring_offsets->len - 1;
  c->geometry.n_points = c->coords->len / 2;
  c->geometry.feature_offsets = (const guint *) c->feature_offsets->data;
  c->geometry.polygon_offsets = (const guint *) c->polygon_offsets->data;
  c->geometry.ring_offsets = (const guint *) c->ring_offsets->data;
  c->geometry.coords = (const double *) c->coords->data;
  c->geometry.bboxes = (const AplombBBox *) c->bboxes->data;
  return c;
}

static void
communes_free (Communes *c)
{
  g_array_unref (c->feature_offsets);
  g_array_unref (c->polygon_offsets);
  g_array_unref (c->ring_offsets);
  g_array_unref (c->coords);
  g_array_unref (c->bboxes);
  g_ptr_array_unref (c->codes);
  g_ptr_array_unref (c->departements);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Communes, communes_free)

static int
commune_index (Communes   *c,
               const char *code)
{
  for (guint i = 0; i < c->codes->len; i++)
    if (g_str_equal (g_ptr_array_index (c->codes, i), code))
      return i;
  g_assert_not_reached ();
}

static const char * const cher_indre[] = {
  "communes_simplified_dep18.geojson", "communes_simplified_dep36.geojson", NULL
};
static const char * const eygliers[] = { "communes_eygliers_mont-dauphin.geojson", NULL };
/* The same départements from the bundled France, whose communes were
 * simplified one by one: neighbours no longer share their vertices, and
 * leave slivers and overlaps between them. */
static const char * const cher_indre_bundled[] = { "communes_bundled_dep18_36.geojson", NULL };

static AplombTileRenderer *
renderer_new (Communes *c)
{
  return aplomb_tile_renderer_new (&c->geometry, (const char * const *) c->departements->pdata);
}

/* A rendered image (tile or view) with its view. */
typedef struct
{
  AplombMapView view;
  int           stride;
  guchar       *pixels;
} Image;

static void
image_free (Image *image)
{
  g_free (image->pixels);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static Image *
render_tile (AplombTileRenderer    *renderer,
             const AplombTileStyle *style,
             guint                  z,
             guint                  x,
             guint                  y,
             double                 scale)
{
  Image *image = g_new0 (Image, 1);

  aplomb_map_view_init_tile (&image->view, z, x, y, TILE, scale);
  image->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, image->view.width);
  image->pixels = g_malloc ((gsize) image->stride * image->view.height);
  g_assert_true (aplomb_tile_renderer_render_tile (renderer, style, z, x, y, TILE, scale,
                                                   image->pixels, image->stride));
  return image;
}

static Image *
render_view (AplombTileRenderer    *renderer,
             const AplombTileStyle *style,
             const AplombMapView   *view)
{
  Image *image = g_new0 (Image, 1);
  cairo_surface_t *surface;
  cairo_t *cr;

  image->view = *view;
  image->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, view->width);
  image->pixels = g_malloc0 ((gsize) image->stride * view->height);
  surface = cairo_image_surface_create_for_data (image->pixels, CAIRO_FORMAT_ARGB32,
                                                 view->width, view->height, image->stride);
  cr = cairo_create (surface);
  aplomb_tile_renderer_draw (renderer, style, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return image;
}

/* The tile of zoom z holding (lon, lat). */
static void
tile_at (double  lon,
         double  lat,
         guint   z,
         guint  *x,
         guint  *y)
{
  double mx, my;

  aplomb_mercator_from_lonlat (lon, lat, &mx, &my);
  *x = (guint) (mx * exp2 (z));
  *y = (guint) (my * exp2 (z));
}

static void
image_position (const Image *image,
                double       lon,
                double       lat,
                int         *px,
                int         *py)
{
  double mx, my;

  aplomb_mercator_from_lonlat (lon, lat, &mx, &my);
  *px = (int) floor (mx * image->view.world_size - image->view.origin_x);
  *py = (int) floor (my * image->view.world_size - image->view.origin_y);
}

static void
image_location (const Image *image,
                double       px,
                double       py,
                double      *lon,
                double      *lat)
{
  aplomb_mercator_to_lonlat ((px + image->view.origin_x) / image->view.world_size,
                             (py + image->view.origin_y) / image->view.world_size, lon, lat);
}

/* The pixel as 0xAARRGGBB (premultiplied). */
static guint32
image_pixel (const Image *image,
             int          px,
             int          py)
{
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, image->view.width);
  g_assert_cmpint (py, <, image->view.height);
  return *(const guint32 *) (image->pixels + (gsize) py * image->stride + 4 * px);
}

static guint32
opaque_pixel_of (const AplombColor *color)
{
  return 0xff000000u | (guint32) lround (color->red * 255) << 16 |
         (guint32) lround (color->green * 255) << 8 | (guint32) lround (color->blue * 255);
}

/* The largest difference between the channels of two pixels. */
static int
color_distance (guint32 a,
                guint32 b)
{
  int d = 0;

  for (int shift = 0; shift < 32; shift += 8)
    d = MAX (d, abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

/* Equal but for the rounding of colours to 8 bits. */
static void
assert_same_color (guint32 pixel,
                   guint32 expected)
{
  g_assert_cmpint (color_distance (pixel, expected), <=, 1);
}

/* The pixel at (lon, lat) in the tile of zoom z holding it. */
static guint32
pixel_at (AplombTileRenderer    *renderer,
          const AplombTileStyle *style,
          guint                  z,
          double                 lon,
          double                 lat)
{
  g_autoptr(Image) image = NULL;
  guint x, y;
  int px, py;

  tile_at (lon, lat, z, &x, &y);
  image = render_tile (renderer, style, z, x, y, 1.0);
  image_position (image, lon, lat, &px, &py);
  return image_pixel (image, px, py);
}

static void
test_mercator (void)
{
  double x, y, lon, lat;

  aplomb_mercator_from_lonlat (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  aplomb_mercator_from_lonlat (-180, 85.0511287798066, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);
  /* Bourges: x = (2.3987 + 180) / 360, y = (1 − ln(tan φ + sec φ)/π)/2. */
  aplomb_mercator_from_lonlat (2.3987, 47.0767, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5066631, 1e-7);
  g_assert_cmpfloat_with_epsilon (y, 0.3514136, 1e-7);
  aplomb_mercator_to_lonlat (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 2.3987, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 47.0767, 1e-9);
}

static void
test_map_views (void)
{
  AplombMapView view;
  AplombBBox france = { -5.2, 41.3, 9.6, 51.1 };

  aplomb_map_view_init_tile (&view, 6, 32, 22, 256, 2.0);
  g_assert_cmpfloat (view.world_size, ==, 32768.0);
  g_assert_cmpfloat (view.origin_x, ==, 16384.0);
  g_assert_cmpfloat (view.origin_y, ==, 11264.0);
  g_assert_cmpint (view.width, ==, 512);
  g_assert_cmpfloat_with_epsilon (aplomb_map_view_get_zoom (&view), 6.0, 1e-12);

  /* France in 900 × 700 px (padding 50): its 14.8° of longitude would fit
   * a world of 900 / (14.8 / 360) px, zoom log2 (21892 / 256) = 6.42; its
   * 41.3°–51.1° span 0.039484 of the Mercator height, so 700 px need a world
   * of 17729 px, zoom 6.11, the smaller one. */
  aplomb_map_view_init_fit (&view, &france, 1000, 800, 50);
  g_assert_cmpfloat_with_epsilon (aplomb_map_view_get_zoom (&view), 6.114, 0.001);

  aplomb_map_view_init_center (&view, 0, 0, 1, 256, 1.0, 100, 50);
  g_assert_cmpfloat (view.world_size, ==, 512.0);
  g_assert_cmpfloat (view.origin_x, ==, 206.0);
  g_assert_cmpfloat (view.origin_y, ==, 231.0);
}

/* Real interior points (INSEE's point on surface) of communes of two
 * départements, and a value for each commune that covers every class. */
static const struct
{
  const char *code;
  double      lon, lat;
} interior[] = {
  { "18001", 2.459477, 47.28394 },  /* Achères */
  { "18033", 2.398693, 47.076735 }, /* Bourges */
  { "18197", 2.521807, 46.72338 },  /* Saint-Amand-Montrond */
  { "18279", 2.083884, 47.234535 }, /* Vierzon */
  { "36044", 1.691787, 46.802845 }, /* Châteauroux */
  { "36088", 2.001639, 46.944 },    /* Issoudun */
};

static double *
make_values (Communes *c)
{
  double *values = g_new (double, c->geometry.n_features);

  for (guint i = 0; i < c->geometry.n_features; i++)
    values[i] = (i % 7) * 0.9;
  values[commune_index (c, "36088")] = NAN;
  return values;
}

static AplombTileStyle *
choropleth_style (Communes             *c,
                  AplombClassification *classes,
                  const double         *values)
{
  AplombTileStyle *style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  g_autofree AplombColor *colors = g_new (AplombColor, c->geometry.n_features);

  aplomb_classification_fill_colors (classes, values, c->geometry.n_features, colors);
  aplomb_tile_style_set_fill_colors (style, colors, c->geometry.n_features);
  return style;
}

static void
test_interior_colors (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombClassification) classes = aplomb_classification_new_apl ();
  g_autofree double *values = make_values (c);
  g_autoptr(AplombTileStyle) style = choropleth_style (c, classes, values);
  const guint zooms[] = { 8, 11, 12 };

  g_assert_cmpuint (aplomb_tile_renderer_get_n_features (renderer), ==, 286 + 241);

  for (guint i = 0; i < G_N_ELEMENTS (interior); i++)
    for (guint j = 0; j < G_N_ELEMENTS (zooms); j++)
      for (double scale = 1.0; scale <= 2.0; scale += 1.0)
        {
          int f = commune_index (c, interior[i].code);
          g_autoptr(Image) image = NULL;
          guint x, y;
          int px, py;

          tile_at (interior[i].lon, interior[i].lat, zooms[j], &x, &y);
          image = render_tile (renderer, style, zooms[j], x, y, scale);
          image_position (image, interior[i].lon, interior[i].lat, &px, &py);
          assert_same_color (image_pixel (image, px, py),
                             opaque_pixel_of (aplomb_classification_color_of (classes, values[f])));
        }
}

/* The largest channel difference between the 2 × 2 tiles from (x0, y0)
 * and the same square rendered as one view; counts differing pixels. */
static int
compare_tiles_with_view (AplombTileRenderer    *renderer,
                         const AplombTileStyle *style,
                         guint                  z,
                         guint                  x0,
                         guint                  y0,
                         guint                 *n_different)
{
  g_autoptr(Image) whole = NULL;
  AplombMapView view;
  int worst = 0;

  aplomb_map_view_init_tile (&view, z, x0, y0, TILE, 1.0);
  view.width = view.height = 2 * TILE;
  whole = render_view (renderer, style, &view);
  *n_different = 0;

  for (guint dy = 0; dy < 2; dy++)
    for (guint dx = 0; dx < 2; dx++)
      {
        g_autoptr(Image) tile = render_tile (renderer, style, z, x0 + dx, y0 + dy, 1.0);

        for (int py = 0; py < TILE; py++)
          for (int px = 0; px < TILE; px++)
            {
              int d = color_distance (image_pixel (tile, px, py),
                                      image_pixel (whole, dx * TILE + px, dy * TILE + py));

              worst = MAX (worst, d);
              *n_different += d > 0;
            }
      }
  return worst;
}

/* A tile is the matching square of a larger view, so adjacent tiles meet
 * without a seam: exactly for the communes, which come from rasters
 * sampled on the same grid; the département lines are paths, that cairo
 * clips to the surface before rasterising, which moves a few antialiased
 * pixels by some levels (measured: at most 8 of 255, in fewer than 0.1 %
 * of the pixels), invisible. */
static void
test_tile_seams (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombClassification) classes = aplomb_classification_new_apl ();
  g_autofree double *values = make_values (c);
  g_autoptr(AplombTileStyle) style = choropleth_style (c, classes, values);
  g_autoptr(AplombTileStyle) communes_only = choropleth_style (c, classes, values);
  const guint zooms[] = { 7, 9, 12 };

  aplomb_tile_style_set_layers (communes_only, APLOMB_MAP_LAYER_BACKGROUND |
                                               APLOMB_MAP_LAYER_COMMUNES |
                                               APLOMB_MAP_LAYER_COMMUNE_BORDERS);
  for (guint j = 0; j < G_N_ELEMENTS (zooms); j++)
    {
      guint x0, y0, n_different;

      /* Tiles around Bourges's centre, so that they are full of detail. */
      tile_at (2.39, 47.08, zooms[j], &x0, &y0);
      g_assert_cmpint (compare_tiles_with_view (renderer, communes_only, zooms[j], x0, y0,
                                                &n_different), ==, 0);
      g_assert_cmpint (compare_tiles_with_view (renderer, style, zooms[j], x0, y0,
                                                &n_different), <=, 12);
      g_assert_cmpuint (n_different, <, 4 * TILE * TILE / 500);
    }
}

/* With every commune in the same colour, any pixel well inside the
 * territory must be exactly that colour: no background shows through
 * between neighbours, whether the geometry is simplified (low zoom) or not. */
static void
test_no_seams_between_communes (gconstpointer files)
{
  g_autoptr(Communes) c = communes_load (files, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  AplombColor land = { 0.2f, 0.4f, 0.6f, 1.0f };
  const guint zooms[] = { 6, 8, 10, 13 };
  guint checked = 0;

  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_BACKGROUND | APLOMB_MAP_LAYER_COMMUNES);
  {
    g_autofree AplombColor *colors = g_new (AplombColor, c->geometry.n_features);

    for (guint i = 0; i < c->geometry.n_features; i++)
      colors[i] = land;
    aplomb_tile_style_set_fill_colors (style, colors, c->geometry.n_features);
  }

  for (guint j = 0; j < G_N_ELEMENTS (zooms); j++)
    {
      g_autoptr(Image) image = NULL;
      guint x, y;

      tile_at (2.2, 47.0, zooms[j], &x, &y);
      image = render_tile (renderer, style, zooms[j], x, y, 1.0);
      for (int py = 2; py < TILE - 2; py++)
        for (int px = 2; px < TILE - 2; px++)
          {
            gboolean inside = TRUE;

            for (int d = 0; d < 9 && inside; d++)
              {
                double lon, lat;

                image_location (image, px + 0.5 + 2 * (d % 3 - 1), py + 0.5 + 2 * (d / 3 - 1),
                                &lon, &lat);
                inside = aplomb_tile_renderer_pick (renderer, lon, lat) >= 0;
              }
            if (inside)
              {
                assert_same_color (image_pixel (image, px, py), opaque_pixel_of (&land));
                checked++;
              }
          }
    }
  /* The test looked at a good share of the four tiles. */
  g_assert_cmpuint (checked, >, 2 * TILE * TILE);
}

static void
test_hole_shows_background (void)
{
  g_autoptr(Communes) alone = communes_load (eygliers, "05052");
  g_autoptr(Communes) both = communes_load (eygliers, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (alone);
  g_autoptr(AplombTileRenderer) renderer_both = renderer_new (both);
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  AplombColor red = { 1, 0, 0, 1 };
  /* In the hole of Eygliers, which is the commune of Mont-Dauphin, and in
   * Eygliers itself north of it. */
  const double hole_lon = 6.6246, hole_lat = 44.6685;
  const double ring_lon = 6.6250, ring_lat = 44.6800;

  g_assert_cmpuint (alone->geometry.n_features, ==, 1);
  g_assert_cmpuint (alone->geometry.n_rings, ==, 2);
  aplomb_tile_style_set_fill_colors (style, &red, 1);
  for (guint z = 12; z <= 14; z++)
    {
      assert_same_color (pixel_at (renderer, style, z, hole_lon, hole_lat),
                         opaque_pixel_of (aplomb_tile_style_get_background (style)));
      assert_same_color (pixel_at (renderer, style, z, ring_lon, ring_lat),
                         opaque_pixel_of (&red));
    }

  g_assert_cmpint (aplomb_tile_renderer_pick (renderer, hole_lon, hole_lat), ==, -1);
  g_assert_cmpint (aplomb_tile_renderer_pick (renderer, ring_lon, ring_lat), ==, 0);
  g_assert_cmpint (aplomb_tile_renderer_pick (renderer_both, hole_lon, hole_lat), ==,
                   commune_index (both, "05082"));
  g_assert_cmpint (aplomb_tile_renderer_pick (renderer_both, ring_lon, ring_lat), ==,
                   commune_index (both, "05052"));
}

/* Over an online or MBTiles base map the tiles have no background and
 * translucent fills: cairo's premultiplied ARGB32 of red at 60 % is
 * alpha 0.6 × 255 = 153 and red 153; the hole stays transparent. */
static void
test_fill_opacity (void)
{
  g_autoptr(Communes) alone = communes_load (eygliers, "05052");
  g_autoptr(AplombTileRenderer) renderer = renderer_new (alone);
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  AplombColor red = { 1, 0, 0, 1 };

  g_assert_cmpfloat (aplomb_tile_style_get_fill_opacity (style), ==, 1.0);
  aplomb_tile_style_set_fill_colors (style, &red, 1);
  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_COMMUNES);
  aplomb_tile_style_set_fill_opacity (style, 0.6);
  g_assert_cmpfloat (aplomb_tile_style_get_fill_opacity (style), ==, 0.6);

  assert_same_color (pixel_at (renderer, style, 13, 6.6250, 44.6800), 0x99990000u);
  assert_same_color (pixel_at (renderer, style, 13, 6.6246, 44.6685), 0);
}

static void
test_pick (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);

  for (guint i = 0; i < G_N_ELEMENTS (interior); i++)
    g_assert_cmpint (aplomb_tile_renderer_pick (renderer, interior[i].lon, interior[i].lat), ==,
                     commune_index (c, interior[i].code));

  /* The Gulf of Lion, Paris (outside both départements, inside the grid's
   * longitude range), and the other side of the world. */
  g_assert_cmpint (aplomb_tile_renderer_pick (renderer, 4.0, 43.0), ==, -1);
  g_assert_cmpint (aplomb_tile_renderer_pick (renderer, 2.35, 48.85), ==, -1);
  g_assert_cmpint (aplomb_tile_renderer_pick (renderer, -150.0, -30.0), ==, -1);
}

/* Walks east from (lon, lat) until the commune under the point changes and
 * returns where, with the two communes. */
static double
find_crossing (AplombTileRenderer *renderer,
               double              lon,
               double              lat,
               int                *from,
               int                *to)
{
  *from = aplomb_tile_renderer_pick (renderer, lon, lat);
  g_assert_cmpint (*from, >=, 0);
  for (;; lon += 1e-5)
    {
      *to = aplomb_tile_renderer_pick (renderer, lon, lat);
      if (*to != *from)
        return lon;
    }
}

/* The strongest alpha within 1.5 px of (lon, lat). */
static guint
max_alpha_near (const Image *image,
                double       lon,
                double       lat)
{
  guint alpha = 0;
  int px, py;

  image_position (image, lon, lat, &px, &py);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      alpha = MAX (alpha, image_pixel (image, px + dx, py + dy) >> 24);
  return alpha;
}

static void
test_departement_borders (gconstpointer files)
{
  g_autoptr(Communes) c = communes_load (files, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  double lat = interior[5].lat;
  double between, inside;
  int from, to;

  /* East of Issoudun (Indre), the first change of commune inside Indre,
   * then the crossing into Cher further east. */
  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_DEPARTEMENT_BORDERS);
  inside = find_crossing (renderer, interior[5].lon, lat, &from, &to);
  g_assert_cmpstr (g_ptr_array_index (c->departements, to), ==, "36");
  between = inside;
  do
    between = find_crossing (renderer, between + 1e-5, lat, &from, &to);
  while (g_str_equal (g_ptr_array_index (c->departements, to), "36"));
  g_assert_cmpstr (g_ptr_array_index (c->departements, from), ==, "36");
  g_assert_cmpstr (g_ptr_array_index (c->departements, to), ==, "18");

  for (guint z = 7; z <= 12; z += 5)
    {
      g_autoptr(Image) a = NULL;
      g_autoptr(Image) b = NULL;
      guint x, y;

      tile_at (between, lat, z, &x, &y);
      a = render_tile (renderer, style, z, x, y, 1.0);
      g_assert_cmpuint (max_alpha_near (a, between, lat), >, 180);
      tile_at (inside, lat, z, &x, &y);
      b = render_tile (renderer, style, z, x, y, 1.0);
      /* At zoom 7 the two crossings are a few pixels apart. */
      if (z == 12)
        g_assert_cmpuint (max_alpha_near (b, inside, lat), ==, 0);
    }
}

/* Commune borders fade in with the zoom: none at zoom 6, visible at 12. */
static void
test_commune_borders_fade (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  double crossing;
  int from, to;

  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_COMMUNE_BORDERS);
  crossing = find_crossing (renderer, interior[1].lon, interior[1].lat, &from, &to);
  for (guint z = 6; z <= 12; z += 6)
    {
      g_autoptr(Image) image = NULL;
      guint x, y;

      tile_at (crossing, interior[1].lat, z, &x, &y);
      image = render_tile (renderer, style, z, x, y, 1.0);
      if (z == 6)
        g_assert_cmpuint (max_alpha_near (image, crossing, interior[1].lat), ==, 0);
      else
        g_assert_cmpuint (max_alpha_near (image, crossing, interior[1].lat), >, 100);
    }
}

static void
test_highlight (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  AplombColor black = { 0, 0, 0, 1 };
  AplombMapView view;
  g_autoptr(Image) image = NULL;
  double crossing;
  int from, to, px, py;
  cairo_surface_t *surface;
  cairo_t *cr;

  crossing = find_crossing (renderer, interior[1].lon, interior[1].lat, &from, &to);
  aplomb_map_view_init_center (&view, interior[1].lon, interior[1].lat, 11, TILE, 1.0, 400, 300);
  image = g_new0 (Image, 1);
  image->view = view;
  image->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, view.width);
  image->pixels = g_malloc0 ((gsize) image->stride * view.height);
  surface = cairo_image_surface_create_for_data (image->pixels, CAIRO_FORMAT_ARGB32,
                                                 view.width, view.height, image->stride);
  cr = cairo_create (surface);
  aplomb_tile_renderer_draw_highlight (renderer, cr, &view, from, &black, 2.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* The outline of Bourges, not its inside. */
  g_assert_cmpuint (max_alpha_near (image, crossing, interior[1].lat), ==, 255);
  image_position (image, interior[1].lon, interior[1].lat, &px, &py);
  g_assert_cmpuint (image_pixel (image, px, py) >> 24, ==, 0);
}

/* Towns are named from a zoom level that depends on their population,
 * never over one another, and the same in every tile. */
static void
test_town_labels (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombTileStyle) labels_only = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  g_autoptr(AplombTileStyle) everything = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  const AplombTown towns[] = {
    { 2.3987, 47.0767, "Bourges", 64000 },
    { 2.0689, 47.2218, "Vierzon", 25000 },
    /* 370 m north of Bourges: its label would overlap. */
    { 2.3987, 47.0800, "Tout-Près", 3000 },
  };
  /* The text colour of the light theme, at the centre of a town's dot. */
  const guint32 text = 0xff241f31;
  AplombTown corner = { 0, 0, "Quatre-Tuiles", 50000 };
  guint x0, y0, n_different;

  aplomb_tile_renderer_set_towns (renderer, towns, G_N_ELEMENTS (towns));
  aplomb_tile_style_set_layers (labels_only, APLOMB_MAP_LAYER_TOWN_LABELS);
  aplomb_tile_style_set_layers (everything, APLOMB_MAP_LAYER_ALL);

  /* Zoom 7 names towns of 30 000 inhabitants or more, zoom 9 of 3 000
   * (aplomb_towns_min_population()). */
  assert_same_color (pixel_at (renderer, labels_only, 7, towns[0].lon, towns[0].lat), text);
  g_assert_cmpuint (pixel_at (renderer, labels_only, 7, towns[1].lon, towns[1].lat) >> 24, ==, 0);
  assert_same_color (pixel_at (renderer, labels_only, 9, towns[1].lon, towns[1].lat), text);
  /* Big enough from zoom 9, but Bourges's label is in the way. */
  g_assert_cmpuint (color_distance (pixel_at (renderer, labels_only, 11, towns[2].lon,
                                              towns[2].lat), text), >, 20);
  assert_same_color (pixel_at (renderer, labels_only, 11, towns[0].lon, towns[0].lat), text);

  /* A town exactly at the corner of four tiles: each draws its part of
   * the dot and the name, and together they make the view. */
  tile_at (2.0, 46.8, 9, &x0, &y0);
  aplomb_mercator_to_lonlat ((x0 + 1) / 512.0, (y0 + 1) / 512.0, &corner.lon, &corner.lat);
  aplomb_tile_renderer_set_towns (renderer, &corner, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(Image) tile = render_tile (renderer, labels_only, 9, x0 + i % 2, y0 + i / 2, 1.0);

      g_assert_cmpuint (image_pixel (tile, i % 2 ? 0 : TILE - 1, i / 2 ? 0 : TILE - 1) >> 24, >,
                        200);
    }
  g_assert_cmpint (compare_tiles_with_view (renderer, everything, 9, x0, y0, &n_different), <=,
                   12);
  g_assert_cmpuint (n_different, <, 4 * TILE * TILE / 500);
}

typedef struct
{
  AplombTileRenderer *renderer;
  AplombTileStyle    *style;
  guint               x, y;
} ThreadJob;

static gpointer
render_in_thread (gpointer data)
{
  ThreadJob *job = data;

  return render_tile (job->renderer, job->style, 9, job->x, job->y, 1.0);
}

/* Threads rendering at once, while the borders, the zoom band and the
 * label layout are built on first use, get the same pixels as a renderer
 * that had them ready. */
static void
test_threads (void)
{
  g_autoptr(Communes) c = communes_load (cher_indre, NULL);
  g_autoptr(AplombTileRenderer) renderer = renderer_new (c);
  g_autoptr(AplombTileRenderer) prepared = renderer_new (c);
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_DARK);
  GThread *threads[4];
  ThreadJob job = { renderer, style, 0, 0 };
  g_autoptr(Image) reference = NULL;
  /* Real towns of the tile, so that threads draw text at once too. */
  const AplombTown towns[] = {
    { 2.3987, 47.0767, "Bourges", 64000 },
    { 2.0689, 47.2218, "Vierzon", 25000 },
    { 1.9990, 46.9485, "Issoudun", 11000 },
    { 2.2164, 47.1436, "Mehun-sur-Yèvre", 6800 },
  };

  tile_at (2.2, 47.0, 9, &job.x, &job.y);
  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_ALL);
  aplomb_tile_renderer_set_towns (renderer, towns, G_N_ELEMENTS (towns));
  aplomb_tile_renderer_set_towns (prepared, towns, G_N_ELEMENTS (towns));
  aplomb_tile_renderer_prepare (prepared);
  reference = render_tile (prepared, style, 9, job.x, job.y, 1.0);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_in_thread, &job);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(Image) image = g_thread_join (threads[i]);

      g_assert_cmpmem (image->pixels, image->stride * TILE, reference->pixels,
                       reference->stride * TILE);
    }
}

/* The whole bundled France, as the application shows it: the pixels at
 * the inner points of communes all over the country have the colour of
 * their official APL class, and picking finds the commune back. */
static void
test_bundled_france (void)
{
  g_autofree char *path = aplomb_core_find_data ("france.aplomb");
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) france = NULL;
  g_autoptr(AplombTileRenderer) renderer = NULL;
  g_autoptr(AplombClassification) classes = aplomb_classification_new_apl ();
  g_autoptr(AplombTileStyle) style = aplomb_tile_style_new (APLOMB_MAP_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree AplombColor *colors = NULL;
  const double *apl;
  guint n, n_checked = 0, n_picked = 0, n_colored = 0;

  if (path == NULL)
    {
      g_test_skip ("the bundled France project is not built (bundled_data=false)");
      return;
    }
  store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  france = aplomb_store_load_territory (store, &error);
  g_assert_no_error (error);
  n = aplomb_territory_get_n_communes (france);
  renderer = aplomb_tile_renderer_new_for_territory (france);
  g_assert_cmpuint (aplomb_tile_renderer_get_n_features (renderer), ==, n);

  apl = aplomb_territory_get_column (france, "apl_official_2023");
  g_assert_nonnull (apl);
  colors = g_new (AplombColor, n);
  aplomb_classification_fill_colors (classes, apl, n, colors);
  aplomb_tile_style_set_fill_colors (style, colors, n);
  /* Without the borders, which may pass near an inner point. */
  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_BACKGROUND | APLOMB_MAP_LAYER_COMMUNES);

  for (guint i = 0; i < n; i += 211)
    {
      double lon, lat;

      aplomb_territory_get_inner_point (france, i, &lon, &lat);
      n_checked++;
      n_picked += aplomb_tile_renderer_pick (renderer, lon, lat) == (int) i;
      n_colored += color_distance (pixel_at (renderer, style, 12, lon, lat),
                                   opaque_pixel_of (&colors[i])) <= 1;
    }
  g_test_message ("%u communes: %u picked back, %u in their colour", n_checked, n_picked,
                  n_colored);
  /* The inner points are those of the unsimplified layer; all of these
   * also fall inside the communes as simplified one by one. */
  g_assert_cmpuint (n_checked, ==, 165);
  g_assert_cmpuint (n_picked, ==, n_checked);
  g_assert_cmpuint (n_colored, ==, n_checked);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tile-renderer/mercator", test_mercator);
  g_test_add_func ("/tile-renderer/map-views", test_map_views);
  g_test_add_func ("/tile-renderer/interior-colors", test_interior_colors);
  g_test_add_func ("/tile-renderer/tile-seams", test_tile_seams);
  g_test_add_data_func ("/tile-renderer/no-seams-between-communes", cher_indre,
                        test_no_seams_between_communes);
  g_test_add_data_func ("/tile-renderer/no-seams-between-communes/bundled", cher_indre_bundled,
                        test_no_seams_between_communes);
  g_test_add_func ("/tile-renderer/hole", test_hole_shows_background);
  g_test_add_func ("/tile-renderer/fill-opacity", test_fill_opacity);
  g_test_add_func ("/tile-renderer/pick", test_pick);
  g_test_add_data_func ("/tile-renderer/departement-borders", cher_indre,
                        test_departement_borders);
  g_test_add_data_func ("/tile-renderer/departement-borders/bundled", cher_indre_bundled,
                        test_departement_borders);
  g_test_add_func ("/tile-renderer/commune-borders-fade", test_commune_borders_fade);
  g_test_add_func ("/tile-renderer/highlight", test_highlight);
  g_test_add_func ("/tile-renderer/town-labels", test_town_labels);
  g_test_add_func ("/tile-renderer/threads", test_threads);
  g_test_add_func ("/tile-renderer/bundled-france", test_bundled_france);
  return g_test_run ();
}
