/* aplomb-scenario-panel.c: the scenarios of the project, their actions and
 * results, beside the map
 *
 * Every edit goes through the AplombScenario, whose ::changed drives the
 * rest: the history records it, the evaluator recomputes the figures (in
 * an idle at once, so that the many signals of one undo make one
 * evaluation), and the project saves it after a short pause.
 *
 * The scenario compared with the shown one goes through the same
 * evaluator, only when it or the choice changes: the shown scenario is
 * evaluated again just after, so that its next edits stay incremental.
 *
 * The results show one profession of an MSP's team at a time, each with
 * its own evaluator built the first time it is chosen (GPs, the atlas's
 * preset, when the panel is first shown). A profession the project has no
 * practitioner of has no APL to show: only the ETP the scenario adds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "aplomb-apl-aggregate.h"
#include "aplomb-apl-territory.h"
#include "aplomb-lasso.h"
#include "aplomb-scenario-layer.h"
#include "aplomb-scenario-panel.h"
#include "aplomb-store.h"

/* Edits are written to the project once the user pauses this long. */
#define SAVE_DELAY_MS 500
#define HISTORY_LIMIT 200
/* The "Situation in" row offers this year and the next ones. */
#define SITUATION_YEARS 12

/* The professions of an MSP's team besides GPs, each evaluated with its
 * DREES preset; GPs come first, with the atlas's preset. */
static const char *const other_presets[] = {
  "drees-nurse", "drees-physiotherapist", "drees-midwife", "drees-dentist",
};

/* One profession the results may show. */
typedef struct
{
  AplombPreset            *preset;
  AplombProfession         profession;
  AplombScenarioEvaluator *evaluator;   /* built when first shown */
  gboolean                 has_supply;  /* the project has practitioners of it */
  AplombClassification    *classes;     /* of its APL */
  AplombClassification    *difference;  /* of its APL change */
} ProfessionView;

struct _AplombScenarioPanel
{
  GtkWidget                parent_instance;

  AplombAtlas             *atlas;
  GArray                  *views;         /* ProfessionView, GPs first */
  guint                    view;          /* the one shown */
  char                    *project_path;
  GCancellable            *cancellable;   /* of the evaluator being built */
  gboolean                 building;
  AplombStore             *store;
  gboolean                 read_only;
  GPtrArray               *scenarios;     /* AplombScenario */
  GPtrArray               *histories;     /* AplombScenarioHistory, one per scenario */
  GArray                  *ids;           /* gint64 in the project, 0 before saved */
  GArray                  *dirty;         /* gboolean, not yet saved */
  guint                    current;
  gulong                   changed_handler;
  AplombScenarioResult    *result;
  AplombScenario          *compared;       /* beside the current one, or NULL */
  AplombScenarioResult    *compared_result;
  gboolean                 compared_stale;  /* edited or chosen since evaluated */
  AplombBaselineKind       compared_kind;   /* the baseline it was evaluated on */
  int                      compared_year;
  GPtrArray               *comparable;     /* the scenarios offered, not owned */
  AplombClassification    *difference_classes;  /* of the GPs' APL */
  AplombClassification    *etp_classes;   /* ETP added, without an APL */
  AplombMapMode            map_mode;
  gboolean                 active;
  gboolean                 syncing;       /* rows follow the scenario, not the user */
  guint                    update_source;
  guint                    save_source;
  gint64                   edit_time;
  gint64                   update_time;
  GPtrArray               *action_rows;
  GtkFileChooserNative    *chooser;

  AplombCommuneMap        *map;
  AplombScenarioLayer     *layer;

  /* Template widgets */
  GtkWidget               *stack;
  AdwComboRow             *scenario_row;
  GtkStringList           *scenario_names;
  AdwEntryRow             *name_row;
  AdwComboRow             *baseline_row;
  GtkStringList           *baseline_names;
  AdwComboRow             *year_row;
  GtkStringList           *year_names;
  GArray                  *years;          /* int per entry of year_row, 0 first */
  AdwPreferencesGroup     *actions_group;
  GtkLabel                *status_label;
  AplombScenarioResults   *results;
  AplombActionEditor      *editor;
};

G_DEFINE_FINAL_TYPE (AplombScenarioPanel, aplomb_scenario_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const map_mode_names[] = { "baseline", "scenario", "difference" };

static void select_scenario (AplombScenarioPanel *self, guint position);

static const char *
read_only_message (void)
{
  return _("This project is read-only: export the scenarios to keep them, or save the "
           "project under another name first.");
}

static AplombScenario *
current_scenario (AplombScenarioPanel *self)
{
  if (self->current >= self->scenarios->len)
    return NULL;
  return g_ptr_array_index (self->scenarios, self->current);
}

static AplombScenarioHistory *
current_history (AplombScenarioPanel *self)
{
  if (self->current >= self->histories->len)
    return NULL;
  return g_ptr_array_index (self->histories, self->current);
}

static ProfessionView *
current_view (AplombScenarioPanel *self)
{
  if (self->view >= self->views->len)
    return NULL;
  return &g_array_index (self->views, ProfessionView, self->view);
}

/* The GPs' evaluator, which the action forms check their input with. */
static AplombScenarioEvaluator *
gp_evaluator (AplombScenarioPanel *self)
{
  return self->views->len > 0 ? g_array_index (self->views, ProfessionView, 0).evaluator : NULL;
}

static void
profession_view_clear (gpointer data)
{
  ProfessionView *view = data;

  g_clear_object (&view->preset);
  g_clear_object (&view->evaluator);
  g_clear_pointer (&view->classes, aplomb_classification_unref);
  g_clear_pointer (&view->difference, aplomb_classification_unref);
}

static void
show_status (AplombScenarioPanel *self,
             const char          *message)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* Saving in the project */

static gboolean
open_store (AplombScenarioPanel  *self,
            GError              **error)
{
  if (self->store != NULL)
    return TRUE;
  self->store = aplomb_store_open (self->project_path, APLOMB_STORE_READ_WRITE, error);
  return self->store != NULL;
}

static gboolean
save_scenario (AplombScenarioPanel  *self,
               guint                 position,
               GError              **error)
{
  gint64 id;

  if (!g_array_index (self->dirty, gboolean, position))
    return TRUE;
  if (!open_store (self, error))
    return FALSE;
  id = aplomb_scenario_save_to_store (g_ptr_array_index (self->scenarios, position), self->store,
                                      g_array_index (self->ids, gint64, position), error);
  if (id == 0)
    return FALSE;
  g_array_index (self->ids, gint64, position) = id;
  g_array_index (self->dirty, gboolean, position) = FALSE;
  return TRUE;
}

gboolean
aplomb_scenario_panel_save (AplombScenarioPanel  *self,
                            GError              **error)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->read_only)
    return TRUE;
  for (guint i = 0; i < self->scenarios->len; i++)
    if (!save_scenario (self, i, error))
      return FALSE;
  return TRUE;
}

static gboolean
save_later_cb (gpointer user_data)
{
  AplombScenarioPanel *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!aplomb_scenario_panel_save (self, &error))
    {
      g_autofree char *message = NULL;

      /* Keep the edits in memory: the user can still export them. */
      self->read_only = TRUE;
      message = g_strdup_printf (_("Scenarios cannot be saved in this project (%s): "
                                   "export them to keep them."), error->message);
      show_status (self, message);
    }
  return G_SOURCE_REMOVE;
}

static void
save_later (AplombScenarioPanel *self)
{
  g_array_index (self->dirty, gboolean, self->current) = TRUE;
  if (self->save_source == 0 && !self->read_only)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_later_cb, self);
}

/* The map */

/* The official APL is the GPs': the evaluator measures another
 * profession against the APL Aplomb computes for it. */
static gboolean
uses_official (AplombScenarioPanel *self,
               AplombScenario      *scenario)
{
  return aplomb_scenario_get_baseline_kind (scenario) == APLOMB_BASELINE_OFFICIAL
         && current_view (self)->profession == APLOMB_PROFESSION_GP;
}

static char *
baseline_subtitle (AplombScenarioPanel *self,
                   AplombScenario      *scenario)
{
  ProfessionView *view = current_view (self);

  if (uses_official (self, scenario))
    return g_strdup_printf (_("Baseline: official APL %d"),
                            aplomb_scenario_get_baseline_year (scenario));
  if (view->profession == APLOMB_PROFESSION_GP)
    return g_strdup (_("Baseline: APL computed by Aplomb"));
  /* Translators: under the map's title; a profession, "Nurses", and the
   * unit of its APL */
  return g_strdup_printf (_("%s, in %s · baseline: APL computed by Aplomb"),
                          aplomb_profession_get_label (view->profession),
                          aplomb_preset_get_unit (view->preset));
}

/* Without practitioners of the profession there is no APL to map: the
 * map shows where the scenario adds some, in ETP. */
static void
show_added_on_map (AplombScenarioPanel *self,
                   AplombScenario      *scenario)
{
  ProfessionView *view = current_view (self);
  double per_etp = aplomb_preset_get_supply_rule (view->preset)->output_per_etp;
  guint n = self->result->n_communes;
  g_autofree double *etp = g_new (double, n);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  for (guint c = 0; c < n; c++)
    etp[c] = self->result->supply_delta[c] / per_etp;
  title = g_strdup_printf (_("ETP added with “%s”"), aplomb_scenario_get_name (scenario));
  /* Translators: under the map's title; %s is a profession, "Nurses" */
  subtitle = g_strdup_printf (_("%s · no APL: the project has no practitioner of this "
                                "profession"),
                              aplomb_profession_get_label (view->profession));
  aplomb_commune_map_set_indicator (self->map, etp, self->etp_classes, title, subtitle);
}

static void
show_on_map (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);
  ProfessionView *view = current_view (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* While the profession's evaluator is built, the result is another's. */
  if (!self->active || self->map == NULL || self->result == NULL || scenario == NULL
      || view->evaluator == NULL)
    return;
  if (!view->has_supply)
    {
      show_added_on_map (self, scenario);
      return;
    }

  subtitle = baseline_subtitle (self, scenario);
  /* Side by side, the figures show two scenarios but the map one. */
  if (self->compared != NULL && self->map_mode != APLOMB_MAP_MODE_BASELINE)
    {
      g_autofree char *baseline = g_steal_pointer (&subtitle);

      /* Translators: under the map's title, which names the scenario shown */
      subtitle = g_strdup_printf (_("%s\nThe compared “%s” is not on the map"), baseline,
                                  aplomb_scenario_get_name (self->compared));
    }

  switch (self->map_mode)
    {
    case APLOMB_MAP_MODE_BASELINE:
      aplomb_commune_map_set_indicator (self->map, self->result->baseline, view->classes,
                                        _("APL of the baseline"), subtitle);
      break;
    case APLOMB_MAP_MODE_SCENARIO:
      title = g_strdup_printf (_("APL with “%s”"), aplomb_scenario_get_name (scenario));
      aplomb_commune_map_set_indicator (self->map, self->result->values, view->classes,
                                        title, subtitle);
      break;
    case APLOMB_MAP_MODE_DIFFERENCE:
    default:
      title = g_strdup_printf (_("APL change with “%s”"), aplomb_scenario_get_name (scenario));
      aplomb_commune_map_set_indicator (self->map, self->result->delta, view->difference,
                                        title, subtitle);
      break;
    }
}

static void
add_site (AplombScenarioPanel *self,
          guint                commune)
{
  double lon, lat;

  aplomb_territory_get_inner_point (aplomb_atlas_get_territory (self->atlas), commune, &lon, &lat);
  aplomb_scenario_layer_add_site (self->layer, lon, lat);
}

static void
add_site_of_code (AplombScenarioPanel *self,
                  const char          *code)
{
  int commune = code != NULL ? aplomb_territory_lookup (aplomb_atlas_get_territory (self->atlas),
                                                        code)
                             : -1;

  if (commune >= 0)
    add_site (self, commune);
}

/* Each day's tour as a closed path through the communes' inner points. */
static void
draw_bus_plan (AplombScenarioPanel *self,
               const AplombBusPlan *plan)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (self->atlas);

  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    {
      const AplombBusTour *tour = plan->tours[d];
      g_autofree double *lonlat = NULL;
      guint n = 0;

      if (tour == NULL)
        continue;
      lonlat = g_new (double, 2 * (tour->n_stops + 2));
      aplomb_territory_get_inner_point (territory, plan->base, &lonlat[0], &lonlat[1]);
      n++;
      for (guint k = 0; k < tour->n_stops; k++, n++)
        aplomb_territory_get_inner_point (territory, plan->day_stops[d][tour->order[k]],
                                          &lonlat[2 * n], &lonlat[2 * n + 1]);
      lonlat[2 * n] = lonlat[0];
      lonlat[2 * n + 1] = lonlat[1];
      aplomb_scenario_layer_add_path (self->layer, lonlat, n + 1);
    }
}

static void
draw_perimeters (AplombScenarioPanel        *self,
                 const AplombScenarioResult *result)
{
  const AplombGeometry *geometry =
    aplomb_territory_get_geometry (aplomb_atlas_get_territory (self->atlas));

  for (guint i = 0; i < result->cpts_perimeters->len; i++)
    {
      GArray *members = g_ptr_array_index (result->cpts_perimeters, i);

      aplomb_scenario_layer_add_perimeter (self->layer, geometry, (const guint *) members->data,
                                           members->len);
    }
}

static void
draw_scenario (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);

  if (self->layer == NULL)
    return;
  aplomb_scenario_layer_clear (self->layer);
  if (!self->active || scenario == NULL)
    return;

  for (guint i = 0; i < aplomb_scenario_get_n_actions (scenario); i++)
    {
      const AplombAction *action = aplomb_scenario_get_action (scenario, i);

      switch (action->kind)
        {
        case APLOMB_ACTION_MSP:
          add_site_of_code (self, action->msp.commune);
          break;
        case APLOMB_ACTION_PRACTITIONER:
          add_site_of_code (self, action->practitioner.commune);
          break;
        case APLOMB_ACTION_TELECONSULTATION:
          add_site_of_code (self, action->teleconsultation.commune);
          break;
        case APLOMB_ACTION_BUS:
          add_site_of_code (self, action->bus.base);
          for (guint k = 0; k < action->bus.stops->len; k++)
            add_site_of_code (self, g_array_index (action->bus.stops, AplombBusStop, k).commune);
          break;
        case APLOMB_ACTION_CPTS:
        case APLOMB_ACTION_RETIREMENTS:
        case APLOMB_N_ACTION_KINDS:
        default:
          break;
        }
    }
  if (self->result != NULL)
    draw_perimeters (self, self->result);
  if (self->result != NULL && self->result->supply != NULL)
    for (guint i = 0; i < self->result->supply->bus_plans->len; i++)
      draw_bus_plan (self, g_ptr_array_index (self->result->supply->bus_plans, i));
}

/* The list of actions */

static char *
commune_name (AplombScenarioPanel *self,
              const char          *code)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (self->atlas);
  int commune = code != NULL ? aplomb_territory_lookup (territory, code) : -1;

  return g_strdup (commune >= 0 ? aplomb_territory_get_name (territory, commune) : code);
}

/* Its GPs, or its whole team when it has other professions. */
static char *
describe_msp (AplombScenarioPanel *self,
              const AplombAction  *action)
{
  g_autofree char *place = commune_name (self, action->msp.commune);
  g_autofree char *number = NULL;
  double gps = action->msp.team[APLOMB_PROFESSION_GP];
  double team = 0;

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    team += action->msp.team[p];
  if (team > gps)
    {
      number = aplomb_format_decimal (team, 1);
      /* Translators: an MSP, its commune and its whole team */
      return g_strdup_printf (_("%s · team of %s ETP"), place, number);
    }
  number = aplomb_format_decimal (gps, 1);
  /* Translators: an MSP, its commune and its GPs */
  return g_strdup_printf (_("%s · %s ETP of GPs"), place, number);
}

static char *
describe_action (AplombScenarioPanel *self,
                 const AplombAction  *action)
{
  g_autofree char *place = NULL;
  g_autofree char *number = NULL;

  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      return describe_msp (self, action);
    case APLOMB_ACTION_BUS:
      place = commune_name (self, action->bus.base);
      /* Translators: a mobile bus, its base and number of stops */
      return g_strdup_printf (ngettext ("Based in %s · %u stop", "Based in %s · %u stops",
                                        action->bus.stops->len),
                              place, action->bus.stops->len);
    case APLOMB_ACTION_CPTS:
      return g_strdup_printf (ngettext ("%s · %u commune", "%s · %u communes",
                                        action->cpts.communes->len),
                              action->cpts.name != NULL ? action->cpts.name : "",
                              action->cpts.communes->len);
    case APLOMB_ACTION_RETIREMENTS:
      if (action->retirements.mode == APLOMB_RETIREMENT_BY_AGE)
        return g_strdup_printf (_("%s older than %d"),
                                aplomb_profession_get_label (action->retirements.profession),
                                action->retirements.age_above);
      number = aplomb_format_decimal (action->retirements.share_percent, 0);
      return g_strdup_printf (_("%s %% of the %s"), number,
                              aplomb_profession_get_label (action->retirements.profession));
    case APLOMB_ACTION_PRACTITIONER:
      place = commune_name (self, action->practitioner.commune);
      number = aplomb_format_decimal (action->practitioner.remove ? -action->practitioner.etp
                                                                  : action->practitioner.etp, 1);
      return g_strdup_printf (_("%s · %s ETP of %s"), place, number,
                              aplomb_profession_get_label (action->practitioner.profession));
    case APLOMB_ACTION_TELECONSULTATION:
      place = commune_name (self, action->teleconsultation.commune);
      number = aplomb_format_decimal (action->teleconsultation.consultations_per_year, 0);
      return g_strdup_printf (_("%s · %s consultations a year"), place, number);
    case APLOMB_N_ACTION_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
make_action_row (AplombScenarioPanel *self,
                 const AplombAction  *action,
                 guint                index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *summary = describe_action (self, action);
  g_autofree char *kind = aplomb_action_kind_get_title (action->kind);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 action->label != NULL ? action->label : kind);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "scenario.edit-action");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", index);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Delete the action"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete the action"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "scenario.remove-action");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
rebuild_actions (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);
  guint n = scenario != NULL ? aplomb_scenario_get_n_actions (scenario) : 0;

  for (guint i = 0; i < self->action_rows->len; i++)
    adw_preferences_group_remove (self->actions_group, g_ptr_array_index (self->action_rows, i));
  g_ptr_array_set_size (self->action_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_action_row (self, aplomb_scenario_get_action (scenario, i), i);

      g_ptr_array_add (self->action_rows, row);
      adw_preferences_group_add (self->actions_group, row);
    }
  adw_preferences_group_set_description (self->actions_group,
                                         n == 0 ? _("Add an MSP, a mobile bus, a CPTS… and "
                                                    "see coverage change as you edit.")
                                                : NULL);
}

/* Evaluation */

static void
update_actions_state (AplombScenarioPanel *self)
{
  AplombScenarioHistory *history = current_history (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.undo",
                                 history != NULL && aplomb_scenario_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.redo",
                                 history != NULL && aplomb_scenario_history_can_redo (history));
}

static void
add_year (GArray *years,
          int     year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return;
  g_array_append_val (years, year);
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The years the scenario may show after 0 ("every action done"): the
 * coming years, and its own year and its MSPs' opening years even when
 * outside them (an imported scenario), so that each can be chosen. */
static GArray *
situation_years (AplombScenario *scenario)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int first = g_date_time_get_year (now);
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

  add_year (years, 0);
  for (int year = first; year <= first + SITUATION_YEARS; year++)
    add_year (years, year);
  if (aplomb_scenario_get_year (scenario) > 0)
    add_year (years, aplomb_scenario_get_year (scenario));
  for (guint i = 0; i < aplomb_scenario_get_n_actions (scenario); i++)
    {
      const AplombAction *action = aplomb_scenario_get_action (scenario, i);

      if (action->kind == APLOMB_ACTION_MSP && action->msp.opening_year > 0)
        add_year (years, action->msp.opening_year);
    }
  g_array_sort (years, compare_years);
  return years;
}

static void
fill_year_names (AplombScenarioPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->year_names));

  gtk_string_list_splice (self->year_names, 0, n, NULL);
  gtk_string_list_append (self->year_names, _("Every action done"));
  for (guint i = 1; i < self->years->len; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", g_array_index (self->years, int, i));

      gtk_string_list_append (self->year_names, year);
    }
}

/* Called while syncing: the row follows the scenario, undo included. */
static void
sync_year_row (AplombScenarioPanel *self,
               AplombScenario      *scenario)
{
  g_autoptr(GArray) years = situation_years (scenario);
  guint position = 0;

  if (years->len != self->years->len
      || memcmp (years->data, self->years->data, years->len * sizeof (int)) != 0)
    {
      g_array_set_size (self->years, 0);
      g_array_append_vals (self->years, years->data, years->len);
      fill_year_names (self);
    }
  while (g_array_index (self->years, int, position) != aplomb_scenario_get_year (scenario))
    position++;
  if (adw_combo_row_get_selected (self->year_row) != position)
    adw_combo_row_set_selected (self->year_row, position);
}

static void
sync_header_rows (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);
  const char *name = aplomb_scenario_get_name (scenario);
  const char *names[] = { name, NULL };
  guint baseline = aplomb_scenario_get_baseline_kind (scenario) == APLOMB_BASELINE_OFFICIAL
                   && g_list_model_get_n_items (G_LIST_MODEL (self->baseline_names)) > 1;

  self->syncing = TRUE;
  if (g_strcmp0 (gtk_string_list_get_string (self->scenario_names, self->current), name) != 0)
    {
      gtk_string_list_splice (self->scenario_names, self->current, 1, names);
      adw_combo_row_set_selected (self->scenario_row, self->current);
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (adw_combo_row_get_selected (self->baseline_row) != baseline)
    adw_combo_row_set_selected (self->baseline_row, baseline);
  sync_year_row (self, scenario);
  self->syncing = FALSE;
}

/* Every scenario but the current one, in the "Compare with" drop-down. */
static void
sync_comparable (AplombScenarioPanel *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint compared = 0;

  g_ptr_array_set_size (self->comparable, 0);
  for (guint i = 0; i < self->scenarios->len; i++)
    {
      AplombScenario *scenario = g_ptr_array_index (self->scenarios, i);

      if (i == self->current)
        continue;
      g_ptr_array_add (self->comparable, scenario);
      g_ptr_array_add (names, (gpointer) aplomb_scenario_get_name (scenario));
      if (scenario == self->compared)
        compared = self->comparable->len;
    }
  g_ptr_array_add (names, NULL);
  if (compared == 0)
    g_clear_object (&self->compared);
  aplomb_scenario_results_set_comparable (self->results, (const char *const *) names->pdata,
                                          compared);
}

/* The compared scenario's actions on the current one's baseline, so that
 * both columns start from the same figures. Returns why it cannot be
 * evaluated, or NULL. */
static char *
evaluate_compared (AplombScenarioPanel *self,
                   AplombScenario      *scenario)
{
  g_autoptr(AplombScenario) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->compared_result, aplomb_scenario_result_unref);
  self->compared_stale = FALSE;
  self->compared_kind = aplomb_scenario_get_baseline_kind (scenario);
  self->compared_year = aplomb_scenario_get_baseline_year (scenario);
  if (self->compared == NULL)
    return NULL;
  copy = aplomb_scenario_copy (self->compared);
  aplomb_scenario_set_baseline (copy, self->compared_kind, self->compared_year);
  self->compared_result = aplomb_scenario_evaluator_evaluate (current_view (self)->evaluator, copy,
                                                              &error);
  if (self->compared_result == NULL)
    return g_strdup_printf ("%s: %s", aplomb_scenario_get_name (self->compared), error->message);
  return NULL;
}

static gboolean
compared_is_stale (AplombScenarioPanel *self,
                   AplombScenario      *scenario)
{
  if (self->compared == NULL)
    return self->compared_result != NULL;
  return self->compared_stale
         || self->compared_kind != aplomb_scenario_get_baseline_kind (scenario)
         || self->compared_year != aplomb_scenario_get_baseline_year (scenario);
}

/* Why a profession has no APL to show, and how to give it one. */
static const char *
missing_explanation (AplombProfession profession)
{
  switch (profession)
    {
    case APLOMB_PROFESSION_GP:
      return _("The project has no general practitioner: import them (Annuaire Santé, counts "
               "per commune…) to evaluate this access.");
    case APLOMB_PROFESSION_NURSE:
      return _("The project has no nurse: import them (Annuaire Santé, counts per commune…) "
               "to evaluate this access.");
    case APLOMB_PROFESSION_PHYSIOTHERAPIST:
      return _("The project has no physiotherapist: import them (Annuaire Santé, counts per "
               "commune…) to evaluate this access.");
    case APLOMB_PROFESSION_MIDWIFE:
      return _("The project has no midwife: import them (Annuaire Santé, counts per "
               "commune…) to evaluate this access.");
    case APLOMB_PROFESSION_DENTIST:
      return _("The project has no dentist: import them (Annuaire Santé, counts per "
               "commune…) to evaluate this access.");
    case APLOMB_PROFESSION_OTHER_PHYSICIAN:
    case APLOMB_N_PROFESSIONS:
    default:
      return _("The project has no practitioner of this profession: import them (Annuaire "
               "Santé, counts per commune…) to evaluate this access.");
    }
}

static void
show_results (AplombScenarioPanel *self,
              AplombScenario      *scenario)
{
  ProfessionView *view = current_view (self);

  aplomb_scenario_results_set_profession_note (
    self->results,
    aplomb_scenario_get_baseline_kind (scenario) == APLOMB_BASELINE_OFFICIAL
    && !uses_official (self, scenario)
      ? _("Against the APL computed by Aplomb: the official APL is the GPs’ only")
      : NULL);
  if (!view->has_supply)
    {
      aplomb_scenario_results_show_without_apl (self->results, self->result,
                                                missing_explanation (view->profession));
      return;
    }
  aplomb_scenario_results_show_compared (self->results, aplomb_atlas_get_territory (self->atlas),
                                         self->result, aplomb_scenario_get_name (scenario),
                                         self->compared_result,
                                         self->compared != NULL
                                           ? aplomb_scenario_get_name (self->compared)
                                           : NULL);
}

static void start_evaluator (AplombScenarioPanel *self);

/* The profession chosen has no evaluator yet: no figures meanwhile. */
static void
prepare_view (AplombScenarioPanel *self)
{
  aplomb_scenario_results_show_without_apl (self->results, NULL, NULL);
  start_evaluator (self);
}

static gboolean
update_cb (gpointer user_data)
{
  AplombScenarioPanel *self = user_data;
  AplombScenario *scenario = current_scenario (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *compared_problem = NULL;
  AplombScenarioResult *result;

  self->update_source = 0;
  if (scenario == NULL || gp_evaluator (self) == NULL)
    return G_SOURCE_REMOVE;

  sync_header_rows (self);
  sync_comparable (self);
  rebuild_actions (self);
  update_actions_state (self);
  if (current_view (self)->evaluator == NULL)
    {
      prepare_view (self);
      return G_SOURCE_REMOVE;
    }
  /* Before the current scenario, which the evaluator then keeps. */
  if (compared_is_stale (self, scenario))
    compared_problem = evaluate_compared (self, scenario);
  result = aplomb_scenario_evaluator_evaluate (current_view (self)->evaluator, scenario, &error);
  if (result == NULL)
    {
      /* The last figures stay, with the reason they are not updated. */
      show_status (self, error->message);
      return G_SOURCE_REMOVE;
    }
  show_status (self, compared_problem != NULL ? compared_problem
                                              : self->read_only ? read_only_message () : NULL);
  g_clear_pointer (&self->result, aplomb_scenario_result_unref);
  self->result = result;
  /* Baseline, scenario and difference are all empty without an APL. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.map-mode",
                                 current_view (self)->has_supply);
  show_results (self, scenario);
  show_on_map (self);
  draw_scenario (self);
  self->update_time = g_get_monotonic_time () - self->edit_time;
  return G_SOURCE_REMOVE;
}

static void
update_soon (AplombScenarioPanel *self)
{
  self->edit_time = g_get_monotonic_time ();
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_cb, self, NULL);
}

static void
on_scenario_changed (AplombScenarioPanel *self)
{
  save_later (self);
  update_soon (self);
}

/* Scenarios */

static void
add_scenario (AplombScenarioPanel *self,
              AplombScenario      *scenario,
              gint64               id)
{
  gboolean dirty = id == 0;

  g_ptr_array_add (self->scenarios, g_object_ref (scenario));
  g_ptr_array_add (self->histories, aplomb_scenario_history_new (scenario, HISTORY_LIMIT));
  g_array_append_val (self->ids, id);
  g_array_append_val (self->dirty, dirty);
  gtk_string_list_append (self->scenario_names, aplomb_scenario_get_name (scenario));
}

static void
select_scenario (AplombScenarioPanel *self,
                 guint                position)
{
  AplombScenario *previous = current_scenario (self);

  if (previous != NULL)
    g_clear_signal_handler (&self->changed_handler, previous);
  self->current = position;
  /* Showing the scenario compared with swaps the two columns. */
  if (self->compared == current_scenario (self))
    g_set_object (&self->compared, previous);
  /* It may have been edited while it was the current one. */
  self->compared_stale = TRUE;
  self->changed_handler = g_signal_connect_swapped (current_scenario (self), "changed",
                                                    G_CALLBACK (on_scenario_changed), self);
  if (adw_combo_row_get_selected (self->scenario_row) != position)
    adw_combo_row_set_selected (self->scenario_row, position);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "scenario");
  update_soon (self);
}

static AplombScenario *
new_scenario (AplombScenarioPanel *self)
{
  /* Translators: name of a new scenario */
  g_autofree char *name = g_strdup_printf (_("Scenario %u"), self->scenarios->len + 1);
  const AplombIndicators *indicators = aplomb_atlas_get_indicators (self->atlas);
  AplombScenario *scenario = aplomb_scenario_new (name);

  /* The official APL is what mayors and the ARS quote: start from it. */
  if (indicators->official_year > 0)
    aplomb_scenario_set_baseline (scenario, APLOMB_BASELINE_OFFICIAL,
                                  indicators->official_year);
  return scenario;
}

static void
load_scenarios (AplombScenarioPanel *self)
{
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  store = aplomb_store_open (self->project_path, APLOMB_STORE_READ_ONLY, &error);
  if (store != NULL)
    ids = aplomb_store_list_scenarios (store, &error);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(AplombScenario) scenario = aplomb_scenario_new_from_store (store, id, &error);

      if (scenario == NULL)
        {
          g_warning ("Scenario %" G_GINT64_FORMAT " of %s: %s", id, self->project_path,
                     error->message);
          g_clear_error (&error);
          continue;
        }
      add_scenario (self, scenario, id);
    }
  if (error != NULL)
    show_status (self, error->message);
  if (self->scenarios->len == 0)
    {
      g_autoptr(AplombScenario) scenario = new_scenario (self);

      add_scenario (self, scenario, 0);
      /* Saved with its first edit, not merely for being shown. */
      g_array_index (self->dirty, gboolean, 0) = FALSE;
    }
}

static void
fill_baselines (AplombScenarioPanel *self)
{
  const AplombIndicators *indicators = aplomb_atlas_get_indicators (self->atlas);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->baseline_names));

  gtk_string_list_splice (self->baseline_names, 0, n, NULL);
  gtk_string_list_append (self->baseline_names, _("APL computed by Aplomb"));
  if (indicators->official_year > 0)
    {
      g_autofree char *official = g_strdup_printf (_("Official APL %d"),
                                                   indicators->official_year);

      gtk_string_list_append (self->baseline_names, official);
    }
}

static AplombScenarioEvaluator *
make_evaluator (AplombAtlas   *atlas,
                AplombPreset  *preset,
                GError       **error)
{
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree double *heads = g_new (double, n);
  g_autofree double *supply = g_new0 (double, n);
  g_autofree double *demand = g_new (double, n);

  aplomb_apl_territory_supply (territory, preset, 0, heads, supply);
  aplomb_apl_territory_demand (territory, preset, demand);
  return aplomb_scenario_evaluator_new (territory, aplomb_atlas_get_travel_times (atlas), preset,
                                        supply, demand, error);
}

static void
clear_scenarios (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenario_names));

  if (scenario != NULL)
    g_clear_signal_handler (&self->changed_handler, scenario);
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_ptr_array_set_size (self->scenarios, 0);
  g_ptr_array_set_size (self->histories, 0);
  g_array_set_size (self->ids, 0);
  g_array_set_size (self->dirty, 0);
  gtk_string_list_splice (self->scenario_names, 0, n, NULL);
  g_clear_pointer (&self->result, aplomb_scenario_result_unref);
  g_ptr_array_set_size (self->comparable, 0);
  g_clear_object (&self->compared);
  g_clear_pointer (&self->compared_result, aplomb_scenario_result_unref);
  self->current = 0;
}

/* Presets are the method's data: one missing is a broken installation,
 * and the other professions are still offered. */
static void
add_view (AplombScenarioPanel *self,
          AplombPreset        *preset)
{
  ProfessionView view = { NULL };

  if (!aplomb_profession_from_string (aplomb_preset_get_profession (preset), &view.profession))
    {
      g_warning ("Preset %s: unknown profession", aplomb_preset_get_id (preset));
      return;
    }
  view.preset = g_object_ref (preset);
  g_array_append_val (self->views, view);
}

/* The professions offered, GPs shown, none evaluated yet. */
static void
make_views (AplombScenarioPanel *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_array_set_size (self->views, 0);
  self->view = 0;
  add_view (self, aplomb_atlas_get_preset (self->atlas));
  for (guint i = 0; i < G_N_ELEMENTS (other_presets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AplombPreset) preset = aplomb_preset_load (other_presets[i], &error);

      if (preset == NULL)
        g_warning ("%s", error->message);
      else
        add_view (self, preset);
    }
  for (guint i = 0; i < self->views->len; i++)
    g_ptr_array_add (names, (gpointer) aplomb_profession_get_label (
                              g_array_index (self->views, ProfessionView, i).profession));
  g_ptr_array_add (names, NULL);
  aplomb_scenario_results_set_professions (self->results, (const char *const *) names->pdata, 0);
}

/* A value rounded to two significant digits, for class breaks people
 * read. */
static double
round_to_two_digits (double value)
{
  double unit = pow (10, floor (log10 (value)) - 1);

  return round (value / unit) * unit;
}

/* The difference classes of the GPs (0.02 … 1 consultation) are about
 * 0.5 % … 30 % of their mean APL in France (3.3 to 3.4): another
 * profession gets the same shares of its own mean, in its unit. */
static AplombClassification *
new_relative_difference (double      mean,
                         const char *unit)
{
  static const double shares[] = { 0.005, 0.03, 0.075, 0.15, 0.3 };
  double breaks[G_N_ELEMENTS (shares)];
  int decimals;

  for (guint k = 0; k < G_N_ELEMENTS (shares); k++)
    breaks[k] = round_to_two_digits (shares[k] * mean);
  decimals = CLAMP (1 - (int) floor (log10 (breaks[0])), 0, 3);
  return aplomb_classification_new_difference (breaks, G_N_ELEMENTS (breaks), decimals, unit);
}

/* The mean APL weighted by standardised population, as the results'
 * figures show it. */
static double
mean_apl (AplombTerritory *territory,
          AplombPreset    *preset,
          const double    *apl)
{
  guint n = aplomb_territory_get_n_communes (territory);
  const double *population = aplomb_territory_get_population (territory);
  g_autofree double *population_std = g_new (double, MAX (n, 1));
  AplombAplAggregate aggregate;

  if (population == NULL)
    return NAN;
  aplomb_apl_territory_demand (territory, preset, population_std);
  aplomb_apl_aggregate (apl, population, population_std, NULL, n, NAN, &aggregate);
  return aggregate.mean;
}

/* The GPs keep the atlas's classes; another profession gets its preset's
 * thresholds when it has some (the DREES set none for nurses…), else
 * quintiles of its baseline. */
static void
make_view_classes (AplombScenarioPanel *self,
                   guint                position)
{
  ProfessionView *view = &g_array_index (self->views, ProfessionView, position);
  AplombTerritory *territory = aplomb_atlas_get_territory (self->atlas);
  const double *computed = aplomb_scenario_evaluator_get_computed (view->evaluator);
  const char *unit = aplomb_preset_get_unit (view->preset);
  guint n_thresholds = 0;
  const double *thresholds = aplomb_preset_get_thresholds (view->preset, &n_thresholds);
  double mean;

  if (position == 0)
    {
      view->classes = aplomb_classification_ref (
        aplomb_atlas_get_classification (self->atlas, APLOMB_INDICATOR_APL));
      view->difference = aplomb_classification_ref (self->difference_classes);
      return;
    }
  if (n_thresholds > 0)
    view->classes = aplomb_classification_new (thresholds, n_thresholds,
                                               APLOMB_PALETTE_SEQUENTIAL, 0, unit);
  else
    view->classes = aplomb_classification_new_quantiles (computed,
                                                         aplomb_territory_get_n_communes (territory),
                                                         5, APLOMB_PALETTE_SEQUENTIAL, 0, unit);
  mean = mean_apl (territory, view->preset, computed);
  /* A territory without populations has no mean: shares of 1. */
  view->difference = new_relative_difference (mean > 0 ? mean : 1, unit);
}

static gboolean
has_supply (AplombScenarioEvaluator *evaluator,
            guint                    n_communes)
{
  const double *supply = aplomb_scenario_evaluator_get_supply (evaluator);

  for (guint c = 0; c < n_communes; c++)
    if (supply[c] > 0)
      return TRUE;
  return FALSE;
}

/* What a thread needs to build one profession's evaluator. */
typedef struct
{
  AplombAtlas  *atlas;
  AplombPreset *preset;
  guint         position;   /* in views */
} BuildJob;

static void
build_job_free (gpointer data)
{
  BuildJob *job = data;

  g_object_unref (job->atlas);
  g_object_unref (job->preset);
  g_free (job);
}

/* Building the evaluator computes the baseline APL of every commune: in a
 * thread, so that the map stays responsive once the project is shown. */
static void
build_evaluator_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  BuildJob *job = task_data;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();
  AplombScenarioEvaluator *evaluator = make_evaluator (job->atlas, job->preset, &error);

  g_debug ("Scenario evaluator built in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  if (evaluator == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, evaluator, g_object_unref);
}

static void
on_evaluator_built (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (object);
  BuildJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AplombScenarioEvaluator *evaluator = g_task_propagate_pointer (G_TASK (result), &error);
  ProfessionView *view;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    self->building = FALSE;
  if (evaluator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      /* Another project was opened meanwhile. */
      g_object_unref (evaluator);
      return;
    }
  view = &g_array_index (self->views, ProfessionView, job->position);
  view->evaluator = evaluator;
  view->has_supply = has_supply (evaluator, aplomb_territory_get_n_communes (
                                              aplomb_atlas_get_territory (self->atlas)));
  /* Without supply there is no APL to classify. */
  if (view->has_supply)
    make_view_classes (self, job->position);
  show_status (self, self->read_only ? read_only_message () : NULL);
  /* The GPs' evaluator comes first, with the project: then the scenarios. */
  if (self->scenarios->len > 0)
    {
      update_soon (self);
      return;
    }
  fill_baselines (self);
  load_scenarios (self);
  select_scenario (self, 0);
}

/* The evaluator (two engines and the transposed travel times) is built
 * when the panel is first shown, not with the project: the map of a user
 * who does not simulate comes sooner and takes less memory. */
static void
start_evaluator (AplombScenarioPanel *self)
{
  ProfessionView *view = current_view (self);
  g_autoptr(GTask) task = NULL;
  BuildJob *job;

  /* One at a time: the end of a build updates, which starts the next. */
  if (self->atlas == NULL || view == NULL || view->evaluator != NULL || self->building)
    return;
  self->building = TRUE;
  show_status (self, _("Preparing the scenarios…"));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_evaluator_built, NULL);
  job = g_new0 (BuildJob, 1);
  job->atlas = g_object_ref (self->atlas);
  job->preset = g_object_ref (view->preset);
  job->position = self->view;
  g_task_set_task_data (task, job, build_job_free);
  g_task_run_in_thread (task, build_evaluator_in_thread);
}

void
aplomb_scenario_panel_set_atlas (AplombScenarioPanel *self,
                                 AplombAtlas         *atlas,
                                 const char          *project_path,
                                 gboolean             read_only)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_PANEL (self));
  g_return_if_fail (APLOMB_IS_ATLAS (atlas));
  g_return_if_fail (project_path != NULL);

  /* Edits of the previous project go to the previous project. */
  aplomb_scenario_panel_save (self, NULL);
  clear_scenarios (self);
  rebuild_actions (self);
  aplomb_scenario_results_show (self->results, NULL, NULL);
  g_clear_object (&self->store);
  self->read_only = read_only;
  show_status (self, read_only ? read_only_message () : NULL);
  g_set_object (&self->atlas, atlas);
  make_views (self);
  g_free (self->project_path);
  self->project_path = g_strdup (project_path);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->building = FALSE;
  if (self->active)
    start_evaluator (self);
}

/* Editing */

static void
edit_action (AplombScenarioPanel *self,
             guint                index,
             const AplombAction  *action,
             AplombActionKind     kind)
{
  g_autoptr(AplombScenarioResult) gp_result = NULL;

  /* The forms check and describe the action with the GPs' figures. */
  if (self->view == 0 && self->result != NULL)
    gp_result = aplomb_scenario_result_ref (self->result);
  else
    gp_result = aplomb_scenario_evaluator_evaluate (gp_evaluator (self), current_scenario (self),
                                                    NULL);
  aplomb_action_editor_set_result (self->editor, gp_result);
  aplomb_action_editor_edit (self->editor, self->atlas, gp_evaluator (self),
                             current_scenario (self), index, action, kind);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "editor");
}

static void
on_editor_done (AplombScenarioPanel *self,
                gboolean             saved)
{
  AplombScenario *scenario = current_scenario (self);
  guint index = aplomb_action_editor_get_index (self->editor);
  AplombAction *action;
  guint n;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "scenario");
  if (!saved)
    return;
  /* An undo while the form was open may have removed actions. */
  n = aplomb_scenario_get_n_actions (scenario);
  action = aplomb_action_copy (aplomb_action_editor_get_action (self->editor));
  if (aplomb_action_editor_is_new (self->editor) || index >= n)
    aplomb_scenario_insert_action (scenario, MIN (index, n), action);
  else
    aplomb_scenario_replace_action (scenario, index, action);
}

static void
on_pick_mode_changed (AplombScenarioPanel *self)
{
  if (self->layer != NULL)
    aplomb_scenario_layer_set_lasso_active (self->layer,
                                            aplomb_action_editor_get_pick_mode (self->editor)
                                            == APLOMB_PICK_LASSO);
}

static void
on_lasso_finished (AplombScenarioPanel *self,
                   GArray              *lonlat)
{
  g_autoptr(GArray) communes = NULL;

  if (self->atlas == NULL)
    return;
  communes = aplomb_lasso_select (aplomb_atlas_get_territory (self->atlas),
                                  (const double *) lonlat->data, lonlat->len / 2);
  aplomb_action_editor_take_communes (self->editor, (const guint *) communes->data,
                                      communes->len);
}

gboolean
aplomb_scenario_panel_take_commune (AplombScenarioPanel *self,
                                    guint                commune)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), FALSE);

  if (!self->active
      || g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "editor") != 0
      || aplomb_action_editor_get_pick_mode (self->editor) != APLOMB_PICK_CLICK)
    return FALSE;
  aplomb_action_editor_take_communes (self->editor, &commune, 1);
  return TRUE;
}

static void
on_results_commune_activated (AplombScenarioPanel *self,
                              int                  commune)
{
  if (self->map != NULL)
    aplomb_commune_map_fly_to_commune (self->map, commune);
}

static void
on_compared_chosen (AplombScenarioPanel *self)
{
  guint compared = aplomb_scenario_results_get_compared (self->results);
  AplombScenario *chosen = NULL;

  if (compared > 0 && compared <= self->comparable->len)
    chosen = g_ptr_array_index (self->comparable, compared - 1);
  g_set_object (&self->compared, chosen);
  self->compared_stale = TRUE;
  update_soon (self);
}

static void
on_profession_chosen (AplombScenarioPanel *self)
{
  guint position = aplomb_scenario_results_get_profession (self->results);

  if (position >= self->views->len || position == self->view)
    return;
  self->view = position;
  self->compared_stale = TRUE;
  update_soon (self);
}

static void
on_scenario_selected (AplombScenarioPanel *self)
{
  guint position = adw_combo_row_get_selected (self->scenario_row);

  if (!self->syncing && position != GTK_INVALID_LIST_POSITION && position != self->current
      && position < self->scenarios->len)
    select_scenario (self, position);
}

static void
on_name_applied (AplombScenarioPanel *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  AplombScenario *scenario = current_scenario (self);

  if (scenario != NULL && *name != '\0')
    aplomb_scenario_set_name (scenario, name);
}

static void
on_baseline_selected (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);
  const AplombIndicators *indicators;

  if (self->syncing || scenario == NULL || self->atlas == NULL)
    return;
  indicators = aplomb_atlas_get_indicators (self->atlas);
  if (adw_combo_row_get_selected (self->baseline_row) == 1)
    aplomb_scenario_set_baseline (scenario, APLOMB_BASELINE_OFFICIAL, indicators->official_year);
  else
    aplomb_scenario_set_baseline (scenario, APLOMB_BASELINE_COMPUTED, 0);
}

static void
on_year_selected (AplombScenarioPanel *self)
{
  AplombScenario *scenario = current_scenario (self);
  guint position = adw_combo_row_get_selected (self->year_row);

  if (self->syncing || scenario == NULL || position >= self->years->len)
    return;
  aplomb_scenario_set_year (scenario, g_array_index (self->years, int, position));
}

/* Actions of the panel */

static void
panel_undo (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);

  if (current_history (self) != NULL)
    aplomb_scenario_history_undo (current_history (self));
}

static void
panel_redo (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);

  if (current_history (self) != NULL)
    aplomb_scenario_history_redo (current_history (self));
}

static void
panel_add_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);
  AplombActionKind kind;

  if (current_scenario (self) == NULL
      || !aplomb_action_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  edit_action (self, aplomb_scenario_get_n_actions (current_scenario (self)), NULL, kind);
}

static void
panel_edit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);
  AplombScenario *scenario = current_scenario (self);
  guint index = g_variant_get_uint32 (parameter);

  if (scenario == NULL || index >= aplomb_scenario_get_n_actions (scenario))
    return;
  edit_action (self, index, aplomb_scenario_get_action (scenario, index), 0);
}

static void
panel_remove_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);
  AplombScenario *scenario = current_scenario (self);
  guint index = g_variant_get_uint32 (parameter);

  if (scenario != NULL && index < aplomb_scenario_get_n_actions (scenario))
    aplomb_scenario_remove_action (scenario, index);
}

static void
append_and_select (AplombScenarioPanel *self,
                   AplombScenario      *scenario)
{
  add_scenario (self, scenario, 0);
  select_scenario (self, self->scenarios->len - 1);
  save_later (self);
}

static void
panel_new (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);
  g_autoptr(AplombScenario) scenario = NULL;

  if (self->atlas == NULL)
    return;
  scenario = new_scenario (self);
  append_and_select (self, scenario);
}

static void
panel_duplicate (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);
  g_autoptr(AplombScenario) scenario = NULL;
  g_autofree char *name = NULL;

  if (current_scenario (self) == NULL)
    return;
  scenario = aplomb_scenario_copy (current_scenario (self));
  /* Translators: name of the copy of a scenario */
  name = g_strdup_printf (_("%s (copy)"), aplomb_scenario_get_name (scenario));
  aplomb_scenario_set_name (scenario, name);
  append_and_select (self, scenario);
}

static void
delete_current (AplombScenarioPanel *self)
{
  guint position = self->current;
  gint64 id = g_array_index (self->ids, gint64, position);
  g_autoptr(GError) error = NULL;

  if (id != 0 && !self->read_only
      && (!open_store (self, &error) || !aplomb_store_delete_scenario (self->store, id, &error)))
    {
      show_status (self, error->message);
      return;
    }
  g_clear_signal_handler (&self->changed_handler, current_scenario (self));
  g_ptr_array_remove_index (self->scenarios, position);
  g_ptr_array_remove_index (self->histories, position);
  g_array_remove_index (self->ids, position);
  g_array_remove_index (self->dirty, position);
  gtk_string_list_remove (self->scenario_names, position);
  self->current = G_MAXUINT;
  if (self->scenarios->len == 0)
    {
      g_autoptr(AplombScenario) scenario = new_scenario (self);

      add_scenario (self, scenario, 0);
    }
  select_scenario (self, MIN (position, self->scenarios->len - 1));
}

static void
on_delete_response (AdwMessageDialog    *dialog,
                    const char          *response,
                    AplombScenarioPanel *self)
{
  if (g_str_equal (response, "delete"))
    delete_current (self);
}

static void
panel_delete (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);
  GtkWidget *dialog;

  if (current_scenario (self) == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Delete the Scenario?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and its actions will be removed from the project."),
                                  aplomb_scenario_get_name (current_scenario (self)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (GtkNativeDialog     *chooser,
                    int                  response,
                    AplombScenarioPanel *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (!aplomb_scenario_panel_import (self, path, &error))
        show_status (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
on_export_response (GtkNativeDialog     *chooser,
                    int                  response,
                    AplombScenarioPanel *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && current_scenario (self) != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (!aplomb_scenario_panel_export (self, path, &error))
        show_status (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
run_chooser (AplombScenarioPanel  *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             GCallback             callback)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title,
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               action, accept, NULL);
  gtk_file_filter_set_name (filter, _("Scenarios (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *name = g_strdup_printf ("%s.json",
                                               aplomb_scenario_get_name (current_scenario (self)));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", callback, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
panel_import (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);

  if (self->atlas != NULL)
    run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import a Scenario"), _("_Import"),
                 G_CALLBACK (on_import_response));
}

static void
panel_export (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (widget);

  if (current_scenario (self) != NULL)
    run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export the Scenario"), _("_Export"),
                 G_CALLBACK (on_export_response));
}

/* Public API */

gboolean
aplomb_scenario_panel_import (AplombScenarioPanel  *self,
                              const char           *path,
                              GError              **error)
{
  g_autoptr(AplombScenario) scenario = NULL;

  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), FALSE);
  g_return_val_if_fail (self->atlas != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  scenario = aplomb_scenario_new_from_file (path, error);
  if (scenario == NULL)
    return FALSE;
  append_and_select (self, scenario);
  return TRUE;
}

gboolean
aplomb_scenario_panel_export (AplombScenarioPanel  *self,
                              const char           *path,
                              GError              **error)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), FALSE);
  g_return_val_if_fail (current_scenario (self) != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return aplomb_scenario_save_to_file (current_scenario (self), path, error);
}

void
aplomb_scenario_panel_set_map (AplombScenarioPanel *self,
                               AplombCommuneMap    *map)
{
  ShumateSimpleMap *simple_map;

  g_return_if_fail (APLOMB_IS_SCENARIO_PANEL (self));
  g_return_if_fail (APLOMB_IS_COMMUNE_MAP (map));
  g_return_if_fail (self->map == NULL);

  self->map = map;
  simple_map = aplomb_commune_map_get_simple_map (map);
  self->layer = aplomb_scenario_layer_new (shumate_simple_map_get_viewport (simple_map),
                                           GTK_WIDGET (shumate_simple_map_get_map (simple_map)));
  shumate_simple_map_add_overlay_layer (simple_map, SHUMATE_LAYER (self->layer));
  g_signal_connect_object (self->layer, "lasso-finished", G_CALLBACK (on_lasso_finished), self,
                           G_CONNECT_SWAPPED);
}

void
aplomb_scenario_panel_set_active (AplombScenarioPanel *self,
                                  gboolean             active)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_PANEL (self));

  self->active = active;
  if (active)
    start_evaluator (self);
  if (!active && self->layer != NULL)
    aplomb_scenario_layer_set_lasso_active (self->layer, FALSE);
  else
    on_pick_mode_changed (self);
  show_on_map (self);
  draw_scenario (self);
}

AplombMapMode
aplomb_scenario_panel_get_map_mode (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), APLOMB_MAP_MODE_BASELINE);

  return self->map_mode;
}

void
aplomb_scenario_panel_set_map_mode (AplombScenarioPanel *self,
                                    AplombMapMode        mode)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_PANEL (self));
  g_return_if_fail (mode <= APLOMB_MAP_MODE_DIFFERENCE);

  if (self->map_mode == mode)
    return;
  self->map_mode = mode;
  show_on_map (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_MODE]);
}

AplombScenario *
aplomb_scenario_panel_get_scenario (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), NULL);

  return current_scenario (self);
}

guint
aplomb_scenario_panel_get_n_scenarios (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), 0);

  return self->scenarios->len;
}

void
aplomb_scenario_panel_select (AplombScenarioPanel *self,
                              guint                position)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_PANEL (self));
  g_return_if_fail (position < self->scenarios->len);

  select_scenario (self, position);
}

AplombScenarioResult *
aplomb_scenario_panel_get_result (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), NULL);

  return self->result;
}

AplombClassification *
aplomb_scenario_panel_get_difference_classification (AplombScenarioPanel *self)
{
  ProfessionView *view;

  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), NULL);

  view = current_view (self);
  if (view == NULL || view->evaluator == NULL)
    return self->difference_classes;
  return view->has_supply ? view->difference : self->etp_classes;
}

AplombScenarioHistory *
aplomb_scenario_panel_get_history (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), NULL);

  return current_history (self);
}

AplombActionEditor *
aplomb_scenario_panel_get_editor (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), NULL);

  return self->editor;
}

AplombScenarioResults *
aplomb_scenario_panel_get_results (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), NULL);

  return self->results;
}

gint64
aplomb_scenario_panel_get_update_time (AplombScenarioPanel *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_PANEL (self), 0);

  return self->update_time;
}

/* Widget */

static void
aplomb_scenario_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_MODE:
      g_value_set_string (value, map_mode_names[self->map_mode]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aplomb_scenario_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (object);

  switch (prop_id)
    {
    case PROP_MAP_MODE:
      for (guint m = 0; m < G_N_ELEMENTS (map_mode_names); m++)
        if (g_strcmp0 (g_value_get_string (value), map_mode_names[m]) == 0)
          aplomb_scenario_panel_set_map_mode (self, m);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aplomb_scenario_panel_dispose (GObject *object)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (object);

  /* Edits made just before closing are not lost. */
  if (self->save_source != 0)
    aplomb_scenario_panel_save (self, NULL);
  if (self->scenarios != NULL)
    clear_scenarios (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_array_set_size (self->views, 0);
  g_clear_object (&self->store);
  g_clear_object (&self->atlas);
  self->map = NULL;
  self->layer = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), APLOMB_TYPE_SCENARIO_PANEL);

  G_OBJECT_CLASS (aplomb_scenario_panel_parent_class)->dispose (object);
}

static void
aplomb_scenario_panel_finalize (GObject *object)
{
  AplombScenarioPanel *self = APLOMB_SCENARIO_PANEL (object);

  g_free (self->project_path);
  g_ptr_array_unref (self->scenarios);
  g_ptr_array_unref (self->histories);
  g_array_unref (self->ids);
  g_array_unref (self->dirty);
  g_ptr_array_unref (self->action_rows);
  g_ptr_array_unref (self->comparable);
  g_array_unref (self->years);
  g_array_unref (self->views);
  aplomb_classification_unref (self->difference_classes);
  aplomb_classification_unref (self->etp_classes);

  G_OBJECT_CLASS (aplomb_scenario_panel_parent_class)->finalize (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "scenario.undo", NULL, panel_undo);
  gtk_widget_class_install_action (widget_class, "scenario.redo", NULL, panel_redo);
  gtk_widget_class_install_action (widget_class, "scenario.new", NULL, panel_new);
  gtk_widget_class_install_action (widget_class, "scenario.duplicate", NULL, panel_duplicate);
  gtk_widget_class_install_action (widget_class, "scenario.delete", NULL, panel_delete);
  gtk_widget_class_install_action (widget_class, "scenario.import", NULL, panel_import);
  gtk_widget_class_install_action (widget_class, "scenario.export", NULL, panel_export);
  gtk_widget_class_install_action (widget_class, "scenario.add-action", "s", panel_add_action);
  gtk_widget_class_install_action (widget_class, "scenario.edit-action", "u", panel_edit_action);
  gtk_widget_class_install_action (widget_class, "scenario.remove-action", "u",
                                   panel_remove_action);
  gtk_widget_class_install_property_action (widget_class, "scenario.map-mode", "map-mode");
}

static void
aplomb_scenario_panel_class_init (AplombScenarioPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aplomb_scenario_panel_get_property;
  object_class->set_property = aplomb_scenario_panel_set_property;
  object_class->dispose = aplomb_scenario_panel_dispose;
  object_class->finalize = aplomb_scenario_panel_finalize;

  properties[PROP_MAP_MODE] =
    g_param_spec_string ("map-mode", NULL, NULL, "difference",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (APLOMB_TYPE_ACTION_EDITOR);
  g_type_ensure (APLOMB_TYPE_SCENARIO_RESULTS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scenariopanel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/aplomb/Aplomb/aplomb-scenario-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, scenario_row);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, scenario_names);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, name_row);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, baseline_names);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, year_row);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, year_names);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, actions_group);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, results);
  gtk_widget_class_bind_template_child (widget_class, AplombScenarioPanel, editor);
  install_actions (widget_class);
}

/* Ctrl+Z anywhere in the window, unless a text field takes it first. */
static void
add_shortcuts (AplombScenarioPanel *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>z"),
                      gtk_named_action_new ("scenario.undo")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>z"),
                      gtk_named_action_new ("scenario.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
aplomb_scenario_panel_init (AplombScenarioPanel *self)
{
  /* In consultations a year per inhabitant: 0.02 is one more consultation
   * a year for fifty residents, 1 an MSP's effect on its own village. */
  static const double difference_breaks[] = { 0.02, 0.1, 0.25, 0.5, 1 };
  /* An MSP's team counts a few ETP of each profession. */
  static const double etp_breaks[] = { 0.1, 1, 2, 5 };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scenarios = g_ptr_array_new_with_free_func (g_object_unref);
  self->histories = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->dirty = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->action_rows = g_ptr_array_new ();
  self->comparable = g_ptr_array_new ();
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->views = g_array_new (FALSE, TRUE, sizeof (ProfessionView));
  g_array_set_clear_func (self->views, profession_view_clear);
  self->map_mode = APLOMB_MAP_MODE_DIFFERENCE;
  self->difference_classes = aplomb_classification_new_difference (difference_breaks,
                                                                   G_N_ELEMENTS (difference_breaks),
                                                                   2, NULL);
  /* Neutral where nothing changes, as most of the map; departures (a
   * relocation, retirements) can make the net change negative. */
  self->etp_classes = aplomb_classification_new_difference (etp_breaks, G_N_ELEMENTS (etp_breaks),
                                                            1, _("ETP"));
  add_shortcuts (self);
  update_actions_state (self);
  rebuild_actions (self);
  aplomb_scenario_results_show (self->results, NULL, NULL);

  g_signal_connect_swapped (self->editor, "done", G_CALLBACK (on_editor_done), self);
  g_signal_connect_swapped (self->editor, "pick-mode-changed",
                            G_CALLBACK (on_pick_mode_changed), self);
  g_signal_connect_swapped (self->results, "commune-activated",
                            G_CALLBACK (on_results_commune_activated), self);
  g_signal_connect_swapped (self->results, "notify::compared",
                            G_CALLBACK (on_compared_chosen), self);
  g_signal_connect_swapped (self->results, "notify::profession",
                            G_CALLBACK (on_profession_chosen), self);
  g_signal_connect_swapped (self->scenario_row, "notify::selected",
                            G_CALLBACK (on_scenario_selected), self);
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (on_name_applied), self);
  g_signal_connect_swapped (self->baseline_row, "notify::selected",
                            G_CALLBACK (on_baseline_selected), self);
  g_signal_connect_swapped (self->year_row, "notify::selected",
                            G_CALLBACK (on_year_selected), self);
}

GtkWidget *
aplomb_scenario_panel_new (void)
{
  return g_object_new (APLOMB_TYPE_SCENARIO_PANEL, NULL);
}
