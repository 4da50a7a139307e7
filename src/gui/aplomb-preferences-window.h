/* aplomb-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define APLOMB_TYPE_PREFERENCES_WINDOW (aplomb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AplombPreferencesWindow, aplomb_preferences_window, APLOMB,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

AplombPreferencesWindow *aplomb_preferences_window_new                (GtkWindow               *parent,
                                                                       GSettings               *settings);
AdwComboRow             *aplomb_preferences_window_get_base_map_row   (AplombPreferencesWindow *self);
AdwActionRow            *aplomb_preferences_window_get_mbtiles_row    (AplombPreferencesWindow *self);
AdwComboRow             *aplomb_preferences_window_get_class_breaks_row (AplombPreferencesWindow *self);

G_END_DECLS
