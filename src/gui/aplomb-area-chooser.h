/* aplomb-area-chooser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aplomb-areas.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_AREA_CHOOSER (aplomb_area_chooser_get_type ())
G_DECLARE_FINAL_TYPE (AplombAreaChooser, aplomb_area_chooser, APLOMB, AREA_CHOOSER, GtkPopover)

GtkWidget *aplomb_area_chooser_new       (void);
void       aplomb_area_chooser_set_areas (AplombAreaChooser *self,
                                          GPtrArray         *areas);

G_END_DECLS
