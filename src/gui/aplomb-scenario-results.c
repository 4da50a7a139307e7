/* aplomb-scenario-results.c: the figures of a scenario and the communes it
 * changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "aplomb-palette.h"
#include "aplomb-scenario-results.h"

struct _AplombScenarioResults
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *figures;
  GtkWidget  *notes_group;     /* the evaluation's warnings */
  GPtrArray  *note_rows;
  GtkWidget  *communes_group;
  GPtrArray  *commune_rows;
  GtkWidget  *area_groups[3];   /* by département, EPCI, CPTS */
  GPtrArray  *area_rows[3];
  guint       areas_source;
  AplombTerritory      *territory;  /* of the areas to show */
  AplombScenarioResult *result;
  GArray     *communes;   /* listed, in order */
  GHashTable *figures_by_name;  /* figure name → Figure */
  /* Comparison: a second scenario's figures in a second column. */
  AdwComboRow   *compare_row;
  GtkStringList *compare_names;   /* "None", then the other scenarios */
  guint          compared;        /* selected in compare_row, 0 for none */
  gboolean       syncing;         /* compare_row follows the panel, not the user */
  GtkWidget     *columns_row;     /* the names of the two scenarios */
  /* The profession whose access the figures show. */
  AdwComboRow   *profession_row;
  GtkStringList *profession_names;
  guint          profession;      /* selected in profession_row */
  GtkWidget     *column_names[2];
  GtkSizeGroup  *columns;         /* the two columns line up, row after row */
};

/* A figure's row and its values: the scenario's, and the one compared
 * with it. */
typedef struct
{
  GtkWidget *row;
  GtkWidget *values[2];
} Figure;

G_DEFINE_FINAL_TYPE (AplombScenarioResults, aplomb_scenario_results, GTK_TYPE_WIDGET)

enum {
  COMMUNE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_COMPARED,
  PROP_PROFESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_number (double value,
               guint  decimals)
{
  if (isnan (value))
    return g_strdup (_("Unknown"));
  /* %'f groups thousands with the locale's separator. */
  return g_strdup_printf ("%'.*f", decimals, value);
}

static char *
format_signed (double value,
               guint  decimals)
{
  if (isnan (value))
    return g_strdup (_("Unknown"));
  return g_strdup_printf ("%+'.*f", decimals, value);
}

/* "2,41 → 2,47 (+0,06)"; the change may need more decimals than the
 * values, as a national mean moves by thousandths. */
static char *
format_change (double before,
               double after,
               guint  decimals,
               guint  delta_decimals)
{
  g_autofree char *from = format_number (before, decimals);
  g_autofree char *to = format_number (after, decimals);
  g_autofree char *delta = format_signed (after - before, delta_decimals);

  return g_strdup_printf ("%s → %s (%s)", from, to, delta);
}

/* "5 432 100 → 5 425 081": populations are too wide for a change too. */
static char *
format_transition (double before,
                   double after)
{
  g_autofree char *from = format_number (before, 0);
  g_autofree char *to = format_number (after, 0);

  return g_strdup_printf ("%s → %s", from, to);
}

static GtkWidget *
make_value_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
add_figure (AplombScenarioResults *self,
            const char            *name,
            const char            *title,
            const char            *subtitle)
{
  Figure *figure = g_new0 (Figure, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  figure->row = adw_action_row_new ();
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (figure->row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (figure->row), subtitle);
  for (guint k = 0; k < G_N_ELEMENTS (figure->values); k++)
    {
      figure->values[k] = make_value_label ();
      gtk_size_group_add_widget (self->columns, figure->values[k]);
      gtk_box_append (GTK_BOX (box), figure->values[k]);
    }
  gtk_widget_set_visible (figure->values[1], FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (figure->row), box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->figures), figure->row);
  g_hash_table_insert (self->figures_by_name, g_strdup (name), figure);
}

static Figure *
get_figure (AplombScenarioResults *self,
            const char            *name)
{
  return g_hash_table_lookup (self->figures_by_name, name);
}

/* The text of each figure; compact when two scenarios share the row, where
 * the baseline, the same for both, moves to the subtitle. */
static char *
format_figure (const char                 *name,
               const AplombScenarioResult *result,
               gboolean                    compact)
{
  if (g_str_equal (name, "changed"))
    return g_strdup_printf ("%u", result->changed->len);
  if (g_str_equal (name, "class_changed"))
    return g_strdup_printf ("%u", result->class_changed->len);
  if (g_str_equal (name, "lifted"))
    return format_number (result->population_lifted, 0);
  if (g_str_equal (name, "fallen"))
    return format_number (result->population_fallen, 0);
  if (g_str_equal (name, "underserved"))
    return compact ? format_number (result->after.population_under, 0)
                   : format_transition (result->before.population_under,
                                        result->after.population_under);
  if (g_str_equal (name, "mean"))
    return compact ? format_signed (result->after.mean - result->before.mean, 4)
                   : format_change (result->before.mean, result->after.mean, 3, 4);
  if (g_str_equal (name, "d9_d1"))
    return compact ? format_signed (result->after.d9_d1 - result->before.d9_d1, 3)
                   : format_change (result->before.d9_d1, result->after.d9_d1, 2, 3);
  if (g_str_equal (name, "etp"))
    return format_signed (result->etp_added, 1);
  if (g_str_equal (name, "lifted_per_etp"))
    return result->etp_added > 0 ? format_number (result->lifted_per_etp, 0) : g_strdup ("—");
  if (g_str_equal (name, "underserved_gain_per_etp"))
    return result->etp_added > 0 ? format_number (result->underserved_gain_per_etp, 0)
                                 : g_strdup ("—");
  g_return_val_if_reached (NULL);
}

static const char *const figure_names[] = {
  "changed", "class_changed", "lifted", "fallen", "underserved", "mean", "d9_d1", "etp",
  "lifted_per_etp", "underserved_gain_per_etp",
};

/* Figures that count communes against the under-served threshold or
 * its classes: meaningless for a preset without thresholds (nurses…). */
static gboolean
needs_threshold (const char *name)
{
  static const char *const names[] = {
    "class_changed", "lifted", "fallen", "underserved", "lifted_per_etp",
    "underserved_gain_per_etp",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

static void
set_subtitle (AplombScenarioResults *self,
              const char            *name,
              const char            *subtitle)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (get_figure (self, name)->row), subtitle);
}

/* Subtitles that depend on the threshold, or, side by side, carry the
 * baseline's value that the compact figures leave out. */
static void
show_subtitles (AplombScenarioResults      *self,
                const AplombScenarioResult *result,
                gboolean                    compact)
{
  g_autofree char *threshold = aplomb_format_decimal (result->threshold, 1);
  g_autofree char *mean = format_number (result->before.mean, 3);
  g_autofree char *ratio = format_number (result->before.d9_d1, 2);
  g_autofree char *under = format_number (result->before.population_under, 0);
  g_autofree char *text = NULL;

  /* Translators: the threshold is the APL under which a commune is
   * under-served, 2,5 */
  text = g_strdup_printf (_("Population lifted above %s"), threshold);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (get_figure (self, "lifted")->row), text);
  g_free (text);
  text = g_strdup_printf (_("Population fallen below %s"), threshold);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (get_figure (self, "fallen")->row), text);
  g_free (text);
  if (compact)
    /* Translators: residents of under-served communes after the scenario;
     * the second %s is their number in the baseline */
    text = g_strdup_printf (_("Residents of communes under %s, %s in the baseline"),
                            threshold, under);
  else
    text = g_strdup_printf (_("Residents of communes under %s"), threshold);
  set_subtitle (self, "underserved", text);
  g_free (text);
  /* Translators: side by side, the figures are changes from this value */
  text = compact ? g_strdup_printf (_("Change from %s in the baseline"), mean) : NULL;
  set_subtitle (self, "mean", text != NULL ? text : _("Weighted by standardised population"));
  g_free (text);
  text = compact ? g_strdup_printf (_("Change from %s in the baseline"), ratio) : NULL;
  set_subtitle (self, "d9_d1", text != NULL ? text : _("Inequality between communes"));
}

static const char *
profession_name (AplombScenarioResults *self)
{
  return gtk_string_list_get_string (self->profession_names, self->profession);
}

/* "Nurses, net": the ETP counted are those of the profession shown. */
static void
show_etp_subtitle (AplombScenarioResults *self)
{
  g_autofree char *text = NULL;

  if (profession_name (self) == NULL)
    return;
  /* Translators: under "ETP added"; %s is a profession, e.g. "Nurses" */
  text = g_strdup_printf (_("%s, net"), profession_name (self));
  set_subtitle (self, "etp", text);
}

/* other, when not NULL, goes in a second column, both columns then
 * compact and as wide as each other. */
static void
show_figures (AplombScenarioResults      *self,
              const AplombScenarioResult *result,
              const AplombScenarioResult *other)
{
  gboolean compact = other != NULL;

  show_subtitles (self, result, compact);
  show_etp_subtitle (self);
  gtk_size_group_set_mode (self->columns, compact ? GTK_SIZE_GROUP_HORIZONTAL
                                                  : GTK_SIZE_GROUP_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (figure_names); i++)
    {
      Figure *figure = get_figure (self, figure_names[i]);
      g_autofree char *text = format_figure (figure_names[i], result, compact);

      gtk_label_set_label (GTK_LABEL (figure->values[0]), text);
      gtk_widget_set_visible (figure->row,
                              result->n_thresholds > 0 || !needs_threshold (figure_names[i]));
      gtk_widget_set_visible (figure->values[1], compact);
      if (compact)
        {
          g_autofree char *other_text = format_figure (figure_names[i], other, TRUE);

          gtk_label_set_label (GTK_LABEL (figure->values[1]), other_text);
        }
    }
}

static int
compare_by_change (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const double *delta = user_data;
  double da = fabs (delta[*(const guint *) a]);
  double db = fabs (delta[*(const guint *) b]);

  return (da < db) - (da > db);
}

static void
on_commune_row_activated (AdwActionRow          *row,
                          AplombScenarioResults *self)
{
  g_signal_emit (self, signals[COMMUNE_ACTIVATED], 0,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "commune")));
}

static GtkWidget *
make_commune_row (AplombTerritory      *territory,
                  AplombScenarioResult *result,
                  guint                 commune)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *change = format_change (result->baseline[commune], result->values[commune],
                                           2, 2);
  g_autofree char *subtitle = NULL;

  if (result->baseline_class[commune] != result->value_class[commune])
    /* Translators: a commune whose APL crosses a class boundary */
    subtitle = g_strdup_printf (_("%s · département %s · changes class"),
                                aplomb_territory_get_code (territory, commune),
                                aplomb_territory_get_departement (territory, commune));
  else
    subtitle = g_strdup_printf (_("%s · département %s"),
                                aplomb_territory_get_code (territory, commune),
                                aplomb_territory_get_departement (territory, commune));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 aplomb_territory_get_name (territory, commune));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (GTK_LABEL (label), change);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, result->delta[commune] >= 0 ? "gain" : "loss");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "commune", GUINT_TO_POINTER (commune));
  return row;
}

static void
clear_communes (AplombScenarioResults *self)
{
  for (guint i = 0; i < self->commune_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->communes_group),
                                  g_ptr_array_index (self->commune_rows, i));
  g_ptr_array_set_size (self->commune_rows, 0);
  g_array_set_size (self->communes, 0);
}

/* Side by side, the sections that show the current scenario alone say
 * so, so that nobody reads them as the compared one's. */
static char *
describe_only (const char *name)
{
  /* Translators: under a list that shows one of two compared scenarios */
  return name != NULL ? g_strdup_printf (_("For “%s” only"), name) : NULL;
}

/* The lines given, those not NULL, one under the other; NULL if none. */
static char *
join_lines (const char *first,
            const char *second)
{
  if (first == NULL || second == NULL)
    return g_strdup (first != NULL ? first : second);
  return g_strconcat (first, "\n", second, NULL);
}

static void
show_communes (AplombScenarioResults *self,
               AplombTerritory       *territory,
               AplombScenarioResult  *result,
               const char            *only)
{
  g_autofree char *largest = NULL;
  g_autofree char *description = NULL;
  guint n;

  g_array_append_vals (self->communes, result->changed->data, result->changed->len);
  g_array_sort_with_data (self->communes, compare_by_change, result->delta);
  n = MIN (self->communes->len, APLOMB_SCENARIO_RESULTS_MAX_COMMUNES);
  if (self->communes->len > n)
    /* Translators: the list shows the largest changes only */
    largest = g_strdup_printf (_("The %u largest changes of %u"), n, self->communes->len);
  g_array_set_size (self->communes, n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_commune_row (territory, result,
                                         g_array_index (self->communes, guint, i));

      g_signal_connect (row, "activated", G_CALLBACK (on_commune_row_activated), self);
      g_ptr_array_add (self->commune_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->communes_group), row);
    }
  description = join_lines (only, n > 0 ? largest : _("No commune changes yet."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->communes_group),
                                         description);
}

/* Notes: what the evaluation adjusted or left out (an MSP not open yet, a
 * relocation taking more GPs than a commune has), one row each; side by
 * side, the compared scenario's too, each under its scenario's name. */

static void
add_note_rows (AplombScenarioResults      *self,
               const AplombScenarioResult *result,
               const char                 *name)
{
  GPtrArray *warnings = result->supply != NULL ? result->supply->warnings : NULL;

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_ptr_array_index (warnings, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (name != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_ptr_array_add (self->note_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->notes_group), row);
    }
}

static void
show_notes (AplombScenarioResults      *self,
            const AplombScenarioResult *result,
            const char                 *name,
            const AplombScenarioResult *other,
            const char                 *other_name)
{
  for (guint i = 0; i < self->note_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->notes_group),
                                  g_ptr_array_index (self->note_rows, i));
  g_ptr_array_set_size (self->note_rows, 0);
  if (result != NULL)
    add_note_rows (self, result, other != NULL ? name : NULL);
  if (other != NULL)
    add_note_rows (self, other, other_name);
  gtk_widget_set_visible (self->notes_group, self->note_rows->len > 0);
}

/* Areas: the départements and EPCI where some APL moved, the CPTS of the
 * scenario, each with its mean APL before and after. */

/* Without an under-served threshold (nurses…), nobody is lifted above it. */
static GtkWidget *
make_area_row (AplombGroupKind            kind,
               const AplombScenarioGroup *group,
               gboolean                   with_threshold)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *lifted = format_number (group->population_lifted, 0);
  g_autofree char *subtitle = NULL;
  g_autofree char *change = format_change (group->before.mean, group->after.mean, 2, 3);

  if (kind == APLOMB_GROUP_DEPARTEMENT)
    title = g_strdup_printf (_("Département %s"), group->code);
  else
    title = g_strdup (group->name != NULL ? group->name : group->code);
  /* Translators: communes of an area whose APL moves, then inhabitants
   * lifted above the under-served threshold */
  if (with_threshold)
    subtitle = g_strdup_printf (ngettext ("%u commune changes · %s inhabitants lifted",
                                          "%u communes change · %s inhabitants lifted",
                                          group->n_changed),
                                group->n_changed, lifted);
  else
    subtitle = g_strdup_printf (ngettext ("%u commune changes", "%u communes change",
                                          group->n_changed),
                                group->n_changed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (GTK_LABEL (label), change);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_tooltip_text (label, _("Mean APL, before and after"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
show_areas (AplombScenarioResults *self,
            AplombTerritory       *territory,
            AplombScenarioResult  *result)
{
  for (AplombGroupKind kind = APLOMB_GROUP_DEPARTEMENT; kind <= APLOMB_GROUP_CPTS; kind++)
    {
      GtkWidget *area_group = self->area_groups[kind];
      GPtrArray *rows = self->area_rows[kind];
      g_autoptr(GPtrArray) groups = NULL;

      for (guint i = 0; i < rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (area_group),
                                      g_ptr_array_index (rows, i));
      g_ptr_array_set_size (rows, 0);
      if (result == NULL)
        {
          gtk_widget_set_visible (area_group, FALSE);
          continue;
        }

      groups = aplomb_scenario_result_group_by (result, territory, kind);
      for (guint i = 0; i < groups->len; i++)
        {
          GtkWidget *row = make_area_row (kind, g_ptr_array_index (groups, i),
                                          result->n_thresholds > 0);

          g_ptr_array_add (rows, row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (area_group), row);
        }
      gtk_widget_set_visible (area_group, groups->len > 0);
    }
}

/* Grouping walks the whole territory: done just after the figures, so
 * that they come first. */
static gboolean
show_areas_cb (gpointer user_data)
{
  AplombScenarioResults *self = user_data;

  self->areas_source = 0;
  show_areas (self, self->territory, self->result);
  g_clear_object (&self->territory);
  g_clear_pointer (&self->result, aplomb_scenario_result_unref);
  return G_SOURCE_REMOVE;
}

static void
show_areas_soon (AplombScenarioResults *self,
                 AplombTerritory       *territory,
                 AplombScenarioResult  *result)
{
  g_set_object (&self->territory, territory);
  g_clear_pointer (&self->result, aplomb_scenario_result_unref);
  self->result = result != NULL ? aplomb_scenario_result_ref (result) : NULL;
  if (self->areas_source == 0)
    self->areas_source = g_idle_add (show_areas_cb, self);
}

static void
show_column_names (AplombScenarioResults *self,
                   const char            *name,
                   const char            *other_name)
{
  const char *names[] = { name, other_name };
  g_autofree char *note = NULL;

  gtk_widget_set_visible (self->columns_row, other_name != NULL);
  if (other_name != NULL)
    /* Translators: under "Compare with"; the name is the scenario shown */
    note = g_strdup_printf (_("The map and the lists below show “%s” only"), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->compare_row), note);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      gtk_label_set_label (GTK_LABEL (self->column_names[k]), names[k] != NULL ? names[k] : "");
      gtk_widget_set_tooltip_text (self->column_names[k], names[k]);
    }
}

void
aplomb_scenario_results_show (AplombScenarioResults *self,
                              AplombTerritory       *territory,
                              AplombScenarioResult  *result)
{
  aplomb_scenario_results_show_compared (self, territory, result, NULL, NULL, NULL);
}

void
aplomb_scenario_results_show_compared (AplombScenarioResults *self,
                                       AplombTerritory       *territory,
                                       AplombScenarioResult  *result,
                                       const char            *name,
                                       AplombScenarioResult  *other,
                                       const char            *other_name)
{
  g_autofree char *only = NULL;

  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));
  g_return_if_fail (other == NULL || (name != NULL && other_name != NULL));

  clear_communes (self);
  show_areas_soon (self, territory, result);
  show_notes (self, result, name, other, other_name);
  gtk_widget_set_visible (self->box, result != NULL);
  if (result == NULL)
    return;

  g_return_if_fail (APLOMB_IS_TERRITORY (territory));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->figures), NULL);
  gtk_widget_set_visible (self->communes_group, TRUE);
  only = describe_only (other != NULL ? name : NULL);
  for (guint k = 0; k < G_N_ELEMENTS (self->area_groups); k++)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->area_groups[k]), only);
  show_column_names (self, name, other != NULL ? other_name : NULL);
  show_figures (self, result, other);
  show_communes (self, territory, result, only);
}

void
aplomb_scenario_results_show_without_apl (AplombScenarioResults *self,
                                          AplombScenarioResult  *result,
                                          const char            *explanation)
{
  g_autofree char *text = NULL;
  Figure *etp;

  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));

  clear_communes (self);
  show_areas_soon (self, NULL, NULL);
  show_notes (self, result, NULL, NULL, NULL);
  gtk_widget_set_visible (self->box, TRUE);
  gtk_widget_set_visible (self->communes_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_row), FALSE);
  show_column_names (self, NULL, NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->figures), explanation);
  for (guint i = 0; i < G_N_ELEMENTS (figure_names); i++)
    gtk_widget_set_visible (get_figure (self, figure_names[i])->row, FALSE);
  if (result == NULL)
    return;

  /* What the scenario adds of the profession, even with no APL to show. */
  etp = get_figure (self, "etp");
  show_etp_subtitle (self);
  gtk_size_group_set_mode (self->columns, GTK_SIZE_GROUP_NONE);
  gtk_widget_set_visible (etp->values[1], FALSE);
  gtk_widget_set_visible (etp->row, TRUE);
  text = format_figure ("etp", result, FALSE);
  gtk_label_set_label (GTK_LABEL (etp->values[0]), text);
}

/* The drop-down lists the names as given; the user's choice is notified
 * as "compared", not a choice made here. */
void
aplomb_scenario_results_set_comparable (AplombScenarioResults *self,
                                        const char *const     *names,
                                        guint                  compared)
{
  GListModel *model;
  guint n_names, n_items;
  gboolean same;

  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));

  n_names = names != NULL ? g_strv_length ((char **) names) : 0;
  g_return_if_fail (compared <= n_names);

  model = G_LIST_MODEL (self->compare_names);
  n_items = g_list_model_get_n_items (model);
  same = n_items == n_names + 1;
  for (guint k = 0; same && k < n_names; k++)
    same = g_strcmp0 (gtk_string_list_get_string (self->compare_names, k + 1), names[k]) == 0;

  self->syncing = TRUE;
  if (!same)
    gtk_string_list_splice (self->compare_names, 1, n_items - 1, names);
  adw_combo_row_set_selected (self->compare_row, compared);
  self->compared = compared;
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->compare_row), n_names > 0);
}

guint
aplomb_scenario_results_get_compared (AplombScenarioResults *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), 0);

  return self->compared;
}

void
aplomb_scenario_results_set_compared (AplombScenarioResults *self,
                                      guint                  compared)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));
  g_return_if_fail (compared < g_list_model_get_n_items (G_LIST_MODEL (self->compare_names)));

  adw_combo_row_set_selected (self->compare_row, compared);
}

static void
on_compare_selected (AplombScenarioResults *self)
{
  guint selected = adw_combo_row_get_selected (self->compare_row);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION || selected == self->compared)
    return;
  self->compared = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARED]);
}

void
aplomb_scenario_results_set_professions (AplombScenarioResults *self,
                                         const char *const     *names,
                                         guint                  selected)
{
  guint n_names, n_items;

  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));

  n_names = names != NULL ? g_strv_length ((char **) names) : 0;
  g_return_if_fail (n_names == 0 || selected < n_names);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->profession_names));
  self->syncing = TRUE;
  gtk_string_list_splice (self->profession_names, 0, n_items, names);
  adw_combo_row_set_selected (self->profession_row, selected);
  self->profession = selected;
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->profession_row), n_names > 1);
}

guint
aplomb_scenario_results_get_profession (AplombScenarioResults *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), 0);

  return self->profession;
}

void
aplomb_scenario_results_set_profession (AplombScenarioResults *self,
                                        guint                  profession)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));
  g_return_if_fail (profession < g_list_model_get_n_items (G_LIST_MODEL (self->profession_names)));

  adw_combo_row_set_selected (self->profession_row, profession);
}

void
aplomb_scenario_results_set_profession_note (AplombScenarioResults *self,
                                             const char            *note)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->profession_row), note);
}

static void
on_profession_selected (AplombScenarioResults *self)
{
  guint selected = adw_combo_row_get_selected (self->profession_row);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION || selected == self->profession)
    return;
  self->profession = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSION]);
}

static const char *
get_value (AplombScenarioResults *self,
           const char            *name,
           guint                  column)
{
  Figure *figure = get_figure (self, name);

  if (figure == NULL || !gtk_widget_get_visible (figure->row)
      || !gtk_widget_get_visible (figure->values[column]))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (figure->values[column]));
}

const char *
aplomb_scenario_results_get_value (AplombScenarioResults *self,
                                   const char            *name)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), NULL);

  return get_value (self, name, 0);
}

const char *
aplomb_scenario_results_get_compared_value (AplombScenarioResults *self,
                                            const char            *name)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), NULL);

  return get_value (self, name, 1);
}

guint
aplomb_scenario_results_get_n_communes (AplombScenarioResults *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), 0);

  return self->communes->len;
}

guint
aplomb_scenario_results_get_commune (AplombScenarioResults *self,
                                     guint                  position)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), 0);
  g_return_val_if_fail (position < self->communes->len, 0);

  return g_array_index (self->communes, guint, position);
}

static void
aplomb_scenario_results_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AplombScenarioResults *self = APLOMB_SCENARIO_RESULTS (object);

  switch (prop_id)
    {
    case PROP_COMPARED:
      g_value_set_uint (value, self->compared);
      break;
    case PROP_PROFESSION:
      g_value_set_uint (value, self->profession);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aplomb_scenario_results_dispose (GObject *object)
{
  AplombScenarioResults *self = APLOMB_SCENARIO_RESULTS (object);

  g_clear_handle_id (&self->areas_source, g_source_remove);
  g_clear_object (&self->territory);
  g_clear_pointer (&self->result, aplomb_scenario_result_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (aplomb_scenario_results_parent_class)->dispose (object);
}

static void
aplomb_scenario_results_finalize (GObject *object)
{
  AplombScenarioResults *self = APLOMB_SCENARIO_RESULTS (object);

  g_hash_table_unref (self->figures_by_name);
  g_object_unref (self->columns);
  g_ptr_array_unref (self->note_rows);
  g_ptr_array_unref (self->commune_rows);
  g_array_unref (self->communes);
  for (guint k = 0; k < G_N_ELEMENTS (self->area_rows); k++)
    g_ptr_array_unref (self->area_rows[k]);

  G_OBJECT_CLASS (aplomb_scenario_results_parent_class)->finalize (object);
}

static void
aplomb_scenario_results_class_init (AplombScenarioResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aplomb_scenario_results_get_property;
  object_class->dispose = aplomb_scenario_results_dispose;
  object_class->finalize = aplomb_scenario_results_finalize;

  /**
   * AplombScenarioResults:compared:
   *
   * The scenario the user chose to compare with: its position among the
   * names given to aplomb_scenario_results_set_comparable() plus one, 0 for
   * none.
   */
  properties[PROP_COMPARED] =
    g_param_spec_uint ("compared", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * AplombScenarioResults:profession:
   *
   * The profession the user chose to see: its position among the names
   * given to aplomb_scenario_results_set_professions().
   */
  properties[PROP_PROFESSION] =
    g_param_spec_uint ("profession", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scenarioresults");

  /**
   * AplombScenarioResults::commune-activated:
   * @commune: index of the commune in the territory
   */
  signals[COMMUNE_ACTIVATED] =
    g_signal_new ("commune-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
make_area_groups (AplombScenarioResults *self)
{
  const char *titles[] = { _("By Département"), _("By Intercommunality"), _("By CPTS") };

  G_STATIC_ASSERT (G_N_ELEMENTS (titles) == G_N_ELEMENTS (self->area_groups));
  for (guint k = 0; k < G_N_ELEMENTS (self->area_groups); k++)
    {
      self->area_groups[k] = adw_preferences_group_new ();
      self->area_rows[k] = g_ptr_array_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->area_groups[k]), titles[k]);
      gtk_widget_set_visible (self->area_groups[k], FALSE);
      gtk_box_append (GTK_BOX (self->box), self->area_groups[k]);
    }
}

/* "Profession", above the figures it chooses. */
static void
add_profession_row (AplombScenarioResults *self)
{
  self->profession_names = gtk_string_list_new (NULL);
  self->profession_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->profession_row), "profession");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->profession_row),
                                 _("Profession evaluated"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->profession_row), FALSE);
  adw_combo_row_set_model (self->profession_row, G_LIST_MODEL (self->profession_names));
  g_object_unref (self->profession_names);
  gtk_widget_set_visible (GTK_WIDGET (self->profession_row), FALSE);
  g_signal_connect_swapped (self->profession_row, "notify::selected",
                            G_CALLBACK (on_profession_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->figures),
                             GTK_WIDGET (self->profession_row));
}

/* "Compare with", and the names of the two columns when comparing. */
static void
add_compare_rows (AplombScenarioResults *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->compare_names = gtk_string_list_new (NULL);
  /* Translators: compare with no other scenario */
  gtk_string_list_append (self->compare_names, C_("compare", "None"));
  self->compare_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->compare_row), _("Compare with"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->compare_row), FALSE);
  adw_combo_row_set_model (self->compare_row, G_LIST_MODEL (self->compare_names));
  g_object_unref (self->compare_names);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_row), FALSE);
  g_signal_connect_swapped (self->compare_row, "notify::selected",
                            G_CALLBACK (on_compare_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->figures),
                             GTK_WIDGET (self->compare_row));

  self->columns_row = adw_action_row_new ();
  for (guint k = 0; k < G_N_ELEMENTS (self->column_names); k++)
    {
      self->column_names[k] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->column_names[k]), 1);
      /* Long names are cut rather than squeezing the figures' titles. */
      gtk_label_set_ellipsize (GTK_LABEL (self->column_names[k]), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (self->column_names[k]), 10);
      gtk_widget_add_css_class (self->column_names[k], "heading");
      gtk_size_group_add_widget (self->columns, self->column_names[k]);
      gtk_box_append (GTK_BOX (box), self->column_names[k]);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->columns_row), box);
  gtk_widget_set_visible (self->columns_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->figures), self->columns_row);
}

static void
aplomb_scenario_results_init (AplombScenarioResults *self)
{
  self->figures_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->note_rows = g_ptr_array_new ();
  self->commune_rows = g_ptr_array_new ();
  self->communes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->columns = gtk_size_group_new (GTK_SIZE_GROUP_NONE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->figures = adw_preferences_group_new ();
  gtk_widget_set_name (self->figures, "figures");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->figures), _("Results"));
  add_profession_row (self);
  add_compare_rows (self);
  add_figure (self, "changed", _("Communes whose APL changes"), NULL);
  add_figure (self, "class_changed", _("Communes that change class"), NULL);
  add_figure (self, "lifted", NULL, _("Inhabitants no longer under-served"));
  add_figure (self, "fallen", NULL, _("Inhabitants newly under-served"));
  add_figure (self, "underserved", _("Under-served population"), NULL);
  add_figure (self, "mean", _("Mean APL"), NULL);
  add_figure (self, "d9_d1", _("D9/D1 ratio"), NULL);
  add_figure (self, "etp", _("ETP added"), NULL);
  add_figure (self, "lifted_per_etp", _("Population lifted per ETP"), NULL);
  add_figure (self, "underserved_gain_per_etp", _("Consultations per ETP for the under-served"),
              _("A year, reaching residents of under-served communes"));

  /* Above the figures they explain (why an MSP changes nothing yet). */
  self->notes_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->notes_group, "notes");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->notes_group), _("Notes"));
  gtk_widget_set_visible (self->notes_group, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->notes_group);
  gtk_box_append (GTK_BOX (self->box), self->figures);

  make_area_groups (self);

  self->communes_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->communes_group, "communes");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->communes_group),
                                   _("Communes That Change"));
  gtk_box_append (GTK_BOX (self->box), self->communes_group);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
aplomb_scenario_results_new (void)
{
  return g_object_new (APLOMB_TYPE_SCENARIO_RESULTS, NULL);
}
