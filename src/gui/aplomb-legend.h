/* aplomb-legend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aplomb-palette.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_LEGEND (aplomb_legend_get_type ())
G_DECLARE_FINAL_TYPE (AplombLegend, aplomb_legend, APLOMB, LEGEND, GtkWidget)

GtkWidget  *aplomb_legend_new                (void);
void        aplomb_legend_set_classification (AplombLegend         *self,
                                              AplombClassification *classification,
                                              const char           *title,
                                              const char           *subtitle);
const char *aplomb_legend_get_title          (AplombLegend         *self);
guint       aplomb_legend_get_n_rows         (AplombLegend         *self);
char       *aplomb_legend_get_row_label      (AplombLegend         *self,
                                              guint                 row);

G_END_DECLS
