/* aplomb-preset.h: parameters of the APL method for one profession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define APLOMB_PRESET_ERROR (aplomb_preset_error_quark ())
GQuark aplomb_preset_error_quark (void);

typedef enum
{
  APLOMB_PRESET_ERROR_NOT_FOUND,
  APLOMB_PRESET_ERROR_INVALID,
} AplombPresetError;

#define APLOMB_PRESET_MAX_STEPS 8
#define APLOMB_PRESET_MAX_BANDS 24
#define APLOMB_PRESET_MAX_CLASSES 8

/* Step decay: weight[k] for a time in [bound[k-1], bound[k]) minutes
 * (bound[-1] = 0), 0 from the last bound on. */
typedef struct
{
  guint  n_steps;
  double bounds[APLOMB_PRESET_MAX_STEPS];
  double weights[APLOMB_PRESET_MAX_STEPS];
} AplombDecay;

/* How one supply row (heads, ETP, activity; NaN when unknown) becomes
 * supply: activity below the floor counts nothing, otherwise ETP =
 * activity / reference; known ETP are used as such; heads alone count
 * etp_per_head each. ETP are capped, then converted into the unit of the
 * indicator (consultations for GPs, ETP for the other professions). */
typedef struct
{
  double activity_floor;
  double activity_reference;
  double etp_cap;
  double etp_per_head;
  double output_per_etp;
} AplombSupplyRule;

/* Demand: population × consumption weight of its age band, or, when a
 * commune only has its share of people aged 75 or more, population ×
 * (weight_under_75 × (1 − share) + weight_75plus × share). */
typedef struct
{
  guint    n_bands;
  guint    lower_bounds[APLOMB_PRESET_MAX_BANDS];
  double   weights[APLOMB_PRESET_MAX_BANDS];
  double   weight_under_75;
  double   weight_75plus;
  gboolean women_only;
  double   share_women;
} AplombDemandRule;

/* One parameter as shown in the method panel and in reports. */
typedef struct
{
  const char *group;
  const char *key;
  const char *value;
  const char *source;
  const char *certainty;  /* V, V3, R (see apl-method.md) or D (derived here) */
} AplombPresetParameter;

#define APLOMB_TYPE_PRESET (aplomb_preset_get_type ())
G_DECLARE_FINAL_TYPE (AplombPreset, aplomb_preset, APLOMB, PRESET, GObject)

AplombPreset           *aplomb_preset_new_from_file       (const char   *path,
                                                           GError      **error);
AplombPreset           *aplomb_preset_load                (const char   *name,
                                                           GError      **error);

const char             *aplomb_preset_get_id              (AplombPreset *self);
const char             *aplomb_preset_get_name            (AplombPreset *self);
const char             *aplomb_preset_get_profession      (AplombPreset *self);
const char             *aplomb_preset_get_unit            (AplombPreset *self);
double                  aplomb_preset_get_scale           (AplombPreset *self);
const AplombDecay      *aplomb_preset_get_decay           (AplombPreset *self);
const AplombSupplyRule *aplomb_preset_get_supply_rule     (AplombPreset *self);
const AplombDemandRule *aplomb_preset_get_demand_rule     (AplombPreset *self);
/* Age bounds of the published variants; 0 means no bound. */
const guint            *aplomb_preset_get_age_bounds      (AplombPreset *self,
                                                           guint        *n_bounds);
const double           *aplomb_preset_get_thresholds      (AplombPreset *self,
                                                           guint        *n_thresholds);
void                    aplomb_preset_set_thresholds      (AplombPreset *self,
                                                           const double *thresholds,
                                                           guint         n_thresholds);
const AplombPresetParameter *aplomb_preset_get_parameters (AplombPreset *self,
                                                           guint        *n_parameters);

double                  aplomb_decay_weight               (const AplombDecay      *decay,
                                                           double                  minutes);
double                  aplomb_decay_get_reach            (const AplombDecay      *decay);
double                  aplomb_supply_rule_apply          (const AplombSupplyRule *rule,
                                                           double                  heads,
                                                           double                  etp,
                                                           double                  activity);
double                  aplomb_demand_rule_from_bands     (const AplombDemandRule *rule,
                                                           const guint            *lower_bounds,
                                                           const double           *populations,
                                                           guint                   n_bands);
double                  aplomb_demand_rule_from_share_75plus (const AplombDemandRule *rule,
                                                              double                  population,
                                                              double                  share_75plus);
/* Index of the class of value among n_thresholds + 1 classes. */
guint                   aplomb_classify                   (const double           *thresholds,
                                                           guint                   n_thresholds,
                                                           double                  value);

G_END_DECLS
