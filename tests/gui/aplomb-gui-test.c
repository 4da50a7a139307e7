/* aplomb-gui-test.c: what every GUI test does to drive a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "aplomb-core.h"
#include "aplomb-gui-test.h"

/* The application in French, its catalogue bound as main () binds it:
 * before GTK translates anything, since g_dgettext () decides on its
 * first call whether the domain is translated. Then GLib's test set-up. */
void
aplomb_gui_test_init_french (int    *argc,
                             char ***argv)
{
  g_setenv ("LANGUAGE", "", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
  aplomb_core_init ();
  g_test_init (argc, argv, NULL);
}

/* Runs the main loop until done (data) or the timeout. */
void
aplomb_gui_test_wait_for (gboolean (*done) (gpointer),
                          gpointer   data,
                          guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets worker threads deliver (tiles, loading) and GTK draw for ms. */
void
aplomb_gui_test_settle (guint ms)
{
  aplomb_gui_test_wait_for (never, NULL, ms);
}

gboolean
aplomb_gui_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Renders a widget (a window or a dialog) as the compositor shows it and
 * saves it as PNG in the build directory. A window waiting for its next
 * frame has no render node yet: let the frame come. */
GdkTexture *
aplomb_gui_test_screenshot (GtkWidget  *widget,
                            const char *name)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = NULL;
  GdkTexture *texture;

  for (guint attempt = 0; attempt < 50 && node == NULL; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        aplomb_gui_test_settle (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return texture;
}

/* The pixel at (x, y), in cairo's native byte order (BGRA on x86). */
void
aplomb_gui_test_read_pixel (GdkTexture *texture,
                            int         x,
                            int         y,
                            guint8      bgra[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, pixels, width * 4);
  memcpy (bgra, pixels + ((gsize) y * width + x) * 4, 4);
}

/* The visible toplevel of a type (a dialog the test opened), or NULL. */
GtkWindow *
aplomb_gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}
