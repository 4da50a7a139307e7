/* aplomb-apl.c: the E2SFCA engine behind the APL, with incremental updates
 *
 * The engine keeps, for every practice commune j, the residents i with a
 * non-zero weight f(d_ij), as one contiguous CSR block of resident indices
 * and decay steps (one byte: the weights themselves stay exact doubles in a
 * table that lives in L1). A full computation walks each block with supply twice while it is
 * in cache: once to gather the catchment D_j = Σ f(d_ij) P_i, once to
 * scatter f(d_ij) R_j into the APL of its residents. Communes without supply
 * cost nothing, and a change of supply at j only touches block j.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-apl.h"

G_DEFINE_QUARK (aplomb-apl-error-quark, aplomb_apl_error)

struct _AplombApl
{
  GObject parent_instance;

  AplombTravelTimes *times;
  AplombDecay        decay;
  double             scale;
  guint              n_communes;

  guint             *offsets;    /* n_communes + 1, by practice commune */
  guint             *residents;
  guint8            *steps;      /* index into decay.weights */

  double            *supply;
  double            *demand;
  double            *catchment;  /* D_j, NaN until needed */
  double            *ratio;      /* R_j, scale included */
  double            *values;
  double            *nearest;
  gboolean           nearest_valid;
};

G_DEFINE_FINAL_TYPE (AplombApl, aplomb_apl, G_TYPE_OBJECT)

static void
aplomb_apl_finalize (GObject *object)
{
  AplombApl *self = APLOMB_APL (object);

  g_clear_object (&self->times);
  g_free (self->offsets);
  g_free (self->residents);
  g_free (self->steps);
  g_free (self->supply);
  g_free (self->demand);
  g_free (self->catchment);
  g_free (self->ratio);
  g_free (self->values);
  g_free (self->nearest);
  G_OBJECT_CLASS (aplomb_apl_parent_class)->finalize (object);
}

static void
aplomb_apl_class_init (AplombAplClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_apl_finalize;
}

static void
aplomb_apl_init (AplombApl *self)
{
}

/* The decay step of a time, or -1 where the weight is 0. */
static int
decay_step (const AplombDecay *decay,
            float              minutes)
{
  for (guint k = 0; k < decay->n_steps; k++)
    if (minutes < decay->bounds[k])
      return decay->weights[k] > 0 ? (int) k : -1;
  return -1;
}

/* The decay as float bounds and step codes (-1 for a zero weight, and
 * past the last bound), when every bound is exactly a float: comparing
 * the float minutes to them is then the same as to the double bounds,
 * without converting four million times. */
typedef struct
{
  guint n_steps;
  float bounds[APLOMB_PRESET_MAX_STEPS];
  gint8 codes[APLOMB_PRESET_MAX_STEPS + 1];
} FloatDecay;

static gboolean
float_decay_init (FloatDecay        *fast,
                  const AplombDecay *decay)
{
  fast->n_steps = decay->n_steps;
  for (guint k = 0; k < decay->n_steps; k++)
    {
      fast->bounds[k] = decay->bounds[k];
      if ((double) fast->bounds[k] != decay->bounds[k])
        return FALSE;
      fast->codes[k] = decay->weights[k] > 0 ? (gint8) k : -1;
    }
  fast->codes[decay->n_steps] = -1;
  return TRUE;
}

/* Counts the bounds passed rather than stopping at the first one above:
 * no branch to mispredict on every pair. */
static inline gint8
float_decay_step (const FloatDecay *fast,
                  float             minutes)
{
  guint k = 0;

  for (guint b = 0; b < fast->n_steps; b++)
    k += minutes >= fast->bounds[b];
  return fast->codes[k];
}

/* The weight blocks are the matrix's columns (residents in increasing
 * order: the transpose keeps them so) without the pairs the decay zeroes:
 * one sequential pass, or none at all for a symmetric matrix, whose
 * columns are its rows. */
static void
build_weight_blocks (AplombApl *self)
{
  guint n = self->n_communes;
  gsize capacity = MAX (aplomb_travel_times_get_n_pairs (self->times), 1);
  FloatDecay fast;
  gboolean exact = float_decay_init (&fast, &self->decay);
  gsize kept = 0;

  self->offsets = g_new (guint, n + 1);
  self->residents = g_new (guint, capacity);
  self->steps = g_new (guint8, capacity);
  for (guint j = 0; j < n; j++)
    {
      const guint *origins;
      const float *mins;
      guint len = aplomb_travel_times_get_column (self->times, j, &origins, &mins);

      self->offsets[j] = kept;
      for (guint p = 0; p < len; p++)
        {
          int step = exact ? float_decay_step (&fast, mins[p]) : decay_step (&self->decay, mins[p]);

          /* Written unconditionally, kept only when weighed: no branch on
           * the step in the loop. */
          self->residents[kept] = origins[p];
          self->steps[kept] = step;
          kept += step >= 0;
        }
    }
  self->offsets[n] = kept;
  /* Only the pages written are resident; shrinking gives the rest back. */
  self->residents = g_renew (guint, self->residents, MAX (kept, 1));
  self->steps = g_renew (guint8, self->steps, MAX (kept, 1));
}

AplombApl *
aplomb_apl_new (AplombTravelTimes *times,
                const AplombDecay *decay,
                double             scale,
                GError           **error)
{
  AplombApl *self;
  guint n;

  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (times), NULL);
  g_return_val_if_fail (decay != NULL && decay->n_steps > 0, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  /* Pairs beyond the horizon are missing from the matrix: a decay reaching
   * further would silently count them as unreachable. */
  if (aplomb_travel_times_get_horizon (times) < aplomb_decay_get_reach (decay))
    {
      g_set_error (error, APLOMB_APL_ERROR, APLOMB_APL_ERROR_HORIZON,
                   _("The travel times stop at %g minutes, short of the %g minutes the method "
                     "needs."),
                   aplomb_travel_times_get_horizon (times), aplomb_decay_get_reach (decay));
      return NULL;
    }

  n = aplomb_travel_times_get_n_communes (times);
  self = g_object_new (APLOMB_TYPE_APL, NULL);
  self->times = g_object_ref (times);
  self->decay = *decay;
  self->scale = scale;
  self->n_communes = n;
  self->supply = g_new0 (double, n);
  self->demand = g_new0 (double, n);
  self->catchment = g_new (double, n);
  self->ratio = g_new0 (double, n);
  self->values = g_new0 (double, n);
  self->nearest = g_new (double, n);
  for (guint j = 0; j < n; j++)
    self->catchment[j] = NAN;
  build_weight_blocks (self);
  return self;
}

guint
aplomb_apl_get_n_communes (AplombApl *self)
{
  g_return_val_if_fail (APLOMB_IS_APL (self), 0);
  return self->n_communes;
}

gsize
aplomb_apl_get_n_pairs (AplombApl *self)
{
  g_return_val_if_fail (APLOMB_IS_APL (self), 0);
  return self->offsets[self->n_communes];
}

static gboolean
all_valid (const double *values,
           guint         n)
{
  for (guint i = 0; i < n; i++)
    if (!(values[i] >= 0 && isfinite (values[i])))
      return FALSE;
  return TRUE;
}

void
aplomb_apl_set_supply (AplombApl    *self,
                       const double *supply)
{
  g_return_if_fail (APLOMB_IS_APL (self));
  g_return_if_fail (supply != NULL && all_valid (supply, self->n_communes));

  memcpy (self->supply, supply, self->n_communes * sizeof *supply);
  self->nearest_valid = FALSE;
}

void
aplomb_apl_set_demand (AplombApl    *self,
                       const double *population_std)
{
  g_return_if_fail (APLOMB_IS_APL (self));
  g_return_if_fail (population_std != NULL && all_valid (population_std, self->n_communes));

  memcpy (self->demand, population_std, self->n_communes * sizeof *population_std);
}

const double *
aplomb_apl_get_supply (AplombApl *self)
{
  g_return_val_if_fail (APLOMB_IS_APL (self), NULL);
  return self->supply;
}

const double *
aplomb_apl_get_demand (AplombApl *self)
{
  g_return_val_if_fail (APLOMB_IS_APL (self), NULL);
  return self->demand;
}

static inline double
gather_catchment (AplombApl *self,
                  guint      j)
{
  const double *demand = self->demand;
  const double *weights = self->decay.weights;
  double total = 0;

  for (guint p = self->offsets[j]; p < self->offsets[j + 1]; p++)
    total += weights[self->steps[p]] * demand[self->residents[p]];
  return total;
}

static inline void
scatter_ratio (AplombApl *self,
               guint      j,
               double     ratio)
{
  double *values = self->values;
  double step_ratios[APLOMB_PRESET_MAX_STEPS];

  for (guint k = 0; k < self->decay.n_steps; k++)
    step_ratios[k] = self->decay.weights[k] * ratio;
  for (guint p = self->offsets[j]; p < self->offsets[j + 1]; p++)
    values[self->residents[p]] += step_ratios[self->steps[p]];
}

/* A site nobody reaches (no population within the decay) serves nobody:
 * its ratio is 0 rather than infinite. */
static inline double
site_ratio (AplombApl *self,
            guint      j)
{
  return self->catchment[j] > 0 ? self->scale * self->supply[j] / self->catchment[j] : 0;
}

void
aplomb_apl_compute (AplombApl *self)
{
  g_return_if_fail (APLOMB_IS_APL (self));

  memset (self->values, 0, self->n_communes * sizeof *self->values);
  for (guint j = 0; j < self->n_communes; j++)
    {
      if (self->supply[j] > 0)
        {
          self->catchment[j] = gather_catchment (self, j);
          self->ratio[j] = site_ratio (self, j);
          scatter_ratio (self, j, self->ratio[j]);
        }
      else
        {
          self->catchment[j] = NAN;
          self->ratio[j] = 0;
        }
    }
}

/* Re-derives R_j after its supply or catchment changed and passes the
 * difference on to the residents of j. */
static void
update_site (AplombApl *self,
             guint      j)
{
  double ratio, delta;

  if (isnan (self->catchment[j]))
    self->catchment[j] = gather_catchment (self, j);
  ratio = site_ratio (self, j);
  delta = ratio - self->ratio[j];
  self->ratio[j] = ratio;
  if (delta != 0)
    scatter_ratio (self, j, delta);
}

/* Only the residents i of j, within the decay of j, change. */
static void
update_nearest_around (AplombApl *self,
                       guint      j,
                       gboolean   gained)
{
  const guint *origins;
  const float *minutes;
  guint n = aplomb_travel_times_get_column (self->times, j, &origins, &minutes);

  for (guint p = 0; p < n; p++)
    {
      guint i = origins[p];

      if (gained)
        self->nearest[i] = MIN (self->nearest[i], minutes[p]);
      else if (self->nearest[i] == minutes[p])
        {
          const guint *dest;
          const float *mins;
          guint len = aplomb_travel_times_get_row (self->times, i, &dest, &mins);
          double best = INFINITY;

          for (guint q = 0; q < len; q++)
            if (self->supply[dest[q]] > 0 && mins[q] < best)
              best = mins[q];
          self->nearest[i] = best;
        }
    }
}

void
aplomb_apl_change_supply (AplombApl *self,
                          guint      commune,
                          double     supply)
{
  gboolean had;

  g_return_if_fail (APLOMB_IS_APL (self));
  g_return_if_fail (commune < self->n_communes);
  g_return_if_fail (supply >= 0 && isfinite (supply));

  had = self->supply[commune] > 0;
  self->supply[commune] = supply;
  update_site (self, commune);
  if (self->nearest_valid && had != (supply > 0))
    update_nearest_around (self, commune, supply > 0);
}

/* A resident k belongs to the catchment of every site j it reaches: those
 * D_j are gathered again (in the same order as a full computation, so they
 * come out identical) and their residents updated, the two-hop
 * neighbourhood of k. */
void
aplomb_apl_change_demand (AplombApl *self,
                          guint      commune,
                          double     population_std)
{
  const guint *dest;
  const float *mins;
  guint len;

  g_return_if_fail (APLOMB_IS_APL (self));
  g_return_if_fail (commune < self->n_communes);
  g_return_if_fail (population_std >= 0 && isfinite (population_std));

  self->demand[commune] = population_std;
  len = aplomb_travel_times_get_row (self->times, commune, &dest, &mins);
  for (guint p = 0; p < len; p++)
    {
      guint j = dest[p];

      if (decay_step (&self->decay, mins[p]) < 0)
        continue;
      self->catchment[j] = NAN;
      if (self->supply[j] > 0 || self->ratio[j] != 0)
        update_site (self, j);
    }
}

const double *
aplomb_apl_get_values (AplombApl *self)
{
  g_return_val_if_fail (APLOMB_IS_APL (self), NULL);
  return self->values;
}

const double *
aplomb_apl_get_nearest (AplombApl *self)
{
  g_return_val_if_fail (APLOMB_IS_APL (self), NULL);

  if (!self->nearest_valid)
    {
      g_autofree gboolean *has_supply = g_new (gboolean, self->n_communes);

      for (guint j = 0; j < self->n_communes; j++)
        has_supply[j] = self->supply[j] > 0;
      aplomb_travel_times_nearest (self->times, has_supply, self->nearest);
      self->nearest_valid = TRUE;
    }
  return self->nearest;
}

void
aplomb_density_per_10k (const double *heads,
                        const double *population,
                        guint         n_communes,
                        double       *density)
{
  for (guint i = 0; i < n_communes; i++)
    density[i] = population[i] > 0 ? 1e4 * (isnan (heads[i]) ? 0 : heads[i]) / population[i]
                                   : NAN;
}
