/* aplomb-import-report.h: what an import read, kept and rejected, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rows rejected for one reason, with the first few of them as examples
 * ("communes.csv, line 12, field “code”: “99999”"). */
typedef struct
{
  char      *reason;       /* translated */
  guint      count;
  GPtrArray *examples;     /* char *, at most APLOMB_IMPORT_REPORT_MAX_EXAMPLES */
} AplombImportIssue;

#define APLOMB_IMPORT_REPORT_MAX_EXAMPLES 5

/* Counts are rows (or features): n_read = n_imported + n_rejected, and
 * n_remapped of the imported rows carried a former or newer commune code
 * that the code history mapped to a commune of the project. */
typedef struct
{
  char      *file_name;    /* base name */
  char      *kind;         /* translated: "communes", "population", "official APL"… */
  guint      n_read;
  guint      n_imported;
  guint      n_remapped;
  guint      n_rejected;
  GPtrArray *issues;       /* AplombImportIssue, in order of first occurrence */
  GPtrArray *notes;        /* char *, translated: encoding converted, CRS, fields used… */
} AplombImportReport;

AplombImportReport *aplomb_import_report_new        (const char         *file_name,
                                                     const char         *kind);
void                aplomb_import_report_free       (AplombImportReport *report);

/* Counts one rejected row. line is 1-based (0 when unknown). */
void                aplomb_import_report_reject     (AplombImportReport *report,
                                                     const char         *reason,
                                                     guint               line,
                                                     const char         *field,
                                                     const char         *value);
void                aplomb_import_report_add_note   (AplombImportReport *report,
                                                     const char         *format,
                                                     ...) G_GNUC_PRINTF (2, 3);
const AplombImportIssue *aplomb_import_report_find_issue (AplombImportReport *report,
                                                          const char         *reason);
/* The report as translated text, one item a line. */
char               *aplomb_import_report_to_string  (AplombImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombImportReport, aplomb_import_report_free)

G_END_DECLS
