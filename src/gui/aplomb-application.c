/* aplomb-application.c: application actions, About window, start-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "aplomb-core.h"

#include "aplomb-application.h"
#include "aplomb-window.h"

struct _AplombApplication
{
  AdwApplication parent_instance;

  gint64         started_us;
  gboolean       benchmark_startup;
};

G_DEFINE_FINAL_TYPE (AplombApplication, aplomb_application, ADW_TYPE_APPLICATION)

/* Data credits are part of the licence terms of the bundled sources
 * (Licence Ouverte: the source must be named). */
static const char data_credits[] =
  N_("Commune boundaries: most probably IGN ADMIN EXPRESS (via france-geojson), Licence Ouverte 2.0.\n"
     "Populations and code history: INSEE, Licence Ouverte 2.0.\n"
     "APL and travel times to emergency services: DREES, Licence Ouverte 2.0.\n"
     "General practitioners: ANS (RPPS) and INSEE (BPE 2017), Licence Ouverte 2.0.");

static void
aplomb_application_about (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (app);
  const char *developers[] = { _("The Aplomb developers"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  adw_about_window_set_application_name (about, _("Aplomb"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Aplomb developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("See where access to general practitioners is poor, "
                                   "and what a health centre, a medical bus or a CPTS "
                                   "would change."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Aplomb developers");
  adw_about_window_add_legal_section (about, _("Bundled data"), NULL,
                                      GTK_LICENSE_CUSTOM, _(data_credits));
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
aplomb_application_quit (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing through the windows lets each one save its state. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", aplomb_application_about },
  { "quit", aplomb_application_quit },
};

static void
aplomb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const struct {
    const char *action;
    const char *accels[2];
  } project_accels[] = {
    { "project.open", { "<Control>o", NULL } },
    { "project.save", { "<Control>s", NULL } },
    { "project.save-as", { "<Control><Shift>s", NULL } },
    { "project.import", { "<Control>i", NULL } },
  };

  G_APPLICATION_CLASS (aplomb_application_parent_class)->startup (app);

  aplomb_core_init ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  for (guint i = 0; i < G_N_ELEMENTS (project_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), project_accels[i].action,
                                           project_accels[i].accels);
}

/* The peak resident memory of the process (VmHWM), in MiB, or -1. */
static double
read_peak_memory_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0 : -1;
}

static void
on_first_map_complete (AplombApplication *self,
                       AplombCommuneMap  *map)
{
  g_signal_handlers_disconnect_by_func (map, on_first_map_complete, self);
  g_print ("first complete map: %.0f ms after start-up; peak memory %.0f MiB\n",
           (g_get_monotonic_time () - self->started_us) / 1000.0, read_peak_memory_mib ());
  g_application_quit (G_APPLICATION (self));
}

/* The window, made on first use. */
static AplombWindow *
ensure_window (AplombApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (aplomb_window_new (self));
      if (self->benchmark_startup)
        g_signal_connect_object (aplomb_window_get_map (APLOMB_WINDOW (window)),
                                 "map-complete", G_CALLBACK (on_first_map_complete), self,
                                 G_CONNECT_SWAPPED);
    }
  return APLOMB_WINDOW (window);
}

static void
aplomb_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (APLOMB_APPLICATION (app))));
}

/* `aplomb FILE.aplomb`, and a project opened from the file manager or the
 * recent files: the window shows the last file given. */
static void
aplomb_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  AplombWindow *window = ensure_window (APLOMB_APPLICATION (app));
  g_autofree char *path = g_file_get_path (files[n_files - 1]);

  if (path != NULL)
    aplomb_project_manager_open (aplomb_window_get_projects (window), path);
  gtk_window_present (GTK_WINDOW (window));
}

static int
aplomb_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  AplombApplication *self = APLOMB_APPLICATION (app);

  if (g_variant_dict_contains (options, "benchmark-startup"))
    {
      self->benchmark_startup = TRUE;
      /* A measurement needs its own process, not a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
aplomb_application_class_init (AplombApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = aplomb_application_startup;
  app_class->activate = aplomb_application_activate;
  app_class->open = aplomb_application_open;
  app_class->handle_local_options = aplomb_application_handle_local_options;
}

static void
aplomb_application_init (AplombApplication *self)
{
  static const GOptionEntry options[] = {
    { "benchmark-startup", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the time to the first complete map and the peak memory, then quit"), NULL },
    { NULL }
  };

  self->started_us = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

AplombApplication *
aplomb_application_new (void)
{
  return g_object_new (APLOMB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/fr/aplomb/Aplomb",
                       NULL);
}
