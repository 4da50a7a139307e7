/* aplomb-action-editor.c: the form of one scenario action
 *
 * The form edits a working copy of the action in place: each input writes
 * into its field as it changes, and the whole action is checked again. The
 * inputs are named after the fields of the JSON format
 * (docs/scenario-format.md), "team.gp", "stops.1.monday", so that tests and
 * error messages speak the same language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "aplomb-action-editor.h"
#include "aplomb-cpts.h"
#include "aplomb-scenario-supply.h"

struct _AplombActionEditor
{
  GtkWidget                parent_instance;

  AplombAtlas             *atlas;
  AplombScenarioEvaluator *evaluator;
  AplombScenario          *scenario;
  AplombAction            *action;
  guint                    index;
  gboolean                 is_new;
  char                    *problem;
  char                    *import_problem; /* why the last perimeter file was refused */
  char                    *tours;

  GtkWidget               *box;
  AdwWindowTitle          *title;
  GtkWidget               *problem_label;
  GtkWidget               *form;
  GtkWidget               *list_group;   /* relocations, stops or communes */
  GPtrArray               *list_rows;
  GtkWidget               *tours_group;
  GtkWidget               *tours_label;
  AplombScenarioResult    *result;
  GtkWidget               *diagnostic_group;
  GPtrArray               *diagnostic_rows;
  GPtrArray               *commune_rows; /* AdwEntryRow of single communes */
  GPtrArray               *pick_buttons;
  GtkWidget               *pick_button;  /* the armed one, or NULL */
  AplombPickMode           pick_mode;
  GtkWidget               *age_row;
  GtkWidget               *share_row;
};

G_DEFINE_FINAL_TYPE (AplombActionEditor, aplomb_action_editor, GTK_TYPE_WIDGET)

enum {
  DONE,
  PICK_MODE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Combo rows write enumerations through an int pointer. */
G_STATIC_ASSERT (sizeof (AplombProfession) == sizeof (int));
G_STATIC_ASSERT (sizeof (AplombRetirementMode) == sizeof (int));

static const char *const weekday_labels[APLOMB_N_WEEKDAYS] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
  N_("Saturday"), N_("Sunday"),
};

static void validate (AplombActionEditor *self);
static void rebuild_list (AplombActionEditor *self);

/* Communes */

static AplombTerritory *
get_territory (AplombActionEditor *self)
{
  return aplomb_atlas_get_territory (self->atlas);
}

/* "Vierzon (18279)", the text a picked commune gets, which resolves back
 * to the same commune whatever its namesakes. */
static char *
describe_commune (AplombTerritory *territory,
                  guint            commune)
{
  return g_strdup_printf ("%s (%s)", aplomb_territory_get_name (territory, commune),
                          aplomb_territory_get_code (territory, commune));
}

/* A commune typed as a code, as "Name (code)", or as a name, then the best
 * match of the search. */
static int
resolve_commune (AplombActionEditor *self,
                 const char         *text)
{
  AplombTerritory *territory = get_territory (self);
  const char *open = strrchr (text, '(');
  g_autoptr(GArray) matches = NULL;
  int commune;

  if (open != NULL && g_str_has_suffix (text, ")"))
    {
      g_autofree char *code = g_strndup (open + 1, strlen (open + 1) - 1);

      commune = aplomb_territory_lookup (territory, code);
      if (commune >= 0)
        return commune;
    }
  commune = aplomb_territory_lookup (territory, text);
  if (commune >= 0)
    return commune;
  matches = aplomb_commune_search_find (aplomb_atlas_get_search (self->atlas), text, 1);
  return matches->len > 0 ? (int) g_array_index (matches, guint, 0) : -1;
}

/* Picking on the map */

static void
set_pick_button (AplombActionEditor *self,
                 GtkWidget          *button,
                 AplombPickMode      mode)
{
  self->pick_button = button;
  self->pick_mode = button != NULL ? mode : APLOMB_PICK_NONE;
  for (guint i = 0; i < self->pick_buttons->len; i++)
    {
      GtkToggleButton *other = g_ptr_array_index (self->pick_buttons, i);

      if (GTK_WIDGET (other) != button && gtk_toggle_button_get_active (other))
        gtk_toggle_button_set_active (other, FALSE);
    }
  g_signal_emit (self, signals[PICK_MODE_CHANGED], 0);
}

static void
on_pick_toggled (GtkToggleButton    *button,
                 AplombActionEditor *self)
{
  AplombPickMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pick-mode"));

  if (gtk_toggle_button_get_active (button))
    set_pick_button (self, GTK_WIDGET (button), mode);
  else if (self->pick_button == GTK_WIDGET (button))
    set_pick_button (self, NULL, APLOMB_PICK_NONE);
}

static GtkWidget *
make_pick_button (AplombActionEditor *self,
                  AplombPickMode      mode,
                  GtkWidget          *target)
{
  GtkWidget *button = gtk_toggle_button_new ();
  const char *tooltip = mode == APLOMB_PICK_LASSO
                        ? _("Draw around communes on the map")
                        : _("Choose on the map");

  gtk_button_set_icon_name (GTK_BUTTON (button), mode == APLOMB_PICK_LASSO
                                                 ? "edit-select-all-symbolic"
                                                 : "find-location-symbolic");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "pick-mode", GINT_TO_POINTER (mode));
  g_object_set_data (G_OBJECT (button), "target", target);
  g_signal_connect (button, "toggled", G_CALLBACK (on_pick_toggled), self);
  g_ptr_array_add (self->pick_buttons, button);
  return button;
}

/* Scalar inputs, each writing into its field */

static void
on_spin_changed (GtkSpinButton      *spin,
                 AplombActionEditor *self)
{
  double *field = g_object_get_data (G_OBJECT (spin), "field");
  int *int_field = g_object_get_data (G_OBJECT (spin), "int-field");

  if (field != NULL)
    *field = gtk_spin_button_get_value (spin);
  else
    *int_field = gtk_spin_button_get_value_as_int (spin);
  validate (self);
}

static GtkWidget *
make_spin (const char *name,
           double      value,
           double      lower,
           double      upper,
           double      step,
           guint       digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, name);
  return spin;
}

static GtkWidget *
add_spin_row (AplombActionEditor *self,
              GtkWidget          *group,
              const char         *name,
              const char         *title,
              const char         *subtitle,
              double             *field,
              double              upper,
              double              step,
              guint               digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = make_spin (name, *field, 0, upper, step, digits);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  g_object_set_data (G_OBJECT (spin), "field", field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_int_row (AplombActionEditor *self,
             GtkWidget          *group,
             const char         *name,
             const char         *title,
             const char         *subtitle,
             int                *field,
             int                 upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = make_spin (name, *field, 0, upper, 1, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  g_object_set_data (G_OBJECT (spin), "int-field", field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_year_row (AplombActionEditor *self,
              GtkWidget          *group,
              const char         *name,
              const char         *title,
              const char         *subtitle,
              int                *field)
{
  return add_int_row (self, group, name, title, subtitle, field, 2100);
}

static void
on_text_changed (GtkEditable        *editable,
                 AplombActionEditor *self)
{
  char **field = g_object_get_data (G_OBJECT (editable), "field");
  const char *text = gtk_editable_get_text (editable);

  g_free (*field);
  *field = *text != '\0' ? g_strdup (text) : NULL;
  validate (self);
}

static GtkWidget *
add_text_row (AplombActionEditor *self,
              GtkWidget          *group,
              const char         *name,
              const char         *title,
              char              **field)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), *field != NULL ? *field : "");
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "field", field);
  g_signal_connect (row, "changed", G_CALLBACK (on_text_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
on_commune_changed (GtkEditable        *editable,
                    AplombActionEditor *self)
{
  char **field = g_object_get_data (G_OBJECT (editable), "field");
  GtkLabel *name_label = g_object_get_data (G_OBJECT (editable), "name-label");
  const char *text = gtk_editable_get_text (editable);
  int commune = *text != '\0' ? resolve_commune (self, text) : -1;

  g_autofree char *described = commune >= 0 ? describe_commune (get_territory (self), commune)
                                            : NULL;

  g_free (*field);
  *field = commune >= 0 ? g_strdup (aplomb_territory_get_code (get_territory (self), commune))
                        : NULL;
  /* What a typed code or name resolved to, unless the text says it. */
  gtk_label_set_label (name_label, described != NULL && g_strcmp0 (described, text) != 0
                                   ? aplomb_territory_get_name (get_territory (self), commune)
                                   : "");
  if (*text != '\0' && commune < 0)
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  validate (self);
}

static GtkWidget *
add_commune_row (AplombActionEditor *self,
                 GtkWidget          *group,
                 const char         *name,
                 const char         *title,
                 char              **field)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *name_label = gtk_label_new (NULL);
  int commune = *field != NULL ? aplomb_territory_lookup (get_territory (self), *field) : -1;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), name_label);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), make_pick_button (self, APLOMB_PICK_CLICK, row));
  g_object_set_data (G_OBJECT (row), "field", field);
  g_object_set_data (G_OBJECT (row), "name-label", name_label);
  if (commune >= 0)
    {
      g_autofree char *text = describe_commune (get_territory (self), commune);

      gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  g_signal_connect (row, "changed", G_CALLBACK (on_commune_changed), self);
  g_ptr_array_add (self->commune_rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
on_combo_selected (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   AplombActionEditor *self)
{
  int *field = g_object_get_data (G_OBJECT (row), "field");

  *field = adw_combo_row_get_selected (row);
  validate (self);
}

static GtkWidget *
add_combo_row (AplombActionEditor *self,
               GtkWidget          *group,
               const char         *name,
               const char         *title,
               const char *const  *labels,
               int                *field)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (model, labels[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_unref (model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), *field);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "field", field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_profession_row (AplombActionEditor *self,
                    GtkWidget          *group,
                    AplombProfession   *field)
{
  const char *labels[APLOMB_N_PROFESSIONS + 1] = { NULL };

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    labels[p] = aplomb_profession_get_label (p);
  return add_combo_row (self, group, "profession", _("Profession"), labels, (int *) field);
}

static void
on_switch_active (GtkSwitch          *button,
                  GParamSpec         *pspec,
                  AplombActionEditor *self)
{
  gboolean *field = g_object_get_data (G_OBJECT (button), "field");

  *field = gtk_switch_get_active (button);
  validate (self);
}

static void
add_switch_row (AplombActionEditor *self,
                GtkWidget          *group,
                const char         *name,
                const char         *title,
                gboolean           *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (button), *field);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (button), "field", field);
  g_signal_connect (button, "notify::active", G_CALLBACK (on_switch_active), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
add_group (AplombActionEditor *self,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->form), group);
  return group;
}

/* The list of the form: relocations of an MSP, stops of a bus, communes of
 * a CPTS or of retirements. Rows hold the index of their item. */

static void
list_add_commune (AplombActionEditor *self,
                  guint               commune)
{
  AplombTerritory *territory = get_territory (self);
  const char *code = aplomb_territory_get_code (territory, commune);
  AplombAction *action = self->action;

  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      aplomb_action_msp_add_relocation (action, code, 1);
      break;
    case APLOMB_ACTION_BUS:
      aplomb_action_bus_add_stop (action, code);
      break;
    case APLOMB_ACTION_CPTS:
    case APLOMB_ACTION_RETIREMENTS:
      {
        GPtrArray *communes = action->kind == APLOMB_ACTION_CPTS ? action->cpts.communes
                                                                 : action->retirements.communes;

        /* A lasso over communes already listed adds only the others. */
        for (guint i = 0; i < communes->len; i++)
          if (g_str_equal (g_ptr_array_index (communes, i), code))
            return;
        aplomb_action_add_commune (action, code);
      }
      break;
    case APLOMB_ACTION_PRACTITIONER:
    case APLOMB_ACTION_TELECONSULTATION:
    case APLOMB_N_ACTION_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_remove_item (GtkButton          *button,
                AplombActionEditor *self)
{
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "item"));
  AplombAction *action = self->action;

  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      g_array_remove_index (action->msp.relocations, item);
      break;
    case APLOMB_ACTION_BUS:
      g_array_remove_index (action->bus.stops, item);
      break;
    case APLOMB_ACTION_CPTS:
      g_ptr_array_remove_index (action->cpts.communes, item);
      break;
    case APLOMB_ACTION_RETIREMENTS:
      g_ptr_array_remove_index (action->retirements.communes, item);
      break;
    case APLOMB_ACTION_PRACTITIONER:
    case APLOMB_ACTION_TELECONSULTATION:
    case APLOMB_N_ACTION_KINDS:
    default:
      g_assert_not_reached ();
    }
  rebuild_list (self);
  validate (self);
}

static GtkWidget *
make_remove_button (AplombActionEditor *self,
                    guint               item)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove"), -1);
  g_object_set_data (G_OBJECT (button), "item", GUINT_TO_POINTER (item));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_item), self);
  return button;
}

static void
set_commune_title (AplombActionEditor *self,
                   GtkWidget          *row,
                   const char         *code)
{
  int commune = aplomb_territory_lookup (get_territory (self), code);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 commune >= 0 ? aplomb_territory_get_name (get_territory (self),
                                                                           commune)
                                              : code);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
}

static GtkWidget *
make_relocation_row (AplombActionEditor *self,
                     guint               item)
{
  AplombRelocation *relocation = &g_array_index (self->action->msp.relocations,
                                                 AplombRelocation, item);
  g_autofree char *name = g_strdup_printf ("relocations.%u.gp", item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = make_spin (name, relocation->gp_etp, 0, 50, 0.5, 1);

  set_commune_title (self, row, relocation->commune);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), relocation->commune);
  gtk_widget_set_tooltip_text (spin, _("GPs leaving this commune, in ETP"));
  g_object_set_data (G_OBJECT (spin), "field", &relocation->gp_etp);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_remove_button (self, item));
  return row;
}

static char *
describe_stop (const AplombBusStop *stop)
{
  g_autofree char *number = NULL;
  double total = 0;

  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    total += stop->half_days[d];
  if (total == 0)
    return g_strdup (_("Not served yet: give its half-days"));

  number = aplomb_format_decimal (total, total == floor (total) ? 0 : 1);
  /* Translators: half-days of service of a bus stop each week */
  return g_strdup_printf (_("%s half-days a week"), number);
}

static void
on_stop_day_changed (GtkSpinButton      *spin,
                     AplombActionEditor *self)
{
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (spin), "stop-row");
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "item"));
  g_autofree char *summary = NULL;

  on_spin_changed (spin, self);
  summary = describe_stop (&g_array_index (self->action->bus.stops, AplombBusStop, item));
  adw_expander_row_set_subtitle (row, summary);
}

static GtkWidget *
make_stop_row (AplombActionEditor *self,
               guint               item)
{
  AplombBusStop *stop = &g_array_index (self->action->bus.stops, AplombBusStop, item);
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *summary = describe_stop (stop);

  set_commune_title (self, row, stop->commune);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), make_remove_button (self, item));
  g_object_set_data (G_OBJECT (row), "item", GUINT_TO_POINTER (item));
  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    {
      g_autofree char *name = g_strdup_printf ("stops.%u.%s", item,
                                               aplomb_weekday_to_string (d));
      GtkWidget *day_row = adw_action_row_new ();
      GtkWidget *spin = make_spin (name, stop->half_days[d], 0, 2, 0.5, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (day_row), _(weekday_labels[d]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (day_row), _("Half-days at this stop"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (day_row), spin);
      g_object_set_data (G_OBJECT (spin), "field", &stop->half_days[d]);
      g_object_set_data (G_OBJECT (spin), "stop-row", row);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_stop_day_changed), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), day_row);
    }
  return row;
}

static GtkWidget *
make_commune_item_row (AplombActionEditor *self,
                       GPtrArray          *communes,
                       guint               item)
{
  GtkWidget *row = adw_action_row_new ();

  set_commune_title (self, row, g_ptr_array_index (communes, item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (communes, item));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_remove_button (self, item));
  return row;
}

static void
rebuild_list (AplombActionEditor *self)
{
  AplombAction *action = self->action;
  guint n;

  /* The list changed: a refused file no longer explains it. */
  g_clear_pointer (&self->import_problem, g_free);
  for (guint i = 0; i < self->list_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->list_group),
                                  g_ptr_array_index (self->list_rows, i));
  g_ptr_array_set_size (self->list_rows, 0);

  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      n = action->msp.relocations->len;
      break;
    case APLOMB_ACTION_BUS:
      n = action->bus.stops->len;
      break;
    case APLOMB_ACTION_CPTS:
      n = action->cpts.communes->len;
      break;
    case APLOMB_ACTION_RETIREMENTS:
      n = action->retirements.communes->len;
      break;
    case APLOMB_ACTION_PRACTITIONER:
    case APLOMB_ACTION_TELECONSULTATION:
    case APLOMB_N_ACTION_KINDS:
    default:
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row;

      if (action->kind == APLOMB_ACTION_MSP)
        row = make_relocation_row (self, i);
      else if (action->kind == APLOMB_ACTION_BUS)
        row = make_stop_row (self, i);
      else
        row = make_commune_item_row (self, action->kind == APLOMB_ACTION_CPTS
                                           ? action->cpts.communes
                                           : action->retirements.communes, i);
      g_ptr_array_add (self->list_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->list_group), row);
    }
}

static void
on_add_row_apply (AdwEntryRow        *row,
                  AplombActionEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  int commune = *text != '\0' ? resolve_commune (self, text) : -1;

  if (commune < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  list_add_commune (self, commune);
  rebuild_list (self);
  validate (self);
}

/* The group of the list, its rows, and an entry to add a commune by name
 * or on the map (and with a lasso for sets of communes), then extra_row
 * (may be NULL) above the list's rows. */
static void
add_list_group (AplombActionEditor *self,
                const char         *title,
                const char         *description,
                const char         *add_title,
                gboolean            lasso,
                GtkWidget          *extra_row)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *add_row = adw_entry_row_new ();

  self->list_group = add_group (self, title, description);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), add_title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add_row), TRUE);
  gtk_widget_set_name (add_row, "add-commune");
  g_signal_connect (add_row, "apply", G_CALLBACK (on_add_row_apply), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (add_row),
                            make_pick_button (self, APLOMB_PICK_CLICK, self->list_group));
  if (lasso)
    {
      GtkWidget *button = make_pick_button (self, APLOMB_PICK_LASSO, self->list_group);

      gtk_widget_set_name (button, "lasso");
      gtk_box_append (GTK_BOX (header), button);
    }
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->list_group), header);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->list_group), add_row);
  if (extra_row != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->list_group), extra_row);
  rebuild_list (self);
}

/* The forms */

static void
build_msp_form (AplombActionEditor *self)
{
  AplombMspAction *msp = &self->action->msp;
  static const struct { AplombProfession profession; const char *name; } team[] = {
    { APLOMB_PROFESSION_GP, "team.gp" },
    { APLOMB_PROFESSION_NURSE, "team.nurse" },
    { APLOMB_PROFESSION_PHYSIOTHERAPIST, "team.physiotherapist" },
    { APLOMB_PROFESSION_MIDWIFE, "team.midwife" },
    { APLOMB_PROFESSION_DENTIST, "team.dentist" },
  };
  GtkWidget *group = add_group (self, _("Site"), NULL);

  add_commune_row (self, group, "commune", _("Commune"), &msp->commune);
  /* The scenario's year decides whether the MSP counts: say so where the
   * year is typed. */
  add_year_row (self, group, "opening_year", _("Opening year"),
                _("Counts once the scenario’s “Situation in” reaches this year; 0 when not given"),
                &msp->opening_year);

  group = add_group (self, _("Team"), _("Full-time equivalents (ETP)"));
  for (guint i = 0; i < G_N_ELEMENTS (team); i++)
    add_spin_row (self, group, team[i].name, aplomb_profession_get_label (team[i].profession),
                  NULL, &msp->team[team[i].profession], 50, 0.5, 1);

  add_list_group (self, _("GPs Who Relocate"),
                  _("Their commune loses them; the other GPs of the team are new recruits."),
                  _("Add the commune they leave"), FALSE, NULL);
}

static void
build_bus_form (AplombActionEditor *self)
{
  AplombBusAction *bus = &self->action->bus;
  GtkWidget *group = add_group (self, _("Vehicle"), NULL);

  add_commune_row (self, group, "base", _("Base commune"), &bus->base);
  add_spin_row (self, group, "consultations_per_half_day", _("Consultations per half-day"),
                NULL, &bus->consultations_per_half_day, 100, 1, 0);
  add_spin_row (self, group, "weeks_per_year", _("Weeks of service a year"), NULL,
                &bus->weeks_per_year, 53, 1, 0);
  add_spin_row (self, group, "half_day_hours", _("Hours of a half-day"),
                _("Consultation time at a stop"), &bus->half_day_hours, 12, 0.5, 1);
  add_spin_row (self, group, "shift_hours", _("Longest working day"),
                _("Hours of driving and consultations"), &bus->shift_hours, 24, 0.5, 1);

  add_list_group (self, _("Stops"),
                  _("Each day’s tour is ordered to drive as little as possible."),
                  _("Add a stop"), FALSE, NULL);

  self->tours_group = add_group (self, _("Daily Tours"), NULL);
  self->tours_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->tours_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->tours_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->tours_label), TRUE);
  gtk_widget_add_css_class (self->tours_label, "tours");
  gtk_widget_add_css_class (self->tours_label, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->tours_group), self->tours_label);
}

/* Importing a perimeter from a file */

static GtkFileFilter *
make_file_filter (const char         *name,
                  const char * const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

static void
on_perimeter_file_response (GtkNativeDialog    *dialog,
                            int                 response,
                            AplombActionEditor *self)
{
  /* The form may have been closed while the chooser was open. */
  if (response == GTK_RESPONSE_ACCEPT && self->action != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      aplomb_action_editor_import_perimeter (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_import_perimeter_activated (AdwActionRow       *row,
                               AplombActionEditor *self)
{
  static const char *const tables[] = { "csv", "txt", "tsv", "xlsx", "ods", "dbf", NULL };
  static const char *const layers[] = { "geojson", "json", "gpkg", "shp", "zip", NULL };
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) all = NULL, codes = NULL, polygons = NULL;

  dialog = gtk_file_chooser_native_new (_("Import a Perimeter"),
                                        native != NULL ? GTK_WINDOW (native) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  all = make_file_filter (_("Tables and map layers"), tables);
  for (guint i = 0; layers[i] != NULL; i++)
    gtk_file_filter_add_suffix (all, layers[i]);
  codes = make_file_filter (_("Tables of commune codes"), tables);
  polygons = make_file_filter (_("Map layers of polygons"), layers);
  /* The chooser takes its own references. */
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), codes);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), polygons);
  g_signal_connect (dialog, "response", G_CALLBACK (on_perimeter_file_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A row under "Add a commune": the side panel is too narrow for a
 * labelled button in the group's header. */
static GtkWidget *
make_import_perimeter_row (AplombActionEditor *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Import a perimeter…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Replaces the communes listed"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-open-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, "import-perimeter");
  gtk_widget_set_tooltip_text (row,
                               _("Replaces the communes of the perimeter with those a table "
                                 "lists by code, or whose chef-lieu lies inside the polygons of "
                                 "a map layer"));
  g_signal_connect (row, "activated", G_CALLBACK (on_import_perimeter_activated), self);
  return row;
}

static void
build_cpts_form (AplombActionEditor *self)
{
  AplombCptsAction *cpts = &self->action->cpts;
  GtkWidget *group = add_group (self, _("CPTS"), NULL);

  add_text_row (self, group, "name", _("Name"), &cpts->name);
  add_text_row (self, group, "epci", _("EPCI (SIREN), whose communes join"), &cpts->epci);

  add_list_group (self, _("Perimeter"),
                  _("Click communes on the map, draw around them, or import them."),
                  _("Add a commune"), TRUE, make_import_perimeter_row (self));

  group = add_group (self, _("Simulated Actions"), NULL);
  add_spin_row (self, group, "task_sharing_percent", _("Task sharing"),
                _("Extra activity of the member GPs (medical assistants, IPA), in %"),
                &cpts->task_sharing_percent, 100, 1, 0);
  add_spin_row (self, group, "unscheduled_care.share_percent", _("Pooled unscheduled care"),
                _("Part of the member GPs’ activity, in %"),
                &cpts->unscheduled_share_percent, 100, 1, 0);
  add_spin_row (self, group, "unscheduled_care.max_minutes", _("Reachable within"),
                _("Minutes by car from any commune of the perimeter; 0 for no pooling"),
                &cpts->unscheduled_max_minutes, 45, 1, 0);

  self->diagnostic_group = add_group (self, _("Diagnostic of the Perimeter"), NULL);
  gtk_widget_set_name (self->diagnostic_group, "diagnostic");
}

static void
update_retirement_rows (AplombActionEditor *self)
{
  gboolean by_age = self->action->retirements.mode == APLOMB_RETIREMENT_BY_AGE;

  gtk_widget_set_sensitive (self->age_row, by_age);
  gtk_widget_set_sensitive (self->share_row, !by_age);
  gtk_widget_set_sensitive (self->list_group, !by_age);
}

static void
build_retirements_form (AplombActionEditor *self)
{
  AplombRetirementsAction *retirements = &self->action->retirements;
  const char *modes[] = { _("By age"), _("A share of the practitioners"), NULL };
  GtkWidget *group = add_group (self, _("Who Leaves"), NULL);
  GtkWidget *mode_row;

  mode_row = add_combo_row (self, group, "mode", _("Retirements"), modes,
                            (int *) &retirements->mode);
  g_signal_connect_swapped (mode_row, "notify::selected",
                            G_CALLBACK (update_retirement_rows), self);
  add_profession_row (self, group, &retirements->profession);

  self->age_row = add_int_row (self, group, "age_above", _("Older than"),
                               _("Age at the horizon, in years"), &retirements->age_above, 99);
  self->share_row = add_spin_row (self, group, "share_percent", _("Share leaving"),
                                  _("Of the supply of the chosen communes, in %"),
                                  &retirements->share_percent, 100, 5, 0);
  add_year_row (self, group, "horizon_year", _("Horizon"), _("0 when not given"),
                &retirements->horizon_year);

  add_list_group (self, _("Communes"), _("None chosen means every commune."),
                  _("Add a commune"), TRUE, NULL);
  update_retirement_rows (self);
}

static void
build_practitioner_form (AplombActionEditor *self)
{
  AplombPractitionerAction *practitioner = &self->action->practitioner;
  GtkWidget *group = add_group (self, _("Practitioner"), NULL);

  add_commune_row (self, group, "commune", _("Commune"), &practitioner->commune);
  add_profession_row (self, group, &practitioner->profession);
  add_spin_row (self, group, "etp", _("Full-time equivalents"), NULL, &practitioner->etp,
                50, 0.5, 1);
  add_switch_row (self, group, "remove", _("Leaves the commune"), &practitioner->remove);
}

static void
build_teleconsultation_form (AplombActionEditor *self)
{
  AplombTeleconsultationAction *point = &self->action->teleconsultation;
  GtkWidget *group = add_group (self, _("Teleconsultation Point"), NULL);

  add_commune_row (self, group, "commune", _("Commune"), &point->commune);
  add_spin_row (self, group, "consultations_per_year", _("Consultations a year"), NULL,
                &point->consultations_per_year, 100000, 100, 0);
}

/* The diagnostic of a CPTS perimeter */

static void
add_diagnostic_row (AplombActionEditor *self,
                    const char         *title,
                    const char         *perimeter,
                    const char         *departement,
                    const char         *france)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (perimeter);
  g_autofree char *subtitle = NULL;

  /* Translators: a figure of the département and of the whole territory */
  subtitle = g_strdup_printf (_("Département: %s · France: %s"), departement, france);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_ptr_array_add (self->diagnostic_rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->diagnostic_group), row);
}

typedef double (*AreaFigure) (const AplombAreaDiagnostic *area);

static double
figure_apl (const AplombAreaDiagnostic *area)
{
  return area->apl.mean;
}

static double
figure_under (const AplombAreaDiagnostic *area)
{
  return 100 * area->apl.share_under;
}

static double
figure_gps (const AplombAreaDiagnostic *area)
{
  return area->heads_per_10k;
}

static double
figure_share_75plus (const AplombAreaDiagnostic *area)
{
  return 100 * area->share_75plus;
}

static double
figure_density (const AplombAreaDiagnostic *area)
{
  return area->density_km2;
}

static void
add_area_figure (AplombActionEditor     *self,
                 const AplombCptsReport *report,
                 const char             *title,
                 AreaFigure              figure,
                 guint                   decimals)
{
  g_autofree char *perimeter = aplomb_format_decimal (figure (&report->perimeter), decimals);
  g_autofree char *departement = aplomb_format_decimal (figure (&report->departement_area),
                                                        decimals);
  g_autofree char *france = aplomb_format_decimal (figure (&report->france), decimals);

  add_diagnostic_row (self, title, perimeter, departement, france);
}

static char *
describe_perimeter (const AplombCptsReport *report)
{
  g_autofree char *population = aplomb_format_decimal (report->perimeter.population, 0);
  GString *text = g_string_new (NULL);

  /* Translators: communes and inhabitants of a CPTS perimeter */
  g_string_append_printf (text, ngettext ("%u commune, %s inhabitants",
                                          "%u communes, %s inhabitants", report->communes->len),
                          report->communes->len, population);
  g_string_append (text, " · ");
  if (report->n_components <= 1)
    g_string_append (text, _("in one piece"));
  else
    g_string_append_printf (text, _("in %u separate pieces"), report->n_components);
  for (guint k = 0; k < report->overlaps->len; k++)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("shares communes with action %u"),
                              g_array_index (report->overlaps, guint, k) + 1);
    }
  return g_string_free (text, FALSE);
}

/* The perimeter against its département and the whole territory, on the
 * scenario's baseline. */
static void
show_diagnostic (AplombActionEditor *self,
                 AplombScenario     *scenario)
{
  g_autoptr(AplombCptsReport) report = NULL;
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->diagnostic_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->diagnostic_group),
                                  g_ptr_array_index (self->diagnostic_rows, i));
  g_ptr_array_set_size (self->diagnostic_rows, 0);
  if (self->result != NULL)
    report = aplomb_cpts_report_new (scenario, self->index, get_territory (self),
                                     aplomb_atlas_get_preset (self->atlas), self->result->baseline,
                                     self->result->population_std, NULL);
  gtk_widget_set_visible (self->diagnostic_group, report != NULL
                                                  && report->communes->len > 0);
  if (report == NULL || report->communes->len == 0)
    return;

  description = describe_perimeter (report);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->diagnostic_group),
                                         description);
  add_area_figure (self, report, _("Mean APL"), figure_apl, 2);
  add_area_figure (self, report, _("Population under the threshold, in %"), figure_under, 1);
  add_area_figure (self, report, _("GPs per 10 000 inhabitants"), figure_gps, 1);
  add_area_figure (self, report, _("Aged 75 or more, in %"), figure_share_75plus, 1);
  add_area_figure (self, report, _("Inhabitants per km²"), figure_density, 0);
}

/* Validation */

static char *
format_tour (AplombTerritory     *territory,
             const AplombBusPlan *plan,
             AplombWeekday        day)
{
  const AplombBusTour *tour = plan->tours[day];
  GString *text = g_string_new (NULL);
  g_autofree char *driving = NULL;
  g_autofree char *shift = NULL;

  /* Translators: a weekday and the base of the bus, "Monday: Vierzon" */
  g_string_append_printf (text, _("%s: %s"), _(weekday_labels[day]),
                          aplomb_territory_get_name (territory, plan->base));
  for (guint k = 0; k < tour->n_stops; k++)
    g_string_append_printf (text, " → %s",
                            aplomb_territory_get_name (territory,
                                                       plan->day_stops[day][tour->order[k]]));
  g_string_append_printf (text, " → %s", aplomb_territory_get_name (territory, plan->base));
  if (isinf (tour->driving_minutes))
    {
      g_string_append_printf (text, " — %s", _("a leg is beyond the travel times"));
      return g_string_free (text, FALSE);
    }
  driving = aplomb_format_decimal (tour->driving_minutes, 0);
  shift = aplomb_format_decimal (tour->shift_minutes / 60, 1);
  /* Translators: driving time of a bus tour, then whether the day fits */
  g_string_append_printf (text, _(" — %s min of driving, %s"), driving,
                          tour->feasible ? _("fits in the day")
                                         : _("longer than the working day"));
  return g_string_free (text, FALSE);
}

static char *
describe_tours (AplombTerritory            *territory,
                const AplombScenarioSupply *supply,
                guint                       index)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < supply->bus_plans->len; i++)
    {
      const AplombBusPlan *plan = g_ptr_array_index (supply->bus_plans, i);

      if (plan->action != index)
        continue;
      for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
        if (plan->tours[d] != NULL)
          {
            g_autofree char *line = format_tour (territory, plan, d);

            if (text->len > 0)
              g_string_append_c (text, '\n');
            g_string_append (text, line);
          }
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

/* The scenario as it would be with the action saved. */
static AplombScenario *
scenario_with_action (AplombActionEditor *self)
{
  AplombScenario *scenario = aplomb_scenario_copy (self->scenario);

  if (self->is_new)
    aplomb_scenario_insert_action (scenario, self->index, aplomb_action_copy (self->action));
  else
    aplomb_scenario_replace_action (scenario, self->index, aplomb_action_copy (self->action));
  return scenario;
}

static char *
find_problem (AplombActionEditor *self)
{
  g_autoptr(AplombScenario) scenario = NULL;
  g_autoptr(AplombScenarioSupply) supply = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->commune_rows->len; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->commune_rows, i);
      const char *text = gtk_editable_get_text (row);

      if (*text != '\0' && resolve_commune (self, text) < 0)
        return g_strdup_printf (_("No commune matches “%s”."), text);
    }
  if (!aplomb_action_check (self->action, self->index, &error))
    return g_strdup (error->message);

  scenario = scenario_with_action (self);
  supply = aplomb_scenario_supply_new (scenario, get_territory (self),
                                       aplomb_atlas_get_travel_times (self->atlas),
                                       aplomb_atlas_get_preset (self->atlas),
                                       aplomb_scenario_evaluator_get_supply (self->evaluator),
                                       &error);
  if (supply == NULL)
    return g_strdup (error->message);

  g_clear_pointer (&self->tours, g_free);
  if (self->action->kind == APLOMB_ACTION_BUS)
    self->tours = describe_tours (get_territory (self), supply, self->index);
  if (self->action->kind == APLOMB_ACTION_CPTS)
    show_diagnostic (self, scenario);
  return NULL;
}

static void
validate (AplombActionEditor *self)
{
  if (self->action == NULL)
    return;

  g_free (self->problem);
  self->problem = find_problem (self);
  /* A refused file comes first: it is what the user just did. */
  gtk_label_set_label (GTK_LABEL (self->problem_label),
                       self->import_problem != NULL ? self->import_problem
                       : self->problem != NULL      ? self->problem
                                                    : "");
  gtk_widget_set_visible (self->problem_label,
                          self->import_problem != NULL || self->problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->problem == NULL);
  if (self->tours_label != NULL)
    gtk_label_set_label (GTK_LABEL (self->tours_label),
                         self->tours != NULL ? self->tours : _("No stop is served yet."));
}

/* Public API */

char *
aplomb_action_kind_get_title (AplombActionKind kind)
{
  const char *label = aplomb_action_kind_get_label (kind);
  g_autofree char *first = g_utf8_strup (label, g_utf8_next_char (label) - label);

  /* The core's labels are for sentences ("mobile bus"). */
  return g_strconcat (first, g_utf8_next_char (label), NULL);
}

static void
clear_form (AplombActionEditor *self)
{
  GtkWidget *child;

  set_pick_button (self, NULL, APLOMB_PICK_NONE);
  g_ptr_array_set_size (self->pick_buttons, 0);
  g_ptr_array_set_size (self->commune_rows, 0);
  g_ptr_array_set_size (self->list_rows, 0);
  self->list_group = self->tours_group = self->tours_label = self->diagnostic_group = NULL;
  g_ptr_array_set_size (self->diagnostic_rows, 0);
  self->age_row = self->share_row = NULL;
  while ((child = gtk_widget_get_first_child (self->form)) != NULL)
    gtk_box_remove (GTK_BOX (self->form), child);
}

/* Bus figures a planner would start from (docs/scenario-format.md). */
static void
init_new_bus (AplombBusAction *bus)
{
  bus->consultations_per_half_day = 10;
  bus->weeks_per_year = 46;
  bus->half_day_hours = 3.5;
  bus->shift_hours = 9;
}

void
aplomb_action_editor_edit (AplombActionEditor      *self,
                           AplombAtlas             *atlas,
                           AplombScenarioEvaluator *evaluator,
                           AplombScenario          *scenario,
                           guint                    index,
                           const AplombAction      *action,
                           AplombActionKind         kind)
{
  GtkWidget *group;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (APLOMB_IS_ACTION_EDITOR (self));
  g_return_if_fail (APLOMB_IS_ATLAS (atlas));
  g_return_if_fail (APLOMB_IS_SCENARIO_EVALUATOR (evaluator));
  g_return_if_fail (APLOMB_IS_SCENARIO (scenario));

  clear_form (self);
  g_set_object (&self->atlas, atlas);
  g_set_object (&self->evaluator, evaluator);
  g_set_object (&self->scenario, scenario);
  g_clear_pointer (&self->action, aplomb_action_free);
  self->is_new = action == NULL;
  self->index = index;
  if (action != NULL)
    self->action = aplomb_action_copy (action);
  else
    {
      self->action = aplomb_action_new (kind);
      if (kind == APLOMB_ACTION_BUS)
        init_new_bus (&self->action->bus);
    }

  title = aplomb_action_kind_get_title (self->action->kind);
  adw_window_title_set_title (self->title, title);
  subtitle = self->is_new ? g_strdup (_("New action"))
                          : g_strdup_printf (_("Action %u"), index + 1);
  adw_window_title_set_subtitle (self->title, subtitle);

  group = add_group (self, NULL, NULL);
  add_text_row (self, group, "label", _("Label (optional)"), &self->action->label);

  switch (self->action->kind)
    {
    case APLOMB_ACTION_MSP:
      build_msp_form (self);
      break;
    case APLOMB_ACTION_BUS:
      build_bus_form (self);
      break;
    case APLOMB_ACTION_CPTS:
      build_cpts_form (self);
      break;
    case APLOMB_ACTION_RETIREMENTS:
      build_retirements_form (self);
      break;
    case APLOMB_ACTION_PRACTITIONER:
      build_practitioner_form (self);
      break;
    case APLOMB_ACTION_TELECONSULTATION:
      build_teleconsultation_form (self);
      break;
    case APLOMB_N_ACTION_KINDS:
    default:
      g_assert_not_reached ();
    }
  validate (self);
}

void
aplomb_action_editor_set_result (AplombActionEditor   *self,
                                 AplombScenarioResult *result)
{
  g_return_if_fail (APLOMB_IS_ACTION_EDITOR (self));

  g_clear_pointer (&self->result, aplomb_scenario_result_unref);
  self->result = result != NULL ? aplomb_scenario_result_ref (result) : NULL;
}

gboolean
aplomb_action_editor_is_new (AplombActionEditor *self)
{
  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), FALSE);

  return self->is_new;
}

guint
aplomb_action_editor_get_index (AplombActionEditor *self)
{
  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), 0);

  return self->index;
}

const AplombAction *
aplomb_action_editor_get_action (AplombActionEditor *self)
{
  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), NULL);

  return self->action;
}

const char *
aplomb_action_editor_get_problem (AplombActionEditor *self)
{
  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), NULL);

  return self->problem;
}

const char *
aplomb_action_editor_get_tours (AplombActionEditor *self)
{
  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), NULL);

  return self->tours;
}

AplombPickMode
aplomb_action_editor_get_pick_mode (AplombActionEditor *self)
{
  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), APLOMB_PICK_NONE);

  return self->pick_mode;
}

void
aplomb_action_editor_take_communes (AplombActionEditor *self,
                                    const guint        *communes,
                                    guint               n)
{
  GtkWidget *target;

  g_return_if_fail (APLOMB_IS_ACTION_EDITOR (self));
  g_return_if_fail (communes != NULL || n == 0);

  if (self->pick_button == NULL || n == 0)
    return;

  target = g_object_get_data (G_OBJECT (self->pick_button), "target");
  if (target == self->list_group)
    {
      /* Lists stay armed: a bus or a CPTS takes several communes in a row. */
      for (guint i = 0; i < n; i++)
        list_add_commune (self, communes[i]);
      rebuild_list (self);
      validate (self);
      return;
    }

  {
    g_autofree char *text = describe_commune (get_territory (self), communes[0]);

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pick_button), FALSE);
    gtk_editable_set_text (GTK_EDITABLE (target), text);
  }
}

gboolean
aplomb_action_editor_import_perimeter (AplombActionEditor *self,
                                       GFile              *file)
{
  AplombTerritory *territory;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (APLOMB_IS_ACTION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->action != NULL && self->action->kind == APLOMB_ACTION_CPTS, FALSE);

  territory = get_territory (self);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer."), name);
    }
  else
    codes = aplomb_cpts_read_perimeter (territory, path, &error);
  if (codes == NULL)
    {
      /* The perimeter stays as it was. */
      g_free (self->import_problem);
      self->import_problem = g_strdup (error->message);
      validate (self);
      return FALSE;
    }

  /* The file describes the whole perimeter: it replaces the list, then
   * goes the way of communes picked on the map. */
  g_ptr_array_set_size (self->action->cpts.communes, 0);
  for (guint i = 0; i < codes->len; i++)
    list_add_commune (self, aplomb_territory_lookup (territory, g_ptr_array_index (codes, i)));
  rebuild_list (self);
  validate (self);
  return TRUE;
}

/* Widget */

static void
aplomb_action_editor_save (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AplombActionEditor *self = APLOMB_ACTION_EDITOR (widget);

  set_pick_button (self, NULL, APLOMB_PICK_NONE);
  g_signal_emit (self, signals[DONE], 0, TRUE);
}

static void
aplomb_action_editor_cancel (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AplombActionEditor *self = APLOMB_ACTION_EDITOR (widget);

  set_pick_button (self, NULL, APLOMB_PICK_NONE);
  g_signal_emit (self, signals[DONE], 0, FALSE);
}

static void
aplomb_action_editor_dispose (GObject *object)
{
  AplombActionEditor *self = APLOMB_ACTION_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->atlas);
  g_clear_object (&self->evaluator);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->action, aplomb_action_free);
  g_clear_pointer (&self->result, aplomb_scenario_result_unref);

  G_OBJECT_CLASS (aplomb_action_editor_parent_class)->dispose (object);
}

static void
aplomb_action_editor_finalize (GObject *object)
{
  AplombActionEditor *self = APLOMB_ACTION_EDITOR (object);

  g_free (self->problem);
  g_free (self->import_problem);
  g_free (self->tours);
  g_ptr_array_unref (self->list_rows);
  g_ptr_array_unref (self->commune_rows);
  g_ptr_array_unref (self->pick_buttons);
  g_ptr_array_unref (self->diagnostic_rows);

  G_OBJECT_CLASS (aplomb_action_editor_parent_class)->finalize (object);
}

static void
aplomb_action_editor_class_init (AplombActionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aplomb_action_editor_dispose;
  object_class->finalize = aplomb_action_editor_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actioneditor");

  /**
   * AplombActionEditor::done:
   * @saved: whether the user saved the action (else cancelled)
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * AplombActionEditor::pick-mode-changed:
   *
   * The editor wants communes of the map, or no longer does.
   */
  signals[PICK_MODE_CHANGED] = g_signal_new ("pick-mode-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, aplomb_action_editor_save);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL,
                                   aplomb_action_editor_cancel);
}

static GtkWidget *
make_header (AplombActionEditor *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Apply"));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (NULL, NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_widget_add_css_class (header, "flat");
  return header;
}

static void
aplomb_action_editor_init (AplombActionEditor *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->list_rows = g_ptr_array_new ();
  self->commune_rows = g_ptr_array_new ();
  self->pick_buttons = g_ptr_array_new ();
  self->diagnostic_rows = g_ptr_array_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), make_header (self));

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_widget_add_css_class (self->problem_label, "problem");
  gtk_widget_set_name (self->problem_label, "problem");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_box_append (GTK_BOX (content), self->problem_label);

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (content), self->form);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
aplomb_action_editor_new (void)
{
  return g_object_new (APLOMB_TYPE_ACTION_EDITOR, NULL);
}
