/* aplomb-atlas.c: a loaded project, ready to be shown and queried
 *
 * Loading does all the work a map needs before its first frame: the
 * territory from the store, the tile renderer's projected geometry, the
 * search index, the travel times of the calibrated model and the baseline
 * indicators. It runs in a worker thread; the result is read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "aplomb-atlas"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-apl.h"
#include "aplomb-apl-territory.h"
#include "aplomb-areas.h"
#include "aplomb-atlas.h"
#include "aplomb-core.h"
#include "aplomb-preset.h"
#include "aplomb-store.h"
#include "aplomb-travel-project.h"

#define DEFAULT_PRESET "drees-gp-2015"

struct _AplombAtlas
{
  GObject               parent_instance;

  AplombTerritory      *territory;
  AplombTileRenderer   *renderer;
  AplombCommuneSearch  *search;
  AplombPreset         *preset;
  AplombTravelTimes    *times;
  GPtrArray            *areas;

  double               *values[APLOMB_N_INDICATORS];
  AplombClassification *classes[APLOMB_N_INDICATORS];
  AplombClassification *quantiles[APLOMB_N_INDICATORS];
  int                   official_year;
  AplombIndicators      indicators;
};

G_DEFINE_FINAL_TYPE (AplombAtlas, aplomb_atlas, G_TYPE_OBJECT)

static void
aplomb_atlas_finalize (GObject *object)
{
  AplombAtlas *self = APLOMB_ATLAS (object);

  for (guint i = 0; i < APLOMB_N_INDICATORS; i++)
    {
      g_free (self->values[i]);
      g_clear_pointer (&self->classes[i], aplomb_classification_unref);
      g_clear_pointer (&self->quantiles[i], aplomb_classification_unref);
    }
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_object (&self->times);
  g_clear_object (&self->preset);
  g_clear_object (&self->search);
  g_clear_object (&self->renderer);
  g_clear_object (&self->territory);

  G_OBJECT_CLASS (aplomb_atlas_parent_class)->finalize (object);
}

static void
aplomb_atlas_class_init (AplombAtlasClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_atlas_finalize;
}

static void
aplomb_atlas_init (AplombAtlas *self)
{
}

static GPtrArray *
list_areas (AplombTerritory *territory)
{
  g_autofree char *names = aplomb_core_find_data ("france/departements-2024.csv");

  return aplomb_areas_list (territory, names);
}

/* The latest official APL the project holds ("apl_official_2023"), or 0. */
static int
find_official_year (AplombTerritory *territory)
{
  g_auto(GStrv) columns = aplomb_territory_list_columns (territory);
  int latest = 0;

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (g_str_has_prefix (columns[i], "apl_official_"))
      latest = MAX (latest, atoi (columns[i] + strlen ("apl_official_")));
  return latest;
}

typedef struct
{
  AplombAtlas  *atlas;
  AplombStore  *store;
  GCancellable *cancellable;
  GError       *error;
} TravelTimesJob;

static gpointer
load_travel_times_thread (gpointer data)
{
  TravelTimesJob *job = data;
  AplombAtlas *self = job->atlas;

  self->times = aplomb_travel_times_for_project (job->store, self->territory,
                                                 APLOMB_TRAVEL_HORIZON_MIN, job->cancellable, NULL,
                                                 &job->error);
  return GINT_TO_POINTER (self->times != NULL);
}

static gboolean
compute_baseline (AplombAtlas   *self,
                  GError       **error)
{
  guint n = aplomb_territory_get_n_communes (self->territory);
  g_autofree double *heads = g_new (double, n);
  g_autofree double *supply = g_new (double, n);
  g_autofree double *demand = g_new (double, n);
  g_autoptr(AplombApl) apl = NULL;

  self->preset = aplomb_preset_load (DEFAULT_PRESET, error);
  if (self->preset == NULL)
    return FALSE;

  apl = aplomb_apl_new (self->times, aplomb_preset_get_decay (self->preset),
                        aplomb_preset_get_scale (self->preset), error);
  if (apl == NULL)
    return FALSE;

  aplomb_apl_territory_supply (self->territory, self->preset, 0, heads, supply);
  aplomb_apl_territory_demand (self->territory, self->preset, demand);
  aplomb_apl_set_supply (apl, supply);
  aplomb_apl_set_demand (apl, demand);
  aplomb_apl_compute (apl);

  self->values[APLOMB_INDICATOR_APL] = g_memdup2 (aplomb_apl_get_values (apl), n * sizeof (double));
  self->values[APLOMB_INDICATOR_NEAREST_GP] = g_memdup2 (aplomb_apl_get_nearest (apl),
                                                        n * sizeof (double));
  self->values[APLOMB_INDICATOR_DENSITY] = g_new (double, n);
  aplomb_density_per_10k (heads, aplomb_territory_get_population (self->territory), n,
                          self->values[APLOMB_INDICATOR_DENSITY]);
  return TRUE;
}

static void
load_official (AplombAtlas *self)
{
  g_autofree char *column = NULL;
  const double *official;
  guint n = aplomb_territory_get_n_communes (self->territory);

  self->official_year = find_official_year (self->territory);
  if (self->official_year == 0)
    return;
  column = g_strdup_printf ("apl_official_%d", self->official_year);
  official = aplomb_territory_get_column (self->territory, column);
  self->values[APLOMB_INDICATOR_APL_OFFICIAL] = g_memdup2 (official, n * sizeof (double));
}

static void
make_classifications (AplombAtlas *self)
{
  /* Minutes by car: 0 is a GP in the commune; the DREES decay ends at 20. */
  static const double time_breaks[] = { 0.5, 5, 10, 15, 20 };
  guint n = aplomb_territory_get_n_communes (self->territory);

  self->classes[APLOMB_INDICATOR_APL] = aplomb_classification_new_apl ();
  self->classes[APLOMB_INDICATOR_APL_OFFICIAL] = aplomb_classification_new_apl ();
  self->classes[APLOMB_INDICATOR_DENSITY] =
    aplomb_classification_new_quantiles (self->values[APLOMB_INDICATOR_DENSITY], n, 6,
                                         APLOMB_PALETTE_SEQUENTIAL, 1, NULL);
  self->classes[APLOMB_INDICATOR_NEAREST_GP] =
    aplomb_classification_new (time_breaks, G_N_ELEMENTS (time_breaks),
                               APLOMB_PALETTE_SEQUENTIAL_REVERSED, 0, "min");
}

/* Quintiles of each indicator over the communes, for the users who compare
 * places with one another rather than with the thresholds: same palette,
 * unit and precision as the indicator's own classes. */
static void
make_quantile_classifications (AplombAtlas *self)
{
  static const guint decimals[APLOMB_N_INDICATORS] = { 1, 1, 1, 0 };
  guint n = aplomb_territory_get_n_communes (self->territory);

  for (guint i = 0; i < APLOMB_N_INDICATORS; i++)
    if (self->values[i] != NULL)
      self->quantiles[i] =
        aplomb_classification_new_quantiles (self->values[i], n, 5,
                                             aplomb_classification_get_kind (self->classes[i]),
                                             decimals[i],
                                             aplomb_classification_get_unit (self->classes[i]));
}

AplombAtlas *
aplomb_atlas_load (const char    *project_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(AplombAtlas) self = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  TravelTimesJob job;
  GThread *travel_thread;

  g_return_val_if_fail (project_path != NULL, NULL);

  aplomb_core_init ();
  store = aplomb_store_open (project_path, APLOMB_STORE_READ_ONLY, error);
  if (store == NULL)
    return NULL;

  self = g_object_new (APLOMB_TYPE_ATLAS, NULL);
  self->territory = aplomb_store_load_territory (store, error);
  if (self->territory == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_debug ("territory loaded: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);

  /* The travel times take the longest (read back, or built when the
   * project has none that fit): get them while this thread makes
   * everything else. */
  job.atlas = self;
  job.store = store;
  job.cancellable = cancellable;
  job.error = NULL;
  travel_thread = g_thread_new ("aplomb-travel-times", load_travel_times_thread, &job);
  /* Its zoom bands are made by the first tiles that need them: the view of
   * France needs only the coarse ones. */
  self->renderer = aplomb_tile_renderer_new_for_territory (self->territory);
  self->search = aplomb_commune_search_new (self->territory);
  self->areas = list_areas (self->territory);
  g_debug ("renderer, search and areas ready: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  if (!GPOINTER_TO_INT (g_thread_join (travel_thread)))
    {
      g_propagate_error (error, job.error);
      return NULL;
    }
  g_debug ("travel times ready: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  if (!compute_baseline (self, error))
    return NULL;
  load_official (self);
  make_classifications (self);
  make_quantile_classifications (self);
  g_debug ("indicators computed: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);

  self->indicators.apl = self->values[APLOMB_INDICATOR_APL];
  self->indicators.apl_official = self->values[APLOMB_INDICATOR_APL_OFFICIAL];
  self->indicators.official_year = self->official_year;
  self->indicators.density_10k = self->values[APLOMB_INDICATOR_DENSITY];
  self->indicators.nearest_gp_min = self->values[APLOMB_INDICATOR_NEAREST_GP];
  return g_steal_pointer (&self);
}

AplombTerritory *
aplomb_atlas_get_territory (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return self->territory;
}

AplombTileRenderer *
aplomb_atlas_get_renderer (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return self->renderer;
}

AplombCommuneSearch *
aplomb_atlas_get_search (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return self->search;
}

/* The départements then the EPCI of the territory (AplombArea). */
GPtrArray *
aplomb_atlas_get_areas (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return self->areas;
}

AplombTravelTimes *
aplomb_atlas_get_travel_times (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return self->times;
}

AplombPreset *
aplomb_atlas_get_preset (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return self->preset;
}

const AplombIndicators *
aplomb_atlas_get_indicators (AplombAtlas *self)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  return &self->indicators;
}

gboolean
aplomb_atlas_has_indicator (AplombAtlas     *self,
                            AplombIndicator  indicator)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (indicator < APLOMB_N_INDICATORS, FALSE);

  return self->values[indicator] != NULL;
}

const double *
aplomb_atlas_get_values (AplombAtlas     *self,
                         AplombIndicator  indicator)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);
  g_return_val_if_fail (indicator < APLOMB_N_INDICATORS, NULL);

  return self->values[indicator];
}

AplombClassification *
aplomb_atlas_get_classification (AplombAtlas     *self,
                                 AplombIndicator  indicator)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);
  g_return_val_if_fail (indicator < APLOMB_N_INDICATORS, NULL);

  return self->classes[indicator];
}

/**
 * aplomb_atlas_get_quantile_classification:
 *
 * Returns: (transfer none) (nullable): quintiles of the indicator over the
 *   communes, NULL if the project lacks it
 */
AplombClassification *
aplomb_atlas_get_quantile_classification (AplombAtlas     *self,
                                          AplombIndicator  indicator)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);
  g_return_val_if_fail (indicator < APLOMB_N_INDICATORS, NULL);

  return self->quantiles[indicator];
}

char *
aplomb_atlas_get_title (AplombAtlas     *self,
                        AplombIndicator  indicator)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  switch (indicator)
    {
    case APLOMB_INDICATOR_APL:
      return g_strdup (_("APL to general practitioners, computed by Aplomb"));
    case APLOMB_INDICATOR_APL_OFFICIAL:
      /* Translators: the official indicator of a year */
      return g_strdup_printf (_("Official APL %d to general practitioners"),
                              self->official_year);
    case APLOMB_INDICATOR_DENSITY:
      return g_strdup (_("General practitioners per 10,000 inhabitants"));
    case APLOMB_INDICATOR_NEAREST_GP:
      return g_strdup (_("Time to the nearest general practitioner"));
    case APLOMB_N_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
aplomb_atlas_get_subtitle (AplombAtlas     *self,
                           AplombIndicator  indicator)
{
  g_return_val_if_fail (APLOMB_IS_ATLAS (self), NULL);

  switch (indicator)
    {
    case APLOMB_INDICATOR_APL:
      /* Translators: the method preset's name follows */
      return g_strdup_printf (_("Consultations per year per standardised inhabitant · %s"),
                              aplomb_preset_get_name (self->preset));
    case APLOMB_INDICATOR_APL_OFFICIAL:
      return g_strdup_printf (_("DREES · activity %d, population %d"),
                              self->official_year, self->official_year - 2);
    case APLOMB_INDICATOR_DENSITY:
      return g_strdup (_("Practitioners counted in the commune"));
    case APLOMB_INDICATOR_NEAREST_GP:
      return g_strdup (_("Minutes by car, modelled travel times"));
    case APLOMB_N_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}
