/* aplomb-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-application.h"
#include "aplomb-area-chooser.h"
#include "aplomb-atlas.h"
#include "aplomb-commune-map.h"
#include "aplomb-commune-panel.h"
#include "aplomb-scenario-panel.h"
#include "aplomb-project-manager.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_WINDOW (aplomb_window_get_type ())
G_DECLARE_FINAL_TYPE (AplombWindow, aplomb_window, APLOMB, WINDOW, AdwApplicationWindow)

AplombWindow       *aplomb_window_new              (AplombApplication *application);
void                aplomb_window_load_project     (AplombWindow      *self,
                                                    const char        *path);
void                aplomb_window_show_commune     (AplombWindow      *self,
                                                    guint              commune);
AplombCommuneMap   *aplomb_window_get_map          (AplombWindow      *self);
AplombCommunePanel *aplomb_window_get_panel        (AplombWindow      *self);
AplombScenarioPanel *aplomb_window_get_scenario_panel (AplombWindow *self);
AplombAtlas        *aplomb_window_get_atlas        (AplombWindow      *self);
GtkSearchEntry     *aplomb_window_get_search_entry (AplombWindow      *self);
AplombAreaChooser  *aplomb_window_get_area_chooser (AplombWindow      *self);
void                aplomb_window_set_subtitle     (AplombWindow      *self,
                                                    const char        *subtitle);
AplombProjectManager *aplomb_window_get_projects   (AplombWindow      *self);

G_END_DECLS
