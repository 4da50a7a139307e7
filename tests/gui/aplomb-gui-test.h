/* aplomb-gui-test.h: what every GUI test does to drive a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        aplomb_gui_test_init_french       (int         *argc,
                                               char      ***argv);
void        aplomb_gui_test_wait_for          (gboolean   (*done) (gpointer),
                                               gpointer     data,
                                               guint        timeout_ms);
void        aplomb_gui_test_settle            (guint        ms);
gboolean    aplomb_gui_test_widget_is_mapped  (gpointer     widget);
GdkTexture *aplomb_gui_test_screenshot        (GtkWidget   *widget,
                                               const char  *name);
void        aplomb_gui_test_read_pixel        (GdkTexture  *texture,
                                               int          x,
                                               int          y,
                                               guint8       bgra[4]);
GtkWindow  *aplomb_gui_test_find_toplevel     (GType        type);

G_END_DECLS
