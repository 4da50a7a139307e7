/* aplomb-window.c: the main window, a map of the territory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "aplomb-core.h"

#include "aplomb-area-chooser.h"
#include "aplomb-base-map.h"
#include "aplomb-commune-map.h"
#include "aplomb-commune-panel.h"
#include "aplomb-preferences-window.h"
#include "aplomb-scenario-panel.h"
#include "aplomb-window.h"

#define MAX_SEARCH_RESULTS 8

struct _AplombWindow
{
  AdwApplicationWindow parent_instance;

  GSettings          *settings;
  GCancellable       *cancellable;
  AplombAtlas        *atlas;
  guint               pulse_source;
  AplombProjectManager *projects;
  AdwToastOverlay    *toasts;
  AdwToast           *base_map_toast;

  /* Template widgets */
  GtkDropDown        *indicator_dropdown;
  GtkWidget          *area_button;
  AplombAreaChooser  *area_chooser;
  AdwWindowTitle     *window_title;
  GtkToggleButton    *panel_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  AdwFlap            *flap;
  GtkWidget          *scenarios_button;
  AdwFlap            *scenario_flap;
  AplombScenarioPanel *scenario_panel;
  AplombCommuneMap   *map;
  AplombCommunePanel *panel;
  GtkWidget          *loading_box;
  GtkLabel           *loading_label;
  GtkProgressBar     *loading_progress;
  GMenu              *recent_menu;

  GtkWidget          *search_popover;
  GtkWidget          *search_results;
};

G_DEFINE_FINAL_TYPE (AplombWindow, aplomb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  ATLAS_LOADED,
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The classes the user chose: the indicator's meaningful thresholds, or
 * quantiles. */
static AplombClassification *
get_classification (AplombWindow    *self,
                    AplombIndicator  indicator)
{
  if (g_settings_get_enum (self->settings, "class-breaks") == APLOMB_CLASS_BREAKS_QUANTILES)
    return aplomb_atlas_get_quantile_classification (self->atlas, indicator);
  return aplomb_atlas_get_classification (self->atlas, indicator);
}

static void
show_indicator (AplombWindow    *self,
                AplombIndicator  indicator)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->atlas == NULL || !aplomb_atlas_has_indicator (self->atlas, indicator))
    return;

  title = aplomb_atlas_get_title (self->atlas, indicator);
  subtitle = aplomb_atlas_get_subtitle (self->atlas, indicator);
  aplomb_commune_map_set_indicator (self->map,
                                    aplomb_atlas_get_values (self->atlas, indicator),
                                    get_classification (self, indicator), title, subtitle);
}

static void
on_class_breaks_changed (AplombWindow *self)
{
  /* The scenario panel colours the map while it is open. */
  if (!adw_flap_get_reveal_flap (self->scenario_flap))
    show_indicator (self, gtk_drop_down_get_selected (self->indicator_dropdown));
}

static void
on_base_map_toast_dismissed (AplombWindow *self)
{
  g_clear_object (&self->base_map_toast);
}

/* One toast at a time tells the latest error: a toast queued behind
 * another would tell it too late. */
static void
show_base_map_error (AplombWindow *self,
                     const GError *error)
{
  g_autofree char *message =
    g_strdup_printf (_("Base map unavailable, offline map shown: %s"), error->message);

  if (self->base_map_toast != NULL)
    {
      adw_toast_set_title (self->base_map_toast, message);
      return;
    }
  self->base_map_toast = adw_toast_new (message);
  adw_toast_set_timeout (self->base_map_toast, 10);
  g_signal_connect_object (self->base_map_toast, "dismissed",
                           G_CALLBACK (on_base_map_toast_dismissed), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toasts, g_object_ref (self->base_map_toast));
}

/* An MBTiles file that cannot be read leaves the setting as it is (the
 * file may be on a drive plugged in later) and shows the offline map. */
static void
apply_base_map (AplombWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) base = aplomb_base_map_new_source (self->settings, &error);

  if (error != NULL)
    show_base_map_error (self, error);
  aplomb_commune_map_set_base_map (self->map, base);
}

static void
on_indicator_selected (AplombWindow *self)
{
  show_indicator (self, gtk_drop_down_get_selected (self->indicator_dropdown));
}

void
aplomb_window_show_commune (AplombWindow *self,
                            guint         commune)
{
  AplombCommuneFacts facts;

  g_return_if_fail (APLOMB_IS_WINDOW (self));
  g_return_if_fail (self->atlas != NULL);

  aplomb_commune_facts_compute (&facts, aplomb_atlas_get_territory (self->atlas), commune,
                                aplomb_atlas_get_indicators (self->atlas));
  /* The class in the panel is the one whose colour the map shows. */
  aplomb_commune_panel_show (self->panel, aplomb_atlas_get_territory (self->atlas), &facts,
                             get_classification (self, APLOMB_INDICATOR_APL));
  aplomb_commune_map_select (self->map, commune);
  gtk_widget_set_sensitive (GTK_WIDGET (self->panel_button), TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
on_commune_activated (AplombWindow *self,
                      int           commune)
{
  /* While an action is edited, clicks place it rather than describe. */
  if (aplomb_scenario_panel_take_commune (self->scenario_panel, commune))
    return;
  aplomb_window_show_commune (self, commune);
}

static void
on_area_activated (AplombWindow     *self,
                   const AplombArea *area)
{
  aplomb_commune_map_zoom_to_bbox (self->map, &area->bbox);
}

/* The scenario panel colours the map while it is open. */
static void
on_scenario_flap_revealed (AplombWindow *self)
{
  gboolean revealed = adw_flap_get_reveal_flap (self->scenario_flap);

  gtk_widget_set_sensitive (GTK_WIDGET (self->indicator_dropdown), !revealed);
  aplomb_scenario_panel_set_active (self->scenario_panel, revealed);
  if (!revealed)
    show_indicator (self, gtk_drop_down_get_selected (self->indicator_dropdown));
}

static gboolean
toggle_scenarios (GtkWidget *widget,
                  GVariant  *arguments,
                  gpointer   user_data)
{
  AplombWindow *self = APLOMB_WINDOW (widget);

  if (gtk_widget_get_sensitive (self->scenarios_button))
    adw_flap_set_reveal_flap (self->scenario_flap, !adw_flap_get_reveal_flap (self->scenario_flap));
  return TRUE;
}

/* Search */

static void
on_search_result_activated (AplombWindow  *self,
                            GtkListBoxRow *row)
{
  guint commune = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "commune"));

  gtk_popover_popdown (GTK_POPOVER (self->search_popover));
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  aplomb_commune_map_fly_to_commune (self->map, commune);
  aplomb_window_show_commune (self, commune);
}

static GtkWidget *
make_search_row (AplombTerritory *territory,
                 guint            commune)
{
  const char * const *postcodes = aplomb_territory_get_postcodes (territory, commune);
  g_autofree char *details = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (aplomb_territory_get_name (territory, commune));
  GtkWidget *detail_label;

  /* Translators: INSEE code, département and first postcode of a commune */
  details = g_strdup_printf (_("%s · département %s%s%s"),
                             aplomb_territory_get_code (territory, commune),
                             aplomb_territory_get_departement (territory, commune),
                             postcodes != NULL && postcodes[0] != NULL ? " · " : "",
                             postcodes != NULL && postcodes[0] != NULL ? postcodes[0] : "");
  detail_label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "commune", GUINT_TO_POINTER (commune));
  return row;
}

/* gtk_list_box_remove_all () is GTK 4.12. */
static void
clear_search_results (AplombWindow *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (self->search_results)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->search_results), row);
}

static void
on_search_changed (AplombWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  AplombTerritory *territory;
  g_autoptr(GArray) matches = NULL;

  clear_search_results (self);
  if (self->atlas == NULL || *query == '\0')
    {
      gtk_popover_popdown (GTK_POPOVER (self->search_popover));
      return;
    }

  territory = aplomb_atlas_get_territory (self->atlas);
  matches = aplomb_commune_search_find (aplomb_atlas_get_search (self->atlas), query,
                                        MAX_SEARCH_RESULTS);
  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->search_results),
                         make_search_row (territory, g_array_index (matches, guint, i)));
  if (matches->len > 0)
    gtk_popover_popup (GTK_POPOVER (self->search_popover));
  else
    gtk_popover_popdown (GTK_POPOVER (self->search_popover));
}

static void
on_search_activate (AplombWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->search_results), 0);

  if (first != NULL)
    on_search_result_activated (self, first);
}

static void
setup_search (AplombWindow *self)
{
  self->search_results = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->search_results), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (self->search_results, "navigation-sidebar");
  self->search_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->search_popover), self->search_results);
  gtk_popover_set_autohide (GTK_POPOVER (self->search_popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->search_popover), FALSE);
  gtk_widget_set_parent (self->search_popover, GTK_WIDGET (self->search_entry));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->search_entry, "stop-search",
                            G_CALLBACK (gtk_popover_popdown), self->search_popover);
  g_signal_connect_swapped (self->search_results, "row-activated",
                            G_CALLBACK (on_search_result_activated), self);
}

/* Loading the project */

static gboolean
pulse_loading (gpointer user_data)
{
  AplombWindow *self = user_data;

  gtk_progress_bar_pulse (self->loading_progress);
  return G_SOURCE_CONTINUE;
}

static void
stop_loading_feedback (AplombWindow *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_set_visible (self->loading_box, FALSE);
}

static void
load_atlas_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  AplombAtlas *atlas = aplomb_atlas_load (path, cancellable, &error);

  if (atlas == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, atlas, g_object_unref);
}

static void
on_atlas_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AplombWindow *self = APLOMB_WINDOW (object);
  g_autoptr(GError) error = NULL;
  AplombAtlas *atlas = g_task_propagate_pointer (G_TASK (result), &error);

  if (atlas == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      stop_loading_feedback (self);
      /* The project shown stays; the project manager tells why the
       * other one did not open. */
      gtk_label_set_label (self->loading_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->loading_progress), FALSE);
      gtk_widget_set_visible (self->loading_box, self->atlas == NULL);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  stop_loading_feedback (self);
  g_set_object (&self->atlas, atlas);
  g_object_unref (atlas);
  aplomb_commune_map_set_territory (self->map, aplomb_atlas_get_territory (atlas),
                                    aplomb_atlas_get_renderer (atlas));
  show_indicator (self, gtk_drop_down_get_selected (self->indicator_dropdown));
  aplomb_area_chooser_set_areas (self->area_chooser, aplomb_atlas_get_areas (atlas));
  gtk_widget_set_sensitive (self->area_button, TRUE);
  g_signal_emit (self, signals[ATLAS_LOADED], 0);
  /* After the project manager has learnt whether the project is writable. */
  aplomb_scenario_panel_set_atlas (self->scenario_panel, atlas,
                                   g_task_get_task_data (G_TASK (result)),
                                   aplomb_project_manager_is_read_only (self->projects));
  gtk_widget_set_sensitive (self->scenarios_button, TRUE);
}

void
aplomb_window_load_project (AplombWindow *self,
                            const char   *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (APLOMB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_set_visible (self->loading_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_progress), TRUE);
  if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (100, pulse_loading, self);

  task = g_task_new (self, self->cancellable, on_atlas_loaded, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_atlas_in_thread);
}

/* The last project opened, else the bundled France. */
static void
load_startup_project (AplombWindow *self)
{
  g_autofree char *path = aplomb_project_manager_get_startup_path (self->projects);

  if (path == NULL)
    {
      stop_loading_feedback (self);
      gtk_label_set_label (self->loading_label,
                           _("The bundled map of France is missing from this installation."));
      gtk_widget_set_visible (GTK_WIDGET (self->loading_progress), FALSE);
      gtk_widget_set_visible (self->loading_box, TRUE);
      return;
    }
  aplomb_project_manager_open (self->projects, path);
}

/* Actions */

static void
aplomb_window_zoom_in (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplombWindow *self = APLOMB_WINDOW (widget);

  shumate_map_zoom_in (shumate_simple_map_get_map (aplomb_commune_map_get_simple_map (self->map)));
}

static void
aplomb_window_zoom_out (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AplombWindow *self = APLOMB_WINDOW (widget);

  shumate_map_zoom_out (shumate_simple_map_get_map (aplomb_commune_map_get_simple_map (self->map)));
}

static void
aplomb_window_zoom_france (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  aplomb_commune_map_show_france (APLOMB_WINDOW (widget)->map);
}

static void
aplomb_window_find (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplombWindow *self = APLOMB_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
aplomb_window_close_panel (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AplombWindow *self = APLOMB_WINDOW (widget);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  else
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
aplomb_window_preferences (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AplombWindow *self = APLOMB_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (aplomb_preferences_window_new (GTK_WINDOW (self),
                                                                 self->settings)));
}

/* Window state */

static gboolean
aplomb_window_close_request (GtkWindow *window)
{
  AplombWindow *self = APLOMB_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (aplomb_window_parent_class)->close_request (window);
}

static void
aplomb_window_restore_size (AplombWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
aplomb_window_dispose (GObject *object)
{
  AplombWindow *self = APLOMB_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_pointer (&self->search_popover, gtk_widget_unparent);
  g_clear_object (&self->projects);
  g_clear_object (&self->base_map_toast);
  g_clear_object (&self->atlas);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), APLOMB_TYPE_WINDOW);

  G_OBJECT_CLASS (aplomb_window_parent_class)->dispose (object);
}

static void
install_zoom_bindings (GtkWidgetClass *widget_class)
{
  const guint in_keys[] = { GDK_KEY_plus, GDK_KEY_KP_Add, GDK_KEY_equal };
  const guint out_keys[] = { GDK_KEY_minus, GDK_KEY_KP_Subtract };

  for (guint i = 0; i < G_N_ELEMENTS (in_keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, in_keys[i], 0, "map.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, in_keys[i], GDK_CONTROL_MASK,
                                           "map.zoom-in", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (out_keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, out_keys[i], 0, "map.zoom-out", NULL);
      gtk_widget_class_add_binding_action (widget_class, out_keys[i], GDK_CONTROL_MASK,
                                           "map.zoom-out", NULL);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "map.zoom-france", NULL);
}

static void
aplomb_window_class_init (AplombWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = aplomb_window_dispose;
  window_class->close_request = aplomb_window_close_request;

  /**
   * AplombWindow::atlas-loaded:
   *
   * The project is loaded and its map shown.
   */
  signals[ATLAS_LOADED] = g_signal_new ("atlas-loaded", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  /**
   * AplombWindow::load-failed:
   * @error: why the project could not be loaded
   *
   * A project could not be loaded; the one shown before stays.
   */
  signals[LOAD_FAILED] = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (APLOMB_TYPE_AREA_CHOOSER);
  g_type_ensure (APLOMB_TYPE_COMMUNE_MAP);
  g_type_ensure (APLOMB_TYPE_COMMUNE_PANEL);
  g_type_ensure (APLOMB_TYPE_SCENARIO_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/aplomb/Aplomb/aplomb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, indicator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, area_button);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, area_chooser);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, scenarios_button);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, scenario_flap);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, scenario_panel);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, map);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, loading_box);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, AplombWindow, recent_menu);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, aplomb_window_zoom_in);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, aplomb_window_zoom_out);
  gtk_widget_class_install_action (widget_class, "map.zoom-france", NULL,
                                   aplomb_window_zoom_france);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, aplomb_window_find);
  gtk_widget_class_install_action (widget_class, "win.close-panel", NULL,
                                   aplomb_window_close_panel);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   aplomb_window_preferences);
  install_zoom_bindings (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.close-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F9, 0, toggle_scenarios, NULL);
}

/* Base-map errors are toasts over the whole window. */
static void
setup_toasts (AplombWindow *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  g_object_ref (content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toasts));
  adw_toast_overlay_set_child (self->toasts, content);
  g_object_unref (content);
}

static void
aplomb_window_init (AplombWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  setup_toasts (self);
  g_signal_connect_swapped (self->settings, "changed::base-map",
                            G_CALLBACK (apply_base_map), self);
  g_signal_connect_swapped (self->settings, "changed::mbtiles-file",
                            G_CALLBACK (apply_base_map), self);
  g_signal_connect_swapped (self->settings, "changed::class-breaks",
                            G_CALLBACK (on_class_breaks_changed), self);
  apply_base_map (self);
  aplomb_window_restore_size (self);
  setup_search (self);
  g_signal_connect_swapped (self->map, "commune-activated",
                            G_CALLBACK (on_commune_activated), self);
  aplomb_scenario_panel_set_map (self->scenario_panel, self->map);
  g_signal_connect_swapped (self->scenario_flap, "notify::reveal-flap",
                            G_CALLBACK (on_scenario_flap_revealed), self);
  g_signal_connect_swapped (self->area_chooser, "area-activated",
                            G_CALLBACK (on_area_activated), self);
  g_signal_connect_swapped (self->indicator_dropdown, "notify::selected",
                            G_CALLBACK (on_indicator_selected), self);
  self->projects = aplomb_project_manager_new (self, self->recent_menu);
  load_startup_project (self);
}

AplombWindow *
aplomb_window_new (AplombApplication *application)
{
  return g_object_new (APLOMB_TYPE_WINDOW, "application", application, NULL);
}

AplombCommuneMap *
aplomb_window_get_map (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->map;
}

AplombCommunePanel *
aplomb_window_get_panel (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->panel;
}

AplombScenarioPanel *
aplomb_window_get_scenario_panel (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->scenario_panel;
}

AplombAtlas *
aplomb_window_get_atlas (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->atlas;
}

GtkSearchEntry *
aplomb_window_get_search_entry (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->search_entry;
}

AplombAreaChooser *
aplomb_window_get_area_chooser (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->area_chooser;
}

void
aplomb_window_set_subtitle (AplombWindow *self,
                            const char   *subtitle)
{
  g_return_if_fail (APLOMB_IS_WINDOW (self));

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

AplombProjectManager *
aplomb_window_get_projects (AplombWindow *self)
{
  g_return_val_if_fail (APLOMB_IS_WINDOW (self), NULL);

  return self->projects;
}
