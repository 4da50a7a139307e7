/* aplomb-cli.h: the subcommands of aplomb-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aplomb-preset.h"
#include "aplomb-scenario-result.h"
#include "aplomb-territory.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

/* Each subcommand parses its own arguments (argv[0] is its name) and
 * returns the process exit status. */
typedef int (*AplombCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char           *name;
  const char           *summary;
  AplombCliCommandFunc  run;
} AplombCliCommand;

/* The territory of a project file, or of the bundled France without one;
 * with its travel times (saved, or the calibrated model's) for the other. */
AplombTerritory   *aplomb_cli_load_territory (const char         *project,
                                              GError            **error);
AplombTerritory   *aplomb_cli_load_project   (const char         *project,
                                              float               horizon,
                                              AplombTravelTimes **times,
                                              GString            *description,
                                              GError            **error);
gboolean           aplomb_cli_write_output   (const char         *path,
                                              GString            *contents,
                                              GError            **error);

int aplomb_cli_apl    (int argc, char **argv);
int aplomb_cli_bench  (int argc, char **argv);
int aplomb_cli_import (int argc, char **argv);
int aplomb_cli_info   (int argc, char **argv);
int aplomb_cli_scenario (int argc, char **argv);

/* aplomb-cli apl --scenario: evaluates the scenario in path on the engine
 * inputs of apl and prints its main figures (aplomb-cli-scenario.c). */
AplombScenarioResult *aplomb_cli_apl_scenario   (const char        *path,
                                                 AplombTerritory   *territory,
                                                 AplombTravelTimes *times,
                                                 AplombPreset      *preset,
                                                 const double      *supply,
                                                 const double      *demand,
                                                 GError           **error);

/* The scenario benchmarks of aplomb-cli bench, on the engine inputs it
 * built (aplomb-cli-bench-scenario.c). */
gboolean              aplomb_cli_bench_scenario (AplombTerritory   *territory,
                                                 AplombTravelTimes *times,
                                                 AplombPreset      *preset,
                                                 const double      *supply,
                                                 const double      *demand,
                                                 GError           **error);
int aplomb_cli_render (int argc, char **argv);

/* The tile rendering and picking benchmarks of aplomb-cli bench and
 * aplomb-cli render --bench (aplomb-cli-render.c). */
void                  aplomb_cli_bench_tiles    (AplombTerritory   *territory,
                                                 int                runs);

G_END_DECLS
