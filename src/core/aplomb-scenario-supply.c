/* aplomb-scenario-supply.c: what a scenario does to the supply of care
 *
 * Each action becomes a change of supply at communes, in the unit the
 * engine works in (consultations a year for GPs, ETP for the other
 * professions): docs/method.md, "How each scenario action enters the
 * E2SFCA", says why each rule is what it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-scenario-supply.h"

typedef struct
{
  AplombScenario         *scenario;
  AplombTerritory        *territory;
  AplombTravelTimes      *times;
  AplombProfession        profession;
  const AplombSupplyRule *rule;
  guint                   n;
  const double           *baseline;
  double                 *practice;  /* practitioners' supply */
  double                 *extra;     /* bus and teleconsultation supply */
  int                    *cpts_of;   /* action of the CPTS covering each commune, or -1 */
  AplombScenarioSupply   *result;
} Context;

static double
etp_to_supply (const Context *ctx,
               double         etp)
{
  return etp * ctx->rule->output_per_etp;
}

static double
consultations_to_supply (const Context *ctx,
                         double         consultations)
{
  return consultations / ctx->rule->activity_reference * ctx->rule->output_per_etp;
}

static gboolean
resolve_commune (const Context      *ctx,
                 const AplombAction *action,
                 guint               index,
                 const char         *field,
                 const char         *code,
                 guint              *commune,
                 GError            **error)
{
  int found = aplomb_territory_lookup (ctx->territory, code);

  if (found >= 0)
    {
      *commune = found;
      return TRUE;
    }
  aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_UNKNOWN_COMMUNE, action, index, field,
                           _("unknown commune “%s”"), code);
  return FALSE;
}

/* Appends "Action N (kind), field “field”: message" to the warnings: what
 * the evaluation adjusted rather than refused. */
static void
warn (Context            *ctx,
      const AplombAction *action,
      guint               index,
      const char         *field,
      const char         *message)
{
  g_autoptr(GError) warning = NULL;

  aplomb_action_set_error (&warning, APLOMB_SCENARIO_ERROR_INVALID, action, index, field, "%s",
                           message);
  g_ptr_array_add (ctx->result->warnings, g_strdup (warning->message));
}

/* Takes supply away from a commune for a relocation or a removal. Users
 * count practitioners, the data may count less activity per head (the
 * bundled France counts an RPPS head as less than one ETP): asking for more
 * than the commune has takes all it has, with a warning; a commune with
 * none is an error. */
static gboolean
take_supply (Context            *ctx,
             const AplombAction *action,
             guint               index,
             const char         *field,
             guint               commune,
             double              amount,
             double             *taken,
             GError            **error)
{
  double available = ctx->practice[commune];

  if (available <= 0)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, field,
                               _("commune “%s” has no practitioner of this profession"),
                               aplomb_territory_get_code (ctx->territory, commune));
      return FALSE;
    }
  if (available + 1e-9 * MAX (1.0, amount) < amount)
    {
      g_autofree char *message =
        g_strdup_printf (_("commune “%s” has only %.2f FTE of this profession, all taken"),
                         aplomb_territory_get_code (ctx->territory, commune),
                         available / ctx->rule->output_per_etp);

      warn (ctx, action, index, field, message);
    }
  *taken = MIN (amount, available);
  ctx->practice[commune] = available - *taken;
  ctx->result->etp_removed += *taken / ctx->rule->output_per_etp;
  return TRUE;
}

static gboolean
retire_by_age (Context            *ctx,
               const AplombAction *action,
               guint               index,
               GError            **error)
{
  const AplombRetirementsAction *r = &action->retirements;
  const AplombPractitioner *rows = aplomb_territory_get_practitioners (ctx->territory);
  guint n_rows = aplomb_territory_get_n_practitioners (ctx->territory);
  int year = aplomb_scenario_get_baseline_year (ctx->scenario);
  /* Without a horizon of its own, the year the scenario shows. */
  int horizon = r->horizon_year != 0 ? r->horizon_year : aplomb_scenario_get_year (ctx->scenario);
  int years_ahead = 0;
  guint known = 0;

  if (horizon != 0 && year == 0)
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_BASELINE, action, index,
                               "horizon_year",
                               _("the baseline has no year to count ages from"));
      return FALSE;
    }
  if (horizon != 0)
    years_ahead = horizon - year;

  for (guint k = 0; k < n_rows; k++)
    {
      const AplombPractitioner *p = &rows[k];
      double leaving;

      if (p->profession != r->profession || p->commune < 0 || p->age < 0)
        continue;
      known++;
      if (p->age + years_ahead <= r->age_above)
        continue;
      leaving = aplomb_supply_rule_apply (ctx->rule, p->heads, p->etp, p->activity);
      leaving = MIN (leaving, ctx->practice[p->commune]);
      ctx->practice[p->commune] -= leaving;
      ctx->result->etp_removed += leaving / ctx->rule->output_per_etp;
    }

  if (known > 0)
    return TRUE;
  aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index, "age_above",
                           _("the territory has no practitioner ages; retire a share of "
                             "the practitioners of chosen communes instead"));
  return FALSE;
}

static void
retire_share_at (Context *ctx,
                 guint    commune,
                 double   share)
{
  double leaving = ctx->practice[commune] * share;

  ctx->practice[commune] -= leaving;
  ctx->result->etp_removed += leaving / ctx->rule->output_per_etp;
}

static gboolean
apply_retirements (Context            *ctx,
                   const AplombAction *action,
                   guint               index,
                   GError            **error)
{
  const AplombRetirementsAction *r = &action->retirements;
  double share = r->share_percent / 100.0;

  if (r->profession != ctx->profession)
    return TRUE;
  if (r->mode == APLOMB_RETIREMENT_BY_AGE)
    return retire_by_age (ctx, action, index, error);

  if (r->communes->len == 0)
    for (guint c = 0; c < ctx->n; c++)
      retire_share_at (ctx, c, share);
  for (guint i = 0; i < r->communes->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("communes[%u]", i);
      guint commune;

      if (!resolve_commune (ctx, action, index, field, g_ptr_array_index (r->communes, i),
                            &commune, error))
        return FALSE;
      retire_share_at (ctx, commune, share);
    }
  return TRUE;
}

/* An MSP opening after the year the scenario shows is not there yet: said
 * in the warnings, so that the figures are not read as its effect. */
static gboolean
msp_opens_later (Context            *ctx,
                 const AplombAction *action,
                 guint               index)
{
  int year = aplomb_scenario_get_year (ctx->scenario);
  g_autofree char *message = NULL;

  if (year == 0 || action->msp.opening_year <= year)
    return FALSE;
  message = g_strdup_printf (_("opens in %d, after %d: not counted"), action->msp.opening_year,
                             year);
  warn (ctx, action, index, "opening_year", message);
  return TRUE;
}

static gboolean
apply_msp (Context            *ctx,
           const AplombAction *action,
           guint               index,
           GError            **error)
{
  const AplombMspAction *msp = &action->msp;
  guint site;

  if (!resolve_commune (ctx, action, index, "commune", msp->commune, &site, error))
    return FALSE;
  if (msp_opens_later (ctx, action, index))
    return TRUE;
  if (ctx->profession != APLOMB_PROFESSION_GP)
    {
      ctx->practice[site] += etp_to_supply (ctx, msp->team[ctx->profession]);
      return TRUE;
    }

  /* Recruits add a full ETP each; relocated GPs bring the activity they
   * had, so that a regrouping conserves the total. */
  ctx->practice[site] += etp_to_supply (ctx, msp->team[APLOMB_PROFESSION_GP]);
  for (guint i = 0; i < msp->relocations->len; i++)
    {
      const AplombRelocation *r = &g_array_index (msp->relocations, AplombRelocation, i);
      g_autofree char *commune_field = g_strdup_printf ("relocations[%u].commune", i);
      g_autofree char *etp_field = g_strdup_printf ("relocations[%u].gp", i);
      double asked = etp_to_supply (ctx, r->gp_etp), taken;
      guint origin;

      if (!resolve_commune (ctx, action, index, commune_field, r->commune, &origin, error) ||
          !take_supply (ctx, action, index, etp_field, origin, asked, &taken, error))
        return FALSE;
      ctx->practice[site] -= asked - taken;
    }
  return TRUE;
}

static gboolean
apply_practitioner (Context            *ctx,
                    const AplombAction *action,
                    guint               index,
                    GError            **error)
{
  const AplombPractitionerAction *p = &action->practitioner;
  double taken;
  guint commune;

  if (!resolve_commune (ctx, action, index, "commune", p->commune, &commune, error))
    return FALSE;
  if (p->profession != ctx->profession)
    return TRUE;
  if (p->remove)
    return take_supply (ctx, action, index, "etp", commune, etp_to_supply (ctx, p->etp), &taken,
                        error);
  ctx->practice[commune] += etp_to_supply (ctx, p->etp);
  return TRUE;
}

static gboolean
apply_teleconsultation (Context            *ctx,
                        const AplombAction *action,
                        guint               index,
                        GError            **error)
{
  const AplombTeleconsultationAction *t = &action->teleconsultation;
  guint commune;

  if (!resolve_commune (ctx, action, index, "commune", t->commune, &commune, error))
    return FALSE;
  if (ctx->profession == APLOMB_PROFESSION_GP)
    ctx->extra[commune] += consultations_to_supply (ctx, t->consultations_per_year);
  return TRUE;
}

typedef struct
{
  guint         n_nodes;
  const double *table;
} LegTable;

static double
leg_table_minutes (guint    from,
                   guint    to,
                   gpointer user_data)
{
  const LegTable *legs = user_data;

  return legs->table[from * legs->n_nodes + to];
}

static void
bus_plan_free (gpointer data)
{
  AplombBusPlan *plan = data;

  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    {
      g_free (plan->day_stops[d]);
      g_free (plan->sessions[d]);
      g_free (plan->arrivals[d]);
      aplomb_bus_tour_free (plan->tours[d]);
    }
  g_free (plan);
}

static AplombBusPlan *
plan_bus (Context               *ctx,
          const AplombBusAction *bus,
          guint                  index,
          const guint           *nodes)
{
  guint n_nodes = bus->stops->len + 1;
  /* Node 0 is the base, node k + 1 the stop k of the action. */
  g_autofree double *table = aplomb_bus_tour_leg_table (ctx->times, nodes, n_nodes,
                                                        bus->shift_hours * 60);
  const LegTable legs = { n_nodes, table };
  AplombBusPlan *plan = g_new0 (AplombBusPlan, 1);
  g_autofree guint *local = g_new (guint, n_nodes);

  plan->action = index;
  plan->base = nodes[0];
  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    {
      double half_days = 0.0;
      guint k = 0;

      for (guint s = 0; s < bus->stops->len; s++)
        if (g_array_index (bus->stops, AplombBusStop, s).half_days[d] > 0)
          {
            local[k++] = s + 1;
            half_days += g_array_index (bus->stops, AplombBusStop, s).half_days[d];
          }
      if (k == 0)
        continue;

      plan->n_day_stops[d] = k;
      plan->day_stops[d] = g_new (guint, k);
      plan->sessions[d] = g_new (double, k);
      plan->arrivals[d] = g_new (double, k);
      for (guint i = 0; i < k; i++)
        {
          plan->day_stops[d][i] = nodes[local[i]];
          plan->sessions[d][i] = g_array_index (bus->stops, AplombBusStop,
                                                local[i] - 1).half_days[d] *
                                 bus->half_day_hours * 60;
        }
      plan->tours[d] = aplomb_bus_tour_plan (0, local, k, half_days * bus->half_day_hours * 60,
                                             bus->shift_hours * 60, leg_table_minutes,
                                             (gpointer) &legs);
      aplomb_bus_tour_timetable (plan->tours[d], 0, local, plan->sessions[d], leg_table_minutes,
                                 (gpointer) &legs, plan->arrivals[d]);
    }
  return plan;
}

static gboolean
apply_bus (Context            *ctx,
           const AplombAction *action,
           guint               index,
           GError            **error)
{
  const AplombBusAction *bus = &action->bus;
  g_autofree guint *nodes = g_new (guint, bus->stops->len + 1);

  if (!resolve_commune (ctx, action, index, "base", bus->base, &nodes[0], error))
    return FALSE;
  for (guint s = 0; s < bus->stops->len; s++)
    {
      const AplombBusStop *stop = &g_array_index (bus->stops, AplombBusStop, s);
      g_autofree char *field = g_strdup_printf ("stops[%u].commune", s);
      double half_days = 0.0;

      if (!resolve_commune (ctx, action, index, field, stop->commune, &nodes[s + 1], error))
        return FALSE;
      for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
        half_days += stop->half_days[d];
      if (ctx->profession == APLOMB_PROFESSION_GP)
        ctx->extra[nodes[s + 1]] +=
          consultations_to_supply (ctx, half_days * bus->consultations_per_half_day *
                                          bus->weeks_per_year);
    }
  g_ptr_array_add (ctx->result->bus_plans, plan_bus (ctx, bus, index, nodes));
  return TRUE;
}

guint *
aplomb_bus_plan_get_route (const AplombBusPlan *plan,
                           AplombWeekday        day,
                           guint               *n_communes)
{
  const AplombBusTour *tour;
  guint *route;

  g_return_val_if_fail (plan != NULL && day < APLOMB_N_WEEKDAYS, NULL);

  tour = plan->tours[day];
  *n_communes = tour != NULL ? tour->n_stops + 2 : 0;
  if (tour == NULL)
    return NULL;
  route = g_new (guint, tour->n_stops + 2);
  route[0] = route[tour->n_stops + 1] = plan->base;
  for (guint k = 0; k < tour->n_stops; k++)
    route[k + 1] = plan->day_stops[day][tour->order[k]];
  return route;
}

GArray *
aplomb_cpts_action_resolve (const AplombAction *action,
                            guint               index,
                            AplombTerritory    *territory,
                            GError            **error)
{
  const AplombCptsAction *cpts = &action->cpts;
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree gboolean *in = g_new0 (gboolean, n);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean epci_found = FALSE;

  g_return_val_if_fail (action != NULL && action->kind == APLOMB_ACTION_CPTS, NULL);

  for (guint i = 0; i < cpts->communes->len; i++)
    {
      const char *code = g_ptr_array_index (cpts->communes, i);
      int commune = aplomb_territory_lookup (territory, code);

      if (commune < 0)
        {
          g_autofree char *field = g_strdup_printf ("communes[%u]", i);

          aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_UNKNOWN_COMMUNE, action, index,
                                   field, _("unknown commune “%s”"), code);
          return NULL;
        }
      in[commune] = TRUE;
    }

  if (cpts->epci != NULL && *cpts->epci != '\0')
    {
      for (guint c = 0; c < n; c++)
        if (g_strcmp0 (aplomb_territory_get_epci (territory, c), cpts->epci) == 0)
          in[c] = epci_found = TRUE;
      if (!epci_found)
        {
          aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_UNKNOWN_COMMUNE, action, index,
                                   "epci", _("unknown EPCI “%s”"), cpts->epci);
          return NULL;
        }
    }

  for (guint c = 0; c < n; c++)
    if (in[c])
      g_array_append_val (members, c);
  return g_steal_pointer (&members);
}

static void
pool_free (gpointer data)
{
  AplombSupplyPool *pool = data;

  g_free (pool->members);
  g_free (pool->pooled);
  g_free (pool);
}

static gboolean
apply_cpts (Context            *ctx,
            const AplombAction *action,
            guint               index,
            GError            **error)
{
  const AplombCptsAction *cpts = &action->cpts;
  g_autoptr(GArray) members = aplomb_cpts_action_resolve (action, index, ctx->territory, error);
  gboolean gp = ctx->profession == APLOMB_PROFESSION_GP;
  AplombSupplyPool *pool;

  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      guint c = g_array_index (members, guint, i);

      if (ctx->cpts_of[c] >= 0)
        {
          aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                                   "communes",
                                   _("commune “%s” is already in the CPTS of action %d"),
                                   aplomb_territory_get_code (ctx->territory, c),
                                   ctx->cpts_of[c] + 1);
          return FALSE;
        }
      ctx->cpts_of[c] = index;
      if (gp)
        ctx->practice[c] *= 1.0 + cpts->task_sharing_percent / 100.0;
    }

  if (!gp || cpts->unscheduled_share_percent <= 0)
    return TRUE;
  if (cpts->unscheduled_max_minutes > aplomb_travel_times_get_horizon (ctx->times))
    {
      aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, action, index,
                               "unscheduled_care.max_minutes",
                               _("the travel times stop at %g min"),
                               (double) aplomb_travel_times_get_horizon (ctx->times));
      return FALSE;
    }

  pool = g_new0 (AplombSupplyPool, 1);
  pool->action = index;
  pool->n_members = members->len;
  pool->members = g_memdup2 (members->data, sizeof (guint) * members->len);
  pool->pooled = g_new (double, members->len);
  pool->max_minutes = cpts->unscheduled_max_minutes;
  for (guint i = 0; i < members->len; i++)
    {
      guint c = pool->members[i];

      pool->pooled[i] = ctx->practice[c] * cpts->unscheduled_share_percent / 100.0;
      ctx->practice[c] -= pool->pooled[i];
    }
  g_ptr_array_add (ctx->result->pools, pool);
  return TRUE;
}

typedef gboolean (*ApplyFunc) (Context *, const AplombAction *, guint, GError **);

/* Runs apply on every action of one of the kinds, in list order. */
static gboolean
run_phase (Context         *ctx,
           const guint32    kinds,
           ApplyFunc        apply,
           GError         **error)
{
  for (guint i = 0; i < aplomb_scenario_get_n_actions (ctx->scenario); i++)
    {
      const AplombAction *action = aplomb_scenario_get_action (ctx->scenario, i);

      if ((kinds & (1u << action->kind)) && !apply (ctx, action, i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_addition (Context            *ctx,
                const AplombAction *action,
                guint               index,
                GError            **error)
{
  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      return apply_msp (ctx, action, index, error);
    case APLOMB_ACTION_BUS:
      return apply_bus (ctx, action, index, error);
    case APLOMB_ACTION_PRACTITIONER:
      return apply_practitioner (ctx, action, index, error);
    case APLOMB_ACTION_TELECONSULTATION:
      return apply_teleconsultation (ctx, action, index, error);
    case APLOMB_ACTION_CPTS:
    case APLOMB_ACTION_RETIREMENTS:
    case APLOMB_N_ACTION_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
finish (Context *ctx)
{
  AplombScenarioSupply *result = ctx->result;
  double before = 0.0, after = 0.0;

  for (guint c = 0; c < ctx->n; c++)
    {
      result->supply[c] = ctx->practice[c] + ctx->extra[c];
      before += ctx->baseline[c];
      after += result->supply[c];
    }
  for (guint p = 0; p < result->pools->len; p++)
    {
      const AplombSupplyPool *pool = g_ptr_array_index (result->pools, p);

      for (guint i = 0; i < pool->n_members; i++)
        after += pool->pooled[i];
    }
  result->etp_added = (after - before) / ctx->rule->output_per_etp;
}

AplombScenarioSupply *
aplomb_scenario_supply_new (AplombScenario    *scenario,
                            AplombTerritory   *territory,
                            AplombTravelTimes *times,
                            AplombPreset      *preset,
                            const double      *baseline_supply,
                            GError           **error)
{
  g_autoptr(AplombScenarioSupply) result = NULL;
  g_autofree double *practice = NULL;
  g_autofree double *extra = NULL;
  g_autofree int *cpts_of = NULL;
  Context ctx = { 0 };
  guint n;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (times), NULL);
  g_return_val_if_fail (APLOMB_IS_PRESET (preset), NULL);
  g_return_val_if_fail (baseline_supply != NULL, NULL);

  if (!aplomb_scenario_check (scenario, error))
    return NULL;

  n = aplomb_territory_get_n_communes (territory);
  practice = g_memdup2 (baseline_supply, sizeof (double) * n);
  extra = g_new0 (double, n);
  cpts_of = g_new (int, n);
  for (guint c = 0; c < n; c++)
    cpts_of[c] = -1;

  result = g_new0 (AplombScenarioSupply, 1);
  result->n_communes = n;
  result->supply = g_new (double, n);
  result->pools = g_ptr_array_new_with_free_func (pool_free);
  result->bus_plans = g_ptr_array_new_with_free_func (bus_plan_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  ctx = (Context) {
    scenario, territory, times, APLOMB_PROFESSION_GP, aplomb_preset_get_supply_rule (preset),
    n, baseline_supply, practice, extra, cpts_of, result,
  };
  if (!aplomb_profession_from_string (aplomb_preset_get_profession (preset), &ctx.profession))
    ctx.profession = APLOMB_PROFESSION_OTHER_PHYSICIAN;

  if (!run_phase (&ctx, 1u << APLOMB_ACTION_RETIREMENTS, apply_retirements, error) ||
      !run_phase (&ctx,
                  (1u << APLOMB_ACTION_MSP) | (1u << APLOMB_ACTION_BUS) |
                  (1u << APLOMB_ACTION_PRACTITIONER) | (1u << APLOMB_ACTION_TELECONSULTATION),
                  apply_addition, error) ||
      !run_phase (&ctx, 1u << APLOMB_ACTION_CPTS, apply_cpts, error))
    return NULL;

  finish (&ctx);
  return g_steal_pointer (&result);
}

void
aplomb_scenario_supply_free (AplombScenarioSupply *supply)
{
  if (supply == NULL)
    return;
  g_free (supply->supply);
  g_ptr_array_unref (supply->pools);
  g_ptr_array_unref (supply->bus_plans);
  g_ptr_array_unref (supply->warnings);
  g_free (supply);
}
