/* test-projects.c: the import assistant and the project files (open,
 * save as, recent, start-up), in a real window, in French
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal_utils.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-application.h"
#include "aplomb-core.h"
#include "aplomb-gui-test.h"
#include "aplomb-import.h"
#include "aplomb-store.h"
#include "aplomb-test-files.h"
#include "aplomb-window.h"

static AplombApplication *app;
static AplombWindow *window;
static char *tmp_dir;
static char *cher_path;      /* a writable project of eight Cher communes */





static AplombProjectManager *
projects (void)
{
  return aplomb_window_get_projects (window);
}

static gboolean
project_is (gpointer path)
{
  return g_strcmp0 (aplomb_project_manager_get_path (projects ()), path) == 0 &&
         aplomb_window_get_atlas (window) != NULL;
}

static void
open_project (const char *path)
{
  aplomb_project_manager_open (projects (), path);
  aplomb_gui_test_wait_for (project_is, (gpointer) path, 30000);
  g_assert_cmpstr (aplomb_project_manager_get_path (projects ()), ==, path);
}

static gboolean
page_is_not_progress (gpointer dialog)
{
  return g_strcmp0 (aplomb_import_dialog_get_page (dialog), "progress") != 0;
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (FIXTURES_DIR, name, NULL);
}

static guint
count_communes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, &error);
  g_autoptr(AplombTerritory) territory = NULL;

  g_assert_no_error (error);
  territory = aplomb_store_load_territory (store, &error);
  g_assert_no_error (error);
  return aplomb_territory_get_n_communes (territory);
}

static guint
count_sources (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, &error);
  g_autoptr(AplombTerritory) territory = NULL;

  g_assert_no_error (error);
  territory = aplomb_store_load_territory (store, &error);
  g_assert_no_error (error);
  return aplomb_territory_get_sources (territory)->len;
}

/* A copy of the file as it is now (a mapping would follow later
 * changes). */
static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The eight Cher communes of the fixtures and their populations, in the
 * project file the tests import into. */
static char *
make_cher_project (const char *name)
{
  static const struct {
    AplombImportKind kind;
    const char      *file;
  } imports[] = {
    { APLOMB_IMPORT_COMMUNES, "cher-communes-2024.geojson" },
    { APLOMB_IMPORT_POPULATION, "cher-population-2021.csv" },
  };
  g_autoptr(AplombTerritory) territory = aplomb_territory_new ();
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  AplombImportOptions options = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autofree char *file = fixture_path (imports[i].file);
      g_autoptr(AplombImportReport) report = NULL;

      report = aplomb_import_file (territory, imports[i].kind, file, &options, NULL, &error);
      g_assert_no_error (error);
    }
  store = aplomb_store_open (path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_territory (store, territory, &error));
  g_assert_no_error (error);
  return path;
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* GP counts per commune as a user's table may hold them: rows of
 * cher-gp-rpps-2026.csv, a former commune code (18123 Laverdines, merged
 * into Baugy 18023) and three bad rows. */
static char *
write_gp_counts (void)
{
  static const char csv[] =
    "code_insee,nom,nb_medecins_generalistes\n"
    "18033,Bourges,125\n"
    "18123,Laverdines,1\n"
    "18279,Vierzon,33\n"
    "99999,Inconnue,3\n"
    "18141,Mehun-sur-Yèvre,abc\n"
    ",Sans code,2\n"
    "18197,Saint-Amand-Montrond,15\n";

  return write_file ("medecins-cher.csv", csv);
}

/* Renders a window as the compositor would show it, into a PNG of the
 * build directory. */
static void
take_screenshot (GtkWidget  *widget,
                 const char *name)
{
  int width = 0, height = 0;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  /* A window that has not drawn its first frame yet gives no node. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      aplomb_gui_test_settle (100);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  g_test_message ("%s: %d×%d", name, width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child
                                                                  : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The title of the status page the assistant shows. */
static const char *
status_title (AplombImportDialog *dialog)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK);

  return adw_status_page_get_title (ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack))));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_import_report (void)
{
  g_autofree char *source = write_gp_counts ();
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const AplombImportReport *report;
  const AplombImportIssue *issue;
  AplombImportDialog *dialog;
  guint n_sources;

  open_project (cher_path);
  g_assert_false (aplomb_project_manager_is_read_only (projects ()));
  before = read_bytes (cher_path);
  n_sources = count_sources (cher_path);

  dialog = aplomb_project_manager_import (projects ());
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 900);
  aplomb_import_dialog_set_data (dialog, APLOMB_IMPORT_DATA_PRACTITIONERS);
  aplomb_import_dialog_set_source (dialog, file);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "choose");
  aplomb_gui_test_wait_for (aplomb_gui_test_widget_is_mapped, dialog, 5000);
  aplomb_gui_test_settle (500);
  take_screenshot (GTK_WIDGET (dialog), "screenshot-import-choose.png");

  aplomb_import_dialog_start (dialog, NULL);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "progress");
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 30000);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "report");

  report = aplomb_import_dialog_get_report (dialog);
  g_assert_cmpstr (report->file_name, ==, "medecins-cher.csv");
  g_assert_cmpuint (report->n_read, ==, 7);
  g_assert_cmpuint (report->n_imported, ==, 4);
  g_assert_cmpuint (report->n_remapped, ==, 1);
  g_assert_cmpuint (report->n_rejected, ==, 3);
  g_assert_cmpuint (report->issues->len, ==, 3);
  issue = g_ptr_array_index (report->issues, 0);
  g_assert_cmpstr (issue->reason, ==, "Commune absente du projet");
  g_assert_cmpstr (g_ptr_array_index (issue->examples, 0), ==,
                   "medecins-cher.csv, ligne 5, champ « code_insee » : « 99999 »");

  /* Saved in the project, which the window shows again. */
  after = read_bytes (cher_path);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_cmpuint (count_sources (cher_path), ==, n_sources + 1);
  aplomb_gui_test_wait_for (project_is, cher_path, 30000);

  aplomb_gui_test_settle (500);
  take_screenshot (GTK_WIDGET (dialog), "screenshot-import-report.png");

  /* Undone: the project holds its sources of before, and is shown again. */
  aplomb_import_dialog_undo (dialog);
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 30000);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "status");
  g_assert_cmpstr (status_title (dialog), ==, "Projet rétabli");
  g_assert_cmpuint (count_sources (cher_path), ==, n_sources);
  aplomb_gui_test_wait_for (project_is, cher_path, 30000);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Writes the Cher communes as the shapefile layer folder/NAME.shp, in
 * Lambert-93 as IGN ships them. */
static void
write_shapefile (const char *folder,
                 const char *name)
{
  g_autofree char *source_path = fixture_path ("cher-communes-2024.geojson");
  g_autofree char *file_name = g_strconcat (name, ".shp", NULL);
  g_autofree char *path = g_build_filename (folder, file_name, NULL);
  char *argv[] = { "-f", "ESRI Shapefile", "-t_srs", "EPSG:2154", "-nln", (char *) name, NULL };
  GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew (argv, NULL);
  GDALDatasetH source = GDALOpenEx (source_path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  GDALDatasetH written;
  int usage_error = FALSE;

  g_assert_nonnull (source);
  written = GDALVectorTranslate (path, NULL, 1, &source, options, &usage_error);
  g_assert_nonnull (written);
  GDALClose (written);
  GDALClose (source);
  GDALVectorTranslateOptionsFree (options);
}

/* Shapefiles come by folder (the portal grants a folder, not the files
 * beside a .shp): of the folder's layers, COMMUNE is picked, as in IGN's
 * ADMIN EXPRESS. */
static void
test_import_shapefile_folder (void)
{
  g_autofree char *folder_path = g_build_filename (tmp_dir, "ADMIN-EXPRESS", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  const AplombImportReport *report;
  AplombImportDialog *dialog;
  AdwComboRow *layer_row;
  guint n_sources;

  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  write_shapefile (folder_path, "ARRONDISSEMENT");
  write_shapefile (folder_path, "COMMUNE");
  write_shapefile (folder_path, "COMMUNE_ASSOCIEE_OU_DELEGUEE");
  open_project (cher_path);
  n_sources = count_sources (cher_path);

  dialog = aplomb_project_manager_import (projects ());
  aplomb_import_dialog_set_data (dialog, APLOMB_IMPORT_DATA_COMMUNES);
  aplomb_import_dialog_set_source (dialog, folder);
  layer_row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer_row)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (layer_row)), ==, 3);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (layer_row)),
                   ==, "COMMUNE");

  aplomb_import_dialog_start (dialog, NULL);
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 30000);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "report");
  report = aplomb_import_dialog_get_report (dialog);
  g_assert_cmpstr (report->file_name, ==, "ADMIN-EXPRESS");
  g_assert_cmpuint (report->n_read, ==, 8);
  g_assert_cmpuint (report->n_imported, ==, 8);
  g_assert_cmpuint (report->n_rejected, ==, 0);
  g_assert_cmpuint (count_sources (cher_path), ==, n_sources + 1);
  aplomb_gui_test_wait_for (project_is, cher_path, 30000);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A file the importer cannot use: the French message, and the project
 * byte for byte as it was. */
static void
test_failed_import (void)
{
  g_autofree char *source = write_file ("population-sans-champ.csv",
                                        "code_insee;nom;habitants_estimes\n"
                                        "18033;Bourges;65000\n");
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  AplombImportDialog *dialog;
  GtkWidget *stack;

  open_project (cher_path);
  before = read_bytes (cher_path);
  dialog = aplomb_project_manager_import (projects ());
  aplomb_import_dialog_set_data (dialog, APLOMB_IMPORT_DATA_POPULATION);
  aplomb_import_dialog_set_source (dialog, file);
  aplomb_import_dialog_start (dialog, NULL);
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 30000);

  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "status");
  g_assert_cmpstr (status_title (dialog), ==, "Échec de l’import");
  stack = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK);
  g_assert_cmpstr (adw_status_page_get_description (
                     ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack)))), ==,
                   "« population-sans-champ.csv » n’a pas de champ de population (cherché "
                   "« pop_totale », « pop_municipale » ou des tranches d’âge).\n\n"
                   "Le projet n’a pas changé.");
  after = read_bytes (cher_path);
  g_assert_true (g_bytes_equal (before, after));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Travel times between the Cher communes: the two pairs of Bourges and
 * Mehun-sur-Yèvre, and each commune to itself, are within 30 minutes;
 * Vierzon (33 min), Aubigny (62 min) and an unknown commune are left out. */
static void
test_import_travel_times (void)
{
  g_autofree char *source = write_file ("temps-cher.csv",
                                        "origin,destination,minutes\n"
                                        "18033,18141,17.5\n"
                                        "18141,18033,17.5\n"
                                        "18033,18279,33\n"
                                        "18279,18033,33\n"
                                        "18033,99999,5\n"
                                        "18033,18015,62\n");
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autofree char *times_source = NULL;
  g_autoptr(GError) error = NULL;
  const AplombImportReport *report;
  AplombImportDialog *dialog;

  open_project (cher_path);
  dialog = aplomb_project_manager_import (projects ());
  aplomb_import_dialog_set_data (dialog, APLOMB_IMPORT_DATA_TRAVEL_TIMES);
  aplomb_import_dialog_set_source (dialog, file);
  aplomb_import_dialog_start (dialog, NULL);
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 30000);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "report");
  report = aplomb_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_imported, ==, 8 + 2);

  store = aplomb_store_open (cher_path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  times = aplomb_store_load_travel_times (store, 0, &times_source, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (times);
  g_assert_cmpstr (times_source, ==, "csv temps-cher.csv");
  g_assert_cmpuint (aplomb_travel_times_get_n_pairs (times), ==, 10);
  g_assert_cmpfloat (aplomb_travel_times_get_horizon (times), ==, 30);
  aplomb_gui_test_wait_for (project_is, cher_path, 30000);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A cancelled import of the 34 806 communes of France leaves the
 * project byte for byte as it was. */
static void
test_cancelled_import (void)
{
  g_autofree char *source = aplomb_core_find_data ("france/communes-metro-2024.gpkg");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  AplombImportDialog *dialog;

  g_assert_nonnull (source);
  file = g_file_new_for_path (source);
  open_project (cher_path);
  before = read_bytes (cher_path);

  dialog = aplomb_project_manager_import (projects ());
  aplomb_import_dialog_set_data (dialog, APLOMB_IMPORT_DATA_COMMUNES);
  aplomb_import_dialog_set_source (dialog, file);
  aplomb_import_dialog_start (dialog, NULL);
  /* Well before the 35 000 communes and their travel times are ready,
   * even on a fast machine. */
  aplomb_gui_test_settle (50);
  aplomb_import_dialog_cancel (dialog);
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 30000);

  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "status");
  g_assert_cmpstr (status_title (dialog), ==, "Import annulé");
  g_assert_null (aplomb_import_dialog_get_report (dialog));

  after = read_bytes (cher_path);
  g_assert_true (g_bytes_equal (before, after));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The bundled France is read-only: the import goes into a new project,
 * which the window then shows; the bundled file is untouched. */
static void
test_import_into_read_only (void)
{
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");
  g_autofree char *source = write_gp_counts ();
  g_autofree char *new_path = g_build_filename (tmp_dir, "France et médecins.aplomb", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  AplombImportDialog *dialog;

  open_project (bundled);
  g_assert_true (aplomb_project_manager_is_read_only (projects ()));
  before = read_bytes (bundled);

  dialog = aplomb_project_manager_import (projects ());
  aplomb_import_dialog_set_data (dialog, APLOMB_IMPORT_DATA_PRACTITIONERS);
  aplomb_import_dialog_set_source (dialog, file);
  aplomb_import_dialog_start (dialog, new_path);
  aplomb_gui_test_wait_for (page_is_not_progress, dialog, 60000);
  g_assert_cmpstr (aplomb_import_dialog_get_page (dialog), ==, "report");
  /* All of France is there: only 99999 and the two bad rows are out. */
  g_assert_cmpuint (aplomb_import_dialog_get_report (dialog)->n_rejected, ==, 3);

  after = read_bytes (bundled);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_communes (new_path), ==, 34806);
  g_assert_cmpuint (count_sources (new_path), ==, count_sources (bundled) + 1);
  aplomb_gui_test_wait_for (project_is, new_path, 60000);
  g_assert_false (aplomb_project_manager_is_read_only (projects ()));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_open_not_aplomb (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "autre.sqlite", NULL);
  sqlite3 *db = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  open_project (cher_path);
  aplomb_project_manager_open (projects (), path);
  aplomb_gui_test_wait_for (message_dialog_shown, NULL, 30000);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Impossible d’ouvrir le projet");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "« autre.sqlite » est une base de données d’une autre application, "
                   "pas un projet Aplomb.");
  /* The project shown stays. */
  g_assert_cmpstr (aplomb_project_manager_get_path (projects ()), ==, cher_path);
  g_assert_nonnull (aplomb_window_get_atlas (window));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
path_is (gpointer path)
{
  return g_strcmp0 (aplomb_project_manager_get_path (projects ()), path) == 0;
}

/* Save As from the read-only bundled France: the copy reopens with every
 * commune, becomes the project shown, the last one and the first recent. */
static void
test_save_as (void)
{
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");
  g_autofree char *copy = g_build_filename (tmp_dir, "Ma France.aplomb", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = NULL;
  g_auto(GStrv) recent = NULL;

  open_project (bundled);
  aplomb_project_manager_save_as (projects (), copy);
  aplomb_gui_test_wait_for (path_is, copy, 30000);
  g_assert_cmpstr (aplomb_project_manager_get_path (projects ()), ==, copy);
  g_assert_false (aplomb_project_manager_is_read_only (projects ()));
  g_assert_cmpuint (count_communes (copy), ==, 34806);

  last = g_settings_get_string (settings, "last-project");
  g_assert_cmpstr (last, ==, copy);
  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpstr (recent[0], ==, copy);
}

/* At start-up: the last project if it is still there, else France. */
static void
test_startup_project (void)
{
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");
  g_autofree char *gone = make_cher_project ("disparu.aplomb");
  g_autofree char *startup = NULL;

  open_project (gone);
  startup = aplomb_project_manager_get_startup_path (projects ());
  g_assert_cmpstr (startup, ==, gone);
  g_clear_pointer (&startup, g_free);

  g_assert_cmpint (g_unlink (gone), ==, 0);
  startup = aplomb_project_manager_get_startup_path (projects ());
  g_assert_cmpstr (startup, ==, bundled);
}

/* `aplomb FILE`, or a project opened from the recent files. */
static void
test_open_from_command_line (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (cher_path);
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");

  open_project (bundled);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  aplomb_gui_test_wait_for (project_is, cher_path, 30000);
  g_assert_cmpstr (aplomb_project_manager_get_path (projects ()), ==, cher_path);
  g_assert_cmpuint (aplomb_territory_get_n_communes (
                      aplomb_atlas_get_territory (aplomb_window_get_atlas (window))), ==, 8);
  /* Seen whole rather than within France (zoom 6): the eight communes
   * span about 90 km. */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_simple_map_get_viewport (
                       aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)))),
                     >=, 8);
}

static void
test_shortcuts (void)
{
  static const struct {
    const char *accel;
    const char *action;
  } expected[] = {
    { "<Control>o", "project.open" },
    { "<Control>s", "project.save" },
    { "<Control><Shift>s", "project.save-as" },
    { "<Control>i", "project.import" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                      expected[i].accel);

      g_assert_true (g_strv_contains ((const char * const *) actions, expected[i].action));
    }
  g_assert_cmpstr (_("_Import Data…"), ==, "_Importer des données…");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  aplomb_gui_test_init_french (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("aplomb-projects-XXXXXX", &error);
  g_assert_no_error (error);
  /* The recent files and the copies kept for undo go there rather than
   * in $HOME. */
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run the GUI tests under xvfb-run");
      return g_test_run ();
    }

  /* Without a compositor, transitions may never end: the screenshots
   * would catch the page before the one shown. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = aplomb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  cher_path = make_cher_project ("Cher.aplomb");

  window = aplomb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/gui/projects/import-report", test_import_report);
  g_test_add_func ("/gui/projects/shapefile-folder", test_import_shapefile_folder);
  g_test_add_func ("/gui/projects/failed-import", test_failed_import);
  g_test_add_func ("/gui/projects/travel-times", test_import_travel_times);
  g_test_add_func ("/gui/projects/cancelled-import", test_cancelled_import);
  g_test_add_func ("/gui/projects/import-into-read-only", test_import_into_read_only);
  g_test_add_func ("/gui/projects/open-not-aplomb", test_open_not_aplomb);
  g_test_add_func ("/gui/projects/save-as", test_save_as);
  g_test_add_func ("/gui/projects/startup-project", test_startup_project);
  g_test_add_func ("/gui/projects/open-from-command-line", test_open_from_command_line);
  g_test_add_func ("/gui/projects/shortcuts", test_shortcuts);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  aplomb_test_remove_tree (tmp_dir);
  g_free (cher_path);
  g_free (tmp_dir);
  return status;
}
