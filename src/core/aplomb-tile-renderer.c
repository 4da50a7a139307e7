/* aplomb-tile-renderer.c: choropleth map tiles of the communes, with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The geometry is projected once to Web Mercator and stored as unsigned
 * 32-bit integers (2^32 units across the world, about 9 mm at the equator),
 * absolute, so that every commune sharing a vertex stores exactly the same
 * value. Each zoom band keeps a copy snapped to a grid of half a pixel at
 * that zoom: because snapping is a function of the vertex alone, the shared
 * border of two communes is simplified identically on both sides, and the
 * simplified communes still tile the plane without slivers or overlaps
 * (communes smaller than the grid collapse and their neighbours close over
 * them).
 *
 * Communes are drawn through rasters of commune numbers (draw_communes()),
 * which makes them seamless and cheap at every zoom, with their borders
 * found in the raster; département boundaries are paths drawn on top. A
 * tile is the square of a view with an integer offset in a world of whole
 * pixels, so neighbouring tiles sample exactly the same grid.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aplomb-tile-labels.h"
#include "aplomb-tile-renderer.h"
#include "aplomb-towns.h"

#define WORLD_UNITS      4294967296.0 /* 2^32 */
#define MAX_LATITUDE     85.0511287798066
/* Simplified copies for zoom levels FIRST_BAND_ZOOM to FIRST_BAND_ZOOM +
 * N_BANDS - 1, each with a grid of half a pixel of that zoom; deeper zooms
 * draw the source geometry. */
#define FIRST_BAND_ZOOM  2
#define N_BANDS          12
/* How far around the view shapes are drawn, in device px, so that strokes
 * crossing the edge are complete. */
#define CULL_MARGIN_PX   4.0
/* Up to this device zoom, where thousands of communes fall in one tile,
 * a raster of the whole territory is kept rather than made for each tile. */
#define RASTER_MAX_ZOOM  7
/* Samples per device pixel along each axis, averaged into antialiasing. */
#define RASTER_SAMPLES   2
/* Commune numbers + 1 fit in the 16 bits of a raster sample. */
#define MAX_FEATURES     65534
/* The widest gap between neighbouring communes that is closed (see
 * close_raster_gaps()), in metres and at most in samples. */
#define MAX_GAP_METRES   300.0
#define MAX_GAP_SAMPLES  32
#define EARTH_CIRCUMFERENCE 40075016.686

/* ------------------------------------------------------------------ */
/* Projection and views                                                 */

void
aplomb_mercator_from_lonlat (double  lon,
                             double  lat,
                             double *x,
                             double *y)
{
  double phi = CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

void
aplomb_mercator_to_lonlat (double  x,
                           double  y,
                           double *lon,
                           double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/* The tile z/x/y of a slippy map (XYZ, y down) of tile_size logical px. */
void
aplomb_map_view_init_tile (AplombMapView *view,
                           guint          z,
                           guint          x,
                           guint          y,
                           guint          tile_size,
                           double         scale)
{
  double size = tile_size * scale;

  view->world_size = ldexp (size, z);
  view->origin_x = x * size;
  view->origin_y = y * size;
  view->width = (int) ceil (size);
  view->height = (int) ceil (size);
  view->scale = scale;
}

/* A width × height device px view centred on (lon, lat) at a (fractional)
 * zoom level of a map of tile_size logical px tiles. */
void
aplomb_map_view_init_center (AplombMapView *view,
                             double         lon,
                             double         lat,
                             double         zoom,
                             guint          tile_size,
                             double         scale,
                             int            width,
                             int            height)
{
  double mx, my;

  aplomb_mercator_from_lonlat (lon, lat, &mx, &my);
  view->world_size = tile_size * scale * exp2 (zoom);
  view->origin_x = mx * view->world_size - width / 2.0;
  view->origin_y = my * view->world_size - height / 2.0;
  view->width = width;
  view->height = height;
  view->scale = scale;
}

/* The largest view of width × height px (scale 1) showing bbox with padding
 * px around it. */
void
aplomb_map_view_init_fit (AplombMapView    *view,
                          const AplombBBox *bbox,
                          int               width,
                          int               height,
                          int               padding)
{
  double x0, y0, x1, y1;
  double inner_w = MAX (width - 2 * padding, 1);
  double inner_h = MAX (height - 2 * padding, 1);

  aplomb_mercator_from_lonlat (bbox->min_lon, bbox->max_lat, &x0, &y0);
  aplomb_mercator_from_lonlat (bbox->max_lon, bbox->min_lat, &x1, &y1);
  view->world_size = MIN (inner_w / MAX (x1 - x0, 1e-12), inner_h / MAX (y1 - y0, 1e-12));
  view->origin_x = (x0 + x1) / 2.0 * view->world_size - width / 2.0;
  view->origin_y = (y0 + y1) / 2.0 * view->world_size - height / 2.0;
  view->width = width;
  view->height = height;
  view->scale = 1.0;
}

/* The zoom level of the view on a map of 256 px tiles. */
double
aplomb_map_view_get_zoom (const AplombMapView *view)
{
  return log2 (view->world_size / (256.0 * view->scale));
}

/* ------------------------------------------------------------------ */
/* Styles                                                               */

struct _AplombTileStyle
{
  gatomicrefcount ref_count;
  AplombMapLayers layers;
  AplombColor     background;
  AplombColor     land;
  /* Commune borders over choropleth fills, and over the plain land. */
  AplombColor     fill_border;
  AplombColor     land_border;
  AplombColor     departement_border;
  AplombColor     label_text;
  AplombColor     label_halo;
  AplombColor    *fills;
  guint           n_fills;
  double          fill_opacity;
};

G_DEFINE_BOXED_TYPE (AplombTileStyle, aplomb_tile_style, aplomb_tile_style_ref,
                     aplomb_tile_style_unref)

#define RGBA(r, g, b, a) ((AplombColor) { (r) / 255.0f, (g) / 255.0f, (b) / 255.0f, (a) })

/* Colours of the offline base map: a blue-grey sea and abroad, so that the
 * lightest and darkest classes both stand out from it, and borders that
 * read over every class colour. */
AplombTileStyle *
aplomb_tile_style_new (AplombMapTheme theme)
{
  AplombTileStyle *self = g_new0 (AplombTileStyle, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->layers = APLOMB_MAP_LAYER_ALL & ~APLOMB_MAP_LAYER_TOWN_LABELS;
  self->fill_opacity = 1.0;
  if (theme == APLOMB_MAP_THEME_DARK)
    {
      self->background = RGBA (0x24, 0x29, 0x30, 1.0f);
      self->land = RGBA (0x3d, 0x3d, 0x3d, 1.0f);
      self->fill_border = RGBA (0x1e, 0x1e, 0x1e, 0.45f);
      self->land_border = RGBA (0x5e, 0x5c, 0x64, 1.0f);
      self->departement_border = RGBA (0xf6, 0xf5, 0xf4, 0.85f);
      self->label_text = RGBA (0xff, 0xff, 0xff, 1.0f);
      self->label_halo = RGBA (0x1e, 0x1e, 0x1e, 0.85f);
    }
  else
    {
      self->background = RGBA (0xdc, 0xe4, 0xea, 1.0f);
      self->land = RGBA (0xfa, 0xf9, 0xf6, 1.0f);
      self->fill_border = RGBA (0xff, 0xff, 0xff, 0.5f);
      self->land_border = RGBA (0xc8, 0xc6, 0xc0, 1.0f);
      self->departement_border = RGBA (0x24, 0x1f, 0x31, 0.85f);
      self->label_text = RGBA (0x24, 0x1f, 0x31, 1.0f);
      self->label_halo = RGBA (0xff, 0xff, 0xff, 0.85f);
    }
  return self;
}

AplombTileStyle *
aplomb_tile_style_ref (AplombTileStyle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
aplomb_tile_style_unref (AplombTileStyle *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->fills);
      g_free (self);
    }
}

/* The layers drawn; by default all but the town labels, which the
 * application draws above the tiles, where a name is never cut. Without
 * COMMUNES the tile is a transparent overlay of borders (over an online
 * base map); BACKGROUND, COMMUNES without fill colours and the borders make
 * the offline base map. */
void
aplomb_tile_style_set_layers (AplombTileStyle *self,
                              AplombMapLayers  layers)
{
  g_return_if_fail (self != NULL);

  self->layers = layers;
}

AplombMapLayers
aplomb_tile_style_get_layers (const AplombTileStyle *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->layers;
}

/* One colour per commune (see aplomb_classification_fill_colors()), copied;
 * NULL paints every commune in the plain land colour. Colours may be
 * translucent, to let an online base map show through. */
void
aplomb_tile_style_set_fill_colors (AplombTileStyle   *self,
                                   const AplombColor *colors,
                                   guint              n_colors)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (colors != NULL || n_colors == 0);

  g_clear_pointer (&self->fills, g_free);
  self->fills = n_colors > 0 ? g_memdup2 (colors, n_colors * sizeof (AplombColor)) : NULL;
  self->n_fills = n_colors;
}

/* The opacity of the communes' fills (colours and plain land), from 0 to
 * 1: below 1 an online or MBTiles base map shows through the choropleth,
 * with its roads and place names. Borders keep their own colours. */
void
aplomb_tile_style_set_fill_opacity (AplombTileStyle *self,
                                    double           opacity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (opacity >= 0.0 && opacity <= 1.0);

  self->fill_opacity = opacity;
}

double
aplomb_tile_style_get_fill_opacity (const AplombTileStyle *self)
{
  g_return_val_if_fail (self != NULL, 1.0);

  return self->fill_opacity;
}

void
aplomb_tile_style_set_background (AplombTileStyle   *self,
                                  const AplombColor *color)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (color != NULL);

  self->background = *color;
}

const AplombColor *
aplomb_tile_style_get_background (const AplombTileStyle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->background;
}

/* ------------------------------------------------------------------ */
/* Shapes: communes (closed rings) or border lines (open polylines)     */

/* One resolution of a set of shapes: shape s owns parts shape_parts[s] ..
 * shape_parts[s+1]-1, part p owns points part_points[p] .. part_points[p+1]-1.
 * Closed rings do not repeat their first point. */
typedef struct
{
  guint   *shape_parts;
  guint   *part_points;
  guint32 *xy;
} Level;

/* A uniform grid over the shapes' bounding boxes, in world units, each cell
 * listing the shapes whose box overlaps it. */
typedef struct
{
  guint  n_cols;
  guint  n_rows;
  double x0;
  double y0;
  double cell_size;
  guint *cell_offsets;
  guint *items;
} Grid;

typedef struct
{
  guint    n_shapes;
  gboolean closed;
  guint32 *bboxes; /* 4 × n_shapes: min x, min y, max x, max y; empty shapes have min > max */
  Level    full;
  Level   *bands[N_BANDS];
  Grid     grid;
} ShapeSet;

typedef struct
{
  GArray *shape_parts;
  GArray *part_points;
  GArray *xy;
} LevelBuilder;

static void
level_builder_init (LevelBuilder *builder)
{
  guint zero = 0;

  builder->shape_parts = g_array_new (FALSE, FALSE, sizeof (guint));
  builder->part_points = g_array_new (FALSE, FALSE, sizeof (guint));
  builder->xy = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (builder->shape_parts, zero);
  g_array_append_val (builder->part_points, zero);
}

static guint
level_builder_n_points (LevelBuilder *builder)
{
  return builder->xy->len / 2;
}

static guint32 *
level_builder_point (LevelBuilder *builder,
                     guint         i)
{
  return &g_array_index (builder->xy, guint32, 2 * i);
}

static gboolean
same_point (const guint32 *a,
            const guint32 *b)
{
  return a[0] == b[0] && a[1] == b[1];
}

/* Appends a point to the part that started at point `start`, dropping
 * repeated points and folding back-and-forth spikes (A B A becomes A),
 * which have no area and would only draw a stray line. */
static void
level_builder_add_point (LevelBuilder *builder,
                         guint         start,
                         guint32       x,
                         guint32       y)
{
  guint32 p[2] = { x, y };
  guint n = level_builder_n_points (builder);

  if (n > start && same_point (level_builder_point (builder, n - 1), p))
    return;
  if (n > start + 1 && same_point (level_builder_point (builder, n - 2), p))
    {
      g_array_set_size (builder->xy, 2 * (n - 1));
      return;
    }
  g_array_append_vals (builder->xy, p, 2);
}

/* Ends the part started at point `start`, or drops it when too few points
 * are left to draw anything: rings need three, lines two. */
static void
level_builder_end_part (LevelBuilder *builder,
                        guint         start,
                        gboolean      closed)
{
  guint n = level_builder_n_points (builder);

  if (closed)
    while (n > start + 1 && same_point (level_builder_point (builder, n - 1),
                                        level_builder_point (builder, start)))
      n--;
  if (n - start < (closed ? 3u : 2u))
    n = start;
  g_array_set_size (builder->xy, 2 * n);
  if (n > start)
    g_array_append_val (builder->part_points, n);
}

static void
level_builder_end_shape (LevelBuilder *builder)
{
  guint n_parts = builder->part_points->len - 1;

  g_array_append_val (builder->shape_parts, n_parts);
}

static void
level_builder_finish (LevelBuilder *builder,
                      Level        *level)
{
  level->shape_parts = (guint *) g_array_free (builder->shape_parts, FALSE);
  level->part_points = (guint *) g_array_free (builder->part_points, FALSE);
  level->xy = (guint32 *) g_array_free (builder->xy, FALSE);
}

static void
level_clear (Level *level)
{
  g_free (level->shape_parts);
  g_free (level->part_points);
  g_free (level->xy);
}

static guint32
snap (guint32 v,
      guint   shift)
{
  guint64 cell = (guint64) 1 << shift;
  guint64 snapped = ((guint64) v + cell / 2) & ~(cell - 1);

  return (guint32) MIN (snapped, G_MAXUINT32);
}

/* The copy of the full level for zoom band `band`: vertices snapped to half
 * a pixel of that zoom (a world of 2^(8+z) px is 2^32 units, so half a pixel
 * is 2^(23-z) units). */
static Level *
level_new_band (ShapeSet *set,
                guint     band)
{
  guint shift = 23 - (FIRST_BAND_ZOOM + band);
  Level *full = &set->full;
  LevelBuilder builder;
  Level *level = g_new0 (Level, 1);

  level_builder_init (&builder);
  for (guint s = 0; s < set->n_shapes; s++)
    {
      for (guint p = full->shape_parts[s]; p < full->shape_parts[s + 1]; p++)
        {
          guint start = level_builder_n_points (&builder);

          for (guint k = full->part_points[p]; k < full->part_points[p + 1]; k++)
            level_builder_add_point (&builder, start, snap (full->xy[2 * k], shift),
                                     snap (full->xy[2 * k + 1], shift));
          level_builder_end_part (&builder, start, set->closed);
        }
      level_builder_end_shape (&builder);
    }
  level_builder_finish (&builder, level);

  /* Once the grid is finer than the source's vertex spacing, snapping
   * hardly removes anything: share the source rather than keep a copy. */
  if (level->part_points[level->shape_parts[set->n_shapes]] >=
      0.9 * full->part_points[full->shape_parts[set->n_shapes]])
    {
      level_clear (level);
      g_free (level);
      return full;
    }
  return level;
}

static void
grid_build (Grid           *grid,
            const guint32  *bboxes,
            guint           n_shapes)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = 0, max_y = 0;
  g_autofree guint *counts = NULL;
  guint n_cells;

  for (guint s = 0; s < n_shapes; s++)
    if (bboxes[4 * s] <= bboxes[4 * s + 2])
      {
        min_x = MIN (min_x, bboxes[4 * s]);
        min_y = MIN (min_y, bboxes[4 * s + 1]);
        max_x = MAX (max_x, bboxes[4 * s + 2]);
        max_y = MAX (max_y, bboxes[4 * s + 3]);
      }
  if (min_x > max_x)
    min_x = min_y = max_x = max_y = 0;

  /* About one shape per cell. */
  grid->x0 = min_x;
  grid->y0 = min_y;
  grid->cell_size = MAX (MAX (max_x - min_x, max_y - min_y) / CLAMP (sqrt (n_shapes), 1, 1024), 1);
  grid->n_cols = (guint) ((max_x - min_x) / grid->cell_size) + 1;
  grid->n_rows = (guint) ((max_y - min_y) / grid->cell_size) + 1;
  n_cells = grid->n_cols * grid->n_rows;

  /* Two passes: count the entries of each cell, then fill them (CSR). */
  grid->cell_offsets = g_new0 (guint, n_cells + 1);
  counts = g_new0 (guint, n_cells);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint s = 0; s < n_shapes; s++)
        {
          const guint32 *b = &bboxes[4 * s];
          guint c0, r0, c1, r1;

          if (b[0] > b[2])
            continue;
          c0 = (guint) ((b[0] - grid->x0) / grid->cell_size);
          r0 = (guint) ((b[1] - grid->y0) / grid->cell_size);
          c1 = MIN ((guint) ((b[2] - grid->x0) / grid->cell_size), grid->n_cols - 1);
          r1 = MIN ((guint) ((b[3] - grid->y0) / grid->cell_size), grid->n_rows - 1);
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                guint cell = r * grid->n_cols + c;

                if (pass == 0)
                  grid->cell_offsets[cell + 1]++;
                else
                  grid->items[grid->cell_offsets[cell] + counts[cell]++] = s;
              }
        }
      if (pass == 0)
        {
          for (guint cell = 0; cell < n_cells; cell++)
            grid->cell_offsets[cell + 1] += grid->cell_offsets[cell];
          grid->items = g_new (guint, grid->cell_offsets[n_cells]);
        }
    }
}

/* Builds the set from its full level: bounding boxes and grid. */
static void
shape_set_init (ShapeSet *set,
                gboolean  closed,
                guint     n_shapes,
                Level    *full)
{
  set->closed = closed;
  set->n_shapes = n_shapes;
  set->full = *full;
  set->bboxes = g_new (guint32, 4 * MAX (n_shapes, 1));
  for (guint s = 0; s < n_shapes; s++)
    {
      guint32 *b = &set->bboxes[4 * s];
      guint k0 = full->part_points[full->shape_parts[s]];
      guint k1 = full->part_points[full->shape_parts[s + 1]];

      b[0] = b[1] = G_MAXUINT32;
      b[2] = b[3] = 0;
      for (guint k = k0; k < k1; k++)
        {
          b[0] = MIN (b[0], full->xy[2 * k]);
          b[1] = MIN (b[1], full->xy[2 * k + 1]);
          b[2] = MAX (b[2], full->xy[2 * k]);
          b[3] = MAX (b[3], full->xy[2 * k + 1]);
        }
    }
  grid_build (&set->grid, set->bboxes, n_shapes);
}

static void
shape_set_clear (ShapeSet *set)
{
  level_clear (&set->full);
  for (guint b = 0; b < N_BANDS; b++)
    if (set->bands[b] != NULL && set->bands[b] != &set->full)
      {
        level_clear (set->bands[b]);
        g_free (set->bands[b]);
      }
  g_free (set->bboxes);
  g_free (set->grid.cell_offsets);
  g_free (set->grid.items);
}

/* Marks in `hits` (a bitset of n_shapes bits) the shapes whose bounding box
 * meets the rectangle, in world units. */
static void
shape_set_query (const ShapeSet *set,
                 double          x0,
                 double          y0,
                 double          x1,
                 double          y1,
                 guint64        *hits)
{
  const Grid *grid = &set->grid;
  double c0 = floor ((x0 - grid->x0) / grid->cell_size);
  double r0 = floor ((y0 - grid->y0) / grid->cell_size);
  double c1 = floor ((x1 - grid->x0) / grid->cell_size);
  double r1 = floor ((y1 - grid->y0) / grid->cell_size);

  if (c1 < 0 || r1 < 0 || c0 >= grid->n_cols || r0 >= grid->n_rows)
    return;
  c0 = MAX (c0, 0);
  r0 = MAX (r0, 0);
  c1 = MIN (c1, grid->n_cols - 1);
  r1 = MIN (r1, grid->n_rows - 1);
  for (guint r = (guint) r0; r <= (guint) r1; r++)
    for (guint c = (guint) c0; c <= (guint) c1; c++)
      {
        guint cell = r * grid->n_cols + c;

        for (guint i = grid->cell_offsets[cell]; i < grid->cell_offsets[cell + 1]; i++)
          {
            guint s = grid->items[i];
            const guint32 *b = &set->bboxes[4 * s];

            if (b[0] <= x1 && b[2] >= x0 && b[1] <= y1 && b[3] >= y0)
              hits[s / 64] |= G_GUINT64_CONSTANT (1) << (s % 64);
          }
      }
}

/* ------------------------------------------------------------------ */
/* The renderer                                                         */

/* Commune numbers rasterised without antialiasing, RASTER_SAMPLES per
 * device pixel along each axis (see draw_communes()). */
typedef struct
{
  double   world_size;  /* of the samples */
  int      x0;          /* world sample position of ids[0] */
  int      y0;
  int      width;
  int      height;
  guint16 *ids;         /* commune + 1, 0 where there is none */
} IdRaster;

static void id_raster_free (IdRaster *raster);

struct _AplombTileRenderer
{
  GObject   parent_instance;

  ShapeSet  communes;
  /* The département of each commune, numbered. */
  int      *groups;
  /* Département boundaries and the outline of the territory, as lines,
   * found on first use: it takes half a second for France. */
  ShapeSet  borders;
  gint      borders_ready;
  IdRaster *rasters[RASTER_MAX_ZOOM + 1];
  /* Guards the lazy construction of the borders, zoom bands and rasters. */
  GMutex    band_lock;
  AplombTileLabels *labels;
};

G_DEFINE_FINAL_TYPE (AplombTileRenderer, aplomb_tile_renderer, G_TYPE_OBJECT)

static void
aplomb_tile_renderer_finalize (GObject *object)
{
  AplombTileRenderer *self = APLOMB_TILE_RENDERER (object);

  shape_set_clear (&self->communes);
  shape_set_clear (&self->borders);
  g_free (self->groups);
  g_clear_pointer (&self->labels, aplomb_tile_labels_free);
  for (guint z = 0; z <= RASTER_MAX_ZOOM; z++)
    g_clear_pointer (&self->rasters[z], id_raster_free);
  g_mutex_clear (&self->band_lock);

  G_OBJECT_CLASS (aplomb_tile_renderer_parent_class)->finalize (object);
}

static void
aplomb_tile_renderer_class_init (AplombTileRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_tile_renderer_finalize;
}

static void
aplomb_tile_renderer_init (AplombTileRenderer *self)
{
  g_mutex_init (&self->band_lock);
}

static void
project_to_units (double   lon,
                  double   lat,
                  guint32 *ux,
                  guint32 *uy)
{
  double x, y;

  aplomb_mercator_from_lonlat (lon, lat, &x, &y);
  *ux = (guint32) CLAMP (llround (x * WORLD_UNITS), 0, G_MAXUINT32);
  *uy = (guint32) CLAMP (llround (y * WORLD_UNITS), 0, G_MAXUINT32);
}

/* The communes at source resolution: every ring of a commune (exteriors,
 * holes, islands) becomes one part, filled with the even-odd rule. */
static void
level_from_geometry (const AplombGeometry *geometry,
                     Level                *level)
{
  LevelBuilder builder;

  level_builder_init (&builder);
  for (guint f = 0; f < geometry->n_features; f++)
    {
      guint r0 = geometry->polygon_offsets[geometry->feature_offsets[f]];
      guint r1 = geometry->polygon_offsets[geometry->feature_offsets[f + 1]];

      for (guint r = r0; r < r1; r++)
        {
          guint start = level_builder_n_points (&builder);

          for (guint k = geometry->ring_offsets[r]; k < geometry->ring_offsets[r + 1]; k++)
            {
              guint32 ux, uy;

              project_to_units (geometry->coords[2 * k], geometry->coords[2 * k + 1], &ux, &uy);
              level_builder_add_point (&builder, start, ux, uy);
            }
          level_builder_end_part (&builder, start, TRUE);
        }
      level_builder_end_shape (&builder);
    }
  level_builder_finish (&builder, level);
}

/* ---- Picking ---- */

/* Even-odd rule over all the rings of a commune: a point in a hole is
 * crossed twice, a point on an island once. */
static gboolean
shape_contains (const Level *level,
                guint        shape,
                double       x,
                double       y)
{
  gboolean inside = FALSE;

  for (guint p = level->shape_parts[shape]; p < level->shape_parts[shape + 1]; p++)
    {
      guint k0 = level->part_points[p];
      guint n = level->part_points[p + 1] - k0;
      const guint32 *ring = &level->xy[2 * k0];

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = ring[2 * i], yi = ring[2 * i + 1];
          double xj = ring[2 * j], yj = ring[2 * j + 1];

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }
  return inside;
}

/* The commune containing the point (world units), at source resolution,
 * or -1. */
static int
find_commune (const ShapeSet *communes,
              double          x,
              double          y)
{
  const Grid *grid = &communes->grid;
  double col = floor ((x - grid->x0) / grid->cell_size);
  double row = floor ((y - grid->y0) / grid->cell_size);
  guint cell;

  if (col < 0 || row < 0 || col >= grid->n_cols || row >= grid->n_rows)
    return -1;

  cell = (guint) row * grid->n_cols + (guint) col;
  for (guint i = grid->cell_offsets[cell]; i < grid->cell_offsets[cell + 1]; i++)
    {
      guint s = grid->items[i];
      const guint32 *b = &communes->bboxes[4 * s];

      if (x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] &&
          shape_contains (&communes->full, s, x, y))
        return s;
    }
  return -1;
}

/* ---- Département boundaries ---- */

/* An edge of the commune rings, keyed by a 64-bit hash of its two
 * end points in either order; a collision between two different edges is
 * improbable enough (≈ 10^-7 for France) to be ignored: it would at worst
 * hide one segment of border. */
typedef struct
{
  guint64 key;
  guint   count;
  guint   first_feature;
  int     first_group;
  gboolean mixed;  /* the communes sharing it are in different groups */
} EdgeSlot;

typedef struct
{
  EdgeSlot *slots;
  guint64   mask;
} EdgeTable;

static guint64
mix64 (guint64 z)
{
  /* splitmix64's finaliser. */
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint64
edge_key (const guint32 *a,
          const guint32 *b)
{
  guint64 pa = ((guint64) a[0] << 32) | a[1];
  guint64 pb = ((guint64) b[0] << 32) | b[1];
  guint64 key = mix64 (MIN (pa, pb)) ^
                mix64 (MAX (pa, pb) + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  return key != 0 ? key : 1;
}

static EdgeSlot *
edge_table_lookup (EdgeTable *table,
                   guint64    key)
{
  guint64 i = key & table->mask;

  while (table->slots[i].key != 0 && table->slots[i].key != key)
    i = (i + 1) & table->mask;
  return &table->slots[i];
}

static void
edge_table_add_rings (EdgeTable   *table,
                      const Level *level,
                      guint        n_features,
                      const int   *groups)
{
  for (guint f = 0; f < n_features; f++)
    for (guint p = level->shape_parts[f]; p < level->shape_parts[f + 1]; p++)
      {
        guint k0 = level->part_points[p];
        guint n = level->part_points[p + 1] - k0;

        for (guint i = 0; i < n; i++)
          {
            guint64 key = edge_key (&level->xy[2 * (k0 + i)], &level->xy[2 * (k0 + (i + 1) % n)]);
            EdgeSlot *slot = edge_table_lookup (table, key);

            if (slot->key == 0)
              *slot = (EdgeSlot) { key, 1, f, groups[f], FALSE };
            else
              {
                slot->count++;
                slot->mixed |= slot->first_group != groups[f];
              }
          }
      }
}

/* World units per metre on the ground at world height y. */
static double
units_per_metre (double y)
{
  double lon, lat;

  aplomb_mercator_to_lonlat (0.5, y / WORLD_UNITS, &lon, &lat);
  return WORLD_UNITS / (EARTH_CIRCUMFERENCE * cos (lat * G_PI / 180.0));
}

/* Twice the signed area of a ring: positive when its inside is on the
 * left of its edges in world units (y down). */
static double
ring_orientation (const guint32 *ring,
                  guint          n)
{
  double area = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    area += ((double) ring[2 * j] - ring[0]) * ((double) ring[2 * i + 1] - ring[1]) -
            ((double) ring[2 * i] - ring[0]) * ((double) ring[2 * j + 1] - ring[1]);
  return area >= 0 ? 1.0 : -1.0;
}

/* The commune on the other side of the edge a → b of commune `feature`
 * when no other commune has that very edge: boundary files simplified one
 * commune at a time leave gaps between neighbours, a few hundred metres
 * wide and sometimes long, so probe 25 m to 1 km away from the edge's
 * middle, first on the outer side of the ring, then, if that is still
 * `feature` (a narrow inlet, or the ring is a hole), on the inner side.
 * Returns -1 when there is no commune within 1 km (sea, frontier, the edge
 * of the data), `feature` when it lies on both sides. */
static int
commune_across (const ShapeSet *communes,
                const guint32  *a,
                const guint32  *b,
                double          orientation,
                guint           feature)
{
  static const double distances[] = { 25.0, 100.0, 300.0, 1000.0 };
  double mx = ((double) a[0] + b[0]) / 2, my = ((double) a[1] + b[1]) / 2;
  double dx = (double) b[0] - a[0], dy = (double) b[1] - a[1];
  double scale = units_per_metre (my) / hypot (dx, dy);
  /* With y down and a positive orientation, the inside is towards
   * (−dy, dx). */
  double nx = dy * orientation * scale, ny = -dx * orientation * scale;

  for (int side = 0; side < 2; side++, nx = -nx, ny = -ny)
    {
      int across = -1;

      for (guint k = 0; k < G_N_ELEMENTS (distances) && across < 0; k++)
        across = find_commune (communes, mx + nx * distances[k], my + ny * distances[k]);
      if (across != (int) feature)
        return across;
    }
  return feature;
}

/* An edge is a boundary between groups when communes of different groups
 * share it, drawn once, from the commune that met it first; or, when no
 * other commune shares it, when the commune across is of another group
 * (drawn from the lower group's side: the neighbour draws its own, nearby
 * line) or when there is none (coast, frontier). */
static gboolean
edge_is_boundary (const ShapeSet *communes,
                  EdgeTable      *table,
                  const int      *groups,
                  const guint32  *a,
                  const guint32  *b,
                  double          orientation,
                  guint           feature)
{
  EdgeSlot *slot = edge_table_lookup (table, edge_key (a, b));
  int across;

  if (slot->count > 1)
    return slot->mixed && slot->first_feature == feature;
  across = commune_across (communes, a, b, orientation, feature);
  return across < 0 || (across != (int) feature && groups[feature] < groups[across]);
}

/* Chains the boundary edges of one ring into lines, starting after an edge
 * that is not a boundary so that a line never breaks at the ring's start. */
static void
add_ring_boundaries (LevelBuilder   *builder,
                     const ShapeSet *communes,
                     EdgeTable      *table,
                     const int      *groups,
                     const guint32  *ring,
                     guint           n,
                     guint           feature,
                     guint          *n_lines)
{
  g_autofree gboolean *boundary = g_new (gboolean, n);
  double orientation = ring_orientation (ring, n);
  guint first = 0;
  guint start = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      boundary[i] = edge_is_boundary (communes, table, groups, &ring[2 * i],
                                      &ring[2 * ((i + 1) % n)], orientation, feature);
      if (!boundary[i])
        first = i + 1;
    }

  for (guint j = 0; j < n; j++)
    {
      guint i = (first + j) % n;
      const guint32 *a = &ring[2 * i];
      const guint32 *b = &ring[2 * ((i + 1) % n)];

      if (!boundary[i])
        {
          if (start != G_MAXUINT)
            {
              level_builder_end_part (builder, start, FALSE);
              level_builder_end_shape (builder);
              (*n_lines)++;
              start = G_MAXUINT;
            }
          continue;
        }
      if (start == G_MAXUINT)
        {
          start = level_builder_n_points (builder);
          level_builder_add_point (builder, start, a[0], a[1]);
        }
      level_builder_add_point (builder, start, b[0], b[1]);
    }
  if (start != G_MAXUINT)
    {
      level_builder_end_part (builder, start, FALSE);
      level_builder_end_shape (builder);
      (*n_lines)++;
    }
}

static void
build_borders (AplombTileRenderer *self)
{
  const int *groups = self->groups;
  const Level *communes = &self->communes.full;
  guint n_edges = communes->part_points[communes->shape_parts[self->communes.n_shapes]];
  guint64 capacity = 16;
  EdgeTable table;
  LevelBuilder builder;
  Level level;
  guint n_lines = 0;

  /* Less than half full, so that probes stay short. */
  while (capacity < 2 * (guint64) n_edges)
    capacity *= 2;
  table.slots = g_new0 (EdgeSlot, capacity);
  table.mask = capacity - 1;
  edge_table_add_rings (&table, communes, self->communes.n_shapes, groups);

  level_builder_init (&builder);
  for (guint f = 0; f < self->communes.n_shapes; f++)
    for (guint p = communes->shape_parts[f]; p < communes->shape_parts[f + 1]; p++)
      add_ring_boundaries (&builder, &self->communes, &table, groups,
                           &communes->xy[2 * communes->part_points[p]],
                           communes->part_points[p + 1] - communes->part_points[p], f, &n_lines);
  level_builder_finish (&builder, &level);
  g_free (table.slots);

  shape_set_init (&self->borders, FALSE, n_lines, &level);
}

/* Numbers the distinct codes; communes without one form their own group. */
static int *
group_indices (const char * const *codes,
               guint               n)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  int *groups = g_new (int, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      gpointer value;

      if (codes == NULL)
        groups[i] = 0;
      else if (codes[i] == NULL)
        groups[i] = -1;
      else if (g_hash_table_lookup_extended (index, codes[i], NULL, &value))
        groups[i] = GPOINTER_TO_INT (value);
      else
        {
          groups[i] = g_hash_table_size (index);
          g_hash_table_insert (index, (gpointer) codes[i], GINT_TO_POINTER (groups[i]));
        }
    }
  return groups;
}

/**
 * aplomb_tile_renderer_new:
 * @geometry: the communes (copied: it need not outlive the renderer)
 * @departements: (nullable): the département code of each commune, to draw
 *   the boundaries between départements; NULL draws only the outline of
 *   the whole territory
 *
 * Projects the communes once (0.1 s for France); the département
 * boundaries, the simplified copies of each zoom band and the rasters of
 * low zooms are made on first use, or by aplomb_tile_renderer_prepare().
 * Rendering and picking are thread-safe.
 */
AplombTileRenderer *
aplomb_tile_renderer_new (const AplombGeometry *geometry,
                          const char * const   *departements)
{
  AplombTileRenderer *self;
  Level full;

  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (geometry->n_features <= MAX_FEATURES, NULL);

  self = g_object_new (APLOMB_TYPE_TILE_RENDERER, NULL);
  level_from_geometry (geometry, &full);
  shape_set_init (&self->communes, TRUE, geometry->n_features, &full);
  self->groups = group_indices (departements, geometry->n_features);
  return self;
}

/* The communes of territory, with the boundaries of their départements and
 * the names of the communes the map names (aplomb_towns_list()) at their
 * chef-lieu, or a point inside. */
AplombTileRenderer *
aplomb_tile_renderer_new_for_territory (AplombTerritory *territory)
{
  AplombTileRenderer *self;
  const double *population;
  guint n;
  g_autofree const char **departements = NULL;
  g_autoptr(GArray) communes = NULL;
  g_autoptr(GArray) towns = g_array_new (FALSE, FALSE, sizeof (AplombTown));

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);

  n = aplomb_territory_get_n_communes (territory);
  departements = g_new (const char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    departements[i] = aplomb_territory_get_departement (territory, i);
  self = aplomb_tile_renderer_new (aplomb_territory_get_geometry (territory), departements);

  population = aplomb_territory_get_population (territory);
  /* Every commune that some zoom level names. */
  communes = aplomb_towns_list (territory, aplomb_towns_min_population (G_MAXDOUBLE));
  for (guint k = 0; k < communes->len; k++)
    {
      guint i = g_array_index (communes, guint, k);
      AplombTown town = { 0, 0, aplomb_territory_get_name (territory, i), population[i] };

      aplomb_territory_get_inner_point (territory, i, &town.lon, &town.lat);
      g_array_append_val (towns, town);
    }
  aplomb_tile_renderer_set_towns (self, (const AplombTown *) towns->data, towns->len);
  return self;
}

/* The towns to name (APLOMB_MAP_LAYER_TOWN_LABELS), copied, replacing
 * the previous ones: call it before rendering, not while other threads
 * render. Which are named at each zoom is decided for the whole map, the
 * most populated first, so that labels never overlap. */
void
aplomb_tile_renderer_set_towns (AplombTileRenderer *self,
                                const AplombTown   *towns,
                                guint               n_towns)
{
  g_return_if_fail (APLOMB_IS_TILE_RENDERER (self));
  g_return_if_fail (towns != NULL || n_towns == 0);

  g_clear_pointer (&self->labels, aplomb_tile_labels_free);
  self->labels = aplomb_tile_labels_new (towns, n_towns);
}

guint
aplomb_tile_renderer_get_n_features (AplombTileRenderer *self)
{
  g_return_val_if_fail (APLOMB_IS_TILE_RENDERER (self), 0);

  return self->communes.n_shapes;
}

static ShapeSet *
get_borders (AplombTileRenderer *self)
{
  if (!g_atomic_int_get (&self->borders_ready))
    {
      g_mutex_lock (&self->band_lock);
      if (!self->borders_ready)
        {
          build_borders (self);
          g_atomic_int_set (&self->borders_ready, TRUE);
        }
      g_mutex_unlock (&self->band_lock);
    }
  return &self->borders;
}

static const Level *
get_band (AplombTileRenderer *self,
          ShapeSet           *set,
          guint               band)
{
  Level *level = g_atomic_pointer_get (&set->bands[band]);

  if (level == NULL)
    {
      g_mutex_lock (&self->band_lock);
      level = set->bands[band];
      if (level == NULL)
        {
          level = level_new_band (set, band);
          g_atomic_pointer_set (&set->bands[band], level);
        }
      g_mutex_unlock (&self->band_lock);
    }
  return level;
}

/* The coarsest copy whose grid is at most half a device pixel. */
static const Level *
level_for_view (AplombTileRenderer  *self,
                ShapeSet            *set,
                const AplombMapView *view)
{
  double device_zoom = log2 (view->world_size / 256.0);
  int band = (int) ceil (device_zoom - 1e-6) - FIRST_BAND_ZOOM;

  if (band >= N_BANDS)
    return &set->full;
  return get_band (self, set, MAX (band, 0));
}

/* ---- Drawing ---- */

/* How a view maps world units to device px. */
typedef struct
{
  double k;
  double ox;
  double oy;
} Transform;

static Transform
transform_for_view (const AplombMapView *view)
{
  return (Transform) { view->world_size / WORLD_UNITS, view->origin_x, view->origin_y };
}

static void
append_parts (cairo_t         *cr,
              const Level     *level,
              guint            shape,
              const Transform *t,
              gboolean         closed)
{
  for (guint p = level->shape_parts[shape]; p < level->shape_parts[shape + 1]; p++)
    {
      guint k0 = level->part_points[p];
      guint k1 = level->part_points[p + 1];

      cairo_move_to (cr, level->xy[2 * k0] * t->k - t->ox, level->xy[2 * k0 + 1] * t->k - t->oy);
      for (guint k = k0 + 1; k < k1; k++)
        cairo_line_to (cr, level->xy[2 * k] * t->k - t->ox, level->xy[2 * k + 1] * t->k - t->oy);
      if (closed)
        cairo_close_path (cr);
    }
}

/* The shapes of set near the view, as a bitset to free. */
static guint64 *
visible_shapes (const ShapeSet      *set,
                const AplombMapView *view)
{
  double units_per_px = WORLD_UNITS / view->world_size;
  double margin = CULL_MARGIN_PX * view->scale * units_per_px;
  guint64 *hits = g_new0 (guint64, set->n_shapes / 64 + 1);

  shape_set_query (set,
                   view->origin_x * units_per_px - margin,
                   view->origin_y * units_per_px - margin,
                   (view->origin_x + view->width) * units_per_px + margin,
                   (view->origin_y + view->height) * units_per_px + margin,
                   hits);
  return hits;
}

static void
set_source_color (cairo_t           *cr,
                  const AplombColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Commune borders appear from zoom 7 (a département fills the window) and
 * are fully drawn from zoom 10 (communes are tens of px wide). */
static double
commune_border_opacity (double zoom)
{
  return CLAMP ((zoom - 7.0) / 3.0, 0.0, 1.0);
}

/* ---- Commune fills, through rasters of commune numbers ---- */

/* Closes the runs of samples without commune, at most max_gap long,
 * between two communes along a row (step 1) or a column (step = width):
 * each half goes to the commune on its side. */
static void
close_gaps_along (guint16   *ids,
                  ptrdiff_t  n,
                  ptrdiff_t  step,
                  ptrdiff_t  max_gap)
{
  ptrdiff_t i = 0;

  while (i < n)
    {
      ptrdiff_t start = i;

      if (ids[i * step] != 0)
        {
          i++;
          continue;
        }
      while (i < n && ids[i * step] == 0)
        i++;
      if (start > 0 && i < n && i - start <= max_gap)
        for (ptrdiff_t k = start; k < i; k++)
          ids[k * step] = k < (start + i) / 2 ? ids[(start - 1) * step] : ids[i * step];
    }
}

/* Boundary files are never perfectly topological: neighbours leave
 * slivers between them, up to a few hundred metres wide when the communes
 * were simplified one by one, which would show the background. Gaps of up
 * to MAX_GAP_METRES (and at least two samples) between communes, along
 * rows then columns, are shared out between the communes on either side.
 * Open water wider than that stays. */
static void
close_raster_gaps (IdRaster *raster,
                   ptrdiff_t max_gap)
{
  const ptrdiff_t w = raster->width;

  for (ptrdiff_t y = 0; y < raster->height; y++)
    close_gaps_along (&raster->ids[y * w], w, 1, max_gap);
  for (ptrdiff_t x = 0; x < w; x++)
    close_gaps_along (&raster->ids[x], raster->height, w, max_gap);
}

/* MAX_GAP_METRES in samples of a raster of the given world size, around
 * world sample height y. */
static ptrdiff_t
max_gap_samples (double world_size,
                 double y)
{
  double lon, lat;
  double metres_per_sample;

  aplomb_mercator_to_lonlat (0.5, y / world_size, &lon, &lat);
  metres_per_sample = EARTH_CIRCUMFERENCE * cos (lat * G_PI / 180.0) / world_size;
  return CLAMP ((ptrdiff_t) ceil (MAX_GAP_METRES / metres_per_sample), 2, MAX_GAP_SAMPLES);
}

static IdRaster *
id_raster_new (double world_size,
               int    x0,
               int    y0,
               int    width,
               int    height)
{
  IdRaster *raster = g_new0 (IdRaster, 1);

  raster->world_size = world_size;
  raster->x0 = x0;
  raster->y0 = y0;
  raster->width = width;
  raster->height = height;
  raster->ids = g_new0 (guint16, (gsize) width * height);
  return raster;
}

static void
id_raster_free (IdRaster *raster)
{
  g_free (raster->ids);
  g_free (raster);
}

/* Rasterises the communes of level, without antialiasing, then closes the
 * slivers between them. */
static void
id_raster_render (IdRaster       *raster,
                  const ShapeSet *communes,
                  const Level    *level)
{
  /* In strips, so that the ARGB32 scratch surface stays small. */
  for (int strip = 0; strip < raster->height; strip += 256)
    {
      /* Snapped vertices lie on multiples of half a sample or of a whole
       * one, so edges would pass exactly through sample centres, whose
       * owner cairo's aliased rasteriser does not always agree on: shifted
       * by a quarter of a sample, none does. */
      AplombMapView view = { raster->world_size, raster->x0 - 0.25, raster->y0 + strip - 0.25,
                             raster->width, MIN (256, raster->height - strip), 1.0 };
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             view.width, view.height);
      cairo_t *cr = cairo_create (surface);
      g_autofree guint64 *hits = visible_shapes (communes, &view);
      Transform t = transform_for_view (&view);
      const guchar *data;
      int stride;

      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      for (guint w = 0; w <= communes->n_shapes / 64; w++)
        for (guint64 bits = hits[w]; bits != 0; bits &= bits - 1)
          {
            guint f = w * 64 + __builtin_ctzll (bits);
            guint id = f + 1;

            /* The number in the green and blue bytes: cairo turns c / 255
             * back into exactly c. */
            append_parts (cr, level, f, &t, TRUE);
            cairo_set_source_rgb (cr, 0, (id >> 8) / 255.0, (id & 0xff) / 255.0);
            cairo_fill (cr);
          }
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int row = 0; row < view.height; row++)
        {
          const guint32 *pixels = (const guint32 *) (data + (gsize) row * stride);
          guint16 *ids = &raster->ids[(gsize) (strip + row) * raster->width];

          for (int col = 0; col < view.width; col++)
            ids[col] = pixels[col] & 0xffff;
        }
      cairo_surface_destroy (surface);
    }
  close_raster_gaps (raster,
                     max_gap_samples (raster->world_size, raster->y0 + raster->height / 2.0));
}

/* The raster of the whole territory at a low zoom, kept. */
static const IdRaster *
get_raster (AplombTileRenderer *self,
            int                 zoom)
{
  IdRaster *raster = g_atomic_pointer_get (&self->rasters[zoom]);

  if (raster == NULL)
    {
      AplombMapView device = { ldexp (256.0, zoom), 0, 0, 1, 1, 1.0 };
      /* Fetched before taking the lock, which get_band() takes too. */
      const Level *level = level_for_view (self, &self->communes, &device);
      const Grid *grid = &self->communes.grid;
      double world_size = device.world_size * RASTER_SAMPLES;
      double k = world_size / WORLD_UNITS;
      int x0 = (int) floor (grid->x0 * k) - 1;
      int y0 = (int) floor (grid->y0 * k) - 1;
      int x1 = (int) ceil ((grid->x0 + grid->n_cols * grid->cell_size) * k) + 1;
      int y1 = (int) ceil ((grid->y0 + grid->n_rows * grid->cell_size) * k) + 1;

      g_mutex_lock (&self->band_lock);
      raster = self->rasters[zoom];
      if (raster == NULL)
        {
          raster = id_raster_new (world_size, x0, y0, x1 - x0, y1 - y0);
          id_raster_render (raster, &self->communes, level);
          g_atomic_pointer_set (&self->rasters[zoom], raster);
        }
      g_mutex_unlock (&self->band_lock);
    }
  return raster;
}

/* The zoom of the kept raster for view, or -1 when view needs its own:
 * they exist for whole device zooms only, as tiles have. */
static int
raster_zoom_for_view (const AplombMapView *view)
{
  double device_zoom = log2 (view->world_size / 256.0);
  int zoom = (int) lround (device_zoom);

  if (fabs (device_zoom - zoom) > 1e-9 || zoom < 0 || zoom > RASTER_MAX_ZOOM)
    return -1;
  return zoom;
}

static guint32
premultiplied_pixel (const AplombColor *color)
{
  double a = color->alpha;

  return (guint32) lround (a * 255) << 24 | (guint32) lround (color->red * a * 255) << 16 |
         (guint32) lround (color->green * a * 255) << 8 | (guint32) lround (color->blue * a * 255);
}

/* over (premultiplied ARGB32) scaled by weight / 256, composited on under. */
static guint32
blend_over (guint32 under,
            guint32 over,
            guint32 weight)
{
  guint32 keep = 255 - (((over >> 24) * weight) >> 8);
  guint32 result = 0;

  for (int shift = 0; shift < 32; shift += 8)
    {
      guint32 o = (((over >> shift) & 0xff) * weight) >> 8;
      guint32 u = (((under >> shift) & 0xff) * keep + 127) / 255;

      result |= MIN (o + u, 255u) << shift;
    }
  return result;
}

/* The width × height samples of raster from (sx0, sy0) (raster
 * coordinates), zero outside it, so that resampling needs no bounds. */
static guint16 *
copy_window (const IdRaster *raster,
             int             sx0,
             int             sy0,
             int             width,
             int             height)
{
  guint16 *window = g_new0 (guint16, (gsize) width * height);
  int x_from = MAX (0, -sx0);
  int x_to = MIN (width, raster->width - sx0);

  for (int y = 0; y < height && x_from < x_to; y++)
    if (sy0 + y >= 0 && sy0 + y < raster->height)
      memcpy (&window[(gsize) y * width + x_from],
              &raster->ids[(gsize) (sy0 + y) * raster->width + sx0 + x_from],
              (x_to - x_from) * sizeof (guint16));
  return window;
}

/* Turns a window of samples, RASTER_SAMPLES per pixel plus one more row
 * and column, into an ARGB32 image: each pixel is the average of the
 * colours of its samples (colors[id], premultiplied), under the border
 * colour in proportion of its samples whose right or lower neighbour is
 * another commune (when border has some alpha). Borders found in the
 * raster follow what is drawn, draw a shared edge once even when the two
 * communes' outlines differ, and cost no path. */
static void
resample_window (const guint16 *window,
                 const guint32 *colors,
                 guint32        border,
                 guchar        *data,
                 int            stride,
                 int            width,
                 int            height)
{
  const int ww = width * RASTER_SAMPLES + 1;
  const guint32 n = RASTER_SAMPLES * RASTER_SAMPLES;
  gboolean borders = (border >> 24) != 0;

  for (int py = 0; py < height; py++)
    {
      const guint16 *row = &window[(gsize) py * RASTER_SAMPLES * ww];
      guint32 *out = (guint32 *) (data + (gsize) py * stride);

      for (int px = 0; px < width; px++)
        {
          /* Two 8-bit channels per 32-bit lane: their sums stay below 2^16. */
          guint32 even = 0, odd = 0, edges = 0;

          for (int j = 0; j < RASTER_SAMPLES; j++)
            {
              const guint16 *ids = &row[j * ww + px * RASTER_SAMPLES];

              for (int i = 0; i < RASTER_SAMPLES; i++)
                {
                  guint32 c = colors[ids[i]];

                  even += c & 0x00ff00ff;
                  odd += (c >> 8) & 0x00ff00ff;
                  edges += ids[i] != ids[i + 1] || ids[i] != ids[i + ww];
                }
            }
          /* Rounded division of both lanes at once. */
          even = ((even + (n / 2) * 0x00010001) / n) & 0x00ff00ff;
          odd = ((odd + (n / 2) * 0x00010001) / n) & 0x00ff00ff;
          out[px] = even | odd << 8;
          if (borders && edges > 0)
            out[px] = blend_over (out[px], border, 256 * edges / n);
        }
    }
}

/* Draws the communes. Filling each one as a path with antialiasing leaves
 * a faint seam between neighbours (a pixel crossed by their shared edge
 * gets coverages a and 1 − a, which lets up to a quarter of the background
 * through), and cairo's cost per path (some µs for a fill, more for a
 * stroke that would hide the seam) makes a tile of France take 150 ms. So
 * the communes are rasterised without antialiasing, as numbers, at
 * RASTER_SAMPLES × the device resolution: shapes that share their edges
 * then cover every sample exactly once, and averaging the colours of the
 * samples of a pixel antialiases the result. Low zooms, where thousands of
 * communes fall in one tile, keep a raster of the whole territory; other
 * views rasterise only what they show. */
static void
draw_communes (AplombTileRenderer    *self,
               const AplombTileStyle *style,
               cairo_t               *cr,
               const AplombMapView   *view)
{
  int zoom = raster_zoom_for_view (view);
  int sx0 = (int) lround (view->origin_x * RASTER_SAMPLES);
  int sy0 = (int) lround (view->origin_y * RASTER_SAMPLES);
  guint n = self->communes.n_shapes;
  g_autofree guint32 *colors = g_new0 (guint32, n + 1);
  g_autofree guint16 *window = NULL;
  gboolean fill = (style->layers & APLOMB_MAP_LAYER_COMMUNES) != 0;
  AplombColor border = style->fills != NULL ? style->fill_border : style->land_border;
  IdRaster *own = NULL;
  const IdRaster *raster;
  cairo_surface_t *image;

  if (style->layers & APLOMB_MAP_LAYER_COMMUNE_BORDERS)
    border.alpha *= commune_border_opacity (aplomb_map_view_get_zoom (view));
  else
    border.alpha = 0;
  if (!fill && border.alpha == 0)
    return;

  if (zoom >= 0)
    raster = get_raster (self, zoom);
  else
    {
      double world_size = view->world_size * RASTER_SAMPLES;
      /* Samples beyond the view, so that closing gaps sees the same
       * neighbours in a tile as in the next one. */
      int margin = max_gap_samples (world_size, sy0) + 2;

      own = id_raster_new (world_size, sx0 - margin, sy0 - margin,
                           view->width * RASTER_SAMPLES + 2 * margin,
                           view->height * RASTER_SAMPLES + 2 * margin);
      id_raster_render (own, &self->communes, level_for_view (self, &self->communes, view));
      raster = own;
    }

  if (fill)
    for (guint f = 0; f < n; f++)
      {
        AplombColor color = f < style->n_fills ? style->fills[f] : style->land;

        color.alpha *= style->fill_opacity;
        colors[f + 1] = premultiplied_pixel (&color);
      }
  window = copy_window (raster, sx0 - raster->x0, sy0 - raster->y0,
                        view->width * RASTER_SAMPLES + 1, view->height * RASTER_SAMPLES + 1);
  g_clear_pointer (&own, id_raster_free);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_surface_flush (image);
  resample_window (window, colors, premultiplied_pixel (&border),
                   cairo_image_surface_get_data (image), cairo_image_surface_get_stride (image),
                   view->width, view->height);
  cairo_surface_mark_dirty (image);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (image);
}

/* All visible boundary lines in one path and one stroke, so that lines
 * meeting end to end join smoothly and translucent colours do not darken
 * where they meet. Wider as one zooms in. */
static void
draw_departement_borders (AplombTileRenderer    *self,
                          const AplombTileStyle *style,
                          cairo_t               *cr,
                          const AplombMapView   *view)
{
  ShapeSet *borders = get_borders (self);
  const Level *level = level_for_view (self, borders, view);
  Transform t = transform_for_view (view);
  g_autofree guint64 *hits = visible_shapes (borders, view);
  double zoom = aplomb_map_view_get_zoom (view);

  cairo_new_path (cr);
  for (guint w = 0; w <= borders->n_shapes / 64; w++)
    for (guint64 bits = hits[w]; bits != 0; bits &= bits - 1)
      append_parts (cr, level, w * 64 + __builtin_ctzll (bits), &t, FALSE);

  set_source_color (cr, &style->departement_border);
  cairo_set_line_width (cr, view->scale * CLAMP (0.6 + 0.2 * (zoom - 4.0), 0.6, 1.8));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke (cr);
}

/* Finds the borders and builds every zoom band and raster now rather than
 * on first use (0.8 s for France), for example in a worker thread at
 * start-up or before a benchmark. */
void
aplomb_tile_renderer_prepare (AplombTileRenderer *self)
{
  g_return_if_fail (APLOMB_IS_TILE_RENDERER (self));

  get_borders (self);
  for (guint b = 0; b < N_BANDS; b++)
    {
      get_band (self, &self->communes, b);
      get_band (self, &self->borders, b);
    }
  for (int z = 0; z <= RASTER_MAX_ZOOM; z++)
    get_raster (self, z);
}

/**
 * aplomb_tile_renderer_draw:
 *
 * Draws the layers of style for view on cr, whose user space must be the
 * view's device px (0, 0 at its top-left corner). Thread-safe: several
 * threads may draw at once on different cairo contexts.
 */
void
aplomb_tile_renderer_draw (AplombTileRenderer    *self,
                           const AplombTileStyle *style,
                           cairo_t               *cr,
                           const AplombMapView   *view)
{
  g_return_if_fail (APLOMB_IS_TILE_RENDERER (self));
  g_return_if_fail (style != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL && view->world_size > 0 && view->scale > 0);

  cairo_save (cr);
  if (style->layers & APLOMB_MAP_LAYER_BACKGROUND)
    {
      set_source_color (cr, &style->background);
      cairo_paint (cr);
    }
  draw_communes (self, style, cr, view);
  if (style->layers & APLOMB_MAP_LAYER_DEPARTEMENT_BORDERS)
    draw_departement_borders (self, style, cr, view);
  if ((style->layers & APLOMB_MAP_LAYER_TOWN_LABELS) && self->labels != NULL)
    aplomb_tile_labels_draw (self->labels, cr, view, &style->label_text, &style->label_halo);
  cairo_restore (cr);
}

/**
 * aplomb_tile_renderer_render_tile:
 * @argb32: (out caller-allocates): tile_size × scale px square, in cairo's
 *   CAIRO_FORMAT_ARGB32 (premultiplied, native endian: GDK_MEMORY_DEFAULT)
 * @stride: bytes per row, at least cairo_format_stride_for_width()
 *
 * Renders the XYZ tile z/x/y into a caller-owned buffer, from any thread.
 * Areas not drawn by style are transparent.
 *
 * Returns: FALSE if cairo failed (out of memory)
 */
gboolean
aplomb_tile_renderer_render_tile (AplombTileRenderer    *self,
                                  const AplombTileStyle *style,
                                  guint                  z,
                                  guint                  x,
                                  guint                  y,
                                  guint                  tile_size,
                                  double                 scale,
                                  unsigned char         *argb32,
                                  int                    stride)
{
  AplombMapView view;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (APLOMB_IS_TILE_RENDERER (self), FALSE);
  g_return_val_if_fail (argb32 != NULL, FALSE);
  g_return_val_if_fail (tile_size > 0 && scale > 0, FALSE);

  aplomb_map_view_init_tile (&view, z, x, y, tile_size, scale);
  g_return_val_if_fail (stride >= cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, view.width),
                        FALSE);

  memset (argb32, 0, (gsize) stride * view.height);
  surface = cairo_image_surface_create_for_data (argb32, CAIRO_FORMAT_ARGB32,
                                                 view.width, view.height, stride);
  cr = cairo_create (surface);
  aplomb_tile_renderer_draw (self, style, cr, &view);
  ok = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  return ok;
}

/**
 * aplomb_tile_renderer_draw_highlight:
 * @line_width: in logical px
 *
 * Strokes the outline of one commune (hovered or selected), as
 * aplomb_tile_renderer_draw() would place it.
 */
void
aplomb_tile_renderer_draw_highlight (AplombTileRenderer  *self,
                                     cairo_t             *cr,
                                     const AplombMapView *view,
                                     guint                feature,
                                     const AplombColor   *color,
                                     double               line_width)
{
  const Level *level;
  Transform t;

  g_return_if_fail (APLOMB_IS_TILE_RENDERER (self));
  g_return_if_fail (cr != NULL && view != NULL && color != NULL);
  g_return_if_fail (feature < self->communes.n_shapes);

  level = level_for_view (self, &self->communes, view);
  t = transform_for_view (view);
  cairo_save (cr);
  cairo_new_path (cr);
  append_parts (cr, level, feature, &t, TRUE);
  set_source_color (cr, color);
  cairo_set_line_width (cr, line_width * view->scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * aplomb_tile_renderer_pick:
 *
 * Returns: the index of the commune containing (lon, lat), at source
 *   resolution, or -1 (sea, abroad, a hole of the geometry)
 */
int
aplomb_tile_renderer_pick (AplombTileRenderer *self,
                           double              lon,
                           double              lat)
{
  double x, y;

  g_return_val_if_fail (APLOMB_IS_TILE_RENDERER (self), -1);

  aplomb_mercator_from_lonlat (lon, lat, &x, &y);
  return find_commune (&self->communes, x * WORLD_UNITS, y * WORLD_UNITS);
}
