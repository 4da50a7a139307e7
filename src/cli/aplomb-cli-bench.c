/* aplomb-cli-bench.c: time the APL engine and the travel-time builders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-apl-territory.h"
#include "aplomb-apl.h"
#include "aplomb-cli.h"
#include "aplomb-core.h"
#include "aplomb-gdal.h"
#include "aplomb-preset.h"
#include "aplomb-store.h"
#include "aplomb-travel-model.h"
#include "aplomb-travel-road.h"

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the whole process, all threads: on a shared machine it
 * shows the work the wall-clock time hides behind other processes. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
report (const char *what,
        double     *samples_ms,
        guint       n,
        const char *note)
{
  double med = median (samples_ms, n);

  if (med < 0.1)
    g_print ("  %-44s %10.2f µs  (min %.2f, max %.2f, %u runs)", what, 1e3 * med,
             1e3 * samples_ms[0], 1e3 * samples_ms[n - 1], n);
  else
    g_print ("  %-44s %10.2f ms  (min %.2f, max %.2f, %u runs)", what, med, samples_ms[0],
             samples_ms[n - 1], n);
  if (note != NULL)
    g_print ("  %s", note);
  g_print ("\n");
}

/* A département-sized synthetic road network, written with GDAL: a grid
 * of jittered junctions about 600 m apart over some 95 × 95 km, each link
 * a line with a bent middle vertex, a tenth of the local links missing,
 * and a hierarchy of OSM classes (primary every 16 links, secondary every
 * 4). Not a real network: the real ones (OSM, ROUTE 500) are not bundled. */
static char *
write_synthetic_network (const char *dir,
                         guint       size,
                         guint      *n_edges,
                         GError    **error)
{
  char *path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  OGRSpatialReferenceH wgs84;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFieldDefnH field;
  double step_lat = 0.0054, step_lon = 0.0079;  /* about 600 m at 47° N */
  g_autofree double *x = g_new (double, size * size);
  g_autofree double *y = g_new (double, size * size);
  gboolean ok;

  if (!aplomb_gdal_load (error))
    return NULL;
  path = g_build_filename (dir, "synthetic-roads.gpkg", NULL);
  wgs84 = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  dataset = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  if (dataset == NULL)
    {
      OSRDestroySpatialReference (wgs84);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”."), path);
      g_free (path);
      return NULL;
    }
  layer = GDALDatasetCreateLayer (dataset, "roads", wgs84, wkbLineString, NULL);
  field = OGR_Fld_Create ("highway", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);

  for (guint r = 0; r < size; r++)
    for (guint c = 0; c < size; c++)
      {
        x[r * size + c] = 1.8 + c * step_lon + g_rand_double_range (rand, -0.3, 0.3) * step_lon;
        y[r * size + c] = 46.6 + r * step_lat + g_rand_double_range (rand, -0.3, 0.3) * step_lat;
      }

  *n_edges = 0;
  ok = OGR_L_StartTransaction (layer) == OGRERR_NONE;
  for (guint r = 0; r < size; r++)
    for (guint c = 0; c < size; c++)
      for (guint dir_k = 0; dir_k < 2; dir_k++)
        {
          guint r1 = r + (dir_k == 1), c1 = c + (dir_k == 0);
          guint line = dir_k == 0 ? r : c;
          const char *kind = line % 16 == 0 ? "primary" : line % 4 == 0 ? "secondary"
                             : g_rand_int_range (rand, 0, 2) ? "residential" : "unclassified";
          OGRFeatureH feature;
          OGRGeometryH geometry;
          guint a = r * size + c, b;

          if (r1 >= size || c1 >= size || (line % 4 != 0 && g_rand_int_range (rand, 0, 10) == 0))
            continue;
          b = r1 * size + c1;
          feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
          geometry = OGR_G_CreateGeometry (wkbLineString);
          OGR_G_AddPoint_2D (geometry, x[a], y[a]);
          OGR_G_AddPoint_2D (geometry, (x[a] + x[b]) / 2 + g_rand_double_range (rand, -0.1, 0.1) *
                                                             step_lon,
                             (y[a] + y[b]) / 2 + g_rand_double_range (rand, -0.1, 0.1) * step_lat);
          OGR_G_AddPoint_2D (geometry, x[b], y[b]);
          OGR_F_SetGeometryDirectly (feature, geometry);
          OGR_F_SetFieldString (feature, 0, kind);
          ok = ok && OGR_L_CreateFeature (layer, feature) == OGRERR_NONE;
          OGR_F_Destroy (feature);
          *n_edges += 2;
        }
  ok = ok && OGR_L_CommitTransaction (layer) == OGRERR_NONE;
  GDALClose (dataset);
  OSRDestroySpatialReference (wgs84);
  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”."), path);
      g_clear_pointer (&path, g_free);
    }
  return path;
}

static void
bench_road (guint runs)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-bench-XXXXXX", NULL);
  g_autofree char *speeds_path = aplomb_core_find_data ("road-speeds.csv");
  g_autoptr(AplombRoadSpeeds) speeds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *path = NULL;
  g_autofree char *note = NULL;
  g_autofree double *samples = g_new (double, runs);
  double lon[300], lat[300];
  gsize pairs = 0;
  guint n_edges = 0;

  speeds = speeds_path != NULL ? aplomb_road_speeds_load (speeds_path, &error) : NULL;
  path = speeds != NULL ? write_synthetic_network (dir, 160, &n_edges, &error) : NULL;
  if (path == NULL)
    {
      g_print ("  %s\n", error != NULL ? error->message : _("No speed table installed."));
      return;
    }
  /* About as many communes as a rural département, spread at random. */
  for (guint i = 0; i < G_N_ELEMENTS (lon); i++)
    {
      lon[i] = g_rand_double_range (rand, 1.85, 3.0);
      lat[i] = g_rand_double_range (rand, 46.65, 47.45);
    }
  for (guint run = 0; run < runs; run++)
    {
      double start = now_ms ();
      g_autoptr(AplombTravelTimes) times = aplomb_travel_road_build (path, NULL, speeds,
                                                                     G_N_ELEMENTS (lon), lon, lat,
                                                                     30, NULL, NULL);

      samples[run] = now_ms () - start;
      pairs = times != NULL ? aplomb_travel_times_get_n_pairs (times) : 0;
    }
  note = g_strdup_printf (_("synthetic network, %u edges, 300 communes, %zu pairs ≤ 30 min"),
                          n_edges, pairs);
  report (_("Road network: read, snap, Dijkstra"), samples, runs, note);
  g_unlink (path);
  g_rmdir (dir);
}

/* Matrix, full computation and incremental updates on a project. */
static gboolean
bench_project (AplombTerritory *territory,
               guint            runs,
               GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree double *lon = g_new (double, n), *lat = g_new (double, n);
  g_autofree double *heads = g_new (double, n), *supply = g_new (double, n);
  g_autofree double *demand = g_new (double, n);
  g_autofree double *samples = g_new (double, MAX (10 * runs, 2000));
  g_autofree char *model_path = aplomb_core_find_data ("travel-model.ini");
  g_autofree char *note = NULL;
  g_autoptr(AplombTravelModel) model = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autoptr(AplombPreset) preset = aplomb_preset_load ("drees-gp-2015", error);
  g_autoptr(AplombApl) apl = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  double cpu = 0;

  if (preset == NULL || model_path == NULL ||
      (model = aplomb_travel_model_load (model_path, error)) == NULL)
    return FALSE;
  aplomb_apl_territory_points (territory, lon, lat);
  aplomb_apl_territory_supply (territory, preset, 0, heads, supply);
  aplomb_apl_territory_demand (territory, preset, demand);

  for (guint run = 0; run < runs; run++)
    {
      double start = now_ms (), cpu_start = cpu_ms ();

      g_clear_object (&times);
      times = aplomb_travel_model_build (model, n, lon, lat, 30, NULL, error);
      samples[run] = now_ms () - start;
      cpu += (cpu_ms () - cpu_start) / runs;
      if (times == NULL)
        return FALSE;
    }
  note = g_strdup_printf (_("%u communes, %zu pairs ≤ 30 min, %.1f MB, %.0f ms of CPU"), n,
                          aplomb_travel_times_get_n_pairs (times),
                          aplomb_travel_times_get_memory_size (times) / 1e6, cpu);
  report (_("Matrix from the calibrated model (threads)"), samples, runs, note);

  for (guint run = 0; run < runs; run++)
    {
      double start = now_ms ();

      g_clear_object (&apl);
      apl = aplomb_apl_new (times, aplomb_preset_get_decay (preset), 1, error);
      samples[run] = now_ms () - start;
    }
  g_clear_pointer (&note, g_free);
  note = g_strdup_printf (_("%zu pairs under 20 min, %.1f MB"), aplomb_apl_get_n_pairs (apl),
                          aplomb_apl_get_n_pairs (apl) * 5.0 / 1e6);
  report (_("Engine set-up (weight blocks)"), samples, runs, note);

  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_set_demand (apl, demand);
  for (guint run = 0; run < 10 * runs; run++)
    {
      double start = now_ms ();

      aplomb_apl_compute (apl);
      samples[run] = now_ms () - start;
    }
  report (_("Full APL, one thread"), samples, 10 * runs, NULL);

  /* Incremental: one more or one less GP (5 400 consultations) somewhere. */
  /* The nearest times and the transpose they need are built once, before
   * timing, as an application does when it shows them. */
  aplomb_apl_get_nearest (apl);
  aplomb_travel_times_get_column (times, 0, NULL, NULL);
  for (guint k = 0; k < 2000; k++)
    {
      guint i = g_rand_int_range (rand, 0, n);
      double value = MAX (0, supply[i] + (k % 2 ? 5400 : -5400));
      double start = now_ms ();

      aplomb_apl_change_supply (apl, i, value);
      samples[k] = now_ms () - start;
    }
  report (_("Incremental supply change"), samples, 2000, NULL);

  for (guint k = 0; k < 2000; k++)
    {
      guint i = g_rand_int_range (rand, 0, n);
      double start = now_ms ();

      aplomb_apl_change_demand (apl, i, demand[i] * (k % 2 ? 1.1 : 0.9));
      samples[k] = now_ms () - start;
    }
  report (_("Incremental population change"), samples, 2000, NULL);
  return aplomb_cli_bench_scenario (territory, times, preset, supply, demand, error);
}

int
aplomb_cli_bench (int    argc,
                  char **argv)
{
  g_autofree char *project = NULL;
  int runs = 7;
  gboolean skip_road = FALSE;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project,
      N_("Project file (default: the bundled metropolitan France)"), N_("FILE") },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, N_("Runs per measure (default 7)"), N_("N") },
    { "skip-road", 0, 0, G_OPTION_ARG_NONE, &skip_road,
      N_("Skip the road-network benchmark"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) territory = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Times the travel-time builders, the full APL and "
                                           "its incremental updates; prints medians."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || argc > 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : _("Invalid arguments."));
      return 2;
    }
  if (project == NULL)
    project = aplomb_core_find_data ("france.aplomb");
  if (project == NULL)
    {
      g_printerr (_("The bundled France project is not installed; give a project file."));
      g_printerr ("\n");
      return 1;
    }
  store = aplomb_store_open (project, APLOMB_STORE_READ_ONLY, &error);
  if (store != NULL)
    territory = aplomb_store_load_territory (store, &error);
  if (territory == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Aplomb benchmarks on %s, %u cores, medians:"), project, g_get_num_processors ());
  g_print ("\n");
  if (!bench_project (territory, runs, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!skip_road)
    bench_road (MIN (runs, 3));
  aplomb_cli_bench_tiles (territory, MIN (runs, 3));
  return 0;
}
