/* aplomb-mbtiles-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define APLOMB_MBTILES_ERROR (aplomb_mbtiles_error_quark ())

typedef enum
{
  /* Not an SQLite file, or without the metadata and tiles tables. */
  APLOMB_MBTILES_ERROR_INVALID,
  /* Vector tiles (pbf), which libshumate 1.0 cannot draw offline. */
  APLOMB_MBTILES_ERROR_UNSUPPORTED_FORMAT,
  /* No tile at the requested position. */
  APLOMB_MBTILES_ERROR_NO_TILE,
} AplombMbtilesError;

GQuark aplomb_mbtiles_error_quark (void);

#define APLOMB_TYPE_MBTILES_SOURCE (aplomb_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (AplombMbtilesSource, aplomb_mbtiles_source, APLOMB, MBTILES_SOURCE,
                      ShumateDataSource)

AplombMbtilesSource *aplomb_mbtiles_source_new             (const char           *path,
                                                            GError              **error);
const char          *aplomb_mbtiles_source_get_name        (AplombMbtilesSource  *self);
const char          *aplomb_mbtiles_source_get_attribution (AplombMbtilesSource  *self);
guint                aplomb_mbtiles_source_get_min_zoom    (AplombMbtilesSource  *self);
guint                aplomb_mbtiles_source_get_max_zoom    (AplombMbtilesSource  *self);
ShumateMapSource    *aplomb_mbtiles_source_new_renderer    (AplombMbtilesSource  *self);

G_END_DECLS
