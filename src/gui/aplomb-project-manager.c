/* aplomb-project-manager.c: open, save as, import, recent projects
 *
 * The window shows one project file at a time. Imports are written into
 * that file as they finish, so there is never anything left to save;
 * "Save As" writes a copy and goes on with it. The bundled France is
 * read-only: "Save" on it is "Save As", and an import into it goes into a
 * new file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aplomb-project-manager"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-core.h"
#include "aplomb-store-copy.h"

#include "aplomb-project-manager.h"
#include "aplomb-window.h"

#define MAX_RECENT_PROJECTS 8

/* What a .aplomb file is to the rest of the desktop: an SQLite
 * database, as shared-mime-info sniffs it. */
#define PROJECT_MIME_TYPE "application/vnd.sqlite3"

struct _AplombProjectManager
{
  GObject               parent_instance;

  AplombWindow         *window;        /* weak: the window owns the manager */
  GSettings            *settings;
  GMenu                *recent_menu;
  GSimpleActionGroup   *actions;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  char                 *path;          /* the project shown, NULL before the first */
  char                 *pending_path;  /* the project being loaded */
  gboolean              read_only;
};

G_DEFINE_FINAL_TYPE (AplombProjectManager, aplomb_project_manager, G_TYPE_OBJECT)

static gboolean
is_bundled (const char *path)
{
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (bundled == NULL)
    return FALSE;
  a = g_canonicalize_filename (path, NULL);
  b = g_canonicalize_filename (bundled, NULL);
  return g_str_equal (a, b);
}

/* SQLite writes its journals beside the file: the folder must be
 * writable too. */
static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static char *
project_title (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (is_bundled (path))
    return g_strdup (_("Metropolitan France"));
  if (g_str_has_suffix (name, ".aplomb"))
    name[strlen (name) - strlen (".aplomb")] = '\0';
  return g_steal_pointer (&name);
}

static void
show_error (AplombProjectManager *self,
            const char           *heading,
            const char           *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self->window), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Recent projects */

static void
update_recent_menu (AplombProjectManager *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *title = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (recent[i], self->path) == 0 ||
          !g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      title = project_title (recent[i]);
      item = g_menu_item_new (title, NULL);
      g_menu_item_set_action_and_target (item, "project.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
  /* An item without an action is shown insensitive. */
  if (g_menu_model_get_n_items (G_MENU_MODEL (self->recent_menu)) == 0)
    g_menu_append (self->recent_menu, _("No Recent Projects"), NULL);
}

/* The project opened last comes first in the list, in GSettings for the
 * menu and in GtkRecentManager for the rest of the desktop. The bundled
 * France is always one menu item away and is not listed. */
static void
remember_project (AplombProjectManager *self,
                  const char           *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  const char *app_name = g_get_application_name ();
  GtkRecentData data = {
    .mime_type = (char *) PROJECT_MIME_TYPE,
    .app_name = (char *) (app_name != NULL ? app_name : "Aplomb"),
    .app_exec = (char *) "aplomb %f",
  };
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
  if (uri != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Loading */

static void
update_actions (AplombProjectManager *self)
{
  GAction *save = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "save");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (save), self->read_only);
}

static void
set_path (AplombProjectManager *self,
          const char           *path)
{
  g_autofree char *title = project_title (path);
  gboolean bundled = is_bundled (path);

  g_free (self->path);
  self->path = g_strdup (path);
  self->read_only = bundled || !is_writable (path);
  g_settings_set_string (self->settings, "last-project", bundled ? "" : path);
  if (!bundled)
    remember_project (self, path);
  aplomb_window_set_subtitle (self->window, title);
  update_actions (self);
  update_recent_menu (self);
}

/* The map opens on France; a project of a smaller territory is better
 * seen whole. */
static void
zoom_to_territory (AplombProjectManager *self)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (self->window);
  const AplombGeometry *geometry = aplomb_territory_get_geometry (
    aplomb_atlas_get_territory (atlas));
  AplombBBox extent = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  if (geometry->n_features == 0 || geometry->bboxes == NULL)
    return;
  for (guint i = 0; i < geometry->n_features; i++)
    {
      extent.min_lon = MIN (extent.min_lon, geometry->bboxes[i].min_lon);
      extent.min_lat = MIN (extent.min_lat, geometry->bboxes[i].min_lat);
      extent.max_lon = MAX (extent.max_lon, geometry->bboxes[i].max_lon);
      extent.max_lat = MAX (extent.max_lat, geometry->bboxes[i].max_lat);
    }
  aplomb_commune_map_zoom_to_bbox (aplomb_window_get_map (self->window), &extent);
}

static void
on_atlas_loaded (AplombProjectManager *self)
{
  g_autofree char *path = g_steal_pointer (&self->pending_path);

  if (path == NULL)
    return;
  set_path (self, path);
  if (!is_bundled (path))
    zoom_to_territory (self);
}

static void
on_load_failed (AplombProjectManager *self,
                const GError         *error)
{
  g_autofree char *path = g_steal_pointer (&self->pending_path);
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");

  show_error (self, _("Could Not Open the Project"), error->message);
  /* At start-up the last project may be gone bad: the bundled France
   * takes its place rather than an empty window. */
  if (self->path == NULL && bundled != NULL && path != NULL && !is_bundled (path))
    aplomb_project_manager_open (self, bundled);
}

void
aplomb_project_manager_open (AplombProjectManager *self,
                             const char           *path)
{
  g_return_if_fail (APLOMB_IS_PROJECT_MANAGER (self));
  g_return_if_fail (path != NULL);

  g_free (self->pending_path);
  self->pending_path = g_strdup (path);
  aplomb_window_load_project (self->window, path);
}

/* The last project if it is still there, else the bundled France; NULL
 * when the installation lacks it. */
char *
aplomb_project_manager_get_startup_path (AplombProjectManager *self)
{
  g_autofree char *last = NULL;

  g_return_val_if_fail (APLOMB_IS_PROJECT_MANAGER (self), NULL);

  last = g_settings_get_string (self->settings, "last-project");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);
  return aplomb_core_find_data ("france.aplomb");
}

/* Save As */

static void
copy_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *source_path = g_object_get_data (G_OBJECT (task), "source");
  const char *path = task_data;
  g_autoptr(AplombStore) store = NULL;
  GError *error = NULL;

  store = aplomb_store_open (source_path, APLOMB_STORE_READ_ONLY, &error);
  if (store == NULL || !aplomb_store_save_copy (store, path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_copy_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AplombProjectManager *self = APLOMB_PROJECT_MANAGER (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Save the Project"), error->message);
      return;
    }
  /* The copy holds the same data: no need to load it again. */
  set_path (self, g_task_get_task_data (G_TASK (result)));
}

void
aplomb_project_manager_save_as (AplombProjectManager *self,
                                const char           *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *current = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (APLOMB_IS_PROJECT_MANAGER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->path != NULL);

  /* Saving a project as itself: it is saved already. */
  current = g_canonicalize_filename (self->path, NULL);
  target = g_canonicalize_filename (path, NULL);
  if (g_str_equal (current, target))
    return;

  task = g_task_new (self, self->cancellable, on_copy_done, NULL);
  g_task_set_source_tag (task, aplomb_project_manager_save_as);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "source", g_strdup (self->path), g_free);
  g_task_run_in_thread (task, copy_in_thread);
}

/* Actions */

static GtkFileFilter *
make_project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Aplomb projects"));
  gtk_file_filter_add_suffix (filter, "aplomb");
  return filter;
}

static void
on_chooser_response (AplombProjectManager *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
                    GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (saving)
    aplomb_project_manager_save_as (self, path);
  else
    aplomb_project_manager_open (self, path);
}

static void
run_chooser (AplombProjectManager *self,
             GtkFileChooserAction  action)
{
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GtkFileFilter) filter = make_project_filter ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (saving ? _("Save the Project As") : _("Open a Project"),
                                               GTK_WINDOW (self->window), action,
                                               saving ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (saving)
    {
      g_autofree char *title = project_title (self->path);
      g_autofree char *name = g_strconcat (title, ".aplomb", NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  run_chooser (user_data, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  aplomb_project_manager_open (user_data, g_variant_get_string (parameter, NULL));
}

static void
open_bundled_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");

  if (bundled != NULL)
    aplomb_project_manager_open (user_data, bundled);
}

static void
save_as_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AplombProjectManager *self = user_data;

  if (self->path != NULL)
    run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
on_imported (AplombProjectManager *self,
             const char           *path)
{
  aplomb_project_manager_open (self, path);
}

/**
 * aplomb_project_manager_import:
 * @self: a project manager
 *
 * Shows the import assistant on the current project.
 *
 * Returns: (transfer none) (nullable): the assistant, NULL before a
 *   project is shown
 */
AplombImportDialog *
aplomb_project_manager_import (AplombProjectManager *self)
{
  AplombImportDialog *dialog;

  g_return_val_if_fail (APLOMB_IS_PROJECT_MANAGER (self), NULL);

  if (self->path == NULL)
    return NULL;
  dialog = aplomb_import_dialog_new (GTK_WINDOW (self->window), self->path, self->read_only);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  aplomb_project_manager_import (user_data);
}

static const GActionEntry project_actions[] = {
  { "open", open_activated },
  { "open-recent", open_recent_activated, "s" },
  { "open-bundled", open_bundled_activated },
  /* Everything is saved as it changes: Save only exists for a read-only
   * project, where it means Save As. */
  { "save", save_as_activated },
  { "save-as", save_as_activated },
  { "import", import_activated },
};

/* GObject */

static void
aplomb_project_manager_dispose (GObject *object)
{
  AplombProjectManager *self = APLOMB_PROJECT_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  /* The actions call back into the manager: they go with it. */
  if (self->window != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self->window), "project", NULL);
  self->window = NULL;
  g_clear_object (&self->actions);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (aplomb_project_manager_parent_class)->dispose (object);
}

static void
aplomb_project_manager_finalize (GObject *object)
{
  AplombProjectManager *self = APLOMB_PROJECT_MANAGER (object);

  g_free (self->path);
  g_free (self->pending_path);

  G_OBJECT_CLASS (aplomb_project_manager_parent_class)->finalize (object);
}

static void
aplomb_project_manager_class_init (AplombProjectManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aplomb_project_manager_dispose;
  object_class->finalize = aplomb_project_manager_finalize;
}

static void
aplomb_project_manager_init (AplombProjectManager *self)
{
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), project_actions,
                                   G_N_ELEMENTS (project_actions), self);
}

/**
 * aplomb_project_manager_new:
 * @window: the window that shows the projects
 * @recent_menu: the menu to fill with the recent projects
 *
 * Adds the "project" actions to @window: open, open-recent, open-bundled,
 * save, save-as and import.
 *
 * Returns: (transfer full): a new project manager
 */
AplombProjectManager *
aplomb_project_manager_new (AplombWindow *window,
                            GMenu        *recent_menu)
{
  AplombProjectManager *self;

  g_return_val_if_fail (APLOMB_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_MENU (recent_menu), NULL);

  self = g_object_new (APLOMB_TYPE_PROJECT_MANAGER, NULL);
  self->window = window;
  self->recent_menu = g_object_ref (recent_menu);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "project", G_ACTION_GROUP (self->actions));
  g_signal_connect_object (window, "atlas-loaded", G_CALLBACK (on_atlas_loaded), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "load-failed", G_CALLBACK (on_load_failed), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  update_recent_menu (self);
  return self;
}

/* The project shown, NULL before the first is loaded. */
const char *
aplomb_project_manager_get_path (AplombProjectManager *self)
{
  g_return_val_if_fail (APLOMB_IS_PROJECT_MANAGER (self), NULL);

  return self->path;
}

gboolean
aplomb_project_manager_is_read_only (AplombProjectManager *self)
{
  g_return_val_if_fail (APLOMB_IS_PROJECT_MANAGER (self), TRUE);

  return self->read_only;
}
