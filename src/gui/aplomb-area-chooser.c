/* aplomb-area-chooser.c: pick a département or an EPCI to zoom to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "aplomb-area-chooser.h"
#include "aplomb-commune-search.h"

struct _AplombAreaChooser
{
  GtkPopover  parent_instance;

  GtkWidget  *entry;
  GtkWidget  *list;
  GPtrArray  *areas;
  char       *folded_query;
};

G_DEFINE_FINAL_TYPE (AplombAreaChooser, aplomb_area_chooser, GTK_TYPE_POPOVER)

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
make_row (const AplombArea *area)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (area->name);
  g_autofree char *detail = NULL;
  GtkWidget *detail_label;

  if (area->kind == APLOMB_AREA_DEPARTEMENT)
    detail = g_strdup_printf (_("Département %s"), area->code);
  else
    /* Translators: an intercommunality and its number of communes */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "EPCI, %u commune",
                                           "EPCI, %u communes", area->n_communes),
                              area->n_communes);
  detail_label = gtk_label_new (detail);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  AplombAreaChooser *self = user_data;
  const AplombArea *area;
  g_autofree char *folded = NULL;

  if (self->folded_query == NULL || *self->folded_query == '\0')
    return TRUE;
  area = g_ptr_array_index (self->areas, gtk_list_box_row_get_index (row));
  if (g_str_has_prefix (area->code, self->folded_query))
    return TRUE;
  folded = aplomb_fold_for_search (area->name);
  return strstr (folded, self->folded_query) != NULL;
}

static void
on_search_changed (AplombAreaChooser *self)
{
  g_free (self->folded_query);
  self->folded_query = aplomb_fold_for_search (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

static void
on_row_activated (AplombAreaChooser *self,
                  GtkListBoxRow     *row)
{
  const AplombArea *area = g_ptr_array_index (self->areas, gtk_list_box_row_get_index (row));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[AREA_ACTIVATED], 0, area);
}

static void
on_activate (AplombAreaChooser *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child))
      {
        on_row_activated (self, GTK_LIST_BOX_ROW (child));
        return;
      }
}

void
aplomb_area_chooser_set_areas (AplombAreaChooser *self,
                               GPtrArray         *areas)
{
  GtkWidget *child;

  g_return_if_fail (APLOMB_IS_AREA_CHOOSER (self));
  g_return_if_fail (areas != NULL);

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  self->areas = g_ptr_array_ref (areas);
  for (guint i = 0; i < areas->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (g_ptr_array_index (areas, i)));
}

static void
aplomb_area_chooser_finalize (GObject *object)
{
  AplombAreaChooser *self = APLOMB_AREA_CHOOSER (object);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_free (self->folded_query);

  G_OBJECT_CLASS (aplomb_area_chooser_parent_class)->finalize (object);
}

static void
aplomb_area_chooser_class_init (AplombAreaChooserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_area_chooser_finalize;

  /**
   * AplombAreaChooser::area-activated:
   * @area: (type gpointer): the chosen #AplombArea, owned by the chooser
   */
  signals[AREA_ACTIVATED] = g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
aplomb_area_chooser_init (AplombAreaChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->entry = gtk_search_entry_new ();
  g_object_set (self->entry, "placeholder-text", _("Département or intercommunality"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a département or an intercommunality"), -1);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 340);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_box_append (GTK_BOX (box), self->entry);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self), self->entry);

  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
}

GtkWidget *
aplomb_area_chooser_new (void)
{
  return g_object_new (APLOMB_TYPE_AREA_CHOOSER, NULL);
}
