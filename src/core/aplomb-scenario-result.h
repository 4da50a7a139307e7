/* aplomb-scenario-result.h: the figures of a scenario against its baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aplomb-apl-aggregate.h"
#include "aplomb-scenario-supply.h"
#include "aplomb-territory.h"

G_BEGIN_DECLS

typedef enum
{
  APLOMB_GROUP_DEPARTEMENT,
  APLOMB_GROUP_EPCI,
  APLOMB_GROUP_CPTS,
} AplombGroupKind;

/* Per-commune vectors have n_communes values; classes index the preset's
 * thresholds (0 is under thresholds[0], the under-served class). */
typedef struct
{
  guint                 n_communes;
  double                threshold;         /* under-served below this APL */
  guint                 n_thresholds;
  double               *thresholds;
  double               *baseline;          /* computed or official APL */
  double               *values;            /* baseline + delta */
  double               *delta;             /* the engine's difference */
  double               *supply_delta;      /* scenario − baseline supply, pools included */
  double               *nearest;           /* minutes to the nearest commune with supply */
  guint8               *baseline_class;
  guint8               *value_class;
  GArray               *changed;           /* communes whose APL moved */
  GArray               *class_changed;     /* communes that changed class */
  double                population_lifted; /* from under the threshold to over it */
  double                population_fallen;
  AplombAplAggregate    before;            /* whole territory */
  AplombAplAggregate    after;
  double                etp_added;         /* net */
  double                etp_removed;
  double                lifted_per_etp;    /* population lifted per net ETP added */
  /* Consultations a year reaching residents of communes under the
   * threshold in the baseline, per net ETP added: Σ P_std ΔAPL over them. */
  double                underserved_gain_per_etp;
  AplombScenarioSupply *supply;            /* bus plans and CPTS pools */
  double               *population;
  double               *population_std;
  GPtrArray            *cpts_perimeters;   /* GArray of communes, per CPTS action */
  GPtrArray            *cpts_names;
} AplombScenarioResult;

/* Before and after over one département, EPCI or CPTS. */
typedef struct
{
  char              *code;
  char              *name;
  guint              n_changed;
  double             population_lifted;
  double             population_fallen;
  AplombAplAggregate before;
  AplombAplAggregate after;
} AplombScenarioGroup;

#define APLOMB_TYPE_SCENARIO_RESULT (aplomb_scenario_result_get_type ())
GType                 aplomb_scenario_result_get_type  (void) G_GNUC_CONST;

/* Results are reference counted and never change once evaluated. */
AplombScenarioResult *aplomb_scenario_result_new       (guint                       n_communes);
AplombScenarioResult *aplomb_scenario_result_ref       (AplombScenarioResult       *result);
void                  aplomb_scenario_result_unref     (AplombScenarioResult       *result);

/* Before and after over any set of communes. */
void                  aplomb_scenario_result_aggregate (const AplombScenarioResult *result,
                                                        const guint                *communes,
                                                        guint                       n,
                                                        AplombAplAggregate         *before,
                                                        AplombAplAggregate         *after);
/* One AplombScenarioGroup per département or EPCI where some APL moved,
 * or per CPTS of the scenario, in territory order. */
GPtrArray            *aplomb_scenario_result_group_by  (const AplombScenarioResult *result,
                                                        AplombTerritory            *territory,
                                                        AplombGroupKind             kind);
void                  aplomb_scenario_group_free       (AplombScenarioGroup        *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombScenarioResult, aplomb_scenario_result_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombScenarioGroup, aplomb_scenario_group_free)

G_END_DECLS
