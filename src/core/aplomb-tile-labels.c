/* aplomb-tile-labels.c: names of the main towns on map tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which towns are named at a zoom level is decided once for the whole map
 * (the most populated first, skipping those whose label would overlap one
 * already placed), never per tile: a label crossing the edge of a tile is
 * then drawn, clipped, by both tiles, and they agree. Text is drawn with
 * cairo's own font selection, as the core has no Pango.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "aplomb-tile-labels.h"
#include "aplomb-towns.h"

#define N_ZOOMS       19
#define FONT_FAMILY   "sans-serif"
#define DOT_RADIUS    2.5
#define HALO_WIDTH    3.0
#define TEXT_GAP      5.0
/* Cells of the grid that finds the labels a new one could overlap, in
 * logical px: a few label widths. */
#define CELL_SIZE     256.0

typedef struct
{
  double   x;           /* normalised Web Mercator */
  double   y;
  char    *name;
  double   population;
  double   font_size;   /* logical px */
  gboolean bold;
  /* Measured when a layout first considers the town. */
  gboolean measured;
  double   text_width;  /* logical px */
  double   baseline;    /* below the dot to centre the name on it, logical px */
} Town;

/* The towns named at one zoom level, with their label boxes in logical
 * world px of that zoom (left, top, right, bottom). */
typedef struct
{
  GArray *named;  /* guint */
  GArray *boxes;  /* 4 doubles each */
} Layout;

struct _AplombTileLabels
{
  guint              n_towns;
  Town              *towns;  /* most populated first */
  /* Made once: looking a font up for each label would cost more than
   * drawing it. */
  cairo_font_face_t *regular;
  cairo_font_face_t *bold;
  Layout            *layouts[N_ZOOMS];
  GMutex             lock;
};

static void
select_font (AplombTileLabels *self,
             cairo_t          *cr,
             const Town       *town,
             double            scale)
{
  cairo_set_font_face (cr, town->bold ? self->bold : self->regular);
  cairo_set_font_size (cr, town->font_size * scale);
}

static int
compare_population (const void *a,
                    const void *b)
{
  const Town *x = a, *y = b;

  return (x->population < y->population) - (x->population > y->population);
}

/* Copies the towns (the strings too). */
AplombTileLabels *
aplomb_tile_labels_new (const AplombTown *towns,
                        guint             n_towns)
{
  AplombTileLabels *self = g_new0 (AplombTileLabels, 1);

  g_mutex_init (&self->lock);
  self->regular = cairo_toy_font_face_create (FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                                              CAIRO_FONT_WEIGHT_NORMAL);
  self->bold = cairo_toy_font_face_create (FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                                           CAIRO_FONT_WEIGHT_BOLD);
  self->towns = g_new0 (Town, MAX (n_towns, 1));
  for (guint i = 0; i < n_towns; i++)
    {
      Town *town = &self->towns[self->n_towns];

      if (towns[i].name == NULL || isnan (towns[i].lon) || isnan (towns[i].lat) ||
          isnan (towns[i].population))
        continue;
      aplomb_mercator_from_lonlat (towns[i].lon, towns[i].lat, &town->x, &town->y);
      town->name = g_strdup (towns[i].name);
      town->population = towns[i].population;
      town->bold = town->population >= 100000;
      town->font_size = town->population >= 100000 ? 13 : town->population >= 30000 ? 12 : 11;
      self->n_towns++;
    }
  qsort (self->towns, self->n_towns, sizeof (Town), compare_population);
  return self;
}

void
aplomb_tile_labels_free (AplombTileLabels *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_towns; i++)
    g_free (self->towns[i].name);
  g_free (self->towns);
  cairo_font_face_destroy (self->regular);
  cairo_font_face_destroy (self->bold);
  for (guint z = 0; z < N_ZOOMS; z++)
    if (self->layouts[z] != NULL)
      {
        g_array_unref (self->layouts[z]->named);
        g_array_unref (self->layouts[z]->boxes);
        g_free (self->layouts[z]);
      }
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* The box of a town's dot and name, in px of a world of world_size, with
 * room for the halo. */
static void
label_box (const Town *town,
           double      world_size,
           double      scale,
           double     *box)
{
  double px = town->x * world_size, py = town->y * world_size;
  double half_height = town->font_size * scale * 0.6;

  box[0] = px - (DOT_RADIUS + HALO_WIDTH) * scale;
  box[1] = py - half_height - HALO_WIDTH * scale;
  box[2] = px + (TEXT_GAP + town->text_width + HALO_WIDTH) * scale;
  box[3] = py + half_height + HALO_WIDTH * scale;
}

static gboolean
boxes_overlap (const double *a,
               const double *b)
{
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

static void
measure_town (AplombTileLabels *self,
              cairo_t          *cr,
              Town             *town)
{
  cairo_text_extents_t extents;

  select_font (self, cr, town, 1.0);
  cairo_text_extents (cr, town->name, &extents);
  town->text_width = extents.x_advance;
  town->baseline = -extents.y_bearing - extents.height / 2;
  town->measured = TRUE;
}

static guint64
cell_key (double x,
          double y)
{
  return (guint64) (guint32) floor (x / CELL_SIZE) << 32 | (guint32) floor (y / CELL_SIZE);
}

/* Whether box overlaps a label already placed, looking only at the grid
 * cells it covers. */
static gboolean
box_is_free (GHashTable   *cells,
             const GArray *boxes,
             const double *box)
{
  for (double y = floor (box[1] / CELL_SIZE) * CELL_SIZE; y < box[3]; y += CELL_SIZE)
    for (double x = floor (box[0] / CELL_SIZE) * CELL_SIZE; x < box[2]; x += CELL_SIZE)
      {
        GArray *placed = g_hash_table_lookup (cells, &(guint64) { cell_key (x, y) });

        for (guint j = 0; placed != NULL && j < placed->len; j++)
          {
            guint other = g_array_index (placed, guint, j);

            if (boxes_overlap (box, &g_array_index (boxes, double, 4 * other)))
              return FALSE;
          }
      }
  return TRUE;
}

static void
add_to_cells (GHashTable   *cells,
              const double *box,
              guint         index)
{
  for (double y = floor (box[1] / CELL_SIZE) * CELL_SIZE; y < box[3]; y += CELL_SIZE)
    for (double x = floor (box[0] / CELL_SIZE) * CELL_SIZE; x < box[2]; x += CELL_SIZE)
      {
        guint64 key = cell_key (x, y);
        GArray *placed = g_hash_table_lookup (cells, &key);

        if (placed == NULL)
          {
            placed = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), placed);
          }
        g_array_append_val (placed, index);
      }
}

/* Runs with the lock held: it measures the names it meets. */
static Layout *
layout_new (AplombTileLabels *self,
            guint             zoom)
{
  Layout *layout = g_new0 (Layout, 1);
  double world_size = ldexp (256.0, zoom);
  double min_population = aplomb_towns_min_population (zoom);
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);

  layout->named = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->boxes = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->n_towns && self->towns[i].population >= min_population; i++)
    {
      double box[4];

      if (!self->towns[i].measured)
        measure_town (self, cr, &self->towns[i]);
      label_box (&self->towns[i], world_size, 1.0, box);
      if (box_is_free (cells, layout->boxes, box))
        {
          add_to_cells (cells, box, layout->named->len);
          g_array_append_val (layout->named, i);
          g_array_append_vals (layout->boxes, box, 4);
        }
    }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return layout;
}

static const Layout *
get_layout (AplombTileLabels *self,
            guint             zoom)
{
  Layout *layout = g_atomic_pointer_get (&self->layouts[zoom]);

  if (layout == NULL)
    {
      g_mutex_lock (&self->lock);
      layout = self->layouts[zoom];
      if (layout == NULL)
        {
          layout = layout_new (self, zoom);
          g_atomic_pointer_set (&self->layouts[zoom], layout);
        }
      g_mutex_unlock (&self->lock);
    }
  return layout;
}

static void
draw_label (AplombTileLabels  *self,
            cairo_t           *cr,
            const Town        *town,
            double             x,
            double             y,
            double             scale,
            const AplombColor *text,
            const AplombColor *halo)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, DOT_RADIUS * scale, 0, 2 * G_PI);
  select_font (self, cr, town, scale);
  cairo_move_to (cr, x + TEXT_GAP * scale, y + town->baseline * scale);
  cairo_text_path (cr, town->name);

  cairo_set_source_rgba (cr, halo->red, halo->green, halo->blue, halo->alpha);
  cairo_set_line_width (cr, HALO_WIDTH * scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, text->red, text->green, text->blue, text->alpha);
  cairo_fill (cr);
}

/* Draws the labels of the zoom of view (the zoom below for a fractional
 * one) that meet it. */
void
aplomb_tile_labels_draw (AplombTileLabels    *self,
                         cairo_t             *cr,
                         const AplombMapView *view,
                         const AplombColor   *text,
                         const AplombColor   *halo)
{
  guint zoom = (guint) CLAMP (floor (aplomb_map_view_get_zoom (view) + 1e-9), 0, N_ZOOMS - 1);
  const Layout *layout = get_layout (self, zoom);
  /* Device px of the view per px of the layout's world. */
  double factor = view->world_size / ldexp (256.0, zoom);

  cairo_save (cr);
  for (guint j = 0; j < layout->named->len; j++)
    {
      const Town *town = &self->towns[g_array_index (layout->named, guint, j)];
      const double *box = &g_array_index (layout->boxes, double, 4 * j);
      double x = town->x * view->world_size - view->origin_x;
      double y = town->y * view->world_size - view->origin_y;

      /* The box grows with the device scale but not with a fractional
       * zoom: test the larger of the two. */
      if ((box[2] - town->x * ldexp (256.0, zoom)) * MAX (factor, view->scale) + x < 0 ||
          (box[0] - town->x * ldexp (256.0, zoom)) * MAX (factor, view->scale) + x > view->width ||
          (box[3] - town->y * ldexp (256.0, zoom)) * MAX (factor, view->scale) + y < 0 ||
          (box[1] - town->y * ldexp (256.0, zoom)) * MAX (factor, view->scale) + y > view->height)
        continue;
      draw_label (self, cr, town, x, y, view->scale, text, halo);
    }
  cairo_restore (cr);
}
