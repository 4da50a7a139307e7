/* aplomb-scenario-results.h: the figures of a scenario and the communes it
 * changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-scenario-result.h"
#include "aplomb-territory.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_SCENARIO_RESULTS (aplomb_scenario_results_get_type ())
G_DECLARE_FINAL_TYPE (AplombScenarioResults, aplomb_scenario_results,
                      APLOMB, SCENARIO_RESULTS, GtkWidget)

/* At most this many changed communes are listed, the largest changes
 * first. */
#define APLOMB_SCENARIO_RESULTS_MAX_COMMUNES 30

GtkWidget  *aplomb_scenario_results_new            (void);
/* Shows the figures of result (NULL to clear) for the communes of
 * territory. */
void        aplomb_scenario_results_show           (AplombScenarioResults *self,
                                                    AplombTerritory       *territory,
                                                    AplombScenarioResult  *result);
/* The same with, unless other is NULL, the figures of other in a second
 * column; both results must have the same baseline. The areas and the
 * communes listed are result's, and then say so. The notes (the
 * evaluations' warnings) are both results'. */
void        aplomb_scenario_results_show_compared  (AplombScenarioResults *self,
                                                    AplombTerritory       *territory,
                                                    AplombScenarioResult  *result,
                                                    const char            *name,
                                                    AplombScenarioResult  *other,
                                                    const char            *other_name);
/* The profession's figures without its APL: the project has no
 * practitioner of it, so only the ETP the scenario adds are shown, with
 * explanation (NULL: none) above them; result NULL shows no figure, while
 * its evaluation is prepared. The profession row stays. */
void        aplomb_scenario_results_show_without_apl (AplombScenarioResults *self,
                                                      AplombScenarioResult  *result,
                                                      const char            *explanation);
/* The professions the user may see (shown when more than one) and the one
 * selected; the user's choices are notified as property "profession". */
void        aplomb_scenario_results_set_professions (AplombScenarioResults *self,
                                                     const char *const     *names,
                                                     guint                  selected);
guint       aplomb_scenario_results_get_profession (AplombScenarioResults *self);
/* As if the user chose it. */
void        aplomb_scenario_results_set_profession (AplombScenarioResults *self,
                                                    guint                  profession);
/* Under the profession's name: what its figures are measured against. */
void        aplomb_scenario_results_set_profession_note (AplombScenarioResults *self,
                                                         const char            *note);
/* The names of the scenarios the user may compare with, and the one
 * chosen (position + 1, 0 for none); the user's choices are notified as
 * property "compared". */
void        aplomb_scenario_results_set_comparable (AplombScenarioResults *self,
                                                    const char *const     *names,
                                                    guint                  compared);
guint       aplomb_scenario_results_get_compared   (AplombScenarioResults *self);
/* As if the user chose it. */
void        aplomb_scenario_results_set_compared   (AplombScenarioResults *self,
                                                    guint                  compared);
/* The text of a figure as shown: "changed", "class_changed", "lifted",
 * "fallen", "underserved", "mean", "d9_d1", "etp", "lifted_per_etp",
 * "underserved_gain_per_etp"; the second column's, or NULL when it is
 * not shown (figures against the under-served threshold are not for a
 * preset without one). */
const char *aplomb_scenario_results_get_value      (AplombScenarioResults *self,
                                                    const char            *name);
const char *aplomb_scenario_results_get_compared_value (AplombScenarioResults *self,
                                                        const char            *name);
/* The communes listed, in order. */
guint       aplomb_scenario_results_get_n_communes (AplombScenarioResults *self);
guint       aplomb_scenario_results_get_commune    (AplombScenarioResults *self,
                                                    guint                  position);

G_END_DECLS
