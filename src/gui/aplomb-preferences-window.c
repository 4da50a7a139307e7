/* aplomb-preferences-window.c: the base map and the class breaks
 *
 * Every row writes its setting at once; the main window follows the
 * settings, so there is nothing to apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "aplomb-base-map.h"
#include "aplomb-preferences-window.h"

struct _AplombPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AdwComboRow          *base_map_row;
  AdwActionRow         *mbtiles_row;
  AdwComboRow          *class_breaks_row;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (AplombPreferencesWindow, aplomb_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static const char *
base_map_description (AplombBaseMap base_map)
{
  switch (base_map)
    {
    case APLOMB_BASE_MAP_OPENSTREETMAP:
      return _("Tiles downloaded from openstreetmap.org and kept in a cache. The Flatpak has no "
               "network access: online tiles only work outside the sandbox, or after “flatpak "
               "override --user --share=network fr.aplomb.Aplomb”");
    case APLOMB_BASE_MAP_MBTILES:
      return _("Raster tiles of a local MBTiles file, without network");
    case APLOMB_BASE_MAP_APLOMB:
    default:
      return _("Départements and communes drawn by Aplomb, without network");
    }
}

static const char *
class_breaks_description (AplombClassBreaks breaks)
{
  return breaks == APLOMB_CLASS_BREAKS_QUANTILES
         ? _("Five classes holding as many communes each")
         : _("Breaks that mean something, such as the APL thresholds 2.5 and 4 consultations "
             "per year per inhabitant");
}

static void
sync_from_settings (AplombPreferencesWindow *self)
{
  AplombBaseMap base_map = g_settings_get_enum (self->settings, "base-map");
  AplombClassBreaks breaks = g_settings_get_enum (self->settings, "class-breaks");
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-file");

  adw_combo_row_set_selected (self->base_map_row, base_map);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->base_map_row),
                               base_map_description (base_map));
  adw_action_row_set_subtitle (self->mbtiles_row, *path != '\0' ? path : _("No file chosen"));
  adw_combo_row_set_selected (self->class_breaks_row, breaks);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->class_breaks_row),
                               class_breaks_description (breaks));
}

static void
on_base_map_selected (AplombPreferencesWindow *self)
{
  g_settings_set_enum (self->settings, "base-map", adw_combo_row_get_selected (self->base_map_row));
}

static void
on_class_breaks_selected (AplombPreferencesWindow *self)
{
  g_settings_set_enum (self->settings, "class-breaks",
                       adw_combo_row_get_selected (self->class_breaks_row));
}

/* Choosing a file is choosing it as the base map. */
static void
on_chooser_response (AplombPreferencesWindow *self,
                     int                      response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  g_settings_set_string (self->settings, "mbtiles-file", path);
  g_settings_set_enum (self->settings, "base-map", APLOMB_BASE_MAP_MBTILES);
}

static void
on_choose_clicked (AplombPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("MBTiles files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  self->chooser = gtk_file_chooser_native_new (_("Choose an MBTiles File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static AdwComboRow *
make_combo_row (const char         *title,
                const char * const *choices)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static AdwPreferencesGroup *
make_base_map_group (AplombPreferencesWindow *self)
{
  /* Short names, so that the row has room for them: its subtitle says
   * what each one is. */
  const char *choices[] = { "Aplomb", "OpenStreetMap", _("MBTiles file"), NULL };
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));

  adw_preferences_group_set_title (group, _("Base Map"));
  adw_preferences_group_set_description (group, _("What the map shows under the communes"));
  self->base_map_row = make_combo_row (_("Base map"), choices);
  adw_preferences_group_add (group, GTK_WIDGET (self->base_map_row));

  self->mbtiles_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mbtiles_row), _("MBTiles file"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose an MBTiles file"), -1);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose_clicked), self);
  adw_action_row_add_suffix (self->mbtiles_row, choose);
  adw_preferences_group_add (group, GTK_WIDGET (self->mbtiles_row));
  return group;
}

static AdwPreferencesGroup *
make_classes_group (AplombPreferencesWindow *self)
{
  const char *choices[] = { _("Thresholds"), _("Quantiles"), NULL };
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Classes"));
  self->class_breaks_row = make_combo_row (_("Class breaks"), choices);
  adw_preferences_group_add (group, GTK_WIDGET (self->class_breaks_row));
  return group;
}

static void
aplomb_preferences_window_dispose (GObject *object)
{
  AplombPreferencesWindow *self = APLOMB_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (aplomb_preferences_window_parent_class)->dispose (object);
}

static void
aplomb_preferences_window_class_init (AplombPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = aplomb_preferences_window_dispose;
}

static void
aplomb_preferences_window_init (AplombPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

  adw_preferences_page_set_title (page, _("Map"));
  adw_preferences_page_set_icon_name (page, "map-symbolic");
  adw_preferences_page_add (page, make_base_map_group (self));
  adw_preferences_page_add (page, make_classes_group (self));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

/**
 * aplomb_preferences_window_new:
 * @settings: the application's settings, written as rows change
 */
AplombPreferencesWindow *
aplomb_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  AplombPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (APLOMB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 640,
                       "default-height", 520,
                       NULL);
  self->settings = g_object_ref (settings);
  sync_from_settings (self);
  g_signal_connect_object (settings, "changed", G_CALLBACK (sync_from_settings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->base_map_row, "notify::selected",
                            G_CALLBACK (on_base_map_selected), self);
  g_signal_connect_swapped (self->class_breaks_row, "notify::selected",
                            G_CALLBACK (on_class_breaks_selected), self);
  return self;
}

AdwComboRow *
aplomb_preferences_window_get_base_map_row (AplombPreferencesWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_PREFERENCES_WINDOW (self), NULL);

  return self->base_map_row;
}

AdwActionRow *
aplomb_preferences_window_get_mbtiles_row (AplombPreferencesWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_PREFERENCES_WINDOW (self), NULL);

  return self->mbtiles_row;
}

AdwComboRow *
aplomb_preferences_window_get_class_breaks_row (AplombPreferencesWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_PREFERENCES_WINDOW (self), NULL);

  return self->class_breaks_row;
}
