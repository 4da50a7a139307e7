/* aplomb-scenario-evaluator.c: scenarios through the APL engine, incrementally
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-apl.h"
#include "aplomb-scenario-evaluator.h"
#include "aplomb-scenario-supply.h"

/* Differences smaller than this are rounding noise of incremental updates,
 * not effects of the scenario. */
#define DELTA_EPSILON 1e-9

/* A commune's APL with its population, for deciles weighted by
 * population. */
typedef struct
{
  double value;
  double weight;
  guint  commune;
} Ranked;

/* The baseline shown (computed, or official of a year) ranked once: the
 * deciles after an edit come from merging it with the few communes that
 * moved, in linear time, instead of sorting the whole territory again. */
typedef struct
{
  gboolean           valid;
  AplombBaselineKind kind;
  int                year;
  Ranked            *ranked;   /* NaN left out, by increasing value */
  guint              n_ranked;
  double             weighted_sum;  /* Σ P_std × APL */
  AplombAplAggregate aggregate;
} RankedBaseline;

struct _AplombScenarioEvaluator
{
  GObject parent_instance;

  AplombTerritory   *territory;
  AplombTravelTimes *times;
  AplombPreset      *preset;
  guint              n_communes;
  AplombApl         *baseline;  /* the computed baseline, never changed */
  AplombApl         *working;   /* the supply of the last scenario evaluated */
  guint             *member;    /* scratch for pools: member index + 1, or 0 */
  gboolean          *moved;     /* scratch for deciles: the commune's APL changed */
  RankedBaseline     ranked;
};

G_DEFINE_FINAL_TYPE (AplombScenarioEvaluator, aplomb_scenario_evaluator, G_TYPE_OBJECT)

static void
aplomb_scenario_evaluator_finalize (GObject *object)
{
  AplombScenarioEvaluator *self = APLOMB_SCENARIO_EVALUATOR (object);

  g_clear_object (&self->territory);
  g_clear_object (&self->times);
  g_clear_object (&self->preset);
  g_clear_object (&self->baseline);
  g_clear_object (&self->working);
  g_free (self->member);
  g_free (self->moved);
  g_free (self->ranked.ranked);
  G_OBJECT_CLASS (aplomb_scenario_evaluator_parent_class)->finalize (object);
}

static void
aplomb_scenario_evaluator_class_init (AplombScenarioEvaluatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_scenario_evaluator_finalize;
}

static void
aplomb_scenario_evaluator_init (AplombScenarioEvaluator *self)
{
}

static int
compare_ranked (const void *a,
                const void *b)
{
  double x = ((const Ranked *) a)->value;
  double y = ((const Ranked *) b)->value;

  return (x > y) - (x < y);
}

static double
weight_of (double population)
{
  return isnan (population) ? 0.0 : population;
}

static void
rank_baseline (AplombScenarioEvaluator *self,
               AplombBaselineKind       kind,
               int                      year,
               const double            *baseline,
               const double            *population,
               const double            *population_std,
               double                   threshold)
{
  RankedBaseline *ranked = &self->ranked;

  /* The computed baseline is the same whatever the year. */
  if (ranked->valid && ranked->kind == kind &&
      (kind == APLOMB_BASELINE_COMPUTED || ranked->year == year))
    return;

  ranked->kind = kind;
  ranked->year = year;
  ranked->ranked = g_renew (Ranked, ranked->ranked, self->n_communes);
  ranked->n_ranked = 0;
  ranked->weighted_sum = 0.0;
  for (guint c = 0; c < self->n_communes; c++)
    if (!isnan (baseline[c]))
      {
        ranked->ranked[ranked->n_ranked++] =
          (Ranked) { baseline[c], weight_of (population[c]), c };
        ranked->weighted_sum += weight_of (population_std[c]) * baseline[c];
      }
  qsort (ranked->ranked, ranked->n_ranked, sizeof (Ranked), compare_ranked);
  aplomb_apl_aggregate (baseline, population, population_std, NULL, self->n_communes,
                        threshold, &ranked->aggregate);
  ranked->valid = TRUE;
}

static double
under_served_threshold (AplombPreset *preset)
{
  guint n_thresholds = 0;
  const double *thresholds = aplomb_preset_get_thresholds (preset, &n_thresholds);

  return n_thresholds > 0 ? thresholds[0] : -INFINITY;
}

/* What the first edit would otherwise pay: the nearest times, which the
 * engine then keeps up to date incrementally, the transposed travel times
 * that CPTS pooling reads, and the ranking of the computed baseline. */
static void
prepare_first_edit (AplombScenarioEvaluator *self)
{
  const double *population = aplomb_territory_get_population (self->territory);
  g_autofree double *unknown = NULL;

  aplomb_apl_get_nearest (self->working);
  if (self->n_communes > 0)
    aplomb_travel_times_get_column (self->times, 0, NULL, NULL);
  if (population == NULL)
    {
      unknown = g_new (double, self->n_communes);
      for (guint c = 0; c < self->n_communes; c++)
        unknown[c] = NAN;
      population = unknown;
    }
  rank_baseline (self, APLOMB_BASELINE_COMPUTED, 0, aplomb_apl_get_values (self->baseline),
                 population, aplomb_apl_get_demand (self->baseline),
                 under_served_threshold (self->preset));
}

static AplombApl *
new_engine (AplombTravelTimes *times,
            AplombPreset      *preset,
            const double      *supply,
            const double      *population_std,
            GError           **error)
{
  AplombApl *engine = aplomb_apl_new (times, aplomb_preset_get_decay (preset),
                                      aplomb_preset_get_scale (preset), error);

  if (engine == NULL)
    return NULL;
  aplomb_apl_set_supply (engine, supply);
  aplomb_apl_set_demand (engine, population_std);
  aplomb_apl_compute (engine);
  return engine;
}

AplombScenarioEvaluator *
aplomb_scenario_evaluator_new (AplombTerritory   *territory,
                               AplombTravelTimes *times,
                               AplombPreset      *preset,
                               const double      *supply,
                               const double      *population_std,
                               GError           **error)
{
  g_autoptr(AplombScenarioEvaluator) self = NULL;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (times), NULL);
  g_return_val_if_fail (APLOMB_IS_PRESET (preset), NULL);
  g_return_val_if_fail (supply != NULL && population_std != NULL, NULL);
  g_return_val_if_fail (aplomb_territory_get_n_communes (territory) ==
                        aplomb_travel_times_get_n_communes (times), NULL);

  self = g_object_new (APLOMB_TYPE_SCENARIO_EVALUATOR, NULL);
  self->territory = g_object_ref (territory);
  self->times = g_object_ref (times);
  self->preset = g_object_ref (preset);
  self->n_communes = aplomb_territory_get_n_communes (territory);
  self->member = g_new0 (guint, self->n_communes);
  self->moved = g_new0 (gboolean, self->n_communes);
  self->baseline = new_engine (times, preset, supply, population_std, error);
  if (self->baseline == NULL)
    return NULL;
  self->working = new_engine (times, preset, supply, population_std, error);
  if (self->working == NULL)
    return NULL;
  prepare_first_edit (self);
  return g_steal_pointer (&self);
}

const double *
aplomb_scenario_evaluator_get_computed (AplombScenarioEvaluator *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_EVALUATOR (self), NULL);

  return aplomb_apl_get_values (self->baseline);
}

const double *
aplomb_scenario_evaluator_get_supply (AplombScenarioEvaluator *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_EVALUATOR (self), NULL);

  return aplomb_apl_get_supply (self->baseline);
}

/* Only the communes whose supply differs from the last evaluation go
 * through the engine: editing one action costs one or a few site updates. */
static void
update_working (AplombScenarioEvaluator *self,
                const double            *supply)
{
  const double *current = aplomb_apl_get_supply (self->working);

  for (guint c = 0; c < self->n_communes; c++)
    if (supply[c] != current[c])
      aplomb_apl_change_supply (self->working, c, supply[c]);
}

/* The pooled layer of a CPTS (docs/method.md): a second 2SFCA restricted to
 * the perimeter, weight 1 up to max_minutes, in the same orientation as the
 * engine (d_ij from resident i to practice j). */
static void
add_pool (AplombScenarioEvaluator *self,
          const AplombSupplyPool  *pool,
          const double            *population_std,
          double                  *values)
{
  double scale = aplomb_preset_get_scale (self->preset);
  g_autofree double *ratio = g_new0 (double, pool->n_members);

  for (guint m = 0; m < pool->n_members; m++)
    self->member[pool->members[m]] = m + 1;

  for (guint m = 0; m < pool->n_members; m++)
    {
      const guint *origins;
      const float *minutes;
      guint len = aplomb_travel_times_get_column (self->times, pool->members[m], &origins,
                                                  &minutes);
      double catchment = 0.0;

      for (guint p = 0; p < len; p++)
        if (self->member[origins[p]] != 0 && minutes[p] <= pool->max_minutes)
          catchment += population_std[origins[p]];
      if (catchment > 0)
        ratio[m] = scale * pool->pooled[m] / catchment;
    }

  for (guint m = 0; m < pool->n_members; m++)
    {
      const guint *destinations;
      const float *minutes;
      guint len = aplomb_travel_times_get_row (self->times, pool->members[m], &destinations,
                                               &minutes);

      for (guint p = 0; p < len; p++)
        if (self->member[destinations[p]] != 0 && minutes[p] <= pool->max_minutes)
          values[pool->members[m]] += ratio[self->member[destinations[p]] - 1];
    }

  for (guint m = 0; m < pool->n_members; m++)
    self->member[pool->members[m]] = 0;
}

/* The official APL is the DREES APL to GPs: for another profession the
 * scenario is measured against the APL computed for it. */
static AplombBaselineKind
baseline_kind (AplombScenarioEvaluator *self,
               AplombScenario          *scenario)
{
  if (g_strcmp0 (aplomb_preset_get_profession (self->preset), "gp") != 0)
    return APLOMB_BASELINE_COMPUTED;
  return aplomb_scenario_get_baseline_kind (scenario);
}

static gboolean
fill_baseline (AplombScenarioEvaluator *self,
               AplombScenario          *scenario,
               AplombScenarioResult    *result,
               GError                 **error)
{
  const double *computed = aplomb_apl_get_values (self->baseline);
  const double *shown = computed;
  int year = aplomb_scenario_get_baseline_year (scenario);

  if (baseline_kind (self, scenario) == APLOMB_BASELINE_OFFICIAL)
    {
      g_autofree char *column = g_strdup_printf ("apl_official_%d", year);

      shown = aplomb_territory_get_column (self->territory, column);
      if (shown == NULL)
        {
          g_set_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_BASELINE,
                       _("The project has no official APL for %d."), year);
          return FALSE;
        }
    }
  memcpy (result->baseline, shown, sizeof (double) * self->n_communes);
  return TRUE;
}

static void
fill_values (AplombScenarioEvaluator *self,
             AplombScenarioResult    *result)
{
  const double *computed = aplomb_apl_get_values (self->baseline);
  const double *scenario = aplomb_apl_get_values (self->working);
  const double *demand = aplomb_apl_get_demand (self->baseline);
  const AplombScenarioSupply *supply = result->supply;
  const double *base_supply = aplomb_apl_get_supply (self->baseline);

  memcpy (result->delta, scenario, sizeof (double) * self->n_communes);
  for (guint p = 0; p < supply->pools->len; p++)
    {
      const AplombSupplyPool *pool = g_ptr_array_index (supply->pools, p);

      add_pool (self, pool, demand, result->delta);
      for (guint m = 0; m < pool->n_members; m++)
        result->supply_delta[pool->members[m]] += pool->pooled[m];
    }

  for (guint c = 0; c < self->n_communes; c++)
    {
      double delta = result->delta[c] - computed[c];

      result->delta[c] = fabs (delta) < DELTA_EPSILON ? 0.0 : delta;
      result->values[c] = result->baseline[c] + result->delta[c];
      result->supply_delta[c] += supply->supply[c] - base_supply[c];
    }
}

/* The value of the inhabitant at rank q, walking the baseline ranking
 * without the communes that moved, merged with those at their new value:
 * the same definition as aplomb_apl_aggregate(). */
static void
merged_deciles (AplombScenarioEvaluator *self,
                const Ranked            *moved,
                guint                    n_moved,
                double                   total,
                double                  *d1,
                double                  *d9)
{
  const RankedBaseline *ranked = &self->ranked;
  double cumulated = 0.0;
  guint a = 0, b = 0;

  *d1 = *d9 = NAN;
  while (a < ranked->n_ranked || b < n_moved)
    {
      const Ranked *next;

      if (a < ranked->n_ranked && self->moved[ranked->ranked[a].commune])
        {
          a++;
          continue;
        }
      if (b >= n_moved || (a < ranked->n_ranked && ranked->ranked[a].value <= moved[b].value))
        next = &ranked->ranked[a++];
      else
        next = &moved[b++];
      cumulated += next->weight;
      if (isnan (*d1) && cumulated >= 0.1 * total)
        *d1 = next->value;
      if (cumulated >= 0.9 * total)
        {
          *d9 = next->value;
          return;
        }
    }
}

/* The whole-territory aggregate after the scenario, from the baseline's
 * and the moved communes' contributions. */
static void
aggregate_after (AplombScenarioEvaluator *self,
                 AplombScenarioResult    *result)
{
  AplombAplAggregate *after = &result->after;
  g_autofree Ranked *moved = g_new (Ranked, MAX (result->changed->len, 1));
  double weighted_sum = self->ranked.weighted_sum;
  guint n_moved = 0;

  *after = self->ranked.aggregate;
  for (guint k = 0; k < result->changed->len; k++)
    {
      guint c = g_array_index (result->changed, guint, k);
      double population = weight_of (result->population[c]);

      if (isnan (result->values[c]))
        continue;
      self->moved[c] = TRUE;
      moved[n_moved++] = (Ranked) { result->values[c], population, c };
      weighted_sum += weight_of (result->population_std[c]) * result->delta[c];
      if (result->baseline[c] < result->threshold && result->values[c] >= result->threshold)
        after->communes_under--;
      else if (result->baseline[c] >= result->threshold && result->values[c] < result->threshold)
        after->communes_under++;
    }
  after->population_under += result->population_fallen - result->population_lifted;
  after->mean = after->population_std > 0 ? weighted_sum / after->population_std : NAN;
  after->share_under = after->population > 0 ? after->population_under / after->population
                                             : NAN;

  qsort (moved, n_moved, sizeof (Ranked), compare_ranked);
  if (after->population > 0)
    merged_deciles (self, moved, n_moved, after->population, &after->d1, &after->d9);
  after->d9_d1 = after->d1 > 0 ? after->d9 / after->d1 : NAN;
  for (guint k = 0; k < n_moved; k++)
    self->moved[moved[k].commune] = FALSE;
}

static void
fill_figures (AplombScenarioEvaluator *self,
              AplombScenario          *scenario,
              AplombScenarioResult    *result)
{
  double underserved_gain = 0.0;

  for (guint c = 0; c < result->n_communes; c++)
    {
      gboolean was_under = result->baseline[c] < result->threshold;
      gboolean is_under = result->values[c] < result->threshold;
      double population = weight_of (result->population[c]);

      result->baseline_class[c] = aplomb_classify (result->thresholds, result->n_thresholds,
                                                   result->baseline[c]);
      result->value_class[c] = aplomb_classify (result->thresholds, result->n_thresholds,
                                                result->values[c]);
      if (result->delta[c] == 0)
        continue;
      g_array_append_val (result->changed, c);
      if (result->baseline_class[c] != result->value_class[c])
        g_array_append_val (result->class_changed, c);
      if (was_under && !is_under)
        result->population_lifted += population;
      else if (!was_under && is_under)
        result->population_fallen += population;
      if (was_under)
        underserved_gain += result->population_std[c] * result->delta[c];
    }

  rank_baseline (self, baseline_kind (self, scenario),
                 aplomb_scenario_get_baseline_year (scenario), result->baseline,
                 result->population, result->population_std, result->threshold);
  result->before = self->ranked.aggregate;
  aggregate_after (self, result);
  if (result->etp_added > 0)
    {
      result->lifted_per_etp = result->population_lifted / result->etp_added;
      result->underserved_gain_per_etp = underserved_gain / result->etp_added;
    }
  else
    result->lifted_per_etp = result->underserved_gain_per_etp = NAN;
}

static gboolean
fill_perimeters (AplombScenarioEvaluator *self,
                 AplombScenario          *scenario,
                 AplombScenarioResult    *result,
                 GError                 **error)
{
  for (guint i = 0; i < aplomb_scenario_get_n_actions (scenario); i++)
    {
      const AplombAction *action = aplomb_scenario_get_action (scenario, i);
      GArray *members;

      if (action->kind != APLOMB_ACTION_CPTS)
        continue;
      members = aplomb_cpts_action_resolve (action, i, self->territory, error);
      if (members == NULL)
        return FALSE;
      g_ptr_array_add (result->cpts_perimeters, members);
      g_ptr_array_add (result->cpts_names, g_strdup (action->cpts.name));
    }
  return TRUE;
}

AplombScenarioResult *
aplomb_scenario_evaluator_evaluate (AplombScenarioEvaluator *self,
                                    AplombScenario          *scenario,
                                    GError                 **error)
{
  g_autoptr(AplombScenarioResult) result = NULL;
  const double *population;
  const double *thresholds;
  guint n_thresholds = 0;

  g_return_val_if_fail (APLOMB_IS_SCENARIO_EVALUATOR (self), NULL);
  g_return_val_if_fail (APLOMB_IS_SCENARIO (scenario), NULL);

  result = aplomb_scenario_result_new (self->n_communes);
  if (!fill_baseline (self, scenario, result, error))
    return NULL;
  result->supply = aplomb_scenario_supply_new (scenario, self->territory, self->times,
                                               self->preset,
                                               aplomb_apl_get_supply (self->baseline), error);
  if (result->supply == NULL || !fill_perimeters (self, scenario, result, error))
    return NULL;

  thresholds = aplomb_preset_get_thresholds (self->preset, &n_thresholds);
  result->n_thresholds = n_thresholds;
  result->thresholds = g_memdup2 (thresholds, sizeof (double) * MAX (n_thresholds, 1));
  result->threshold = under_served_threshold (self->preset);
  result->etp_added = result->supply->etp_added;
  result->etp_removed = result->supply->etp_removed;
  population = aplomb_territory_get_population (self->territory);
  for (guint c = 0; c < self->n_communes; c++)
    result->population[c] = population != NULL ? population[c] : NAN;
  memcpy (result->population_std, aplomb_apl_get_demand (self->baseline),
          sizeof (double) * self->n_communes);

  update_working (self, result->supply->supply);
  memcpy (result->nearest, aplomb_apl_get_nearest (self->working),
          sizeof (double) * self->n_communes);
  fill_values (self, result);
  fill_figures (self, scenario, result);
  return g_steal_pointer (&result);
}
