/* aplomb-import-dialog.c: the import assistant, from a file to its report
 *
 * The user picks what the file holds and where it is, the import runs in a
 * worker thread with a Cancel button, and the report says what was read,
 * kept and rejected. The project file only changes once the whole file is
 * read, in one transaction: a failed or cancelled import leaves it as it
 * was. A copy of the project from before the import is kept while the
 * assistant is open, so that the import can be undone from its report.
 *
 * Shapefiles are chosen by folder: in the Flatpak sandbox the file chooser
 * portal grants access to the one file picked, and GDAL needs the .dbf,
 * .shx and .prj beside the .shp.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aplomb-import-dialog"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-import.h"
#include "aplomb-store-copy.h"
#include "aplomb-store.h"
#include "aplomb-travel-project.h"

#include "aplomb-import-dialog.h"

struct _AplombImportDialog
{
  AdwWindow             parent_instance;

  char                 *project_path;
  gboolean              read_only;
  AplombImportData      data;
  GFile                *source;
  gboolean              source_is_folder;
  GtkStringList        *layers;        /* shapefiles of the chosen folder */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;   /* non-NULL while an import runs */
  guint                 pulse_source;
  gboolean              close_when_done;  /* closed while an import ran */
  AplombImportReport   *report;
  char                 *backup_path;   /* the project before the last import */
  GPtrArray            *report_rows;   /* rows added to the report page */

  /* Template widgets */
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkButton            *done_button;
  GtkStack             *stack;
  GtkCheckButton       *communes_check;
  GtkCheckButton       *population_check;
  GtkCheckButton       *practitioners_check;
  GtkCheckButton       *official_apl_check;
  GtkCheckButton       *travel_times_check;
  AdwActionRow         *file_row;
  AdwActionRow         *folder_row;
  AdwComboRow          *layer_row;
  AdwActionRow         *horizon_row;
  GtkSpinButton        *horizon_spin;
  AdwPreferencesGroup  *read_only_group;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *report_title;
  GtkLabel             *report_subtitle;
  GtkButton            *restore_button;
  AdwActionRow         *read_row;
  AdwActionRow         *imported_row;
  AdwActionRow         *remapped_row;
  AdwActionRow         *rejected_row;
  GtkLabel             *read_label;
  GtkLabel             *imported_label;
  GtkLabel             *remapped_label;
  GtkLabel             *rejected_label;
  AdwPreferencesGroup  *issues_group;
  AdwPreferencesGroup  *notes_group;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (AplombImportDialog, aplomb_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Everything the worker thread needs, copied so that the dialog may
 * change (or close) while it runs. */
typedef struct
{
  AplombImportData  data;
  char             *source;
  char             *layer;             /* NULL: the importer finds it */
  float             horizon;           /* travel times, in minutes */
  char             *project_path;
  char             *new_project_path;  /* NULL: into the project itself */
  char             *backup_path;       /* set by the worker for an import in place */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->source);
  g_free (job->layer);
  g_free (job->project_path);
  g_free (job->new_project_path);
  g_free (job->backup_path);
  g_free (job);
}

/* The worker thread */

static AplombTravelTimes *
read_travel_times (ImportJob            *job,
                   AplombTerritory      *territory,
                   AplombImportReport  **report,
                   GError              **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree const char **codes = g_new (const char *, n + 1);
  g_autofree char *name = g_path_get_basename (job->source);
  AplombTravelTimes *times;

  for (guint i = 0; i < n; i++)
    codes[i] = aplomb_territory_get_code (territory, i);
  codes[n] = NULL;
  times = aplomb_travel_times_new_from_csv (job->source, codes, n, job->horizon, error);
  if (times == NULL)
    return NULL;

  /* The matrix reader reports pairs kept, not rows: the dialog shows
   * that one count. */
  *report = aplomb_import_report_new (name, "travel-times");
  (*report)->n_read = (*report)->n_imported = aplomb_travel_times_get_n_pairs (times);
  aplomb_import_report_add_note (*report,
                                 _("Trips longer than %g minutes and rows naming a commune "
                                   "outside the project are left out."), job->horizon);
  return times;
}

/* The territory when the import changed it, then the travel times to
 * save with it (imported, or the model's for new communes), each in one
 * transaction: between the two, the project is still whole, its old
 * times just no longer fit and opening it models them again. */
static gboolean
save_into (AplombStore       *store,
           AplombTerritory   *territory,
           gboolean           territory_changed,
           AplombTravelTimes *times,
           const char        *times_source,
           GError           **error)
{
  return (!territory_changed || aplomb_store_save_territory (store, territory, error)) &&
         (times == NULL ||
          aplomb_travel_times_save_to_project (store, territory, times, times_source, error));
}

/* A file of the cache directory for the project as it was before an
 * import; NULL when there is none to write to. */
static char *
make_backup_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "aplomb", NULL);
  g_autofree char *path = g_build_filename (dir, "before-import-XXXXXX.aplomb", NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp (path)) < 0)
    return NULL;
  g_close (fd, NULL);
  return g_steal_pointer (&path);
}

/* Opening a project for writing already rewrites its header (journal
 * mode), so it is opened only once there is something to save. The copy
 * of its previous state that undoing needs is optional: the import goes
 * on without it, only without undo. */
static gboolean
save_in_place (ImportJob         *job,
               AplombStore       *previous,
               AplombTerritory   *territory,
               AplombTravelTimes *times,
               const char        *times_source,
               GError           **error)
{
  g_autoptr(AplombStore) store = NULL;
  g_autofree char *backup = make_backup_path ();

  if (backup != NULL && !aplomb_store_save_copy (previous, backup, NULL))
    {
      g_remove (backup);
      g_clear_pointer (&backup, g_free);
    }
  store = aplomb_store_open (job->project_path, APLOMB_STORE_READ_WRITE, error);
  if (store == NULL ||
      !save_into (store, territory, job->data != APLOMB_IMPORT_DATA_TRAVEL_TIMES, times,
                  times_source, error))
    {
      if (backup != NULL)
        g_remove (backup);
      return FALSE;
    }
  job->backup_path = g_steal_pointer (&backup);
  return TRUE;
}

/* Journals beside path belong to the file being replaced. */
static void
remove_journals (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      g_remove (journal);
    }
}

/* A read-only project is copied with the new data into a file completed
 * beside path, then renamed over it: path is never left half-written. */
static gboolean
save_as_new_project (ImportJob         *job,
                     AplombStore       *store,
                     AplombTerritory   *territory,
                     AplombTravelTimes *times,
                     const char        *times_source,
                     GError           **error)
{
  const char *path = job->new_project_path;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(AplombStore) copy = NULL;
  gboolean ok;

  ok = aplomb_store_save_copy (store, partial, error) &&
       (copy = aplomb_store_open (partial, APLOMB_STORE_READ_WRITE, error)) != NULL &&
       save_into (copy, territory, job->data != APLOMB_IMPORT_DATA_TRAVEL_TIMES, times,
                  times_source, error);
  /* Closing folds the write-ahead log into the file. */
  g_clear_object (&copy);
  if (ok)
    {
      remove_journals (path);
      if (g_rename (partial, path) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_path_get_basename (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The project could not be saved as “%s” (%s)."), name,
                       g_strerror (saved_errno));
          ok = FALSE;
        }
    }
  if (!ok)
    {
      remove_journals (partial);
      g_remove (partial);
    }
  return ok;
}

static void
run_import (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  static const AplombImportKind kinds[] = {
    [APLOMB_IMPORT_DATA_COMMUNES] = APLOMB_IMPORT_COMMUNES,
    [APLOMB_IMPORT_DATA_POPULATION] = APLOMB_IMPORT_POPULATION,
    [APLOMB_IMPORT_DATA_PRACTITIONERS] = APLOMB_IMPORT_PRACTITIONERS,
    [APLOMB_IMPORT_DATA_OFFICIAL_APL] = APLOMB_IMPORT_OFFICIAL_APL,
  };
  ImportJob *job = task_data;
  AplombImportOptions options = { .layer = job->layer };
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) territory = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autofree char *times_source = NULL;
  g_autoptr(AplombImportReport) report = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = (store = aplomb_store_open (job->project_path, APLOMB_STORE_READ_ONLY, &error)) != NULL &&
       (territory = aplomb_store_load_territory (store, &error)) != NULL;
  if (ok && job->data == APLOMB_IMPORT_DATA_TRAVEL_TIMES)
    {
      ok = (times = read_travel_times (job, territory, &report, &error)) != NULL;
      times_source = aplomb_travel_source_for_file ("csv", job->source);
    }
  else if (ok)
    {
      ok = (report = aplomb_import_file (territory, kinds[job->data], job->source, &options,
                                         cancellable, &error)) != NULL;
      /* New communes need their travel times: modelled before the save,
       * while a cancellation still leaves the project untouched. */
      if (ok)
        {
          times = aplomb_travel_times_model_unless_saved (store, territory, cancellable,
                                                          &times_source, &error);
          ok = times != NULL || error == NULL;
        }
    }
  /* The last moment a cancellation is honoured: the saves are short and
   * each all or nothing. */
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, &error);
  if (ok && job->new_project_path != NULL)
    ok = save_as_new_project (job, store, territory, times, times_source, &error);
  else if (ok)
    ok = save_in_place (job, store, territory, times, times_source, &error);

  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&report),
                           (GDestroyNotify) aplomb_import_report_free);
  else
    g_task_return_error (task, error);
}

/* The copy of the project from before the last import, for undo. */
static void
drop_backup (AplombImportDialog *self)
{
  if (self->backup_path != NULL)
    g_remove (self->backup_path);
  g_clear_pointer (&self->backup_path, g_free);
}

/* Pages */

/* The header bar buttons of each page: Cancel closes the window or stops
 * the import, Import starts it, Done closes after a report. */
static void
show_page (AplombImportDialog *self,
           const char         *name)
{
  gboolean choose = g_str_equal (name, "choose");
  gboolean report = g_str_equal (name, "report");

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !report);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), choose);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), report);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 report ? GTK_WIDGET (self->done_button)
                                        : choose ? GTK_WIDGET (self->import_button) : NULL);
  gtk_stack_set_visible_child_name (self->stack, name);
}

/* The report page */

static char *
format_count (guint count)
{
  /* %'u groups the digits as the locale does ("34 806" in French). */
  return g_strdup_printf ("%'u", count);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = format_count (count);

  gtk_label_set_label (label, text);
}

static GtkWidget *
make_text_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static GtkWidget *
make_issue_row (const AplombImportIssue *issue)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *count = format_count (issue->count);
  g_autofree char *subtitle = NULL;

  /* Translators: %s is a number of rows, already formatted */
  subtitle = g_strdup_printf (ngettext ("%s row", "%s rows", issue->count), count);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), issue->reason);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  for (guint i = 0; i < issue->examples->len; i++)
    {
      GtkWidget *example = make_text_row (g_ptr_array_index (issue->examples, i));

      gtk_widget_add_css_class (example, "monospace");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), example);
    }
  return row;
}

static void
add_report_row (AplombImportDialog  *self,
                AdwPreferencesGroup *group,
                GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->report_rows, row);
}

static void
clear_report_rows (AplombImportDialog *self)
{
  for (guint i = 0; i < self->report_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->report_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->report_rows, 0);
}

static void
show_report (AplombImportDialog *self,
             const char         *project_path)
{
  AplombImportReport *report = self->report;
  gboolean travel_times = self->data == APLOMB_IMPORT_DATA_TRAVEL_TIMES;
  g_autofree char *project = g_path_get_basename (project_path);
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->report_title, _("Import Done"));
  /* Translators: the file imported, then the project it was saved in */
  subtitle = g_strdup_printf (_("“%s” is saved in the project “%s”."), report->file_name,
                              project);
  gtk_label_set_label (self->report_subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), self->backup_path != NULL);

  set_count (self->read_label, report->n_read);
  set_count (self->imported_label, report->n_imported);
  set_count (self->remapped_label, report->n_remapped);
  set_count (self->rejected_label, report->n_rejected);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->imported_row),
                                 travel_times ? _("Pairs of Communes Kept") : _("Imported"));
  gtk_widget_set_visible (GTK_WIDGET (self->read_row), !travel_times);
  gtk_widget_set_visible (GTK_WIDGET (self->remapped_row), !travel_times);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_row), !travel_times);
  if (report->n_rejected > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->rejected_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rejected_label), "warning");

  clear_report_rows (self);
  for (guint i = 0; i < report->issues->len; i++)
    {
      GtkWidget *row = make_issue_row (g_ptr_array_index (report->issues, i));

      /* The first reason opens on its examples: they show what to fix. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);
      add_report_row (self, self->issues_group, row);
    }
  for (guint i = 0; i < report->notes->len; i++)
    add_report_row (self, self->notes_group,
                    make_text_row (g_ptr_array_index (report->notes, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->issues_group), report->issues->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), report->notes->len > 0);
  show_page (self, "report");
}

/* Running */

static gboolean
pulse (gpointer user_data)
{
  AplombImportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_running (AplombImportDialog *self,
             gboolean            running)
{
  if (running)
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (100, pulse, self);
    }
  else
    {
      g_clear_object (&self->cancellable);
      g_clear_handle_id (&self->pulse_source, g_source_remove);
    }
}

/* title: what failed, when it is not a cancellation */
static void
show_failure (AplombImportDialog *self,
              const char         *title,
              const GError       *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autofree char *message = g_markup_escape_text (error->message, -1);
  g_autofree char *description = NULL;

  adw_status_page_set_icon_name (self->status_page, cancelled ? "process-stop-symbolic"
                                                                : "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, cancelled ? _("Import Cancelled") : title);
  description = cancelled ? g_strdup (_("The project is unchanged."))
                          : g_strdup_printf ("%s\n\n%s", message, _("The project is unchanged."));
  adw_status_page_set_description (self->status_page, description);
  show_page (self, "status");
}

static void
on_import_finished (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AplombImportDialog *self = APLOMB_IMPORT_DIALOG (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  const char *path = job->new_project_path != NULL ? job->new_project_path : job->project_path;
  g_autoptr(GError) error = NULL;
  AplombImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  set_running (self, FALSE);
  if (self->close_when_done)
    {
      /* A cancel that came after the save still changed the project;
       * without the assistant, there is no undo to keep a copy for. */
      if (report != NULL)
        g_signal_emit (self, signals[IMPORTED], 0, path);
      if (job->backup_path != NULL)
        g_remove (job->backup_path);
      g_clear_pointer (&report, aplomb_import_report_free);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (report == NULL)
    {
      show_failure (self, _("Import Failed"), error);
      return;
    }

  g_clear_pointer (&self->report, aplomb_import_report_free);
  self->report = report;
  drop_backup (self);
  self->backup_path = g_steal_pointer (&job->backup_path);
  show_report (self, path);
  if (self->read_only)
    {
      /* Further imports go on into the new, writable project. */
      g_free (self->project_path);
      self->project_path = g_strdup (path);
      self->read_only = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->read_only_group), FALSE);
    }
  g_signal_emit (self, signals[IMPORTED], 0, path);
}

/* Undoing an import */

static void
run_restore (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(AplombStore) backup = NULL;
  GError *error = NULL;

  backup = aplomb_store_open (job->backup_path, APLOMB_STORE_READ_ONLY, &error);
  if (backup == NULL || !aplomb_store_save_copy (backup, job->project_path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_restore_finished (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AplombImportDialog *self = APLOMB_IMPORT_DIALOG (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_running (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_failure (self, _("Could Not Restore the Project"), error);
      return;
    }
  drop_backup (self);
  if (!self->close_when_done)
    {
      adw_status_page_set_icon_name (self->status_page, "edit-undo-symbolic");
      adw_status_page_set_title (self->status_page, _("Project Restored"));
      adw_status_page_set_description (self->status_page,
                                       _("The project is back as it was before the import."));
      show_page (self, "status");
    }
  g_signal_emit (self, signals[IMPORTED], 0, job->project_path);
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The copy is written over the project in one rename: the project is
 * either as after the import or as before it. */
void
aplomb_import_dialog_undo (AplombImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (APLOMB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->backup_path != NULL);
  g_return_if_fail (self->cancellable == NULL);

  job = g_new0 (ImportJob, 1);
  job->project_path = g_strdup (self->project_path);
  job->backup_path = g_strdup (self->backup_path);
  adw_status_page_set_title (self->progress_page, _("Restoring the Project…"));
  adw_status_page_set_description (self->progress_page, NULL);
  show_page (self, "progress");
  set_running (self, TRUE);

  task = g_task_new (self, NULL, on_restore_finished, NULL);
  g_task_set_source_tag (task, aplomb_import_dialog_undo);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, run_restore);
}

static void
on_restore_clicked (AplombImportDialog *self)
{
  aplomb_import_dialog_undo (self);
}

static char *
selected_layer (AplombImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->layer_row);

  if (!self->source_is_folder || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_strdup (gtk_string_list_get_string (self->layers, selected));
}

/* Folder or file, the import runs on a local path: the portal exposes
 * what it grants as one. */
void
aplomb_import_dialog_start (AplombImportDialog *self,
                            const char         *new_project_path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  ImportJob *job;

  g_return_if_fail (APLOMB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->source != NULL);
  g_return_if_fail (self->cancellable == NULL);
  g_return_if_fail (!self->read_only || new_project_path != NULL);

  job = g_new0 (ImportJob, 1);
  job->data = self->data;
  job->source = g_file_get_path (self->source);
  job->layer = selected_layer (self);
  job->horizon = gtk_spin_button_get_value (self->horizon_spin);
  job->project_path = g_strdup (self->project_path);
  job->new_project_path = g_strdup (new_project_path);

  name = g_file_get_basename (self->source);
  description = g_markup_escape_text (name, -1);
  adw_status_page_set_title (self->progress_page, _("Importing…"));
  adw_status_page_set_description (self->progress_page, description);
  show_page (self, "progress");
  set_running (self, TRUE);

  task = g_task_new (self, self->cancellable, on_import_finished, NULL);
  g_task_set_source_tag (task, aplomb_import_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, run_import);
}

void
aplomb_import_dialog_cancel (AplombImportDialog *self)
{
  g_return_if_fail (APLOMB_IS_IMPORT_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
}

/* Choosing the data and the source */

static void
update_import_button (AplombImportDialog *self)
{
  gboolean ready = self->source != NULL &&
                   (!self->source_is_folder ||
                    g_list_model_get_n_items (G_LIST_MODEL (self->layers)) > 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ready);
}

static const char *
file_formats (AplombImportData data)
{
  switch (data)
    {
    case APLOMB_IMPORT_DATA_COMMUNES:
      return _("ZIP of a shapefile, GeoPackage or GeoJSON");
    case APLOMB_IMPORT_DATA_TRAVEL_TIMES:
      return _("CSV");
    case APLOMB_IMPORT_DATA_POPULATION:
    case APLOMB_IMPORT_DATA_PRACTITIONERS:
    case APLOMB_IMPORT_DATA_OFFICIAL_APL:
    default:
      return _("CSV, XLSX or ODS, also zipped");
    }
}

static void
show_source (AplombImportDialog *self)
{
  g_autofree char *name = self->source != NULL ? g_file_get_basename (self->source) : NULL;
  gboolean communes = self->data == APLOMB_IMPORT_DATA_COMMUNES;
  guint n_layers = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  const char *folder_subtitle;

  adw_action_row_set_subtitle (self->file_row,
                               name != NULL && !self->source_is_folder ? name
                                                                       : file_formats (self->data));
  if (name != NULL && self->source_is_folder)
    folder_subtitle = n_layers > 0 ? name : _("This folder holds no shapefile.");
  else
    folder_subtitle = _("The folder holding the .shp file and its .dbf, .shx, .prj companions");
  adw_action_row_set_subtitle (self->folder_row, folder_subtitle);
  if (self->source_is_folder && n_layers == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->folder_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->folder_row), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), communes);
  gtk_widget_set_visible (GTK_WIDGET (self->layer_row), self->source_is_folder && n_layers > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->horizon_row),
                          self->data == APLOMB_IMPORT_DATA_TRAVEL_TIMES);
  update_import_button (self);
}

/* The ADMIN EXPRESS folder holds a shapefile per level; the communes are
 * COMMUNE.shp, next to COMMUNE_ASSOCIEE_OU_DELEGUEE.shp. */
static guint
guess_commune_layer (GtkStringList *layers)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (layers));
  guint guess = 0;
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_utf8_strdown (gtk_string_list_get_string (layers, i), -1);

      if (g_str_equal (name, "commune") || g_str_equal (name, "communes"))
        return i;
      if (!found && strstr (name, "commune") != NULL)
        {
          guess = i;
          found = TRUE;
        }
    }
  return guess;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The shapefiles of a folder, as GDAL names its layers: file names
 * without .shp. */
static GtkStringList *
list_shapefiles (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autoptr(GDir) dir = path != NULL ? g_dir_open (path, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_str_has_suffix (lower, ".shp"))
        g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".shp")));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return gtk_string_list_new ((const char * const *) names->pdata);
}

void
aplomb_import_dialog_set_source (AplombImportDialog *self,
                                 GFile              *source)
{
  g_return_if_fail (APLOMB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (source));

  g_set_object (&self->source, source);
  self->source_is_folder = g_file_query_file_type (source, G_FILE_QUERY_INFO_NONE, NULL) ==
                           G_FILE_TYPE_DIRECTORY;
  g_clear_object (&self->layers);
  self->layers = self->source_is_folder ? list_shapefiles (source) : gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->layer_row, G_LIST_MODEL (self->layers));
  if (self->source_is_folder)
    adw_combo_row_set_selected (self->layer_row, guess_commune_layer (self->layers));
  show_source (self);
}

static GtkCheckButton *
data_check (AplombImportDialog *self,
            AplombImportData    data)
{
  GtkCheckButton *checks[] = {
    [APLOMB_IMPORT_DATA_COMMUNES] = self->communes_check,
    [APLOMB_IMPORT_DATA_POPULATION] = self->population_check,
    [APLOMB_IMPORT_DATA_PRACTITIONERS] = self->practitioners_check,
    [APLOMB_IMPORT_DATA_OFFICIAL_APL] = self->official_apl_check,
    [APLOMB_IMPORT_DATA_TRAVEL_TIMES] = self->travel_times_check,
  };

  return checks[data];
}

void
aplomb_import_dialog_set_data (AplombImportDialog *self,
                               AplombImportData    data)
{
  g_return_if_fail (APLOMB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (data <= APLOMB_IMPORT_DATA_TRAVEL_TIMES);

  gtk_check_button_set_active (data_check (self, data), TRUE);
}

static void
on_data_toggled (AplombImportDialog *self,
                 GtkCheckButton     *check)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (AplombImportData data = 0; data <= APLOMB_IMPORT_DATA_TRAVEL_TIMES; data++)
    if (data_check (self, data) == check)
      self->data = data;
  /* Only commune boundaries come as shapefile folders. */
  if (self->source_is_folder && self->data != APLOMB_IMPORT_DATA_COMMUNES)
    {
      g_clear_object (&self->source);
      self->source_is_folder = FALSE;
    }
  show_source (self);
}

static GtkFileFilter *
make_filter (AplombImportData data)
{
  static const char *map_suffixes[] = { "zip", "gpkg", "geojson", "json", NULL };
  static const char *table_suffixes[] = { "csv", "txt", "xlsx", "ods", "zip", NULL };
  static const char *csv_suffixes[] = { "csv", NULL };
  const char **suffixes;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (data == APLOMB_IMPORT_DATA_COMMUNES)
    suffixes = map_suffixes;
  else if (data == APLOMB_IMPORT_DATA_TRAVEL_TIMES)
    suffixes = csv_suffixes;
  else
    suffixes = table_suffixes;
  gtk_file_filter_set_name (filter, file_formats (data));
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

static void
on_source_chosen (AplombImportDialog   *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    aplomb_import_dialog_set_source (self, file);
}

static void
choose_source (AplombImportDialog   *self,
               GtkFileChooserAction  action)
{
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  g_autoptr(GtkFileFilter) filter = make_filter (self->data);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (folder ? _("Choose a Shapefile Folder")
                                                      : _("Choose a File to Import"),
                                               GTK_WINDOW (self), action, _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (!folder)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_source_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_choose_file_clicked (AplombImportDialog *self)
{
  choose_source (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
on_choose_folder_clicked (AplombImportDialog *self)
{
  choose_source (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

/* Buttons */

static void
on_new_project_chosen (AplombImportDialog   *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  aplomb_import_dialog_start (self, path);
}

/* The bundled France is read-only: the import goes into a new project,
 * named before the import starts so that nothing is left to save. */
static void
choose_new_project (AplombImportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the New Project"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Aplomb projects"));
  gtk_file_filter_add_suffix (filter, "aplomb");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the file name proposed for a new project */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("My territory.aplomb"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_new_project_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_import_clicked (AplombImportDialog *self)
{
  if (self->read_only)
    choose_new_project (self);
  else
    aplomb_import_dialog_start (self, NULL);
}

static void
on_cancel_clicked (AplombImportDialog *self)
{
  if (self->cancellable != NULL)
    aplomb_import_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_back_clicked (AplombImportDialog *self)
{
  show_page (self, "choose");
  update_import_button (self);
}

/* GObject */

static gboolean
aplomb_import_dialog_close_request (GtkWindow *window)
{
  AplombImportDialog *self = APLOMB_IMPORT_DIALOG (window);

  /* The worker cannot be stopped mid-save: the window goes away now and
   * is destroyed once the worker returns. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      self->close_when_done = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (aplomb_import_dialog_parent_class)->close_request (window);
}

static void
aplomb_import_dialog_dispose (GObject *object)
{
  AplombImportDialog *self = APLOMB_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->source);
  g_clear_object (&self->layers);
  gtk_widget_dispose_template (GTK_WIDGET (self), APLOMB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (aplomb_import_dialog_parent_class)->dispose (object);
}

static void
aplomb_import_dialog_finalize (GObject *object)
{
  AplombImportDialog *self = APLOMB_IMPORT_DIALOG (object);

  drop_backup (self);
  g_free (self->project_path);
  g_clear_pointer (&self->report, aplomb_import_report_free);
  g_ptr_array_unref (self->report_rows);

  G_OBJECT_CLASS (aplomb_import_dialog_parent_class)->finalize (object);
}

static void
aplomb_import_dialog_class_init (AplombImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = aplomb_import_dialog_dispose;
  object_class->finalize = aplomb_import_dialog_finalize;
  window_class->close_request = aplomb_import_dialog_close_request;

  /**
   * AplombImportDialog::imported:
   * @path: the project file that holds the imported data
   *
   * An import was saved, in the project or in a new one.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/aplomb/Aplomb/aplomb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, communes_check);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, population_check);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, practitioners_check);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, official_apl_check);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, travel_times_check);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, layer_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, horizon_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, read_only_group);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, report_subtitle);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, read_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, imported_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, remapped_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, rejected_row);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, read_label);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, imported_label);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, remapped_label);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, issues_group);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, AplombImportDialog, status_page);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_data_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_file_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
aplomb_import_dialog_init (AplombImportDialog *self)
{
  self->report_rows = g_ptr_array_new ();
  self->layers = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  show_page (self, "choose");
  show_source (self);
}

/**
 * aplomb_import_dialog_new:
 * @parent: the main window
 * @project_path: the project to import into
 * @read_only: whether that project may not be changed (the bundled France)
 *
 * Returns: (transfer none): a modal import assistant, owned by GTK like
 *   every toplevel window
 */
AplombImportDialog *
aplomb_import_dialog_new (GtkWindow  *parent,
                          const char *project_path,
                          gboolean    read_only)
{
  AplombImportDialog *self;

  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (APLOMB_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->project_path = g_strdup (project_path);
  self->read_only = read_only;
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_group), read_only);
  return self;
}

const char *
aplomb_import_dialog_get_page (AplombImportDialog *self)
{
  g_return_val_if_fail (APLOMB_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* The report of the last successful import, NULL before one. */
const AplombImportReport *
aplomb_import_dialog_get_report (AplombImportDialog *self)
{
  g_return_val_if_fail (APLOMB_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}
