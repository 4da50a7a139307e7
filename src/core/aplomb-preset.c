/* aplomb-preset.c: parameters of the APL method for one profession
 *
 * A preset is a key file in data/presets. Every parameter `key` comes with
 * `key_source` (where the value comes from) and `key_certainty` (V, V3, R
 * or D, as in docs/apl-method.md), so that no number of the method is a
 * literal in the engine and each one can be shown with its provenance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-core.h"
#include "aplomb-preset.h"

G_DEFINE_QUARK (aplomb-preset-error-quark, aplomb_preset_error)

struct _AplombPreset
{
  GObject parent_instance;

  char            *id;
  char            *name;
  char            *profession;
  char            *unit;
  double           scale;
  AplombDecay      decay;
  AplombSupplyRule supply;
  AplombDemandRule demand;
  guint            n_age_bounds;
  guint            age_bounds[APLOMB_PRESET_MAX_STEPS];
  guint            n_thresholds;
  double           thresholds[APLOMB_PRESET_MAX_CLASSES];

  GArray          *parameters;  /* of AplombPresetParameter */
  GStringChunk    *strings;     /* owns the parameters' text */
};

G_DEFINE_FINAL_TYPE (AplombPreset, aplomb_preset, G_TYPE_OBJECT)

static void
aplomb_preset_finalize (GObject *object)
{
  AplombPreset *self = APLOMB_PRESET (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->profession);
  g_free (self->unit);
  g_array_unref (self->parameters);
  g_string_chunk_free (self->strings);
  G_OBJECT_CLASS (aplomb_preset_parent_class)->finalize (object);
}

static void
aplomb_preset_class_init (AplombPresetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_preset_finalize;
}

static void
aplomb_preset_init (AplombPreset *self)
{
  self->parameters = g_array_new (FALSE, FALSE, sizeof (AplombPresetParameter));
  self->strings = g_string_chunk_new (1024);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *group,
         const char *key)
{
  g_set_error (error, APLOMB_PRESET_ERROR, APLOMB_PRESET_ERROR_INVALID,
               _("The preset “%s” has an invalid or unsourced value for “%s” in [%s]."),
               path, key, group);
  return FALSE;
}

/* Reads the raw text of a parameter and records it with its source and
 * certainty, both of which are mandatory. */
static char *
read_parameter (AplombPreset *self,
                GKeyFile     *file,
                const char   *path,
                const char   *group,
                const char   *key,
                GError      **error)
{
  g_autofree char *source_key = g_strconcat (key, "_source", NULL);
  g_autofree char *certainty_key = g_strconcat (key, "_certainty", NULL);
  g_autofree char *value = g_key_file_get_value (file, group, key, NULL);
  g_autofree char *source = g_key_file_get_string (file, group, source_key, NULL);
  g_autofree char *certainty = g_key_file_get_string (file, group, certainty_key, NULL);
  const char *known[] = { "V", "V3", "R", "D", NULL };
  AplombPresetParameter parameter;

  if (value == NULL || source == NULL || certainty == NULL ||
      !g_strv_contains (known, certainty))
    {
      invalid (error, path, group, key);
      return NULL;
    }

  parameter.group = g_string_chunk_insert_const (self->strings, group);
  parameter.key = g_string_chunk_insert_const (self->strings, key);
  parameter.value = g_string_chunk_insert (self->strings, value);
  parameter.source = g_string_chunk_insert (self->strings, source);
  parameter.certainty = g_string_chunk_insert_const (self->strings, certainty);
  g_array_append_val (self->parameters, parameter);
  return g_steal_pointer (&value);
}

static gboolean
parse_doubles (const char *text,
               double     *values,
               guint       max_values,
               guint      *n_values)
{
  g_auto(GStrv) items = g_strsplit (text, ";", -1);
  guint n = 0;

  for (guint k = 0; items[k] != NULL; k++)
    {
      char *item = g_strstrip (items[k]);
      char *end = NULL;

      if (*item == '\0' && items[k + 1] == NULL)
        break;  /* a trailing separator, as GKeyFile writes lists */
      if (n == max_values)
        return FALSE;
      values[n] = g_ascii_strtod (item, &end);
      if (end == item || *end != '\0' || !isfinite (values[n]))
        return FALSE;
      n++;
    }
  *n_values = n;
  return TRUE;
}

static gboolean
read_doubles (AplombPreset *self,
              GKeyFile     *file,
              const char   *path,
              const char   *group,
              const char   *key,
              double       *values,
              guint         max_values,
              guint        *n_values,
              GError      **error)
{
  g_autofree char *text = read_parameter (self, file, path, group, key, error);
  guint n = 0;

  if (text == NULL)
    return FALSE;
  if (!parse_doubles (text, values, max_values, &n) || (n_values == NULL && n != 1))
    return invalid (error, path, group, key);
  if (n_values != NULL)
    *n_values = n;
  return TRUE;
}

static gboolean
read_double (AplombPreset *self,
             GKeyFile     *file,
             const char   *path,
             const char   *group,
             const char   *key,
             double        minimum,
             double       *value,
             GError      **error)
{
  if (!read_doubles (self, file, path, group, key, value, 1, NULL, error))
    return FALSE;
  if (!(*value >= minimum))
    return invalid (error, path, group, key);
  return TRUE;
}

static gboolean
increasing (const double *values,
            guint         n,
            double        first_minimum)
{
  for (guint k = 0; k < n; k++)
    if (!(values[k] >= (k == 0 ? first_minimum : values[k - 1])) ||
        (k > 0 && values[k] == values[k - 1]))
      return FALSE;
  return TRUE;
}

static gboolean
load_decay (AplombPreset *self,
            GKeyFile     *file,
            const char   *path,
            GError      **error)
{
  AplombDecay *decay = &self->decay;
  guint n_weights = 0;

  if (!read_doubles (self, file, path, "Decay", "bounds", decay->bounds,
                     APLOMB_PRESET_MAX_STEPS, &decay->n_steps, error) ||
      !read_doubles (self, file, path, "Decay", "weights", decay->weights,
                     APLOMB_PRESET_MAX_STEPS, &n_weights, error))
    return FALSE;
  if (decay->n_steps == 0 || n_weights != decay->n_steps ||
      !increasing (decay->bounds, decay->n_steps, 1e-9))
    return invalid (error, path, "Decay", "bounds");
  for (guint k = 0; k < n_weights; k++)
    if (!(decay->weights[k] >= 0))
      return invalid (error, path, "Decay", "weights");
  return TRUE;
}

static gboolean
load_supply (AplombPreset *self,
             GKeyFile     *file,
             const char   *path,
             GError      **error)
{
  AplombSupplyRule *rule = &self->supply;

  return read_double (self, file, path, "Supply", "activity_floor", 0,
                      &rule->activity_floor, error) &&
         read_double (self, file, path, "Supply", "activity_reference", 1e-9,
                      &rule->activity_reference, error) &&
         read_double (self, file, path, "Supply", "etp_cap", 1e-9, &rule->etp_cap, error) &&
         read_double (self, file, path, "Supply", "etp_per_head", 0,
                      &rule->etp_per_head, error) &&
         read_double (self, file, path, "Supply", "output_per_etp", 1e-9,
                      &rule->output_per_etp, error);
}

static gboolean
load_demand (AplombPreset *self,
             GKeyFile     *file,
             const char   *path,
             GError      **error)
{
  AplombDemandRule *rule = &self->demand;
  double bounds[APLOMB_PRESET_MAX_BANDS];
  guint n_bounds = 0;

  if (!read_doubles (self, file, path, "Demand", "band_lower_bounds", bounds,
                     APLOMB_PRESET_MAX_BANDS, &n_bounds, error) ||
      !read_doubles (self, file, path, "Demand", "band_weights", rule->weights,
                     APLOMB_PRESET_MAX_BANDS, &rule->n_bands, error) ||
      !read_double (self, file, path, "Demand", "weight_under_75", 0,
                    &rule->weight_under_75, error) ||
      !read_double (self, file, path, "Demand", "weight_75plus", 0,
                    &rule->weight_75plus, error) ||
      !read_double (self, file, path, "Demand", "share_women", 0, &rule->share_women, error))
    return FALSE;
  if (n_bounds != rule->n_bands || n_bounds == 0 || bounds[0] != 0 ||
      !increasing (bounds, n_bounds, 0))
    return invalid (error, path, "Demand", "band_lower_bounds");
  for (guint b = 0; b < n_bounds; b++)
    rule->lower_bounds[b] = (guint) bounds[b];

  /* Only the midwives' indicator counts women. */
  rule->women_only = g_key_file_get_boolean (file, "Demand", "women_only", NULL);
  return rule->share_women <= 1 || invalid (error, path, "Demand", "share_women");
}

static gboolean
load_output (AplombPreset *self,
             GKeyFile     *file,
             const char   *path,
             GError      **error)
{
  double bounds[APLOMB_PRESET_MAX_STEPS];

  if (!read_double (self, file, path, "Output", "scale", 1e-9, &self->scale, error) ||
      !read_doubles (self, file, path, "Output", "age_bounds", bounds,
                     APLOMB_PRESET_MAX_STEPS, &self->n_age_bounds, error) ||
      !read_doubles (self, file, path, "Output", "class_thresholds", self->thresholds,
                     APLOMB_PRESET_MAX_CLASSES, &self->n_thresholds, error))
    return FALSE;
  for (guint k = 0; k < self->n_age_bounds; k++)
    {
      if (!(bounds[k] >= 0 && bounds[k] < 150))
        return invalid (error, path, "Output", "age_bounds");
      self->age_bounds[k] = (guint) bounds[k];
    }
  if (!increasing (self->thresholds, self->n_thresholds, -G_MAXDOUBLE))
    return invalid (error, path, "Output", "class_thresholds");
  return TRUE;
}

AplombPreset *
aplomb_preset_new_from_file (const char *path,
                             GError    **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(AplombPreset) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, APLOMB_PRESET_ERROR, APLOMB_PRESET_ERROR_INVALID,
                   _("Cannot read the preset “%s”: %s"), path, local_error->message);
      return NULL;
    }

  self = g_object_new (APLOMB_TYPE_PRESET, NULL);
  self->id = g_key_file_get_string (file, "Preset", "id", NULL);
  self->name = g_key_file_get_locale_string (file, "Preset", "name", NULL, NULL);
  self->profession = g_key_file_get_string (file, "Preset", "profession", NULL);
  self->unit = g_key_file_get_locale_string (file, "Preset", "unit", NULL, NULL);
  if (self->id == NULL || self->name == NULL || self->profession == NULL || self->unit == NULL)
    {
      invalid (error, path, "Preset", "id");
      return NULL;
    }

  if (!load_decay (self, file, path, error) || !load_supply (self, file, path, error) ||
      !load_demand (self, file, path, error) || !load_output (self, file, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Presets are found by name in the data search path (presets/NAME.ini). */
AplombPreset *
aplomb_preset_load (const char *name,
                    GError    **error)
{
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  relative = g_strconcat ("presets/", name, ".ini", NULL);
  path = strchr (name, '/') == NULL ? aplomb_core_find_data (relative) : NULL;
  if (path == NULL)
    {
      g_set_error (error, APLOMB_PRESET_ERROR, APLOMB_PRESET_ERROR_NOT_FOUND,
                   _("No preset is named “%s”."), name);
      return NULL;
    }
  return aplomb_preset_new_from_file (path, error);
}

const char *
aplomb_preset_get_id (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return self->id;
}

const char *
aplomb_preset_get_name (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return self->name;
}

const char *
aplomb_preset_get_profession (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return self->profession;
}

const char *
aplomb_preset_get_unit (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return self->unit;
}

double
aplomb_preset_get_scale (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), 1);
  return self->scale;
}

const AplombDecay *
aplomb_preset_get_decay (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return &self->decay;
}

const AplombSupplyRule *
aplomb_preset_get_supply_rule (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return &self->supply;
}

const AplombDemandRule *
aplomb_preset_get_demand_rule (AplombPreset *self)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  return &self->demand;
}

const guint *
aplomb_preset_get_age_bounds (AplombPreset *self,
                              guint        *n_bounds)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  *n_bounds = self->n_age_bounds;
  return self->age_bounds;
}

const double *
aplomb_preset_get_thresholds (AplombPreset *self,
                              guint        *n_thresholds)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  *n_thresholds = self->n_thresholds;
  return self->thresholds;
}

/* Classes are editable by the user (the 2025 zonage uses other cuts). */
void
aplomb_preset_set_thresholds (AplombPreset *self,
                              const double *thresholds,
                              guint         n_thresholds)
{
  g_return_if_fail (APLOMB_IS_PRESET (self));
  g_return_if_fail (n_thresholds <= APLOMB_PRESET_MAX_CLASSES);
  g_return_if_fail (increasing (thresholds, n_thresholds, -G_MAXDOUBLE));

  memcpy (self->thresholds, thresholds, n_thresholds * sizeof *thresholds);
  self->n_thresholds = n_thresholds;
}

const AplombPresetParameter *
aplomb_preset_get_parameters (AplombPreset *self,
                              guint        *n_parameters)
{
  g_return_val_if_fail (APLOMB_IS_PRESET (self), NULL);
  *n_parameters = self->parameters->len;
  return (const AplombPresetParameter *) self->parameters->data;
}

double
aplomb_decay_weight (const AplombDecay *decay,
                     double             minutes)
{
  for (guint k = 0; k < decay->n_steps; k++)
    if (minutes < decay->bounds[k])
      return decay->weights[k];
  return 0;
}

/* The time from which the decay is 0: travel times must reach it. */
double
aplomb_decay_get_reach (const AplombDecay *decay)
{
  return decay->bounds[decay->n_steps - 1];
}

double
aplomb_supply_rule_apply (const AplombSupplyRule *rule,
                          double                  heads,
                          double                  etp,
                          double                  activity)
{
  double count;

  if (!isnan (activity))
    count = activity < rule->activity_floor
              ? 0
              : MIN (activity / rule->activity_reference, rule->etp_cap);
  else if (!isnan (etp))
    {
      /* The cap bounds each practitioner of a row that counts several. */
      double n = isnan (heads) || heads < 1 ? 1 : heads;

      count = MIN (etp / n, rule->etp_cap) * n;
    }
  else if (!isnan (heads))
    count = heads * rule->etp_per_head;
  else
    count = 0;
  return count * rule->output_per_etp;
}

/* Each band of the data takes the weight of the preset band its lower
 * bound falls in (bands of the data are at least as fine in practice:
 * INSEE publishes five-year bands). */
double
aplomb_demand_rule_from_bands (const AplombDemandRule *rule,
                               const guint            *lower_bounds,
                               const double           *populations,
                               guint                   n_bands)
{
  double total = 0;

  for (guint b = 0; b < n_bands; b++)
    {
      guint k = 0;

      while (k + 1 < rule->n_bands && rule->lower_bounds[k + 1] <= lower_bounds[b])
        k++;
      if (!isnan (populations[b]))
        total += populations[b] * rule->weights[k];
    }
  return total * (rule->women_only ? rule->share_women : 1);
}

double
aplomb_demand_rule_from_share_75plus (const AplombDemandRule *rule,
                                      double                  population,
                                      double                  share_75plus)
{
  double weight;

  if (isnan (population))
    return 0;
  /* Weights are relative to the national mean consumption, so a commune
   * of unknown age structure counts as an average one. */
  weight = isnan (share_75plus)
             ? 1
             : rule->weight_under_75 * (1 - share_75plus) + rule->weight_75plus * share_75plus;
  return population * weight * (rule->women_only ? rule->share_women : 1);
}

guint
aplomb_classify (const double *thresholds,
                 guint         n_thresholds,
                 double        value)
{
  guint k = 0;

  while (k < n_thresholds && value >= thresholds[k])
    k++;
  return k;
}
