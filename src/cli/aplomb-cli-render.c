/* aplomb-cli-render.c: aplomb-cli render, the map of a project as a PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "aplomb-cli.h"
#include "aplomb-core.h"
#include "aplomb-palette.h"
#include "aplomb-store.h"
#include "aplomb-tile-renderer.h"

#define TILE_SIZE 256
/* The renderer samples a view 2 × 2 per pixel into 16-bit commune numbers:
 * 128 MB at this size. */
#define MAX_IMAGE_SIZE 4096

typedef struct
{
  char    *output;
  char    *tile;
  char    *bbox;
  char    *departement;
  char    *size;
  double   scale;
  char    *column;
  char    *classes;
  char    *theme;
  char    *highlight;
  gboolean base_map;
  gboolean bench;
  int      runs;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->output);
  g_free (options->tile);
  g_free (options->bbox);
  g_free (options->departement);
  g_free (options->size);
  g_free (options->column);
  g_free (options->classes);
  g_free (options->theme);
  g_free (options->highlight);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* CPU time of the calling thread: on a shared machine the wall-clock time
 * of one tile mostly measures the other processes. The rendering is
 * single-threaded, so on an idle machine both are the same. */
static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The most recent official APL column ("apl_official_2023"), or NULL. */
static char *
latest_apl_column (AplombTerritory *territory)
{
  g_auto(GStrv) names = aplomb_territory_list_columns (territory);
  const char *best = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], "apl_official_") &&
        (best == NULL || strcmp (names[i], best) > 0))
      best = names[i];
  return g_strdup (best);
}

/* APL columns use the APL classes; others quantiles unless told. */
static AplombClassification *
make_classification (const char   *column,
                     const char   *kind,
                     const double *values,
                     guint         n,
                     GError      **error)
{
  const double difference_steps[] = { 0.1, 0.5, 1.0 };

  if (kind == NULL)
    kind = g_str_has_prefix (column, "apl") ? "apl" : "quantiles";
  if (g_str_equal (kind, "apl"))
    return aplomb_classification_new_apl ();
  if (g_str_equal (kind, "quantiles"))
    return aplomb_classification_new_quantiles (values, n, 6, APLOMB_PALETTE_SEQUENTIAL, 1, NULL);
  if (g_str_equal (kind, "difference"))
    return aplomb_classification_new_difference (difference_steps,
                                                 G_N_ELEMENTS (difference_steps), 1, NULL);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Unknown classes “%s”: use apl, quantiles or difference."), kind);
  return NULL;
}

static AplombTileStyle *
make_style (AplombTerritory      *territory,
            const Options        *options,
            const char           *column,
            AplombClassification *classes)
{
  gboolean dark = options->theme != NULL && g_str_equal (options->theme, "dark");
  AplombTileStyle *style = aplomb_tile_style_new (dark ? APLOMB_MAP_THEME_DARK
                                                       : APLOMB_MAP_THEME_LIGHT);

  /* An image stands alone: it names the towns itself. */
  aplomb_tile_style_set_layers (style, APLOMB_MAP_LAYER_ALL);
  if (classes != NULL)
    {
      guint n = aplomb_territory_get_n_communes (territory);
      g_autofree AplombColor *colors = g_new (AplombColor, MAX (n, 1));

      aplomb_classification_fill_colors (classes, aplomb_territory_get_column (territory, column),
                                         n, colors);
      aplomb_tile_style_set_fill_colors (style, colors, n);
    }
  return style;
}

/* The extent of the communes of a département, or of all with NULL. */
static gboolean
communes_extent (AplombTerritory *territory,
                 const char      *departement,
                 AplombBBox      *extent)
{
  const AplombGeometry *geometry = aplomb_territory_get_geometry (territory);
  gboolean found = FALSE;

  *extent = (AplombBBox) { 180, 90, -180, -90 };
  for (guint i = 0; i < geometry->n_features; i++)
    {
      const AplombBBox *b = &geometry->bboxes[i];

      if (geometry->feature_offsets[i] == geometry->feature_offsets[i + 1] ||
          (departement != NULL &&
           g_strcmp0 (aplomb_territory_get_departement (territory, i), departement) != 0))
        continue;
      extent->min_lon = MIN (extent->min_lon, b->min_lon);
      extent->min_lat = MIN (extent->min_lat, b->min_lat);
      extent->max_lon = MAX (extent->max_lon, b->max_lon);
      extent->max_lat = MAX (extent->max_lat, b->max_lat);
      found = TRUE;
    }
  return found;
}

static void
set_theme_text_color (cairo_t *cr,
                      gboolean dark)
{
  if (dark)
    cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
  else
    cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
}

/* The legend in the bottom-left corner: title, then a swatch and a label
 * per class, then no data. Drawn with cairo's own text: the core and the
 * CLI have no Pango. */
static void
draw_legend (cairo_t                    *cr,
             const AplombClassification *classes,
             const char                 *title,
             gboolean                    dark,
             int                         height)
{
  guint n = aplomb_classification_get_n_classes (classes);
  const char *unit = aplomb_classification_get_unit (classes);
  double line = 20, swatch = 14, pad = 12;
  double box_h = pad * 2 + line * (n + 2 + (unit != NULL));
  double box_w = 250;
  double y = height - pad - box_h;

  cairo_save (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  if (unit != NULL)
    {
      cairo_text_extents_t extents;

      cairo_text_extents (cr, unit, &extents);
      box_w = MAX (box_w, extents.x_advance + 2 * pad);
    }

  cairo_rectangle (cr, pad, y, box_w, box_h);
  if (dark)
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.14, 0.88);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_fill (cr);

  y += pad;
  set_theme_text_color (cr, dark);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_move_to (cr, 2 * pad, y + 14);
  cairo_show_text (cr, title);
  y += line;
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  if (unit != NULL)
    {
      cairo_move_to (cr, 2 * pad, y + 14);
      cairo_show_text (cr, unit);
      y += line;
    }

  /* Best classes on top, as on most legends. */
  for (guint k = 0; k <= n; k++)
    {
      const AplombColor *color = k < n ? aplomb_classification_get_color (classes, n - 1 - k)
                                       : aplomb_classification_get_no_data_color (classes);
      g_autofree char *label = k < n ? aplomb_classification_get_label (classes, n - 1 - k)
                                     : g_strdup (_("no data"));

      cairo_rectangle (cr, 2 * pad, y + 3, swatch, swatch);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
      cairo_fill (cr);
      set_theme_text_color (cr, dark);
      cairo_move_to (cr, 2 * pad + swatch + 8, y + 14);
      cairo_show_text (cr, label);
      y += line;
    }
  cairo_restore (cr);
}

static gboolean
parse_tile (const char *text,
            guint      *z,
            guint      *x,
            guint      *y)
{
  guint64 values[3];
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);

  if (g_strv_length (parts) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, 0, i == 0 ? 24 : G_MAXUINT32, &values[i], NULL))
      return FALSE;
  *z = values[0];
  *x = values[1];
  *y = values[2];
  return *x < (1u << *z) && *y < (1u << *z);
}

static gboolean
parse_bbox (const char *text,
            AplombBBox *bbox)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double v[4];

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end;

      v[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }
  *bbox = (AplombBBox) { v[0], v[1], v[2], v[3] };
  return bbox->min_lon < bbox->max_lon && bbox->min_lat < bbox->max_lat;
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  guint64 w, h;
  g_auto(GStrv) parts = g_strsplit (text, "x", -1);

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 16, MAX_IMAGE_SIZE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 16, MAX_IMAGE_SIZE, &h, NULL))
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
write_png (cairo_surface_t *surface,
           const char      *path,
           GError         **error)
{
  cairo_status_t status = cairo_surface_write_to_png (surface, path);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
render_tile (AplombTileRenderer    *renderer,
             const AplombTileStyle *style,
             const Options         *options,
             GError               **error)
{
  guint z, x, y;
  int size = (int) ceil (TILE_SIZE * options->scale);
  cairo_surface_t *surface;
  gboolean ok;

  if (!parse_tile (options->tile, &z, &x, &y))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid tile “%s”: expected Z/X/Y."), options->tile);
      return FALSE;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_surface_flush (surface);
  ok = aplomb_tile_renderer_render_tile (renderer, style, z, x, y, TILE_SIZE, options->scale,
                                         cairo_image_surface_get_data (surface),
                                         cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot render the tile."));
  else
    ok = write_png (surface, options->output, error);
  cairo_surface_destroy (surface);
  return ok;
}

static gboolean
render_view (AplombTerritory            *territory,
             AplombTileRenderer         *renderer,
             const AplombTileStyle      *style,
             const AplombClassification *classes,
             const char                 *column,
             const Options              *options,
             GError                    **error)
{
  int width = 1024, height = 1024;
  AplombBBox bbox;
  AplombMapView view;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (options->size != NULL && !parse_size (options->size, &width, &height))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid size “%s”: expected WIDTHxHEIGHT, from 16 to 4096 pixels."),
                   options->size);
      return FALSE;
    }
  if (options->bbox != NULL)
    {
      if (!parse_bbox (options->bbox, &bbox))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Invalid area “%s”: expected WEST,SOUTH,EAST,NORTH in degrees."),
                       options->bbox);
          return FALSE;
        }
    }
  else if (!communes_extent (territory, options->departement, &bbox))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No commune in département “%s”."), options->departement);
      return FALSE;
    }

  aplomb_map_view_init_fit (&view, &bbox, width, height, 24);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  aplomb_tile_renderer_draw (renderer, style, cr, &view);
  if (options->highlight != NULL)
    {
      int commune = aplomb_territory_lookup (territory, options->highlight);
      const AplombColor halo = { 1, 1, 1, 0.9f };
      const AplombColor outline = { 0.1f, 0.1f, 0.1f, 1 };

      if (commune < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown commune “%s”."), options->highlight);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          return FALSE;
        }
      aplomb_tile_renderer_draw_highlight (renderer, cr, &view, commune, &halo, 5.0);
      aplomb_tile_renderer_draw_highlight (renderer, cr, &view, commune, &outline, 2.0);
    }
  if (classes != NULL)
    draw_legend (cr, classes, column,
                 options->theme != NULL && g_str_equal (options->theme, "dark"), height);
  cairo_destroy (cr);
  ok = write_png (surface, options->output, error);
  cairo_surface_destroy (surface);
  return ok;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *samples_ms)
{
  double *s = (double *) samples_ms->data;
  guint n = samples_ms->len;

  qsort (s, n, sizeof (double), compare_doubles);
  g_print ("  %-44s %8.2f ms  (min %.2f, max %.2f, %u tiles)\n", what,
           n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2, s[0], s[n - 1], n);
}

/* Times every tile over the territory at zoom z, or, past zoom 8, the
 * tiles under the inner points of a sample of communes (tiles of land). */
static void
bench_zoom (AplombTerritory       *territory,
            AplombTileRenderer    *renderer,
            const AplombTileStyle *style,
            guint                  z,
            double                 scale,
            int                    runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  int size = (int) ceil (TILE_SIZE * scale);
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, size);
  g_autofree guchar *pixels = g_malloc ((gsize) stride * size);
  g_autofree char *what = NULL;
  guint n = aplomb_territory_get_n_communes (territory);
  AplombBBox extent;
  double x0, y0, x1, y1;

  communes_extent (territory, NULL, &extent);
  aplomb_mercator_from_lonlat (extent.min_lon, extent.max_lat, &x0, &y0);
  aplomb_mercator_from_lonlat (extent.max_lon, extent.min_lat, &x1, &y1);
  if (z <= 8)
    {
      for (guint y = (guint) (y0 * exp2 (z)); y <= (guint) (y1 * exp2 (z)); y++)
        for (guint x = (guint) (x0 * exp2 (z)); x <= (guint) (x1 * exp2 (z)); x++)
          {
            guint xy[2] = { x, y };

            g_array_append_val (tiles, xy);
          }
    }
  else
    {
      /* Every 347th commune: spread over the whole country, no dice. */
      for (guint i = 0; i < n; i += 347)
        {
          double lon, lat, mx, my;
          guint xy[2];

          aplomb_territory_get_inner_point (territory, i, &lon, &lat);
          aplomb_mercator_from_lonlat (lon, lat, &mx, &my);
          xy[0] = (guint) (mx * exp2 (z));
          xy[1] = (guint) (my * exp2 (z));
          g_array_append_val (tiles, xy);
        }
    }

  for (int run = 0; run < runs; run++)
    for (guint t = 0; t < tiles->len; t++)
      {
        const guint *xy = &g_array_index (tiles, guint, 2 * t);
        double start = now_ms ();
        double elapsed;

        aplomb_tile_renderer_render_tile (renderer, style, z, xy[0], xy[1], TILE_SIZE, scale,
                                          pixels, stride);
        elapsed = now_ms () - start;
        /* The best of the runs of each tile: the machine is shared. */
        if (run == 0)
          g_array_append_val (samples, elapsed);
        else
          g_array_index (samples, double, t) = MIN (g_array_index (samples, double, t), elapsed);
      }
  what = g_strdup_printf (_("tile z%u, %d px"), z, size);
  report (what, samples);
}

static void
bench_pick (AplombTerritory    *territory,
            AplombTileRenderer *renderer)
{
  const guint n_picks = 100000;
  guint n = aplomb_territory_get_n_communes (territory);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree double *points = g_new (double, 2 * n_picks);
  guint found = 0;
  double start;
  AplombBBox extent;

  /* Half at inner points of random communes, half anywhere in the
   * extent (sea and abroad included). */
  communes_extent (territory, NULL, &extent);
  for (guint i = 0; i < n_picks; i++)
    if (i % 2 == 0)
      aplomb_territory_get_inner_point (territory, g_rand_int_range (rand, 0, n), &points[2 * i],
                                        &points[2 * i + 1]);
    else
      {
        points[2 * i] = g_rand_double_range (rand, extent.min_lon, extent.max_lon);
        points[2 * i + 1] = g_rand_double_range (rand, extent.min_lat, extent.max_lat);
      }

  start = now_ms ();
  for (guint i = 0; i < n_picks; i++)
    found += aplomb_tile_renderer_pick (renderer, points[2 * i], points[2 * i + 1]) >= 0;
  g_print ("  %-44s %8.2f µs  (%u points, %u in a commune)\n", _("pick the commune at a point"),
           (now_ms () - start) * 1e3 / n_picks, n_picks, found);
}

/* The tile benchmarks of aplomb-cli render --bench and aplomb-cli bench:
 * the renderer of territory built and prepared, tiles of zooms 5 to 12
 * coloured by the latest official APL with every layer, and picking. */
void
aplomb_cli_bench_tiles (AplombTerritory *territory,
                        int              runs)
{
  g_autoptr(AplombTileRenderer) renderer = NULL;
  g_autoptr(AplombClassification) classes = aplomb_classification_new_apl ();
  g_autoptr(AplombTileStyle) style = NULL;
  g_autofree char *column = latest_apl_column (territory);
  Options options = { .runs = runs };
  double start = now_ms ();

  g_print (_("Tile rendering, CPU time of the rendering thread (each tile: best of %d runs):"),
           runs);
  g_print ("\n");
  renderer = aplomb_tile_renderer_new_for_territory (territory);
  g_print ("  %-44s %8.2f ms\n", _("project the communes"), now_ms () - start);
  start = now_ms ();
  aplomb_tile_renderer_prepare (renderer);
  g_print ("  %-44s %8.2f ms\n", _("find the borders, simplify, rasterise zooms ≤ 7"),
           now_ms () - start);

  style = make_style (territory, &options, column, column != NULL ? classes : NULL);
  for (guint z = 5; z <= 12; z++)
    bench_zoom (territory, renderer, style, z, 1.0, runs);
  bench_zoom (territory, renderer, style, 6, 2.0, runs);
  bench_zoom (territory, renderer, style, 12, 2.0, runs);
  bench_pick (territory, renderer);
}

static AplombTerritory *
load_project (const char  *path,
              GError     **error)
{
  g_autoptr(AplombStore) store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, error);

  if (store == NULL)
    return NULL;
  return aplomb_store_load_territory (store, error);
}

int
aplomb_cli_render (int    argc,
                   char **argv)
{
  g_auto(Options) options = { .scale = 1.0, .runs = 3 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("PNG file to write"), N_("FILE") },
    { "tile", 't', 0, G_OPTION_ARG_STRING, &options.tile,
      N_("Render the map tile Z/X/Y (256 px × scale)"), N_("Z/X/Y") },
    { "bbox", 'b', 0, G_OPTION_ARG_STRING, &options.bbox,
      N_("Show this area, in degrees"), N_("WEST,SOUTH,EAST,NORTH") },
    { "departement", 'd', 0, G_OPTION_ARG_STRING, &options.departement,
      N_("Show this département"), N_("CODE") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &options.size,
      N_("Image size of an area (default 1024x1024)"), N_("WIDTHxHEIGHT") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      N_("Device pixels per pixel of a tile (default 1)"), N_("N") },
    { "column", 'c', 0, G_OPTION_ARG_STRING, &options.column,
      N_("Per-commune column to map (default: the latest official APL)"), N_("NAME") },
    { "classes", 0, 0, G_OPTION_ARG_STRING, &options.classes,
      N_("Classes: apl, quantiles or difference"), N_("KIND") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &options.theme,
      N_("Colours for a light or dark window (default light)"), N_("light|dark") },
    { "highlight", 0, 0, G_OPTION_ARG_STRING, &options.highlight,
      N_("Outline this commune"), N_("INSEE") },
    { "base-map", 0, 0, G_OPTION_ARG_NONE, &options.base_map,
      N_("Draw the base map only, without an indicator"), NULL },
    { "bench", 0, 0, G_OPTION_ARG_NONE, &options.bench,
      N_("Time tiles at zooms 5 to 12 and picking instead of drawing"), NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &options.runs,
      N_("Runs per tile with --bench (default 3)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[PROJECT]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombTerritory) territory = NULL;
  g_autoptr(AplombTileRenderer) renderer = NULL;
  g_autoptr(AplombClassification) classes = NULL;
  g_autoptr(AplombTileStyle) style = NULL;
  g_autofree char *path = NULL;
  g_autofree char *column = NULL;
  gboolean ok;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Draws the map of a project (without a project, the bundled "
                                  "metropolitan France) into a PNG: a tile, an area, a "
                                  "département or the whole territory."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 2 || (options.output == NULL && !options.bench) || options.scale <= 0 ||
      options.scale > 4 || options.runs < 1 ||
      (options.tile != NULL) + (options.bbox != NULL) + (options.departement != NULL) > 1)
    {
      g_printerr (_("Give one project at most, an output file (or --bench), and at most one of "
                    "--tile, --bbox and --departement."));
      g_printerr ("\n");
      return 2;
    }

  path = argc == 2 ? g_strdup (argv[1]) : aplomb_core_find_data ("france.aplomb");
  if (path == NULL)
    {
      g_printerr (_("The bundled France project is not installed; give a project file."));
      g_printerr ("\n");
      return 1;
    }
  territory = load_project (path, &error);
  if (territory == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (options.bench)
    {
      aplomb_cli_bench_tiles (territory, options.runs);
      return 0;
    }

  if (!options.base_map)
    {
      column = options.column != NULL ? g_strdup (options.column) : latest_apl_column (territory);
      if (column == NULL || aplomb_territory_get_column (territory, column) == NULL)
        {
          g_printerr (_("No column “%s” in the project; see aplomb-cli info."),
                      column != NULL ? column : "apl_official_*");
          g_printerr ("\n");
          return 1;
        }
      classes = make_classification (column, options.classes,
                                     aplomb_territory_get_column (territory, column),
                                     aplomb_territory_get_n_communes (territory), &error);
      if (classes == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
    }

  renderer = aplomb_tile_renderer_new_for_territory (territory);
  style = make_style (territory, &options, column, classes);
  if (options.tile != NULL)
    ok = render_tile (renderer, style, &options, &error);
  else
    ok = render_view (territory, renderer, style, classes, column, &options, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
