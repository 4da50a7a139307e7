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
  GtkWidget  *communes_group;
  GPtrArray  *commune_rows;
  GtkWidget  *area_groups[3];   /* by département, EPCI, CPTS */
  GPtrArray  *area_rows[3];
  guint       areas_source;
  AplombTerritory      *territory;  /* of the areas to show */
  AplombScenarioResult *result;
  GArray     *communes;   /* listed, in order */
  GHashTable *values;     /* figure name → value label */
  GtkWidget  *lifted_row;
  GtkWidget  *fallen_row;
};

G_DEFINE_FINAL_TYPE (AplombScenarioResults, aplomb_scenario_results, GTK_TYPE_WIDGET)

enum {
  COMMUNE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static GtkWidget *
add_figure (AplombScenarioResults *self,
            const char            *name,
            const char            *title,
            const char            *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->figures), row);
  g_hash_table_insert (self->values, g_strdup (name), label);
  return row;
}

static void
set_figure (AplombScenarioResults *self,
            const char            *name,
            char                  *text)
{
  GtkLabel *label = g_hash_table_lookup (self->values, name);

  gtk_label_set_label (label, text);
  g_free (text);
}

static void
show_figures (AplombScenarioResults *self,
              AplombScenarioResult  *result)
{
  g_autofree char *threshold = aplomb_format_decimal (result->threshold, 1);
  g_autofree char *lifted = NULL;
  g_autofree char *fallen = NULL;

  /* Translators: the threshold is the APL under which a commune is
   * under-served, 2,5 */
  lifted = g_strdup_printf (_("Population lifted above %s"), threshold);
  fallen = g_strdup_printf (_("Population fallen below %s"), threshold);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lifted_row), lifted);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fallen_row), fallen);
  set_figure (self, "changed", g_strdup_printf ("%u", result->changed->len));
  set_figure (self, "class_changed", g_strdup_printf ("%u", result->class_changed->len));
  set_figure (self, "lifted", format_number (result->population_lifted, 0));
  set_figure (self, "fallen", format_number (result->population_fallen, 0));
  set_figure (self, "mean", format_change (result->before.mean, result->after.mean, 3, 4));
  set_figure (self, "d9_d1", format_change (result->before.d9_d1, result->after.d9_d1, 2, 3));
  set_figure (self, "etp", format_signed (result->etp_added, 1));
  set_figure (self, "lifted_per_etp", result->etp_added > 0
                                      ? format_number (result->lifted_per_etp, 0)
                                      : g_strdup ("—"));
  set_figure (self, "underserved_gain_per_etp",
              result->etp_added > 0 ? format_number (result->underserved_gain_per_etp, 0)
                                    : g_strdup ("—"));
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

static void
show_communes (AplombScenarioResults *self,
               AplombTerritory       *territory,
               AplombScenarioResult  *result)
{
  g_autofree char *description = NULL;
  guint n;

  g_array_append_vals (self->communes, result->changed->data, result->changed->len);
  g_array_sort_with_data (self->communes, compare_by_change, result->delta);
  n = MIN (self->communes->len, APLOMB_SCENARIO_RESULTS_MAX_COMMUNES);
  if (self->communes->len > n)
    /* Translators: the list shows the largest changes only */
    description = g_strdup_printf (_("The %u largest changes of %u"), n, self->communes->len);
  g_array_set_size (self->communes, n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_commune_row (territory, result,
                                         g_array_index (self->communes, guint, i));

      g_signal_connect (row, "activated", G_CALLBACK (on_commune_row_activated), self);
      g_ptr_array_add (self->commune_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->communes_group), row);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->communes_group),
                                         n > 0 ? description : _("No commune changes yet."));
}

/* Areas: the départements and EPCI where some APL moved, the CPTS of the
 * scenario, each with its mean APL before and after. */

static GtkWidget *
make_area_row (AplombGroupKind            kind,
               const AplombScenarioGroup *group)
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
  subtitle = g_strdup_printf (ngettext ("%u commune changes · %s inhabitants lifted",
                                        "%u communes change · %s inhabitants lifted",
                                        group->n_changed),
                              group->n_changed, lifted);
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
          GtkWidget *row = make_area_row (kind, g_ptr_array_index (groups, i));

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

void
aplomb_scenario_results_show (AplombScenarioResults *self,
                              AplombTerritory       *territory,
                              AplombScenarioResult  *result)
{
  g_return_if_fail (APLOMB_IS_SCENARIO_RESULTS (self));

  clear_communes (self);
  show_areas_soon (self, territory, result);
  gtk_widget_set_visible (self->box, result != NULL);
  if (result == NULL)
    return;

  g_return_if_fail (APLOMB_IS_TERRITORY (territory));
  show_figures (self, result);
  show_communes (self, territory, result);
}

const char *
aplomb_scenario_results_get_value (AplombScenarioResults *self,
                                   const char            *name)
{
  GtkLabel *label;

  g_return_val_if_fail (APLOMB_IS_SCENARIO_RESULTS (self), NULL);

  label = g_hash_table_lookup (self->values, name);
  return label != NULL ? gtk_label_get_label (label) : NULL;
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

  g_hash_table_unref (self->values);
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

  object_class->dispose = aplomb_scenario_results_dispose;
  object_class->finalize = aplomb_scenario_results_finalize;
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

static void
aplomb_scenario_results_init (AplombScenarioResults *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->commune_rows = g_ptr_array_new ();
  self->communes = g_array_new (FALSE, FALSE, sizeof (guint));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->figures = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->figures), _("Results"));
  add_figure (self, "changed", _("Communes whose APL changes"), NULL);
  add_figure (self, "class_changed", _("Communes that change class"), NULL);
  self->lifted_row = add_figure (self, "lifted", NULL, _("Inhabitants no longer under-served"));
  self->fallen_row = add_figure (self, "fallen", NULL, _("Inhabitants newly under-served"));
  add_figure (self, "mean", _("Mean APL"), _("Weighted by standardised population"));
  add_figure (self, "d9_d1", _("D9/D1 ratio"), _("Inequality between communes"));
  add_figure (self, "etp", _("ETP added"), _("General practitioners, net"));
  add_figure (self, "lifted_per_etp", _("Population lifted per ETP"), NULL);
  add_figure (self, "underserved_gain_per_etp", _("Consultations per ETP for the under-served"),
              _("A year, reaching residents of under-served communes"));
  gtk_box_append (GTK_BOX (self->box), self->figures);

  make_area_groups (self);

  self->communes_group = adw_preferences_group_new ();
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
