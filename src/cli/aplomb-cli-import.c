/* aplomb-cli-import.c: aplomb-cli import, files into a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-cli.h"
#include "aplomb-import.h"
#include "aplomb-store.h"
#include "aplomb-travel-project.h"

/* Options such as --millesime describe the next file option only, the way
 * ffmpeg's options describe the next input: one command imports several
 * files with their own provenance. */
typedef struct
{
  AplombImportKind kind;
  char            *path;
  char            *code_field;
  char            *name_field;
  char            *departement_field;
  char            *value_field;
  char            *layer;
  char            *column;
  char            *label;
  char            *millesime;
  char            *licence;
  char            *profession;
  char            *etp_per_head;
} ImportJob;

typedef struct
{
  GPtrArray *jobs;      /* ImportJob */
  ImportJob  next;      /* options collected for the next file */
} ImportCommand;

static void
import_job_clear (ImportJob *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->code_field, g_free);
  g_clear_pointer (&job->name_field, g_free);
  g_clear_pointer (&job->departement_field, g_free);
  g_clear_pointer (&job->value_field, g_free);
  g_clear_pointer (&job->layer, g_free);
  g_clear_pointer (&job->column, g_free);
  g_clear_pointer (&job->label, g_free);
  g_clear_pointer (&job->millesime, g_free);
  g_clear_pointer (&job->licence, g_free);
  g_clear_pointer (&job->profession, g_free);
  g_clear_pointer (&job->etp_per_head, g_free);
}

static void
import_job_free (ImportJob *job)
{
  import_job_clear (job);
  g_free (job);
}

static const struct
{
  const char      *option;
  AplombImportKind kind;
} file_options[] = {
  { "--communes", APLOMB_IMPORT_COMMUNES },
  { "--population", APLOMB_IMPORT_POPULATION },
  { "--practitioners", APLOMB_IMPORT_PRACTITIONERS },
  { "--official-apl", APLOMB_IMPORT_OFFICIAL_APL },
  { "--values", APLOMB_IMPORT_COLUMN },
  { "--facilities", APLOMB_IMPORT_FACILITIES },
};

static gboolean
add_file (const char *option_name,
          const char *value,
          gpointer    data,
          GError    **error)
{
  ImportCommand *command = data;
  ImportJob *job = g_new0 (ImportJob, 1);

  *job = command->next;
  memset (&command->next, 0, sizeof command->next);
  job->path = g_strdup (value);
  for (guint i = 0; i < G_N_ELEMENTS (file_options); i++)
    if (g_str_equal (option_name, file_options[i].option))
      job->kind = file_options[i].kind;
  g_ptr_array_add (command->jobs, job);
  return TRUE;
}

/* --field code=INSEE_COM, name=…, departement=…, value=… */
static gboolean
set_field (const char *option_name,
           const char *value,
           gpointer    data,
           GError    **error)
{
  ImportCommand *command = data;
  g_auto(GStrv) pair = g_strsplit (value, "=", 2);
  char **slot = NULL;

  if (g_strv_length (pair) == 2)
    {
      if (g_str_equal (pair[0], "code"))
        slot = &command->next.code_field;
      else if (g_str_equal (pair[0], "name"))
        slot = &command->next.name_field;
      else if (g_str_equal (pair[0], "departement"))
        slot = &command->next.departement_field;
      else if (g_str_equal (pair[0], "value"))
        slot = &command->next.value_field;
    }
  if (slot == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not KEY=FIELD with KEY one of code, name, departement, value."), value);
      return FALSE;
    }
  g_free (*slot);
  *slot = g_strdup (pair[1]);
  return TRUE;
}

static gboolean
set_next_option (const char *option_name,
                 const char *value,
                 gpointer    data,
                 GError    **error)
{
  ImportCommand *command = data;
  char **slot;

  if (g_str_equal (option_name, "--layer"))
    slot = &command->next.layer;
  else if (g_str_equal (option_name, "--column"))
    slot = &command->next.column;
  else if (g_str_equal (option_name, "--label"))
    slot = &command->next.label;
  else if (g_str_equal (option_name, "--millesime"))
    slot = &command->next.millesime;
  else if (g_str_equal (option_name, "--licence"))
    slot = &command->next.licence;
  else if (g_str_equal (option_name, "--etp-per-head"))
    slot = &command->next.etp_per_head;
  else
    slot = &command->next.profession;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* A database and the journals SQLite may have left beside it. */
static void
remove_database (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static gboolean
run_job (AplombTerritory *territory,
         const ImportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombImportReport) report = NULL;
  g_autofree char *text = NULL;
  AplombImportOptions options = {
    .code_field = job->code_field,
    .name_field = job->name_field,
    .departement_field = job->departement_field,
    .value_field = job->value_field,
    .layer = job->layer,
    .column = job->column,
    .label = job->label,
    .millesime = job->millesime,
    .licence = job->licence,
  };

  if (job->etp_per_head != NULL)
    {
      char *end = NULL;

      options.etp_per_head = g_ascii_strtod (job->etp_per_head, &end);
      if (end == job->etp_per_head || *end != '\0' || !(options.etp_per_head > 0))
        {
          g_printerr (_("“%s” is not a positive number of full-time equivalents per head."),
                      job->etp_per_head);
          g_printerr ("\n");
          return FALSE;
        }
    }
  if (job->profession != NULL)
    {
      if (!aplomb_profession_from_string (job->profession, &options.profession))
        {
          g_printerr (_("Unknown profession “%s”."), job->profession);
          g_printerr ("\n");
          return FALSE;
        }
      options.profession_given = TRUE;
    }

  report = aplomb_import_file (territory, job->kind, job->path, &options, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  text = aplomb_import_report_to_string (report);
  g_print ("%s", text);
  return TRUE;
}

/* The territory of an existing project, or an empty one for a new file. */
static AplombTerritory *
load_project (const char *path,
              GError    **error)
{
  g_autoptr(AplombStore) store = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return aplomb_territory_new ();
  store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, error);
  return store != NULL ? aplomb_store_load_territory (store, error) : NULL;
}

/* Travel times between the communes of the territory (origin,
 * destination, minutes by INSEE code). */
static AplombTravelTimes *
read_travel_times (AplombTerritory *territory,
                   const char      *path,
                   double           horizon,
                   GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree const char **codes = g_new (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    codes[i] = aplomb_territory_get_code (territory, i);
  codes[n] = NULL;
  return aplomb_travel_times_new_from_csv (path, codes, n, horizon, error);
}

/* Imported times, or else the model's when the communes changed: every
 * project carries travel times that fit it, so that opening it need not
 * build them again. */
static gboolean
save_travel_times (AplombStore       *store,
                   AplombTerritory   *territory,
                   AplombTravelTimes *times,
                   const char        *path,
                   GError           **error)
{
  g_autofree char *source = NULL;

  if (times == NULL)
    return aplomb_territory_get_n_communes (territory) == 0 ||
           aplomb_travel_times_ensure_saved (store, territory, NULL, error);
  source = aplomb_travel_source_for_file ("csv", path);
  return aplomb_travel_times_save_to_project (store, territory, times, source, error);
}

/* The project is opened for writing only once every file was read, so
 * that a bad file leaves it untouched; the territory and the travel times
 * are then each saved in one transaction. */
static gboolean
import_into (const char *path,
             GPtrArray  *jobs,
             const char *travel_times_path,
             double      horizon)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTravelTimes) times = NULL;
  g_autoptr(AplombTerritory) territory = load_project (path, &error);

  if (territory == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  for (guint i = 0; i < jobs->len; i++)
    if (!run_job (territory, g_ptr_array_index (jobs, i)))
      return FALSE;
  if (travel_times_path != NULL)
    {
      times = read_travel_times (territory, travel_times_path, horizon, &error);
      if (times == NULL)
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      g_print (_("Travel times: %lu pairs of communes within %g minutes."),
               (gulong) aplomb_travel_times_get_n_pairs (times), horizon);
      g_print ("\n");
    }

  store = aplomb_store_open (path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  if (store == NULL || (jobs->len > 0 && !aplomb_store_save_territory (store, territory, &error)) ||
      !save_travel_times (store, territory, times, travel_times_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
aplomb_cli_import (int    argc,
                   char **argv)
{
  g_autofree char *project = NULL;
  g_autofree char *target = NULL;
  g_autofree char *travel_times = NULL;
  double horizon = 30;
  gboolean fresh = FALSE;
  ImportCommand command = { g_ptr_array_new_with_free_func ((GDestroyNotify) import_job_free) };
  g_autoptr(GPtrArray) jobs = command.jobs;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project,
      N_("Project file to create or complete"), N_("FILE") },
    { "new", 0, 0, G_OPTION_ARG_NONE, &fresh,
      N_("Start from an empty project that replaces FILE once every file is imported"), NULL },
    { "communes", 0, 0, G_OPTION_ARG_CALLBACK, add_file,
      N_("Commune polygons (Shapefile, zipped or not, GeoPackage, GeoJSON)"), N_("FILE") },
    { "population", 0, 0, G_OPTION_ARG_CALLBACK, add_file,
      N_("Populations per commune (CSV, XLSX, ODS)"), N_("FILE") },
    { "practitioners", 0, 0, G_OPTION_ARG_CALLBACK, add_file,
      N_("Practitioners, per person, site or commune"), N_("FILE") },
    { "official-apl", 0, 0, G_OPTION_ARG_CALLBACK, add_file,
      N_("Official APL: the DREES workbook or a CSV"), N_("FILE") },
    { "values", 0, 0, G_OPTION_ARG_CALLBACK, add_file,
      N_("One value per commune, stored as a column"), N_("FILE") },
    { "travel-times", 0, 0, G_OPTION_ARG_FILENAME, &travel_times,
      N_("Travel times between communes: CSV with origin, destination, minutes"), N_("FILE") },
    { "horizon", 0, 0, G_OPTION_ARG_DOUBLE, &horizon,
      N_("Longest travel time kept, in minutes (default 30)"), N_("MINUTES") },
    { "facilities", 0, 0, G_OPTION_ARG_CALLBACK, add_file,
      N_("Maisons de santé and centres de santé: a FINESS extract"), N_("FILE") },
    { "field", 0, 0, G_OPTION_ARG_CALLBACK, set_field,
      N_("Field to read for the next file: code=, name=, departement= or value="),
      N_("KEY=FIELD") },
    { "layer", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Layer or sheet of the next file"), N_("NAME") },
    { "column", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Column name for the next --values file"), N_("NAME") },
    { "label", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Short source name for the columns of the next file, e.g. rpps"), N_("NAME") },
    { "millesime", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Millésime of the next file (default: the year in its name)"), N_("YEAR") },
    { "licence", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Licence and attribution of the next file"), N_("TEXT") },
    { "profession", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Profession of the next practitioners file: gp, nurse, physiotherapist, midwife, "
         "dentist"), N_("NAME") },
    { "etp-per-head", 0, 0, G_OPTION_ARG_CALLBACK, set_next_option,
      N_("Full-time equivalents a head counts for in the next file of counts per commune"),
      N_("ETP") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GOptionGroup *group = g_option_group_new ("import", NULL, NULL, &command, NULL);
  g_autoptr(GError) error = NULL;

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context,
                                _("Imports files into a project, in the order given. Options before a file "
                                  "option describe that file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      import_job_clear (&command.next);
      return 2;
    }
  if (command.next.code_field != NULL || command.next.name_field != NULL ||
      command.next.departement_field != NULL ||
      command.next.value_field != NULL || command.next.layer != NULL ||
      command.next.column != NULL || command.next.label != NULL ||
      command.next.millesime != NULL || command.next.licence != NULL ||
      command.next.profession != NULL)
    {
      g_printerr (_("Options after the last file describe no file: put them before it."));
      g_printerr ("\n");
      import_job_clear (&command.next);
      return 2;
    }
  if (project == NULL || (jobs->len == 0 && travel_times == NULL))
    {
      g_printerr (_("Give a project (--project) and at least one file to import."));
      g_printerr ("\n");
      return 2;
    }

  /* A new project is written beside FILE and renamed over it at the end,
   * so that FILE is never left half-built. */
  target = fresh ? g_strconcat (project, ".new", NULL) : g_strdup (project);
  if (fresh)
    remove_database (target);
  if (!import_into (target, jobs, travel_times, horizon))
    {
      if (fresh)
        remove_database (target);
      return 1;
    }
  if (fresh && g_rename (target, project) != 0)
    {
      g_printerr (_("Could not replace “%s”: %s"), project, g_strerror (errno));
      g_printerr ("\n");
      return 1;
    }
  return 0;
}
