/* aplomb-legend.c: the classes of the map, their colours and unit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "aplomb-legend.h"

struct _AplombLegend
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *rows;
};

G_DEFINE_FINAL_TYPE (AplombLegend, aplomb_legend, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const AplombColor *color = user_data;

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
make_row (const AplombColor *color,
          const char        *label)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *text = gtk_label_new (label);
  AplombColor *copy = g_memdup2 (color, sizeof *color);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 18);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, copy, g_free);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), text);
  return row;
}

static void
clear_rows (AplombLegend *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
}

/* Classes are listed from the highest down, as on a thermometer. */
void
aplomb_legend_set_classification (AplombLegend         *self,
                                  AplombClassification *classification,
                                  const char           *title,
                                  const char           *subtitle)
{
  guint n;

  g_return_if_fail (APLOMB_IS_LEGEND (self));
  g_return_if_fail (classification != NULL);

  gtk_label_set_label (GTK_LABEL (self->title), title);
  gtk_label_set_label (GTK_LABEL (self->subtitle), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && *subtitle != '\0');

  clear_rows (self);
  n = aplomb_classification_get_n_classes (classification);
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *label = aplomb_classification_get_label (classification, i);

      gtk_box_append (GTK_BOX (self->rows),
                      make_row (aplomb_classification_get_color (classification, i), label));
    }
  gtk_box_append (GTK_BOX (self->rows),
                  make_row (aplomb_classification_get_no_data_color (classification),
                            _("No data")));
}

const char *
aplomb_legend_get_title (AplombLegend *self)
{
  g_return_val_if_fail (APLOMB_IS_LEGEND (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->title));
}

guint
aplomb_legend_get_n_rows (AplombLegend *self)
{
  guint n = 0;

  g_return_val_if_fail (APLOMB_IS_LEGEND (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->rows); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

char *
aplomb_legend_get_row_label (AplombLegend *self,
                             guint         row)
{
  GtkWidget *child = gtk_widget_get_first_child (self->rows);

  g_return_val_if_fail (APLOMB_IS_LEGEND (self), NULL);

  for (guint i = 0; child != NULL && i < row; i++)
    child = gtk_widget_get_next_sibling (child);
  if (child == NULL)
    return NULL;
  return g_strdup (gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (child))));
}

static void
aplomb_legend_dispose (GObject *object)
{
  AplombLegend *self = APLOMB_LEGEND (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (aplomb_legend_parent_class)->dispose (object);
}

static void
aplomb_legend_class_init (AplombLegendClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = aplomb_legend_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
aplomb_legend_init (AplombLegend *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->title = gtk_label_new (NULL);
  self->subtitle = gtk_label_new (NULL);
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->title), 30);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->subtitle), 36);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_widget_set_margin_bottom (self->subtitle, 4);

  gtk_box_append (GTK_BOX (self->box), self->title);
  gtk_box_append (GTK_BOX (self->box), self->subtitle);
  gtk_box_append (GTK_BOX (self->box), self->rows);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map legend"), -1);
}

GtkWidget *
aplomb_legend_new (void)
{
  return g_object_new (APLOMB_TYPE_LEGEND, NULL);
}
