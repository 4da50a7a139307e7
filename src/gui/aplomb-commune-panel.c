/* aplomb-commune-panel.c: everything Aplomb knows of one commune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "aplomb-commune-panel.h"

struct _AplombCommunePanel
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *title;
  GtkWidget  *subtitle;
  GtkWidget  *groups;
  GHashTable *values;  /* row name → value label */
};

G_DEFINE_FINAL_TYPE (AplombCommunePanel, aplomb_commune_panel, GTK_TYPE_WIDGET)

static const char *
profession_label (AplombProfession profession)
{
  switch (profession)
    {
    case APLOMB_PROFESSION_GP: return _("General practitioners");
    case APLOMB_PROFESSION_NURSE: return _("Nurses");
    case APLOMB_PROFESSION_PHYSIOTHERAPIST: return _("Physiotherapists");
    case APLOMB_PROFESSION_MIDWIFE: return _("Midwives");
    case APLOMB_PROFESSION_DENTIST: return _("Dentists");
    case APLOMB_PROFESSION_OTHER_PHYSICIAN: return _("Other physicians");
    case APLOMB_N_PROFESSIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
format_number (double value,
               guint  decimals)
{
  if (isnan (value))
    return g_strdup (_("Unknown"));
  /* %'f groups thousands with the locale's separator. */
  return g_strdup_printf ("%'.*f", decimals, value);
}

static GtkWidget *
add_group (AplombCommunePanel *self,
           const char         *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->groups), group);
  return group;
}

static GtkWidget *
add_row (AplombCommunePanel *self,
         GtkWidget          *group,
         const char         *name,
         const char         *title,
         const char         *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->values, g_strdup (name), label);
  return row;
}

static void
clear_groups (AplombCommunePanel *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->values);
  while ((child = gtk_widget_get_first_child (self->groups)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups), child);
}

static void
add_access_group (AplombCommunePanel       *self,
                  const AplombCommuneFacts *facts,
                  AplombClassification     *classes)
{
  GtkWidget *group = add_group (self, _("Access to general practitioners"));
  g_autofree char *apl = aplomb_classification_format_value (classes, facts->apl, FALSE);
  g_autofree char *official = aplomb_classification_format_value (classes, facts->apl_official,
                                                                 FALSE);
  const char *unit = aplomb_classification_get_unit (classes);
  g_autofree char *official_title = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *density = format_number (facts->density_10k, 1);
  g_autofree char *nearest = NULL;
  double headline = isnan (facts->apl) ? facts->apl_official : facts->apl;
  int class_index = aplomb_classification_classify (classes, headline);

  klass = class_index >= 0 ? aplomb_classification_get_label (classes, class_index)
                           : g_strdup (_("Unknown"));
  if (facts->rank_in_departement > 0)
    /* Translators: a rank, e.g. "12 of 287" */
    rank = g_strdup_printf (_("%u of %u"), facts->rank_in_departement, facts->n_in_departement);
  else
    rank = g_strdup (_("Unknown"));
  if (isinf (facts->nearest_gp_min))
    nearest = g_strdup (_("None within reach"));
  else if (isnan (facts->nearest_gp_min))
    nearest = g_strdup (_("Unknown"));
  else
    nearest = g_strdup_printf (_("%.0f min"), facts->nearest_gp_min);
  /* Translators: the official indicator of a year, e.g. "Official APL 2023" */
  official_title = g_strdup_printf (_("Official APL %d"), facts->official_year);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (add_row (self, group, "apl",
                                                       _("APL computed by Aplomb"), apl)),
                               unit);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (add_row (self, group, "apl-official",
                                                       official_title, official)),
                               unit);
  add_row (self, group, "class", _("Class"), klass);
  add_row (self, group, "rank", _("Rank in its département"), rank);
  add_row (self, group, "density", _("GPs per 10,000 inhabitants"), density);
  add_row (self, group, "nearest", _("Time to the nearest GP"), nearest);
}

static void
add_population_group (AplombCommunePanel       *self,
                      const AplombCommuneFacts *facts)
{
  GtkWidget *group = add_group (self, _("Population"));
  g_autofree char *population = format_number (facts->population, 0);
  g_autofree char *share = NULL;

  if (isnan (facts->share_75plus))
    share = g_strdup (_("Unknown"));
  else
    share = g_strdup_printf ("%.1f %%", facts->share_75plus * 100);
  add_row (self, group, "population", _("Inhabitants"), population);
  add_row (self, group, "share-75plus", _("Aged 75 or more"), share);
}

static void
add_practitioners_group (AplombCommunePanel       *self,
                         const AplombCommuneFacts *facts)
{
  GtkWidget *group = add_group (self, _("Practitioners in the commune"));

  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    {
      g_autofree char *name = g_strdup_printf ("practitioners-%s",
                                               aplomb_profession_to_string (p));
      g_autofree char *count = format_number (facts->practitioners[p], 0);

      if (facts->practitioners[p] > 0 || p == APLOMB_PROFESSION_GP)
        add_row (self, group, name, profession_label (p), count);
    }
}

static void
add_sources_group (AplombCommunePanel *self,
                   AplombTerritory    *territory)
{
  GPtrArray *sources = aplomb_territory_get_sources (territory);
  GtkWidget *group = add_group (self, _("Sources"));

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const AplombSource *source = g_ptr_array_index (sources, i);
      g_autofree char *name = g_strdup_printf ("source-%u", i);
      g_autofree char *text = g_strdup_printf ("%s%s%s", source->file_name,
                                               source->millesime != NULL ? " · " : "",
                                               source->millesime != NULL ? source->millesime : "");

      add_row (self, group, name, source->kind, text);
    }
}

void
aplomb_commune_panel_show (AplombCommunePanel       *self,
                           AplombTerritory          *territory,
                           const AplombCommuneFacts *facts,
                           AplombClassification     *apl_classes)
{
  guint commune;
  g_autofree char *subtitle = NULL;
  const char *epci;

  g_return_if_fail (APLOMB_IS_COMMUNE_PANEL (self));
  g_return_if_fail (APLOMB_IS_TERRITORY (territory));
  g_return_if_fail (facts != NULL && apl_classes != NULL);

  commune = facts->commune;
  epci = aplomb_territory_get_epci_name (territory, commune);
  /* Translators: INSEE code, then département code, e.g. "INSEE 18033 · département 18" */
  subtitle = g_strdup_printf (_("INSEE %s · département %s%s%s"),
                              aplomb_territory_get_code (territory, commune),
                              aplomb_territory_get_departement (territory, commune),
                              epci != NULL ? "\n" : "", epci != NULL ? epci : "");
  gtk_label_set_label (GTK_LABEL (self->title), aplomb_territory_get_name (territory, commune));
  gtk_label_set_label (GTK_LABEL (self->subtitle), subtitle);

  clear_groups (self);
  add_access_group (self, facts, apl_classes);
  add_population_group (self, facts);
  add_practitioners_group (self, facts);
  add_sources_group (self, territory);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

const char *
aplomb_commune_panel_get_title (AplombCommunePanel *self)
{
  g_return_val_if_fail (APLOMB_IS_COMMUNE_PANEL (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->title));
}

/* The text of a row by its stable name ("apl", "population", …), for tests
 * and for copying. */
const char *
aplomb_commune_panel_get_value (AplombCommunePanel *self,
                                const char         *row_name)
{
  GtkWidget *label;

  g_return_val_if_fail (APLOMB_IS_COMMUNE_PANEL (self), NULL);

  label = g_hash_table_lookup (self->values, row_name);
  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
aplomb_commune_panel_dispose (GObject *object)
{
  AplombCommunePanel *self = APLOMB_COMMUNE_PANEL (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (aplomb_commune_panel_parent_class)->dispose (object);
}

static void
aplomb_commune_panel_class_init (AplombCommunePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = aplomb_commune_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "communepanel");
}

static void
aplomb_commune_panel_init (AplombCommunePanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scroller = gtk_scrolled_window_new ();
  self->title = gtk_label_new (NULL);
  self->subtitle = gtk_label_new (NULL);
  self->groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_add_css_class (self->title, "title-1");
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), self->title);
  gtk_box_append (GTK_BOX (box), self->subtitle);
  gtk_box_append (GTK_BOX (box), self->groups);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Commune details"), -1);
}

GtkWidget *
aplomb_commune_panel_new (void)
{
  return g_object_new (APLOMB_TYPE_COMMUNE_PANEL, NULL);
}
