/* aplomb-project-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-import-dialog.h"

G_BEGIN_DECLS

/* The window is declared here rather than included: aplomb-window.h
 * includes this header. */
typedef struct _AplombWindow AplombWindow;

#define APLOMB_TYPE_PROJECT_MANAGER (aplomb_project_manager_get_type ())
G_DECLARE_FINAL_TYPE (AplombProjectManager, aplomb_project_manager, APLOMB, PROJECT_MANAGER, GObject)

AplombProjectManager *aplomb_project_manager_new              (AplombWindow         *window,
                                                               GMenu                *recent_menu);
char                 *aplomb_project_manager_get_startup_path (AplombProjectManager *self);
const char           *aplomb_project_manager_get_path         (AplombProjectManager *self);
gboolean              aplomb_project_manager_is_read_only     (AplombProjectManager *self);
void                  aplomb_project_manager_open             (AplombProjectManager *self,
                                                               const char           *path);
void                  aplomb_project_manager_save_as          (AplombProjectManager *self,
                                                               const char           *path);
AplombImportDialog   *aplomb_project_manager_import           (AplombProjectManager *self);

G_END_DECLS
