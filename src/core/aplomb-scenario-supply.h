/* aplomb-scenario-supply.h: what a scenario does to the supply of care
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aplomb-bus-tour.h"
#include "aplomb-preset.h"
#include "aplomb-scenario.h"
#include "aplomb-territory.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

/* Unscheduled care pooled by a CPTS: the residents of its perimeter reach
 * any member commune within max_minutes, with full weight (docs/method.md). */
typedef struct
{
  guint   action;       /* index in the scenario */
  guint   n_members;
  guint  *members;      /* communes of the perimeter */
  double *pooled;       /* supply moved into the pool, per member */
  double  max_minutes;
} AplombSupplyPool;

/* The weekly plan of a bus: each served day, its stops (communes) and the
 * tour through them (tour->order indexes day_stops[d] and sessions[d]),
 * with its timetable (arrivals[d][k] at the k-th stop visited, in minutes
 * after leaving the base). */
typedef struct
{
  guint          action;
  guint          base;
  guint          n_day_stops[APLOMB_N_WEEKDAYS];
  guint         *day_stops[APLOMB_N_WEEKDAYS];
  double        *sessions[APLOMB_N_WEEKDAYS];   /* consultation minutes per stop */
  double        *arrivals[APLOMB_N_WEEKDAYS];
  AplombBusTour *tours[APLOMB_N_WEEKDAYS];      /* NULL on days without service */
} AplombBusPlan;

/* The communes of a day's tour in driving order, base first and last;
 * NULL on a day without service. */
guint                *aplomb_bus_plan_get_route   (const AplombBusPlan *plan,
                                                   AplombWeekday        day,
                                                   guint               *n_communes);

typedef struct
{
  guint      n_communes;
  double    *supply;         /* per commune, in the unit of the preset, pools excluded */
  GPtrArray *pools;          /* AplombSupplyPool */
  GPtrArray *bus_plans;      /* AplombBusPlan */
  double     etp_added;      /* net change, all actions together */
  double     etp_removed;    /* retirements, removals and relocations' origins */
  GPtrArray *warnings;       /* what was adjusted: translated, naming action and field */
} AplombScenarioSupply;

/* Applies the actions to baseline_supply (the unit of the preset, as given
 * to the engine) in four phases: retirements, then additions and
 * relocations, then CPTS task sharing, then CPTS pooling. Errors name the
 * action and field (unknown commune or EPCI, GPs moved or removed from a
 * commune that has none, overlapping CPTS, pooling beyond the travel
 * times); moving or removing more than a commune has takes what it has and
 * adds a warning. */
AplombScenarioSupply *aplomb_scenario_supply_new  (AplombScenario     *scenario,
                                                   AplombTerritory    *territory,
                                                   AplombTravelTimes  *times,
                                                   AplombPreset       *preset,
                                                   const double       *baseline_supply,
                                                   GError            **error);
void                  aplomb_scenario_supply_free (AplombScenarioSupply *supply);

/* The perimeter of a CPTS action: its communes and those of its EPCI, each
 * once, in territory order. */
GArray               *aplomb_cpts_action_resolve  (const AplombAction *action,
                                                   guint               index,
                                                   AplombTerritory    *territory,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombScenarioSupply, aplomb_scenario_supply_free)

G_END_DECLS
