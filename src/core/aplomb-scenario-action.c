/* aplomb-scenario-action.c: one action of a scenario (MSP, bus, CPTS, …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-scenario-action.h"

G_DEFINE_QUARK (aplomb-scenario-error-quark, aplomb_scenario_error)

G_DEFINE_BOXED_TYPE (AplombAction, aplomb_action, aplomb_action_copy, aplomb_action_free)

static const char *const kind_names[APLOMB_N_ACTION_KINDS] = {
  "msp",
  "bus",
  "cpts",
  "retirements",
  "practitioner",
  "teleconsultation",
};

static const char *const weekday_names[APLOMB_N_WEEKDAYS] = {
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
};

static void
clear_relocation (gpointer data)
{
  AplombRelocation *relocation = data;

  g_clear_pointer (&relocation->commune, g_free);
}

static void
clear_bus_stop (gpointer data)
{
  AplombBusStop *stop = data;

  g_clear_pointer (&stop->commune, g_free);
}

static GPtrArray *
new_code_list (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static GPtrArray *
copy_code_list (GPtrArray *codes)
{
  GPtrArray *copy = new_code_list ();

  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (codes, i)));
  return copy;
}

AplombAction *
aplomb_action_new (AplombActionKind kind)
{
  AplombAction *action;

  g_return_val_if_fail (kind < APLOMB_N_ACTION_KINDS, NULL);

  action = g_new0 (AplombAction, 1);
  action->kind = kind;
  switch (kind)
    {
    case APLOMB_ACTION_MSP:
      action->msp.relocations = g_array_new (FALSE, TRUE, sizeof (AplombRelocation));
      g_array_set_clear_func (action->msp.relocations, clear_relocation);
      break;
    case APLOMB_ACTION_BUS:
      action->bus.stops = g_array_new (FALSE, TRUE, sizeof (AplombBusStop));
      g_array_set_clear_func (action->bus.stops, clear_bus_stop);
      break;
    case APLOMB_ACTION_CPTS:
      action->cpts.communes = new_code_list ();
      break;
    case APLOMB_ACTION_RETIREMENTS:
      action->retirements.communes = new_code_list ();
      break;
    case APLOMB_ACTION_PRACTITIONER:
    case APLOMB_ACTION_TELECONSULTATION:
    case APLOMB_N_ACTION_KINDS:
    default:
      break;
    }
  return action;
}

AplombAction *
aplomb_action_new_retirements_by_age (AplombProfession profession,
                                      int              age_above,
                                      int              horizon_year)
{
  AplombAction *action = aplomb_action_new (APLOMB_ACTION_RETIREMENTS);

  action->retirements.mode = APLOMB_RETIREMENT_BY_AGE;
  action->retirements.profession = profession;
  action->retirements.age_above = age_above;
  action->retirements.horizon_year = horizon_year;
  return action;
}

AplombAction *
aplomb_action_copy (const AplombAction *action)
{
  AplombAction *copy;

  g_return_val_if_fail (action != NULL, NULL);

  copy = aplomb_action_new (action->kind);
  copy->label = g_strdup (action->label);
  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      copy->msp.commune = g_strdup (action->msp.commune);
      memcpy (copy->msp.team, action->msp.team, sizeof copy->msp.team);
      copy->msp.opening_year = action->msp.opening_year;
      for (guint i = 0; i < action->msp.relocations->len; i++)
        {
          const AplombRelocation *r = &g_array_index (action->msp.relocations,
                                                      AplombRelocation, i);

          aplomb_action_msp_add_relocation (copy, r->commune, r->gp_etp);
        }
      break;
    case APLOMB_ACTION_BUS:
      copy->bus = action->bus;
      copy->bus.base = g_strdup (action->bus.base);
      copy->bus.stops = g_array_new (FALSE, TRUE, sizeof (AplombBusStop));
      g_array_set_clear_func (copy->bus.stops, clear_bus_stop);
      for (guint i = 0; i < action->bus.stops->len; i++)
        {
          const AplombBusStop *s = &g_array_index (action->bus.stops, AplombBusStop, i);
          AplombBusStop *stop = aplomb_action_bus_add_stop (copy, s->commune);

          memcpy (stop->half_days, s->half_days, sizeof stop->half_days);
        }
      break;
    case APLOMB_ACTION_CPTS:
      g_ptr_array_unref (copy->cpts.communes);
      copy->cpts = action->cpts;
      copy->cpts.name = g_strdup (action->cpts.name);
      copy->cpts.epci = g_strdup (action->cpts.epci);
      copy->cpts.communes = copy_code_list (action->cpts.communes);
      break;
    case APLOMB_ACTION_RETIREMENTS:
      g_ptr_array_unref (copy->retirements.communes);
      copy->retirements = action->retirements;
      copy->retirements.communes = copy_code_list (action->retirements.communes);
      break;
    case APLOMB_ACTION_PRACTITIONER:
      copy->practitioner = action->practitioner;
      copy->practitioner.commune = g_strdup (action->practitioner.commune);
      break;
    case APLOMB_ACTION_TELECONSULTATION:
      copy->teleconsultation = action->teleconsultation;
      copy->teleconsultation.commune = g_strdup (action->teleconsultation.commune);
      break;
    case APLOMB_N_ACTION_KINDS:
    default:
      g_assert_not_reached ();
    }
  return copy;
}

void
aplomb_action_free (AplombAction *action)
{
  if (action == NULL)
    return;

  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      g_free (action->msp.commune);
      g_array_unref (action->msp.relocations);
      break;
    case APLOMB_ACTION_BUS:
      g_free (action->bus.base);
      g_array_unref (action->bus.stops);
      break;
    case APLOMB_ACTION_CPTS:
      g_free (action->cpts.name);
      g_free (action->cpts.epci);
      g_ptr_array_unref (action->cpts.communes);
      break;
    case APLOMB_ACTION_RETIREMENTS:
      g_ptr_array_unref (action->retirements.communes);
      break;
    case APLOMB_ACTION_PRACTITIONER:
      g_free (action->practitioner.commune);
      break;
    case APLOMB_ACTION_TELECONSULTATION:
      g_free (action->teleconsultation.commune);
      break;
    case APLOMB_N_ACTION_KINDS:
    default:
      break;
    }
  g_free (action->label);
  g_free (action);
}

void
aplomb_action_msp_add_relocation (AplombAction *action,
                                  const char   *commune,
                                  double        gp_etp)
{
  AplombRelocation relocation = { g_strdup (commune), gp_etp };

  g_return_if_fail (action != NULL && action->kind == APLOMB_ACTION_MSP);

  g_array_append_val (action->msp.relocations, relocation);
}

AplombBusStop *
aplomb_action_bus_add_stop (AplombAction *action,
                            const char   *commune)
{
  AplombBusStop stop = { g_strdup (commune), { 0 } };

  g_return_val_if_fail (action != NULL && action->kind == APLOMB_ACTION_BUS, NULL);

  g_array_append_val (action->bus.stops, stop);
  return &g_array_index (action->bus.stops, AplombBusStop, action->bus.stops->len - 1);
}

/* The commune list of a CPTS perimeter or of a retirement by share. */
void
aplomb_action_add_commune (AplombAction *action,
                           const char   *commune)
{
  g_return_if_fail (action != NULL);
  g_return_if_fail (action->kind == APLOMB_ACTION_CPTS ||
                    action->kind == APLOMB_ACTION_RETIREMENTS);

  if (action->kind == APLOMB_ACTION_CPTS)
    g_ptr_array_add (action->cpts.communes, g_strdup (commune));
  else
    g_ptr_array_add (action->retirements.communes, g_strdup (commune));
}

void
aplomb_action_set_error (GError            **error,
                         int                 code,
                         const AplombAction *action,
                         guint               index,
                         const char         *field,
                         const char         *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (action != NULL)
    /* Translators: "Action 2 (MSP), field “team.gp”: must not be negative (-1)" */
    g_set_error (error, APLOMB_SCENARIO_ERROR, code, _("Action %u (%s), field “%s”: %s"),
                 index + 1, aplomb_action_kind_get_label (action->kind), field, message);
  else
    g_set_error (error, APLOMB_SCENARIO_ERROR, code, _("Action %u, field “%s”: %s"),
                 index + 1, field, message);
}

static gboolean
check_commune (const AplombAction *action,
               guint               index,
               const char         *field,
               const char         *code,
               GError            **error)
{
  if (code != NULL && *code != '\0')
    return TRUE;
  aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, field,
                           _("a commune code is required"));
  return FALSE;
}

static gboolean
check_at_least (const AplombAction *action,
                guint               index,
                const char         *field,
                double              value,
                double              minimum,
                GError            **error)
{
  if (isfinite (value) && value >= minimum)
    return TRUE;
  if (isfinite (value) && value < 0 && minimum == 0)
    aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, field,
                             _("must not be negative (%g)"), value);
  else
    aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, field,
                             _("must be at least %g (%g)"), minimum, value);
  return FALSE;
}

static gboolean
check_positive (const AplombAction *action,
                guint               index,
                const char         *field,
                double              value,
                GError            **error)
{
  if (isfinite (value) && value > 0)
    return TRUE;
  aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, field,
                           _("must be greater than 0 (%g)"), value);
  return FALSE;
}

static gboolean
check_percent (const AplombAction *action,
               guint               index,
               const char         *field,
               double              value,
               GError            **error)
{
  if (isfinite (value) && value >= 0 && value <= 100)
    return TRUE;
  aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, field,
                           _("must be a percentage between 0 and 100 (%g)"), value);
  return FALSE;
}

static gboolean
check_msp (const AplombAction *action,
           guint               index,
           GError            **error)
{
  const AplombMspAction *msp = &action->msp;
  double team_total = 0.0;
  double relocated = 0.0;

  if (!check_commune (action, index, "commune", msp->commune, error))
    return FALSE;

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    {
      g_autofree char *field = g_strdup_printf ("team.%s", aplomb_profession_to_string (p));

      if (!check_at_least (action, index, field, msp->team[p], 0, error))
        return FALSE;
      team_total += msp->team[p];
    }
  if (team_total <= 0)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, "team",
                               _("the team has no practitioner"));
      return FALSE;
    }

  for (guint i = 0; i < msp->relocations->len; i++)
    {
      const AplombRelocation *r = &g_array_index (msp->relocations, AplombRelocation, i);
      g_autofree char *commune_field = g_strdup_printf ("relocations[%u].commune", i);
      g_autofree char *etp_field = g_strdup_printf ("relocations[%u].gp", i);

      if (!check_commune (action, index, commune_field, r->commune, error) ||
          !check_positive (action, index, etp_field, r->gp_etp, error))
        return FALSE;
      if (g_strcmp0 (r->commune, msp->commune) == 0)
        {
          aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                                   commune_field,
                                   _("GPs cannot relocate from the commune of the MSP itself"));
          return FALSE;
        }
      relocated += r->gp_etp;
    }
  if (relocated > msp->team[APLOMB_PROFESSION_GP] + 1e-9)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "relocations",
                               _("%g GP FTE relocate but the team has only %g"),
                               relocated, msp->team[APLOMB_PROFESSION_GP]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_bus_stops (const AplombAction *action,
                 guint               index,
                 GError            **error)
{
  const AplombBusAction *bus = &action->bus;

  for (guint i = 0; i < bus->stops->len; i++)
    {
      const AplombBusStop *stop = &g_array_index (bus->stops, AplombBusStop, i);
      g_autofree char *commune_field = g_strdup_printf ("stops[%u].commune", i);
      double served = 0.0;

      if (!check_commune (action, index, commune_field, stop->commune, error))
        return FALSE;
      for (guint k = 0; k < i; k++)
        if (g_strcmp0 (g_array_index (bus->stops, AplombBusStop, k).commune,
                       stop->commune) == 0)
          {
            aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                                     commune_field,
                                     _("commune “%s” is already stop %u"), stop->commune, k);
            return FALSE;
          }
      for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
        {
          g_autofree char *day_field = g_strdup_printf ("stops[%u].half_days.%s", i,
                                                        weekday_names[d]);

          if (!check_at_least (action, index, day_field, stop->half_days[d], 0, error))
            return FALSE;
          served += stop->half_days[d];
        }
      if (served <= 0)
        {
          g_autofree char *field = g_strdup_printf ("stops[%u].half_days", i);

          aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_IMPOSSIBLE_SCHEDULE, action,
                                   index, field, _("the stop is never served"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Consultations alone must fit in a shift: no tour can fix a day that
 * already overflows before the bus drives anywhere. */
static gboolean
check_bus_days (const AplombAction *action,
                guint               index,
                GError            **error)
{
  const AplombBusAction *bus = &action->bus;

  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    {
      double half_days = 0.0;

      for (guint i = 0; i < bus->stops->len; i++)
        half_days += g_array_index (bus->stops, AplombBusStop, i).half_days[d];
      if (half_days * bus->half_day_hours > bus->shift_hours + 1e-9)
        {
          g_autofree char *field = g_strdup_printf ("stops[].half_days.%s", weekday_names[d]);

          aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_IMPOSSIBLE_SCHEDULE, action,
                                   index, field,
                                   _("%g half-days of %g h do not fit in a shift of %g h"),
                                   half_days, bus->half_day_hours, bus->shift_hours);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_bus (const AplombAction *action,
           guint               index,
           GError            **error)
{
  const AplombBusAction *bus = &action->bus;

  if (!check_commune (action, index, "base", bus->base, error) ||
      !check_positive (action, index, "consultations_per_half_day",
                       bus->consultations_per_half_day, error) ||
      !check_positive (action, index, "weeks_per_year", bus->weeks_per_year, error) ||
      !check_positive (action, index, "half_day_hours", bus->half_day_hours, error) ||
      !check_positive (action, index, "shift_hours", bus->shift_hours, error))
    return FALSE;

  if (bus->weeks_per_year > 53)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "weeks_per_year", _("a year has at most 53 weeks (%g)"),
                               bus->weeks_per_year);
      return FALSE;
    }
  if (bus->shift_hours > 24)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "shift_hours", _("a day has at most 24 hours (%g)"),
                               bus->shift_hours);
      return FALSE;
    }
  if (bus->stops->len == 0)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, "stops",
                               _("the bus has no stop"));
      return FALSE;
    }
  return check_bus_stops (action, index, error) && check_bus_days (action, index, error);
}

static gboolean
check_cpts (const AplombAction *action,
            guint               index,
            GError            **error)
{
  const AplombCptsAction *cpts = &action->cpts;

  if (cpts->name == NULL || *cpts->name == '\0')
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, "name",
                               _("a name is required"));
      return FALSE;
    }
  if (cpts->communes->len == 0 && (cpts->epci == NULL || *cpts->epci == '\0'))
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "communes", _("the perimeter needs communes or an EPCI"));
      return FALSE;
    }
  for (guint i = 0; i < cpts->communes->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("communes[%u]", i);

      if (!check_commune (action, index, field, g_ptr_array_index (cpts->communes, i), error))
        return FALSE;
    }
  if (!check_at_least (action, index, "task_sharing_percent", cpts->task_sharing_percent, 0,
                       error) ||
      !check_percent (action, index, "unscheduled_care.share_percent",
                      cpts->unscheduled_share_percent, error) ||
      !check_at_least (action, index, "unscheduled_care.max_minutes",
                       cpts->unscheduled_max_minutes, 0, error))
    return FALSE;
  if (cpts->unscheduled_share_percent > 0 && cpts->unscheduled_max_minutes <= 0)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "unscheduled_care.max_minutes",
                               _("pooled unscheduled care needs a travel time"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_retirements (const AplombAction *action,
                   guint               index,
                   GError            **error)
{
  const AplombRetirementsAction *r = &action->retirements;

  if (r->horizon_year < 0)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "horizon_year", _("must not be negative (%d)"), r->horizon_year);
      return FALSE;
    }
  if (r->mode == APLOMB_RETIREMENT_BY_AGE)
    {
      if (r->age_above > 0 && r->age_above < 120)
        return TRUE;
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "age_above", _("must be an age between 1 and 119 (%d)"),
                               r->age_above);
      return FALSE;
    }

  for (guint i = 0; i < r->communes->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("communes[%u]", i);

      if (!check_commune (action, index, field, g_ptr_array_index (r->communes, i), error))
        return FALSE;
    }
  return check_percent (action, index, "share_percent", r->share_percent, error);
}

gboolean
aplomb_action_check (const AplombAction *action,
                     guint               index,
                     GError            **error)
{
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      return check_msp (action, index, error);
    case APLOMB_ACTION_BUS:
      return check_bus (action, index, error);
    case APLOMB_ACTION_CPTS:
      return check_cpts (action, index, error);
    case APLOMB_ACTION_RETIREMENTS:
      return check_retirements (action, index, error);
    case APLOMB_ACTION_PRACTITIONER:
      return check_commune (action, index, "commune", action->practitioner.commune, error) &&
             check_positive (action, index, "etp", action->practitioner.etp, error);
    case APLOMB_ACTION_TELECONSULTATION:
      return check_commune (action, index, "commune", action->teleconsultation.commune,
                            error) &&
             check_positive (action, index, "consultations_per_year",
                             action->teleconsultation.consultations_per_year, error);
    case APLOMB_N_ACTION_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

const char *
aplomb_action_kind_to_string (AplombActionKind kind)
{
  g_return_val_if_fail (kind < APLOMB_N_ACTION_KINDS, NULL);

  return kind_names[kind];
}

gboolean
aplomb_action_kind_from_string (const char       *name,
                                AplombActionKind *kind)
{
  for (guint k = 0; k < APLOMB_N_ACTION_KINDS; k++)
    if (g_strcmp0 (name, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const char *
aplomb_action_kind_get_label (AplombActionKind kind)
{
  static const char *const labels[APLOMB_N_ACTION_KINDS] = {
    N_("MSP"),
    N_("mobile bus"),
    N_("CPTS"),
    N_("retirements"),
    N_("practitioner"),
    N_("teleconsultation point"),
  };

  g_return_val_if_fail (kind < APLOMB_N_ACTION_KINDS, NULL);

  return _(labels[kind]);
}

const char *
aplomb_weekday_to_string (AplombWeekday day)
{
  g_return_val_if_fail (day < APLOMB_N_WEEKDAYS, NULL);

  return weekday_names[day];
}

gboolean
aplomb_weekday_from_string (const char    *name,
                            AplombWeekday *day)
{
  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    if (g_strcmp0 (name, weekday_names[d]) == 0)
      {
        *day = d;
        return TRUE;
      }
  return FALSE;
}
