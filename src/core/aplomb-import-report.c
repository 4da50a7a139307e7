/* aplomb-import-report.c: what an import read, kept and rejected, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "aplomb-import-report.h"

static void
issue_free (AplombImportIssue *issue)
{
  g_free (issue->reason);
  g_ptr_array_unref (issue->examples);
  g_free (issue);
}

AplombImportReport *
aplomb_import_report_new (const char *file_name,
                          const char *kind)
{
  AplombImportReport *report = g_new0 (AplombImportReport, 1);

  report->file_name = g_strdup (file_name);
  report->kind = g_strdup (kind);
  report->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
aplomb_import_report_free (AplombImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_free (report->kind);
  g_ptr_array_unref (report->issues);
  g_ptr_array_unref (report->notes);
  g_free (report);
}

const AplombImportIssue *
aplomb_import_report_find_issue (AplombImportReport *report,
                                 const char         *reason)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  for (guint i = 0; i < report->issues->len; i++)
    {
      AplombImportIssue *issue = g_ptr_array_index (report->issues, i);

      if (g_str_equal (issue->reason, reason))
        return issue;
    }
  return NULL;
}

static char *
format_example (const char *file_name,
                guint       line,
                const char *field,
                const char *value)
{
  GString *example = g_string_new (file_name);

  if (line > 0)
    /* Translators: where a rejected row is, after the file name. */
    g_string_append_printf (example, _(", line %u"), line);
  if (field != NULL)
    g_string_append_printf (example, _(", field “%s”"), field);
  if (value != NULL)
    g_string_append_printf (example, _(": “%s”"), value);
  return g_string_free (example, FALSE);
}

void
aplomb_import_report_reject (AplombImportReport *report,
                             const char         *reason,
                             guint               line,
                             const char         *field,
                             const char         *value)
{
  AplombImportIssue *issue;

  g_return_if_fail (report != NULL);
  g_return_if_fail (reason != NULL);

  issue = (AplombImportIssue *) aplomb_import_report_find_issue (report, reason);
  if (issue == NULL)
    {
      issue = g_new0 (AplombImportIssue, 1);
      issue->reason = g_strdup (reason);
      issue->examples = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (report->issues, issue);
    }
  issue->count++;
  report->n_rejected++;
  if (issue->examples->len < APLOMB_IMPORT_REPORT_MAX_EXAMPLES)
    g_ptr_array_add (issue->examples, format_example (report->file_name, line, field, value));
}

void
aplomb_import_report_add_note (AplombImportReport *report,
                               const char         *format,
                               ...)
{
  va_list args;

  g_return_if_fail (report != NULL);

  va_start (args, format);
  g_ptr_array_add (report->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

char *
aplomb_import_report_to_string (AplombImportReport *report)
{
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, _("Import of “%s” (%s)"), report->file_name, report->kind);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("  rows read: %u, imported: %u (mapped from another commune code: %u), rejected: %u"),
                          report->n_read, report->n_imported, report->n_remapped,
                          report->n_rejected);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (text, "  %s\n", (const char *) g_ptr_array_index (report->notes, i));
  for (guint i = 0; i < report->issues->len; i++)
    {
      AplombImportIssue *issue = g_ptr_array_index (report->issues, i);

      g_string_append_printf (text,
                              dngettext (GETTEXT_PACKAGE, "  %s: %u row\n", "  %s: %u rows\n",
                                         issue->count),
                              issue->reason, issue->count);
      for (guint e = 0; e < issue->examples->len; e++)
        g_string_append_printf (text, "    %s\n", (const char *) g_ptr_array_index (issue->examples, e));
    }
  return g_string_free (text, FALSE);
}
