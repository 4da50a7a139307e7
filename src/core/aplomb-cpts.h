/* aplomb-cpts.h: checks and diagnostic of a CPTS perimeter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aplomb-apl-aggregate.h"
#include "aplomb-preset.h"
#include "aplomb-scenario.h"
#include "aplomb-territory.h"

G_BEGIN_DECLS

/* Two communes border each other when a vertex of one lies within this
 * distance of the other's boundary: the bundled boundaries are simplified
 * commune by commune, which leaves gaps of up to about 250 m between
 * neighbours (data/france/PROVENANCE.md), so shared vertices cannot be
 * relied on. */
#define APLOMB_CPTS_NEIGHBOUR_KM 0.3

#define APLOMB_CPTS_MAX_CLASSES (APLOMB_PRESET_MAX_CLASSES + 1)
#define APLOMB_CPTS_MAX_AGE_BOUNDS 8

/* Figures of an area (the perimeter, its département, France). Unknown
 * figures are NaN. */
typedef struct
{
  guint              n_communes;
  double             population;
  double             share_75plus;            /* of the population where known */
  double             area_km2;
  double             density_km2;             /* inhabitants per km² */
  double             heads[APLOMB_N_PROFESSIONS];
  double             heads_per_10k;           /* of the preset's profession */
  double             heads_known_age;         /* of the preset's profession */
  guint              n_age_bounds;
  guint              age_bounds[APLOMB_CPTS_MAX_AGE_BOUNDS];   /* the preset's variants */
  double             heads_over[APLOMB_CPTS_MAX_AGE_BOUNDS];   /* older than age_bounds[k] */
  AplombAplAggregate apl;                     /* std-pop-weighted mean, share under, D1, D9 */
  guint              n_classes;
  double             population_in_class[APLOMB_CPTS_MAX_CLASSES];
} AplombAreaDiagnostic;

typedef struct
{
  guint                action;
  GArray              *communes;       /* the perimeter */
  guint                n_components;   /* 1 when contiguous */
  GArray              *overlaps;       /* indices of the other CPTS actions sharing communes */
  char                *departement;    /* holding most of the perimeter's population */
  AplombAreaDiagnostic perimeter;
  AplombAreaDiagnostic departement_area;
  AplombAreaDiagnostic france;
} AplombCptsReport;

/* Connected groups of communes among communes[0 .. n-1], neighbours
 * as defined above; component[k] receives the group of communes[k] (may be
 * NULL). */
guint             aplomb_cpts_count_components (AplombTerritory    *territory,
                                                const guint        *communes,
                                                guint               n,
                                                guint              *component);

void              aplomb_area_diagnose         (AplombTerritory    *territory,
                                                AplombPreset       *preset,
                                                const double       *apl,
                                                const double       *population_std,
                                                const guint        *communes,
                                                guint               n,
                                                AplombAreaDiagnostic *diagnostic);

/* The report of the CPTS action at index of scenario, apl being the APL to
 * describe (the baseline, typically). */
AplombCptsReport *aplomb_cpts_report_new       (AplombScenario     *scenario,
                                                guint               index,
                                                AplombTerritory    *territory,
                                                AplombPreset       *preset,
                                                const double       *apl,
                                                const double       *population_std,
                                                GError            **error);
void              aplomb_cpts_report_free      (AplombCptsReport   *report);

/* The perimeter a user's file describes, as INSEE codes in territory
 * order: the communes whose chef-lieu (inner point) lies inside the
 * polygons of a map layer in any CRS (minus their holes), or those a table
 * lists in a commune code column (code_insee, codgeo, depcom…; former
 * codes of merged communes are mapped to the current ones). An unknown
 * code, with its line, or an empty perimeter is an error. */
GPtrArray        *aplomb_cpts_read_perimeter   (AplombTerritory    *territory,
                                                const char         *path,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombCptsReport, aplomb_cpts_report_free)

G_END_DECLS
