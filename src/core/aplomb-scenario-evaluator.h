/* aplomb-scenario-evaluator.h: scenarios through the APL engine, incrementally
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aplomb-preset.h"
#include "aplomb-scenario-result.h"
#include "aplomb-scenario.h"
#include "aplomb-territory.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_SCENARIO_EVALUATOR (aplomb_scenario_evaluator_get_type ())
G_DECLARE_FINAL_TYPE (AplombScenarioEvaluator, aplomb_scenario_evaluator,
                      APLOMB, SCENARIO_EVALUATOR, GObject)

/* supply and demand are the engine inputs of the baseline (supply in the
 * unit of the preset, standardised population), copied. The evaluator
 * keeps one engine at the baseline and one at the last scenario evaluated,
 * so that the next evaluation only updates the communes whose supply
 * differs. */
AplombScenarioEvaluator *aplomb_scenario_evaluator_new          (AplombTerritory         *territory,
                                                                 AplombTravelTimes       *times,
                                                                 AplombPreset            *preset,
                                                                 const double            *supply,
                                                                 const double            *demand,
                                                                 GError                 **error);

/* The APL the engine computes with no scenario. */
const double            *aplomb_scenario_evaluator_get_computed (AplombScenarioEvaluator *self);
const double            *aplomb_scenario_evaluator_get_supply   (AplombScenarioEvaluator *self);

/* The scenario's effect against its baseline: the computed APL, or the
 * official APL of its year (territory column "apl_official_YEAR") to which
 * the engine's difference is added. */
AplombScenarioResult    *aplomb_scenario_evaluator_evaluate     (AplombScenarioEvaluator *self,
                                                                 AplombScenario          *scenario,
                                                                 GError                 **error);

G_END_DECLS
