/* aplomb-tile-renderer.h: choropleth map tiles of the communes, with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "aplomb-palette.h"
#include "aplomb-territory.h"

G_BEGIN_DECLS

/* Web Mercator normalised to the unit square: x = 0 at 180° W, 1 at 180° E;
 * y = 0 at the north edge (85.05° N), 1 at the south edge. A map at zoom z
 * with 256 px tiles has a world of 256·2^z px. */
void aplomb_mercator_from_lonlat (double  lon,
                                  double  lat,
                                  double *x,
                                  double *y);
void aplomb_mercator_to_lonlat   (double  x,
                                  double  y,
                                  double *lon,
                                  double *lat);

/* A rectangle of the map in device pixels: the world is world_size px wide
 * and the rectangle's top-left corner is at (origin_x, origin_y) world px.
 * scale is the number of device px per logical px (2 on HiDPI screens):
 * line widths follow it, and the zoom level is that of the logical map. */
typedef struct
{
  double world_size;
  double origin_x;
  double origin_y;
  int    width;
  int    height;
  double scale;
} AplombMapView;

void aplomb_map_view_init_tile   (AplombMapView    *view,
                                  guint             z,
                                  guint             x,
                                  guint             y,
                                  guint             tile_size,
                                  double            scale);
void aplomb_map_view_init_center (AplombMapView    *view,
                                  double            lon,
                                  double            lat,
                                  double            zoom,
                                  guint             tile_size,
                                  double            scale,
                                  int               width,
                                  int               height);
void aplomb_map_view_init_fit    (AplombMapView    *view,
                                  const AplombBBox *bbox,
                                  int               width,
                                  int               height,
                                  int               padding);
double aplomb_map_view_get_zoom  (const AplombMapView *view);

typedef enum
{
  APLOMB_MAP_THEME_LIGHT,
  APLOMB_MAP_THEME_DARK,
} AplombMapTheme;

typedef enum
{
  APLOMB_MAP_LAYER_BACKGROUND          = 1 << 0,
  APLOMB_MAP_LAYER_COMMUNES            = 1 << 1,
  APLOMB_MAP_LAYER_COMMUNE_BORDERS     = 1 << 2,
  APLOMB_MAP_LAYER_DEPARTEMENT_BORDERS = 1 << 3,
  APLOMB_MAP_LAYER_TOWN_LABELS         = 1 << 4,
  APLOMB_MAP_LAYER_ALL                 = 0x1f,
} AplombMapLayers;

/* A town to name on the map (see aplomb_tile_renderer_set_towns()). */
typedef struct
{
  double      lon;
  double      lat;
  const char *name;
  double      population;
} AplombTown;

/* What to draw and in which colours. Set it up, then share it read-only:
 * a style must not change while a thread renders with it. */
typedef struct _AplombTileStyle AplombTileStyle;

#define APLOMB_TYPE_TILE_STYLE (aplomb_tile_style_get_type ())
GType              aplomb_tile_style_get_type          (void) G_GNUC_CONST;

AplombTileStyle   *aplomb_tile_style_new               (AplombMapTheme     theme);
AplombTileStyle   *aplomb_tile_style_ref               (AplombTileStyle   *self);
void               aplomb_tile_style_unref             (AplombTileStyle   *self);
void               aplomb_tile_style_set_layers        (AplombTileStyle   *self,
                                                        AplombMapLayers    layers);
AplombMapLayers    aplomb_tile_style_get_layers        (const AplombTileStyle *self);
void               aplomb_tile_style_set_fill_colors   (AplombTileStyle   *self,
                                                        const AplombColor *colors,
                                                        guint              n_colors);
void               aplomb_tile_style_set_fill_opacity  (AplombTileStyle   *self,
                                                        double             opacity);
double             aplomb_tile_style_get_fill_opacity  (const AplombTileStyle *self);
void               aplomb_tile_style_set_background    (AplombTileStyle   *self,
                                                        const AplombColor *color);
const AplombColor *aplomb_tile_style_get_background    (const AplombTileStyle *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombTileStyle, aplomb_tile_style_unref)

#define APLOMB_TYPE_TILE_RENDERER (aplomb_tile_renderer_get_type ())
G_DECLARE_FINAL_TYPE (AplombTileRenderer, aplomb_tile_renderer, APLOMB, TILE_RENDERER, GObject)

AplombTileRenderer *aplomb_tile_renderer_new            (const AplombGeometry *geometry,
                                                         const char * const   *departements);
AplombTileRenderer *aplomb_tile_renderer_new_for_territory (AplombTerritory   *territory);
guint               aplomb_tile_renderer_get_n_features (AplombTileRenderer   *self);
void                aplomb_tile_renderer_set_towns      (AplombTileRenderer   *self,
                                                         const AplombTown     *towns,
                                                         guint                 n_towns);
void                aplomb_tile_renderer_prepare        (AplombTileRenderer   *self);

void                aplomb_tile_renderer_draw           (AplombTileRenderer    *self,
                                                         const AplombTileStyle *style,
                                                         cairo_t               *cr,
                                                         const AplombMapView   *view);
gboolean            aplomb_tile_renderer_render_tile    (AplombTileRenderer    *self,
                                                         const AplombTileStyle *style,
                                                         guint                  z,
                                                         guint                  x,
                                                         guint                  y,
                                                         guint                  tile_size,
                                                         double                 scale,
                                                         unsigned char         *argb32,
                                                         int                    stride);
void                aplomb_tile_renderer_draw_highlight (AplombTileRenderer    *self,
                                                         cairo_t               *cr,
                                                         const AplombMapView   *view,
                                                         guint                  feature,
                                                         const AplombColor     *color,
                                                         double                 line_width);

int                 aplomb_tile_renderer_pick           (AplombTileRenderer   *self,
                                                         double                lon,
                                                         double                lat);

G_END_DECLS
