/* aplomb-areas.c: départements and EPCI of a territory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aplomb-areas.h"

void
aplomb_area_free (AplombArea *area)
{
  if (area == NULL)
    return;
  g_free (area->code);
  g_free (area->name);
  g_free (area);
}

/* code → name from the bundled "code,nom" file: plain lines, names without
 * commas or quotes (checked by tests/data/check-france-data.py), so no
 * need to open GDAL for it. An unreadable file only costs the names (the
 * codes stand in for them). */
static GHashTable *
read_departement_names (const char *path)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return names;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *comma = strchr (g_strchomp (lines[i]), ',');

      if (comma != NULL)
        g_hash_table_insert (names, g_strndup (lines[i], comma - lines[i]),
                             g_strdup (comma + 1));
    }
  return names;
}

static void
extend_bbox (AplombBBox       *bbox,
             const AplombBBox *other)
{
  bbox->min_lon = MIN (bbox->min_lon, other->min_lon);
  bbox->min_lat = MIN (bbox->min_lat, other->min_lat);
  bbox->max_lon = MAX (bbox->max_lon, other->max_lon);
  bbox->max_lat = MAX (bbox->max_lat, other->max_lat);
}

static void
add_commune (GHashTable       *areas,
             GPtrArray        *list,
             AplombAreaKind    kind,
             const char       *code,
             const char       *name,
             const AplombBBox *bbox)
{
  AplombArea *area;

  if (code == NULL || *code == '\0')
    return;
  area = g_hash_table_lookup (areas, code);
  if (area == NULL)
    {
      area = g_new0 (AplombArea, 1);
      area->kind = kind;
      area->code = g_strdup (code);
      area->name = g_strdup (name != NULL && *name != '\0' ? name : code);
      area->bbox = *bbox;
      g_hash_table_insert (areas, area->code, area);
      g_ptr_array_add (list, area);
    }
  extend_bbox (&area->bbox, bbox);
  area->n_communes++;
}

static int
compare_areas (gconstpointer a,
               gconstpointer b)
{
  const AplombArea *x = *(const AplombArea * const *) a;
  const AplombArea *y = *(const AplombArea * const *) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->kind == APLOMB_AREA_DEPARTEMENT)
    return strcmp (x->code, y->code);
  return g_utf8_collate (x->name, y->name);
}

/* The départements (by code) then the EPCI (by name) of the territory, each
 * with the bounding box of its communes. */
GPtrArray *
aplomb_areas_list (AplombTerritory *territory,
                   const char      *departement_names_path)
{
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) departements = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) epcis = g_hash_table_new (g_str_hash, g_str_equal);
  const AplombGeometry *geometry;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) aplomb_area_free);
  guint n;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), list);

  names = read_departement_names (departement_names_path);
  geometry = aplomb_territory_get_geometry (territory);
  n = aplomb_territory_get_n_communes (territory);
  for (guint i = 0; i < n && i < geometry->n_features; i++)
    {
      const char *departement = aplomb_territory_get_departement (territory, i);

      add_commune (departements, list, APLOMB_AREA_DEPARTEMENT, departement,
                   departement != NULL ? g_hash_table_lookup (names, departement) : NULL,
                   &geometry->bboxes[i]);
      add_commune (epcis, list, APLOMB_AREA_EPCI, aplomb_territory_get_epci (territory, i),
                   aplomb_territory_get_epci_name (territory, i), &geometry->bboxes[i]);
    }
  g_ptr_array_sort (list, compare_areas);
  return list;
}
