/* aplomb-travel-road.c: travel times routed on a road network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-gdal.h"
#include "aplomb-travel-model.h"
#include "aplomb-travel-private.h"
#include "aplomb-travel-road.h"

typedef struct
{
  char  *field;
  char  *value;
  double km_per_hour;
} SpeedRule;

struct _AplombRoadSpeeds
{
  GArray *rules;  /* of SpeedRule */
  double  access_km_per_hour;
};

static void
speed_rule_clear (gpointer data)
{
  SpeedRule *rule = data;

  g_free (rule->field);
  g_free (rule->value);
}

void
aplomb_road_speeds_free (AplombRoadSpeeds *speeds)
{
  if (speeds == NULL)
    return;
  g_array_unref (speeds->rules);
  g_free (speeds);
}

guint
aplomb_road_speeds_get_n_rules (const AplombRoadSpeeds *speeds)
{
  return speeds->rules->len;
}

static gboolean
speeds_invalid (GError    **error,
                const char *path)
{
  g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID,
               _("The speed table “%s” needs columns field, value and km_per_hour, positive "
                 "speeds and a “*,access” row."),
               path);
  return FALSE;
}

AplombRoadSpeeds *
aplomb_road_speeds_load (const char *path,
                         GError    **error)
{
  const char *drivers[] = { "CSV", NULL };
  g_autoptr(AplombRoadSpeeds) speeds = g_new0 (AplombRoadSpeeds, 1);
  GDALDatasetH dataset;
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  OGRLayerH layer;
  int f_field, f_value, f_speed;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL, NULL);

  if (!aplomb_gdal_load (error))
    return NULL;

  speeds->rules = g_array_new (FALSE, FALSE, sizeof (SpeedRule));
  g_array_set_clear_func (speeds->rules, speed_rule_clear);
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  if (dataset == NULL)
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_OPEN,
                   _("Cannot read the speed table “%s”."), path);
      return NULL;
    }
  layer = GDALDatasetGetLayer (dataset, 0);
  defn = OGR_L_GetLayerDefn (layer);
  f_field = OGR_FD_GetFieldIndex (defn, "field");
  f_value = OGR_FD_GetFieldIndex (defn, "value");
  f_speed = OGR_FD_GetFieldIndex (defn, "km_per_hour");
  ok = f_field >= 0 && f_value >= 0 && f_speed >= 0;
  while (ok && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      SpeedRule rule;
      char *end = NULL;

      rule.km_per_hour = g_ascii_strtod (OGR_F_GetFieldAsString (feature, f_speed), &end);
      ok = *end == '\0' && rule.km_per_hour > 0 && isfinite (rule.km_per_hour);
      rule.field = g_strdup (OGR_F_GetFieldAsString (feature, f_field));
      rule.value = g_strdup (OGR_F_GetFieldAsString (feature, f_value));
      OGR_F_Destroy (feature);
      if (ok && g_str_equal (rule.field, "*") && g_str_equal (rule.value, "access"))
        speeds->access_km_per_hour = rule.km_per_hour;
      if (ok && !g_str_equal (rule.field, "*"))
        g_array_append_val (speeds->rules, rule);
      else
        speed_rule_clear (&rule);
    }
  GDALClose (dataset);
  if (!ok || speeds->access_km_per_hour <= 0)
    {
      speeds_invalid (error, path);
      return NULL;
    }
  return g_steal_pointer (&speeds);
}

/* The road graph: nodes are the distinct vertices of the lines, edges join
 * consecutive vertices, both ways, in CSR form. */
typedef struct
{
  guint   n_nodes;
  double *lon, *lat;
  guint  *offsets;  /* n_nodes + 1 */
  guint  *targets;
  float  *minutes;
  gsize   n_edges;  /* undirected */
} Graph;

static void
graph_clear (Graph *g)
{
  g_free (g->lon);
  g_free (g->lat);
  g_free (g->offsets);
  g_free (g->targets);
  g_free (g->minutes);
}

/* What reading the lines collects before the graph is made. */
typedef struct
{
  GArray *lon, *lat;     /* every vertex read, in order */
  GArray *from, *to;     /* edges as vertex indices */
  GArray *minutes;
} Lines;

static OGRLayerH
find_line_layer (GDALDatasetH dataset,
                 const char  *name)
{
  if (name != NULL)
    return GDALDatasetGetLayerByName (dataset, name);
  for (int k = 0; k < GDALDatasetGetLayerCount (dataset); k++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, k);
      OGRwkbGeometryType type = wkbFlatten (OGR_L_GetGeomType (layer));

      if (type == wkbLineString || type == wkbMultiLineString)
        return layer;
    }
  return NULL;
}

/* The speed of a line: the first rule whose field holds its value. */
static double
line_speed (const AplombRoadSpeeds *speeds,
            const int              *fields,
            OGRFeatureH             feature)
{
  for (guint r = 0; r < speeds->rules->len; r++)
    {
      const SpeedRule *rule = &g_array_index (speeds->rules, SpeedRule, r);

      if (fields[r] >= 0 && OGR_F_IsFieldSetAndNotNull (feature, fields[r]) &&
          g_ascii_strcasecmp (OGR_F_GetFieldAsString (feature, fields[r]), rule->value) == 0)
        return rule->km_per_hour;
    }
  return 0;
}

static void
add_line (Lines      *lines,
          OGRGeometryH line,
          double      km_per_hour)
{
  int n = OGR_G_GetPointCount (line);

  for (int k = 0; k < n; k++)
    {
      double x = OGR_G_GetX (line, k), y = OGR_G_GetY (line, k);
      guint index = lines->lon->len;

      g_array_append_val (lines->lon, x);
      g_array_append_val (lines->lat, y);
      if (k > 0)
        {
          guint previous = index - 1;
          double x0 = g_array_index (lines->lon, double, previous);
          double y0 = g_array_index (lines->lat, double, previous);
          float minutes = 60 * aplomb_travel_distance_km (x0, y0, x, y) / km_per_hour;

          g_array_append_val (lines->from, previous);
          g_array_append_val (lines->to, index);
          g_array_append_val (lines->minutes, minutes);
        }
    }
}

static gboolean
read_lines (const char             *path,
            const char             *layer_name,
            const AplombRoadSpeeds *speeds,
            Lines                  *lines,
            GError                **error)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_autofree int *fields = NULL;
  OGRCoordinateTransformationH transform = NULL;
  OGRSpatialReferenceH wgs84;
  OGRSpatialReferenceH source;
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  OGRLayerH layer;

  if (dataset == NULL)
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_OPEN,
                   _("Cannot read the road network “%s”."), path);
      return FALSE;
    }
  layer = find_line_layer (dataset, layer_name);
  if (layer == NULL)
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_MISSING_FIELD,
                   _("The road network “%s” has no layer of lines."), path);
      GDALClose (dataset);
      return FALSE;
    }

  defn = OGR_L_GetLayerDefn (layer);
  fields = g_new (int, MAX (speeds->rules->len, 1));
  for (guint r = 0; r < speeds->rules->len; r++)
    fields[r] = OGR_FD_GetFieldIndex (defn, g_array_index (speeds->rules, SpeedRule, r).field);

  /* Longitude first whatever the CRS says about axis order. */
  wgs84 = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  source = OGR_L_GetSpatialRef (layer);
  if (source != NULL && !OSRIsSame (source, wgs84))
    transform = OCTNewCoordinateTransformation (source, wgs84);

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      double speed = line_speed (speeds, fields, feature);

      if (geometry != NULL && speed > 0 &&
          (transform == NULL || OGR_G_Transform (geometry, transform) == OGRERR_NONE))
        {
          if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbLineString)
            add_line (lines, geometry, speed);
          else
            for (int part = 0; part < OGR_G_GetGeometryCount (geometry); part++)
              add_line (lines, OGR_G_GetGeometryRef (geometry, part), speed);
        }
      OGR_F_Destroy (feature);
    }
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  OSRDestroySpatialReference (wgs84);
  GDALClose (dataset);
  return TRUE;
}

typedef struct
{
  guint64 key;
  guint   vertex;
} VertexKey;

static int
compare_keys (const void *a,
              const void *b)
{
  guint64 x = ((const VertexKey *) a)->key, y = ((const VertexKey *) b)->key;

  return (x > y) - (x < y);
}

/* Vertices at the same place (to 1e-7°, about a centimetre) are one node:
 * that is how lines meeting at a junction connect. */
static void
make_graph (const Lines *lines,
            Graph       *g)
{
  guint n_vertices = lines->lon->len, n_edges = lines->from->len;
  g_autofree VertexKey *keys = g_new (VertexKey, MAX (n_vertices, 1));
  g_autofree guint *node_of = g_new (guint, MAX (n_vertices, 1));
  g_autofree guint *fill = NULL;

  for (guint v = 0; v < n_vertices; v++)
    {
      gint64 x = llround (g_array_index (lines->lon, double, v) * 1e7);
      gint64 y = llround (g_array_index (lines->lat, double, v) * 1e7);

      keys[v].key = ((guint64) (x + (1ll << 31)) << 32) | (guint64) (y + (1ll << 31));
      keys[v].vertex = v;
    }
  qsort (keys, n_vertices, sizeof *keys, compare_keys);

  g->lon = g_new (double, MAX (n_vertices, 1));
  g->lat = g_new (double, MAX (n_vertices, 1));
  g->n_nodes = 0;
  for (guint k = 0; k < n_vertices; k++)
    {
      if (k == 0 || keys[k].key != keys[k - 1].key)
        {
          g->lon[g->n_nodes] = g_array_index (lines->lon, double, keys[k].vertex);
          g->lat[g->n_nodes] = g_array_index (lines->lat, double, keys[k].vertex);
          g->n_nodes++;
        }
      node_of[keys[k].vertex] = g->n_nodes - 1;
    }

  g->n_edges = n_edges;
  g->offsets = g_new0 (guint, g->n_nodes + 1);
  for (guint e = 0; e < n_edges; e++)
    {
      g->offsets[node_of[g_array_index (lines->from, guint, e)] + 1]++;
      g->offsets[node_of[g_array_index (lines->to, guint, e)] + 1]++;
    }
  for (guint v = 0; v < g->n_nodes; v++)
    g->offsets[v + 1] += g->offsets[v];
  g->targets = g_new (guint, MAX (2 * n_edges, 1));
  g->minutes = g_new (float, MAX (2 * n_edges, 1));
  fill = g_memdup2 (g->offsets, g->n_nodes * sizeof *fill);
  for (guint e = 0; e < n_edges; e++)
    {
      guint a = node_of[g_array_index (lines->from, guint, e)];
      guint b = node_of[g_array_index (lines->to, guint, e)];
      float minutes = g_array_index (lines->minutes, float, e);

      g->targets[fill[a]] = b;
      g->minutes[fill[a]++] = minutes;
      g->targets[fill[b]] = a;
      g->minutes[fill[b]++] = minutes;
    }
}

typedef struct
{
  const Graph *graph;
  guint       *snapped;        /* node of each commune */
  float       *access;         /* minutes from each commune to its node */
  guint       *commune_offsets; /* communes per node, CSR */
  guint       *communes;
  float        horizon;
} Routing;

typedef struct
{
  float dist;
  guint node;
} HeapItem;

/* Per-thread Dijkstra state: distances reset through the touched list, so
 * each search costs what it visits, not the size of the graph. */
typedef struct
{
  float  *dist;
  GArray *touched;
  GArray *heap;
} Search;

static gpointer
search_begin (gpointer data)
{
  const Routing *r = data;
  Search *s = g_new (Search, 1);

  s->dist = g_new (float, MAX (r->graph->n_nodes, 1));
  for (guint v = 0; v < r->graph->n_nodes; v++)
    s->dist[v] = INFINITY;
  s->touched = g_array_new (FALSE, FALSE, sizeof (guint));
  s->heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  return s;
}

static void
search_end (gpointer state)
{
  Search *s = state;

  g_free (s->dist);
  g_array_unref (s->touched);
  g_array_unref (s->heap);
  g_free (s);
}

static void
heap_push (GArray *heap,
           float   dist,
           guint   node)
{
  HeapItem item = { dist, node };
  HeapItem *h;
  guint k;

  g_array_append_val (heap, item);
  h = (HeapItem *) heap->data;
  for (k = heap->len - 1; k > 0 && h[(k - 1) / 2].dist > dist; k = (k - 1) / 2)
    h[k] = h[(k - 1) / 2];
  h[k] = item;
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *h = (HeapItem *) heap->data;
  HeapItem top = h[0], last = h[heap->len - 1];
  guint n = heap->len - 1, k = 0;

  for (;;)
    {
      guint child = 2 * k + 1;

      if (child >= n)
        break;
      if (child + 1 < n && h[child + 1].dist < h[child].dist)
        child++;
      if (h[child].dist >= last.dist)
        break;
      h[k] = h[child];
      k = child;
    }
  if (n > 0)
    h[k] = last;
  g_array_set_size (heap, n);
  return top;
}

static void
relax (Search *s,
       guint   node,
       float   dist)
{
  if (dist < s->dist[node])
    {
      if (isinf (s->dist[node]))
        g_array_append_val (s->touched, node);
      s->dist[node] = dist;
      heap_push (s->heap, dist, node);
    }
}

/* A Dijkstra from the origin's node, its access leg included, that stops
 * at the horizon; every commune snapped to a settled node is a
 * destination, its own access leg added. */
static void
route_row (guint    origin,
           GArray  *destinations,
           GArray  *minutes,
           gpointer state,
           gpointer data)
{
  const Routing *r = data;
  const Graph *g = r->graph;
  Search *s = state;

  relax (s, r->snapped[origin], r->access[origin]);
  while (s->heap->len > 0)
    {
      HeapItem item = heap_pop (s->heap);

      if (item.dist > s->dist[item.node])
        continue;  /* a stale entry: the node was reached faster since */
      for (guint c = r->commune_offsets[item.node]; c < r->commune_offsets[item.node + 1]; c++)
        {
          float t = item.dist + r->access[r->communes[c]];

          g_array_append_val (destinations, r->communes[c]);
          g_array_append_val (minutes, t);
        }
      for (guint e = g->offsets[item.node]; e < g->offsets[item.node + 1]; e++)
        if (item.dist + g->minutes[e] <= r->horizon)
          relax (s, g->targets[e], item.dist + g->minutes[e]);
    }
  for (guint k = 0; k < s->touched->len; k++)
    s->dist[g_array_index (s->touched, guint, k)] = INFINITY;
  g_array_set_size (s->touched, 0);
}

static void
snap_communes (Routing                *r,
               const AplombRoadSpeeds *speeds,
               guint                   n_points,
               const double           *lon,
               const double           *lat)
{
  const Graph *g = r->graph;
  AplombBuckets buckets;
  g_autofree guint *fill = NULL;

  r->snapped = g_new (guint, MAX (n_points, 1));
  r->access = g_new (float, MAX (n_points, 1));
  r->commune_offsets = g_new0 (guint, g->n_nodes + 1);
  r->communes = g_new (guint, MAX (n_points, 1));
  aplomb_buckets_init (&buckets, g->n_nodes, g->lon, g->lat, 2);
  for (guint i = 0; i < n_points; i++)
    {
      double km;

      r->snapped[i] = aplomb_buckets_nearest (&buckets, g->lon, g->lat, lon[i], lat[i], &km);
      r->access[i] = 60 * km / speeds->access_km_per_hour;
      r->commune_offsets[r->snapped[i] + 1]++;
    }
  aplomb_buckets_clear (&buckets);
  for (guint v = 0; v < g->n_nodes; v++)
    r->commune_offsets[v + 1] += r->commune_offsets[v];
  fill = g_memdup2 (r->commune_offsets, g->n_nodes * sizeof *fill);
  for (guint i = 0; i < n_points; i++)
    r->communes[fill[r->snapped[i]]++] = i;
}

AplombTravelTimes *
aplomb_travel_road_build (const char             *path,
                          const char             *layer,
                          const AplombRoadSpeeds *speeds,
                          guint                   n_points,
                          const double           *lon,
                          const double           *lat,
                          float                   horizon,
                          GCancellable           *cancellable,
                          GError                **error)
{
  Lines lines = {
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (guint)),
    g_array_new (FALSE, FALSE, sizeof (float)),
  };
  Graph graph = { 0 };
  Routing routing = { &graph };
  AplombTravelTimes *times = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL && speeds != NULL, NULL);
  g_return_val_if_fail (n_points == 0 || (lon != NULL && lat != NULL), NULL);

  ok = aplomb_gdal_load (error) && read_lines (path, layer, speeds, &lines, error);
  if (ok && lines.from->len == 0)
    {
      g_set_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID,
                   _("No line of “%s” has a road class of the speed table."), path);
      ok = FALSE;
    }
  if (ok)
    {
      make_graph (&lines, &graph);
      snap_communes (&routing, speeds, n_points, lon, lat);
      routing.horizon = horizon;
      times = aplomb_travel_times_build_rows (n_points, horizon, search_begin, route_row,
                                              search_end, &routing, cancellable, error);
      g_free (routing.snapped);
      g_free (routing.access);
      g_free (routing.commune_offsets);
      g_free (routing.communes);
      graph_clear (&graph);
    }
  g_array_unref (lines.lon);
  g_array_unref (lines.lat);
  g_array_unref (lines.from);
  g_array_unref (lines.to);
  g_array_unref (lines.minutes);
  return times;
}
