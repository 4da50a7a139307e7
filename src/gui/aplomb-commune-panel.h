/* aplomb-commune-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-commune-facts.h"
#include "aplomb-palette.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_COMMUNE_PANEL (aplomb_commune_panel_get_type ())
G_DECLARE_FINAL_TYPE (AplombCommunePanel, aplomb_commune_panel, APLOMB, COMMUNE_PANEL, GtkWidget)

GtkWidget  *aplomb_commune_panel_new       (void);
void        aplomb_commune_panel_show      (AplombCommunePanel       *self,
                                            AplombTerritory          *territory,
                                            const AplombCommuneFacts *facts,
                                            AplombClassification     *apl_classes);
const char *aplomb_commune_panel_get_title (AplombCommunePanel       *self);
const char *aplomb_commune_panel_get_value (AplombCommunePanel       *self,
                                            const char               *row_name);

G_END_DECLS
