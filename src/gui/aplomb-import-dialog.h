/* aplomb-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aplomb-import-report.h"

G_BEGIN_DECLS

/* What a file holds. The first four are the core's importers; travel
 * times are a matrix saved beside the territory. */
typedef enum
{
  APLOMB_IMPORT_DATA_COMMUNES,
  APLOMB_IMPORT_DATA_POPULATION,
  APLOMB_IMPORT_DATA_PRACTITIONERS,
  APLOMB_IMPORT_DATA_OFFICIAL_APL,
  APLOMB_IMPORT_DATA_TRAVEL_TIMES,
} AplombImportData;

#define APLOMB_TYPE_IMPORT_DIALOG (aplomb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AplombImportDialog, aplomb_import_dialog, APLOMB, IMPORT_DIALOG, AdwWindow)

AplombImportDialog       *aplomb_import_dialog_new        (GtkWindow          *parent,
                                                           const char         *project_path,
                                                           gboolean            read_only);
void                      aplomb_import_dialog_set_data   (AplombImportDialog *self,
                                                           AplombImportData    data);
void                      aplomb_import_dialog_set_source (AplombImportDialog *self,
                                                           GFile              *source);
void                      aplomb_import_dialog_start      (AplombImportDialog *self,
                                                           const char         *new_project_path);
void                      aplomb_import_dialog_cancel     (AplombImportDialog *self);
void                      aplomb_import_dialog_undo       (AplombImportDialog *self);
const char               *aplomb_import_dialog_get_page   (AplombImportDialog *self);
const AplombImportReport *aplomb_import_dialog_get_report (AplombImportDialog *self);

G_END_DECLS
