/* aplomb-base-map.c: the tiles under the communes, as the user chose them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "aplomb-base-map.h"
#include "aplomb-mbtiles-source.h"

static ShumateMapSource *
new_openstreetmap_source (void)
{
  g_autoptr(ShumateMapSourceRegistry) registry = NULL;

  /* The OSM tile usage policy asks every application to name itself. */
  shumate_set_user_agent ("Aplomb/" PACKAGE_VERSION " (+https://github.com/aplomb-fr/aplomb)");
  /* libshumate's own source: tiles from tile.openstreetmap.org through its
   * file cache in the user's cache directory, and the OSM attribution. */
  registry = shumate_map_source_registry_new_with_defaults ();
  return g_object_ref (shumate_map_source_registry_get_by_id (registry,
                                                              SHUMATE_MAP_SOURCE_OSM_MAPNIK));
}

static ShumateMapSource *
new_mbtiles_source (GSettings  *settings,
                    GError    **error)
{
  g_autofree char *path = g_settings_get_string (settings, "mbtiles-file");
  g_autoptr(AplombMbtilesSource) mbtiles = NULL;

  if (*path == '\0')
    {
      g_set_error_literal (error, APLOMB_MBTILES_ERROR, APLOMB_MBTILES_ERROR_INVALID,
                           _("No MBTiles file is chosen"));
      return NULL;
    }
  mbtiles = aplomb_mbtiles_source_new (path, error);
  if (mbtiles == NULL)
    return NULL;
  return aplomb_mbtiles_source_new_renderer (mbtiles);
}

/**
 * aplomb_base_map_new_source:
 * @settings: the application's settings (base-map, mbtiles-file)
 *
 * Nothing here touches the network: the OpenStreetMap source requests
 * tiles only once a map shows it.
 *
 * Returns: (transfer full) (nullable): the base map to show under the
 *   communes; NULL for Aplomb's offline map, or with @error set when the
 *   MBTiles file cannot be used
 */
ShumateMapSource *
aplomb_base_map_new_source (GSettings  *settings,
                            GError    **error)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  switch ((AplombBaseMap) g_settings_get_enum (settings, "base-map"))
    {
    case APLOMB_BASE_MAP_OPENSTREETMAP:
      return new_openstreetmap_source ();
    case APLOMB_BASE_MAP_MBTILES:
      return new_mbtiles_source (settings, error);
    case APLOMB_BASE_MAP_APLOMB:
    default:
      return NULL;
    }
}
