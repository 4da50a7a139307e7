/* test-travel.c: travel-time matrices, CSV import and the distance model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-gdal.h"
#include "aplomb-travel-model.h"
#include "aplomb-travel-road.h"
#include "aplomb-travel.h"

static void
test_from_pairs (void)
{
  /* Repeated pair (the smaller time wins), a pair beyond the horizon, a
   * diagonal that is not 0, out of order. */
  const guint from[] = { 2, 0, 0, 1, 0, 2 };
  const guint to[] = { 0, 2, 1, 1, 2, 1 };
  const float minutes[] = { 7, 12, 40, 5, 9, 3.5 };
  g_autoptr(AplombTravelTimes) times = aplomb_travel_times_new_from_pairs (3, 30, from, to,
                                                                            minutes, 6);
  const guint *dest;
  const float *mins;

  g_assert_cmpuint (aplomb_travel_times_get_n_communes (times), ==, 3);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (times), ==, 3 + 3);
  g_assert_cmpuint (aplomb_travel_times_get_row (times, 0, &dest, &mins), ==, 2);
  g_assert_cmpuint (dest[0], ==, 0);
  g_assert_cmpfloat (mins[0], ==, 0);
  g_assert_cmpuint (dest[1], ==, 2);
  g_assert_cmpfloat (mins[1], ==, 9);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, 1, 1), ==, 0);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, 2, 1), ==, 3.5);
  g_assert_true (isinf (aplomb_travel_times_lookup (times, 0, 1)));
  g_assert_true (isinf (aplomb_travel_times_lookup (times, 1, 2)));
  g_assert_false (aplomb_travel_times_is_symmetric (times, 0.1));

  /* Column 2 is reached from 0 (9 min) and from itself. */
  g_assert_cmpuint (aplomb_travel_times_get_column (times, 2, &dest, &mins), ==, 2);
  g_assert_cmpuint (dest[0], ==, 0);
  g_assert_cmpfloat (mins[0], ==, 9);
  g_assert_cmpuint (dest[1], ==, 2);
  g_assert_cmpuint (aplomb_travel_times_get_memory_size (times), ==, 2 * (4 * 4 + 6 * 8));
}

static void
test_nearest (void)
{
  const guint from[] = { 0, 1, 1, 2 };
  const guint to[] = { 1, 0, 2, 1 };
  const float minutes[] = { 12, 11, 4, 4 };
  g_autoptr(AplombTravelTimes) times = aplomb_travel_times_new_from_pairs (4, 30, from, to,
                                                                            minutes, 4);
  const gboolean has_supply[] = { FALSE, FALSE, TRUE, FALSE };
  double nearest[4];

  aplomb_travel_times_nearest (times, has_supply, nearest);
  g_assert_true (isinf (nearest[0]));
  g_assert_cmpfloat (nearest[1], ==, 4);
  g_assert_cmpfloat (nearest[2], ==, 0);
  g_assert_true (isinf (nearest[3]));
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_csv (void)
{
  const char *codes[] = { "01001", "18033", "2A004" };
  g_autofree char *dir = g_dir_make_tmp ("aplomb-travel-XXXXXX", NULL);
  g_autofree char *good = write_file (dir, "good.csv",
                                      "origin,destination,minutes\n"
                                      "01001,18033,12.5\n"
                                      "18033,01001,13\n"
                                      "18033,2A004,45\n"
                                      "99999,01001,3\n"
                                      "2A004,18033,29.9\n");
  g_autofree char *no_column = write_file (dir, "no-column.csv", "origin,destination,time\n");
  g_autofree char *bad_number = write_file (dir, "bad.csv",
                                            "origin,destination,minutes\n"
                                            "01001,18033,12\n"
                                            "18033,01001,douze\n");
  g_autofree char *foreign = write_file (dir, "foreign.csv",
                                         "origin,destination,minutes\n75056,69123,300\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  AplombTravelTimes *failed;

  times = aplomb_travel_times_new_from_csv (good, codes, 3, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, 0, 1), ==, 12.5);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, 1, 0), ==, 13);
  g_assert_true (isinf (aplomb_travel_times_lookup (times, 1, 2)));
  g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 2, 1), 29.9, 1e-5);
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (times), ==, 3 + 3);

  failed = aplomb_travel_times_new_from_csv (no_column, codes, 3, 30, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_MISSING_FIELD);
  g_assert_null (failed);
  g_clear_error (&error);

  failed = aplomb_travel_times_new_from_csv (bad_number, codes, 3, 30, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_null (failed);
  g_clear_error (&error);

  failed = aplomb_travel_times_new_from_csv (foreign, codes, 3, 30, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_UNKNOWN_COMMUNE);
  g_assert_null (failed);
  g_clear_error (&error);

  failed = aplomb_travel_times_new_from_csv ("/nonexistent/times.csv", codes, 3, 30, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_OPEN);
  g_assert_null (failed);

  g_unlink (good);
  g_unlink (no_column);
  g_unlink (bad_number);
  g_unlink (foreign);
  g_rmdir (dir);
}

/* The bundled commune points of one département, read with GDAL. */
typedef struct
{
  GPtrArray *codes;
  GArray    *lon, *lat;
} Points;

static void
load_points (Points     *points,
             const char *departement)
{
  g_autofree char *path = aplomb_core_find_data ("france/communes-points-2024.csv");
  GDALDatasetH dataset;
  OGRFeatureH feature;
  OGRLayerH layer;

  g_assert_nonnull (path);
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetGetLayer (dataset, 0);
  points->codes = g_ptr_array_new_with_free_func (g_free);
  points->lon = g_array_new (FALSE, FALSE, sizeof (double));
  points->lat = g_array_new (FALSE, FALSE, sizeof (double));
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (departement == NULL || g_str_equal (OGR_F_GetFieldAsString (feature, 2), departement))
        {
          double lon = OGR_F_GetFieldAsDouble (feature, 3);
          double lat = OGR_F_GetFieldAsDouble (feature, 4);

          g_ptr_array_add (points->codes, g_strdup (OGR_F_GetFieldAsString (feature, 0)));
          g_array_append_val (points->lon, lon);
          g_array_append_val (points->lat, lat);
        }
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
}

static void
points_clear (Points *points)
{
  g_ptr_array_unref (points->codes);
  g_array_unref (points->lon);
  g_array_unref (points->lat);
}

static AplombTravelModel *
load_model (void)
{
  g_autofree char *path = aplomb_core_find_data ("travel-model.ini");
  g_autoptr(GError) error = NULL;
  AplombTravelModel *model = aplomb_travel_model_load (path, &error);

  g_assert_no_error (error);
  return model;
}

/* The grid-bucketed matrix holds exactly the pairs a brute-force pass over
 * all pairs finds under the horizon, with the same times. */
static void
test_model_matches_brute_force (void)
{
  g_autoptr(AplombTravelModel) model = load_model ();
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *density = NULL;
  const double *lon, *lat;
  Points points;
  guint n;

  load_points (&points, "18");
  n = points.codes->len;
  lon = (const double *) points.lon->data;
  lat = (const double *) points.lat->data;
  g_assert_cmpuint (n, ==, 286);

  times = aplomb_travel_model_build (model, n, lon, lat, 30, NULL, &error);
  g_assert_no_error (error);
  /* Exactly: the engine then reads the columns from the rows. */
  g_assert_true (aplomb_travel_times_get_symmetric (times));
  g_assert_true (aplomb_travel_times_is_symmetric (times, 0));

  density = g_new (double, n);
  aplomb_travel_local_density (n, lon, lat, model->density_radius_km, density);
  for (guint i = 0; i < n; i++)
    {
      guint expected = 0;

      g_assert_cmpfloat (aplomb_travel_times_lookup (times, i, i), ==, 0);
      for (guint j = 0; j < n; j++)
        {
          double t = aplomb_travel_model_minutes (
            model, aplomb_travel_distance_km (lon[i], lat[i], lon[j], lat[j]),
            (lon[i] + lon[j]) / 2, (lat[i] + lat[j]) / 2, (density[i] + density[j]) / 2);

          if (i == j || (float) t > 30)
            continue;
          expected++;
          g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, i, j), t, 1e-4);
        }
      g_assert_cmpuint (aplomb_travel_times_get_row (times, i, NULL, NULL), ==, expected + 1);
    }
  points_clear (&points);
}

/* Real check of the calibrated model: Bourges (18033) to Vierzon (18279)
 * is 31 km as the crow flies and about 35 min by road; Bourges to
 * Saint-Doulchard (18205), its suburb, about 10 min between centroids. */
static void
test_model_plausible (void)
{
  g_autoptr(AplombTravelModel) model = load_model ();
  g_autoptr(AplombTravelTimes) times = NULL;
  Points points;
  int bourges = -1, vierzon = -1, doulchard = -1;
  const double *lon, *lat;
  double km, t;

  load_points (&points, "18");
  lon = (const double *) points.lon->data;
  lat = (const double *) points.lat->data;
  for (guint i = 0; i < points.codes->len; i++)
    {
      const char *code = points.codes->pdata[i];

      bourges = g_str_equal (code, "18033") ? (int) i : bourges;
      vierzon = g_str_equal (code, "18279") ? (int) i : vierzon;
      doulchard = g_str_equal (code, "18205") ? (int) i : doulchard;
    }
  g_assert_cmpint (bourges, >=, 0);
  g_assert_cmpint (vierzon, >=, 0);
  g_assert_cmpint (doulchard, >=, 0);

  km = aplomb_travel_distance_km (lon[bourges], lat[bourges], lon[vierzon], lat[vierzon]);
  t = aplomb_travel_model_minutes (model, km, (lon[bourges] + lon[vierzon]) / 2,
                                   (lat[bourges] + lat[vierzon]) / 2, model->density_mean);
  g_assert_cmpfloat (km, >, 28);
  g_assert_cmpfloat (km, <, 34);
  g_assert_cmpfloat (t, >, 25);
  g_assert_cmpfloat (t, <, 45);

  times = aplomb_travel_model_build (model, points.codes->len, lon, lat, 30, NULL, NULL);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, bourges, doulchard), >, 5);
  g_assert_cmpfloat (aplomb_travel_times_lookup (times, bourges, doulchard), <, 15);
  g_assert_true (isinf (aplomb_travel_times_lookup (times, bourges, vierzon)) ||
                 aplomb_travel_times_lookup (times, bourges, vierzon) > 25);
  points_clear (&points);
}

static void
test_model_round_trip (void)
{
  g_autoptr(AplombTravelModel) model = load_model ();
  g_autoptr(AplombTravelModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("aplomb-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.ini", NULL);
  g_autofree char *broken = write_file (dir, "broken.ini", "[Model]\nintercept=1\n");
  AplombTravelModel *failed;

  g_assert_nonnull (model->field);
  g_assert_true (aplomb_travel_model_save (model, path, " test", &error));
  g_assert_no_error (error);
  copy = aplomb_travel_model_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (copy->per_km, ==, model->per_km);
  g_assert_cmpuint (copy->nx * copy->ny, ==, model->nx * model->ny);
  g_assert_cmpfloat (aplomb_travel_model_field_at (copy, 2.4, 47.1), ==,
                     aplomb_travel_model_field_at (model, 2.4, 47.1));

  failed = aplomb_travel_model_load (broken, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID);
  g_assert_null (failed);
  g_unlink (path);
  g_unlink (broken);
  g_rmdir (dir);
}

/* A road network written by GDAL: A (0°, 0°) – B (0.1°, 0°) primary,
 * B – C (0.2°, 0°) residential, and a footway A – C that cars do not use.
 * Along the equator 0.1° is 11.1195 km. */
static char *
write_network (const char *dir,
               const char *driver_name,
               const char *name,
               int         epsg)
{
  char *path = g_build_filename (dir, name, NULL);
  const double points[][4] = { { 0, 0, 0.1, 0 }, { 0.1, 0, 0.2, 0 }, { 0, 0, 0.2, 0 } };
  const char *classes[] = { "primary", "residential", "footway" };
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH target = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH transform;
  GDALDatasetH dataset;
  OGRFieldDefnH field;
  OGRLayerH layer;

  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRImportFromEPSG (target, epsg);
  OSRSetAxisMappingStrategy (target, OAMS_TRADITIONAL_GIS_ORDER);
  transform = OCTNewCoordinateTransformation (wgs84, target);
  dataset = GDALCreate (GDALGetDriverByName (driver_name), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "roads", target, wkbLineString, NULL);
  field = OGR_Fld_Create ("highway", OFTString);
  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);
  for (guint k = 0; k < G_N_ELEMENTS (classes); k++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);

      OGR_G_AddPoint_2D (line, points[k][0], points[k][1]);
      OGR_G_AddPoint_2D (line, points[k][2], points[k][3]);
      g_assert_cmpint (OGR_G_Transform (line, transform), ==, OGRERR_NONE);
      OGR_F_SetGeometryDirectly (feature, line);
      OGR_F_SetFieldString (feature, 0, classes[k]);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  OCTDestroyCoordinateTransformation (transform);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (target);
  return path;
}

static void
test_road (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-road-XXXXXX", NULL);
  g_autofree char *speeds_path = aplomb_core_find_data ("road-speeds.csv");
  g_autofree char *geojson = write_network (dir, "GeoJSON", "roads.geojson", 4326);
  g_autofree char *gpkg = write_network (dir, "GPKG", "roads.gpkg", 3857);
  g_autoptr(AplombRoadSpeeds) speeds = NULL;
  g_autoptr(GError) error = NULL;
  /* Communes at A, B, C and 0.01° (1.112 km) north of B. */
  const double lon[] = { 0, 0.1, 0.2, 0.1 };
  const double lat[] = { 0, 0, 0, 0.01 };
  const char *paths[] = { geojson, gpkg };
  double ab = 60 * 11.1195 / 65, bc = 60 * 11.1195 / 25, access = 60 * 1.11195 / 20;

  speeds = aplomb_road_speeds_load (speeds_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (aplomb_road_speeds_get_n_rules (speeds), >, 20);

  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      g_autoptr(AplombTravelTimes) times = aplomb_travel_road_build (paths[k], NULL, speeds, 4,
                                                                      lon, lat, 30, NULL,
                                                                      &error);

      g_assert_no_error (error);
      g_assert_true (aplomb_travel_times_is_symmetric (times, 1e-3));
      g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 0, 1), ab, 2e-3);
      g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 1, 2), bc, 2e-3);
      g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 0, 3), ab + access, 2e-3);
      g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 1, 3), access, 2e-3);
      /* 36.9 min by road (the footway does not count), 30.02 through B. */
      g_assert_true (isinf (aplomb_travel_times_lookup (times, 0, 2)));
      g_assert_true (isinf (aplomb_travel_times_lookup (times, 3, 2)));
      g_assert_cmpfloat (aplomb_travel_times_lookup (times, 2, 2), ==, 0);
    }
  g_unlink (geojson);
  g_unlink (gpkg);
  g_rmdir (dir);
}

static void
test_road_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-road-XXXXXX", NULL);
  g_autofree char *no_access = write_file (dir, "speeds.csv",
                                           "field,value,km_per_hour\nhighway,primary,65\n");
  g_autofree char *only_paths = write_file (dir, "paths.csv",
                                            "field,value,km_per_hour\nhighway,path,5\n"
                                            "*,access,20\n");
  g_autofree char *network = write_network (dir, "GeoJSON", "roads.geojson", 4326);
  g_autoptr(AplombRoadSpeeds) speeds = NULL;
  g_autoptr(GError) error = NULL;
  const double lon[] = { 0 }, lat[] = { 0 };
  AplombRoadSpeeds *failed = aplomb_road_speeds_load (no_access, &error);
  AplombTravelTimes *none;

  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID);
  g_assert_null (failed);
  g_clear_error (&error);

  speeds = aplomb_road_speeds_load (only_paths, &error);
  g_assert_no_error (error);
  none = aplomb_travel_road_build (network, NULL, speeds, 1, lon, lat, 30, NULL, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_INVALID);
  g_assert_null (none);
  g_clear_error (&error);

  none = aplomb_travel_road_build (no_access, NULL, speeds, 1, lon, lat, 30, NULL, &error);
  g_assert_error (error, APLOMB_TRAVEL_ERROR, APLOMB_TRAVEL_ERROR_MISSING_FIELD);
  g_assert_null (none);
  g_unlink (no_access);
  g_unlink (only_paths);
  g_unlink (network);
  g_rmdir (dir);
}

/* OpenStreetMap XML through GDAL's OSM driver (layer "lines"): a primary
 * and a residential way along 47° N, 0.1° (7.5835 km) each. */
static void
test_road_osm (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-osm-XXXXXX", NULL);
  g_autofree char *speeds_path = aplomb_core_find_data ("road-speeds.csv");
  g_autofree char *path = write_file (dir, "roads.osm",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<osm version=\"0.6\" generator=\"aplomb-test\">\n"
    " <node id=\"1\" version=\"1\" lat=\"47.0\" lon=\"2.0\"/>\n"
    " <node id=\"2\" version=\"1\" lat=\"47.0\" lon=\"2.1\"/>\n"
    " <node id=\"3\" version=\"1\" lat=\"47.0\" lon=\"2.2\"/>\n"
    " <way id=\"10\" version=\"1\"><nd ref=\"1\"/><nd ref=\"2\"/>"
    "<tag k=\"highway\" v=\"primary\"/></way>\n"
    " <way id=\"11\" version=\"1\"><nd ref=\"2\"/><nd ref=\"3\"/>"
    "<tag k=\"highway\" v=\"residential\"/></way>\n"
    "</osm>\n");
  g_autoptr(AplombRoadSpeeds) speeds = aplomb_road_speeds_load (speeds_path, NULL);
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autoptr(GError) error = NULL;
  const double lon[] = { 2.0, 2.1, 2.2 }, lat[] = { 47, 47, 47 };
  double primary = 60 * 7.5835 / 65, residential = 60 * 7.5835 / 25;

  times = aplomb_travel_road_build (path, NULL, speeds, 3, lon, lat, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 0, 1), primary, 2e-3);
  g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 1, 2), residential, 2e-3);
  g_assert_cmpfloat_with_epsilon (aplomb_travel_times_lookup (times, 2, 0), primary + residential,
                                  4e-3);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add_func ("/travel/from-pairs", test_from_pairs);
  g_test_add_func ("/travel/nearest", test_nearest);
  g_test_add_func ("/travel/csv", test_csv);
  g_test_add_func ("/travel/model/brute-force", test_model_matches_brute_force);
  g_test_add_func ("/travel/model/plausible", test_model_plausible);
  g_test_add_func ("/travel/model/round-trip", test_model_round_trip);
  g_test_add_func ("/travel/road", test_road);
  g_test_add_func ("/travel/road/errors", test_road_errors);
  g_test_add_func ("/travel/road/osm", test_road_osm);
  return g_test_run ();
}
