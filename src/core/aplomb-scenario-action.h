/* aplomb-scenario-action.h: one action of a scenario (MSP, bus, CPTS, …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aplomb-territory.h"

G_BEGIN_DECLS

#define APLOMB_SCENARIO_ERROR (aplomb_scenario_error_quark ())
GQuark aplomb_scenario_error_quark (void);

typedef enum
{
  APLOMB_SCENARIO_ERROR_INVALID_JSON,
  APLOMB_SCENARIO_ERROR_INVALID,
  APLOMB_SCENARIO_ERROR_UNKNOWN_COMMUNE,
  APLOMB_SCENARIO_ERROR_IMPOSSIBLE_SCHEDULE,
  APLOMB_SCENARIO_ERROR_BASELINE,
} AplombScenarioError;

typedef enum
{
  APLOMB_ACTION_MSP,
  APLOMB_ACTION_BUS,
  APLOMB_ACTION_CPTS,
  APLOMB_ACTION_RETIREMENTS,
  APLOMB_ACTION_PRACTITIONER,
  APLOMB_ACTION_TELECONSULTATION,
  APLOMB_N_ACTION_KINDS
} AplombActionKind;

typedef enum
{
  APLOMB_MONDAY,
  APLOMB_TUESDAY,
  APLOMB_WEDNESDAY,
  APLOMB_THURSDAY,
  APLOMB_FRIDAY,
  APLOMB_SATURDAY,
  APLOMB_SUNDAY,
  APLOMB_N_WEEKDAYS
} AplombWeekday;

/* GPs of an MSP who come from another commune, which loses them. */
typedef struct
{
  char  *commune;  /* INSEE code */
  double gp_etp;
} AplombRelocation;

typedef struct
{
  char   *commune;
  double  team[APLOMB_N_PROFESSIONS];  /* ETP per profession */
  GArray *relocations;                 /* AplombRelocation; the other GPs are new recruits */
  int     opening_year;                /* 0 when not given */
} AplombMspAction;

/* A stop of a bus and the half-days it is served each weekday. */
typedef struct
{
  char  *commune;
  double half_days[APLOMB_N_WEEKDAYS];
} AplombBusStop;

typedef struct
{
  char   *base;                        /* where the bus starts and ends its days */
  GArray *stops;                       /* AplombBusStop */
  double  consultations_per_half_day;
  double  weeks_per_year;
  double  half_day_hours;              /* consultation time of a half-day */
  double  shift_hours;                 /* driving + consultations, per day */
} AplombBusAction;

typedef struct
{
  char      *name;
  char      *epci;                     /* SIREN; its communes join the perimeter */
  GPtrArray *communes;                 /* INSEE codes */
  double     task_sharing_percent;     /* extra activity of member GPs */
  double     unscheduled_share_percent;  /* part of member GPs' activity pooled */
  double     unscheduled_max_minutes;  /* 0: no pooling */
} AplombCptsAction;

typedef enum
{
  APLOMB_RETIREMENT_BY_AGE,
  APLOMB_RETIREMENT_BY_SHARE,
} AplombRetirementMode;

typedef struct
{
  AplombRetirementMode mode;
  AplombProfession     profession;
  int                  age_above;      /* by age: leave when older at the horizon */
  double               share_percent;  /* by share: this part of the supply leaves */
  GPtrArray           *communes;       /* by share: INSEE codes; empty means all */
  int                  horizon_year;   /* 0: the year of the baseline */
} AplombRetirementsAction;

typedef struct
{
  char            *commune;
  AplombProfession profession;
  double           etp;
  gboolean         remove;
} AplombPractitionerAction;

typedef struct
{
  char  *commune;
  double consultations_per_year;
} AplombTeleconsultationAction;

typedef struct
{
  AplombActionKind kind;
  char            *label;             /* free text, may be NULL */
  union
  {
    AplombMspAction              msp;
    AplombBusAction              bus;
    AplombCptsAction             cpts;
    AplombRetirementsAction      retirements;
    AplombPractitionerAction     practitioner;
    AplombTeleconsultationAction teleconsultation;
  };
} AplombAction;

#define APLOMB_TYPE_ACTION (aplomb_action_get_type ())
GType         aplomb_action_get_type           (void) G_GNUC_CONST;

/* New actions have every number at 0 and empty lists: callers fill them. */
AplombAction *aplomb_action_new                (AplombActionKind     kind);
/* Practitioners older than age_above at horizon_year (0: the baseline's
 * year) leave; the DREES age-bound variants are the non-zero values of
 * aplomb_preset_get_age_bounds() with no horizon. */
AplombAction *aplomb_action_new_retirements_by_age (AplombProfession profession,
                                                    int              age_above,
                                                    int              horizon_year);
AplombAction *aplomb_action_copy               (const AplombAction  *action);
void          aplomb_action_free               (AplombAction        *action);

void          aplomb_action_msp_add_relocation (AplombAction        *action,
                                                const char          *commune,
                                                double               gp_etp);
AplombBusStop *aplomb_action_bus_add_stop      (AplombAction        *action,
                                                const char          *commune);
void          aplomb_action_add_commune        (AplombAction        *action,
                                                const char          *commune);

/* Checks what needs no territory: signs, ranges, schedules. The error
 * names the action (index counted from 1) and the field. */
gboolean      aplomb_action_check              (const AplombAction  *action,
                                                guint                index,
                                                GError             **error);

const char   *aplomb_action_kind_to_string     (AplombActionKind     kind);
gboolean      aplomb_action_kind_from_string   (const char          *name,
                                                AplombActionKind    *kind);
/* Translated, e.g. "mobile bus". */
const char   *aplomb_action_kind_get_label     (AplombActionKind     kind);
const char   *aplomb_weekday_to_string         (AplombWeekday        day);
gboolean      aplomb_weekday_from_string       (const char          *name,
                                                AplombWeekday       *day);

/* Sets error to "Action N (kind), field “field”: message". */
void          aplomb_action_set_error          (GError             **error,
                                                int                  code,
                                                const AplombAction  *action,
                                                guint                index,
                                                const char          *field,
                                                const char          *format,
                                                ...) G_GNUC_PRINTF (6, 7);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombAction, aplomb_action_free)

G_END_DECLS
