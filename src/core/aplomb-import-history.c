/* aplomb-import-history.c: former and newer INSEE codes → current commune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "aplomb-core.h"
#include "aplomb-import-private.h"

typedef struct
{
  char            *current;
  AplombCodeChange change;
} HistoryEntry;

struct _AplombCodeHistory
{
  gatomicrefcount ref_count;
  GHashTable     *entries;    /* code → HistoryEntry */
};

static void
entry_free (HistoryEntry *entry)
{
  g_free (entry->current);
  g_free (entry);
}

/* The "how" column of the bundled table (see its PROVENANCE.md). */
static AplombCodeChange
parse_change (const char *how)
{
  if (how == NULL || g_str_equal (how, "same"))
    return APLOMB_CODE_SAME;
  if (g_str_has_prefix (how, "deleguee") || g_str_has_prefix (how, "associee"))
    return APLOMB_CODE_DELEGUEE;
  if (g_str_equal (how, "arrondissement"))
    return APLOMB_CODE_ARRONDISSEMENT;
  if (g_str_has_suffix (how, "new_code"))
    return APLOMB_CODE_NEWER;
  return APLOMB_CODE_FORMER;
}

static int
find_target_column (AplombTable *table)
{
  for (guint i = 0; i < aplomb_table_get_n_columns (table); i++)
    {
      const char *name = aplomb_table_get_column_name (table, i);

      if (g_str_has_prefix (name, "code_") && g_ascii_isdigit (name[5]))
        return i;
    }
  return -1;
}

AplombCodeHistory *
aplomb_code_history_load (const char *path,
                          GError    **error)
{
  static const char *code_names[] = { "code", NULL };
  static const char *how_names[] = { "how", NULL };
  g_autofree char *file_name = g_path_get_basename (path);
  g_autoptr(AplombImportReport) report = aplomb_import_report_new (file_name, NULL);
  g_autoptr(AplombTable) table = NULL;
  g_autoptr(AplombCodeHistory) history = NULL;
  AplombImportOptions options = { NULL };
  AplombImport import = { .report = report, .options = &options, .path = path };
  g_autoptr(GError) local_error = NULL;
  int code_column, target_column, how_column;

  table = aplomb_table_open_sheet (&import, error);
  if (table == NULL)
    return NULL;
  code_column = aplomb_table_require_column (table, NULL, code_names, _("former code"), error);
  if (code_column < 0)
    return NULL;
  target_column = find_target_column (table);
  if (target_column < 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("“%s” has no “code_YYYY” field for the current code."), file_name);
      return NULL;
    }
  how_column = aplomb_table_find_column (table, how_names);

  history = g_new0 (AplombCodeHistory, 1);
  g_atomic_ref_count_init (&history->ref_count);
  history->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) entry_free);
  while (aplomb_table_next (table, &local_error))
    {
      g_autofree char *code = aplomb_import_normalize_code (aplomb_table_get (table, code_column));
      g_autofree char *target = aplomb_import_normalize_code (aplomb_table_get (table, target_column));
      HistoryEntry *entry;

      /* A code listed twice keeps its first target. */
      if (code == NULL || target == NULL || g_hash_table_contains (history->entries, code))
        continue;
      entry = g_new (HistoryEntry, 1);
      entry->current = g_steal_pointer (&target);
      entry->change = parse_change (aplomb_table_get (table, how_column));
      g_hash_table_insert (history->entries, g_steal_pointer (&code), entry);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&history);
}

AplombCodeHistory *
aplomb_code_history_get_default (void)
{
  static AplombCodeHistory *history = NULL;
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autofree char *path = aplomb_core_find_data ("france/cog-passage-2024.csv");
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        history = aplomb_code_history_load (path, &error);
      if (error != NULL)
        g_warning ("Bundled commune code history unreadable: %s", error->message);
      g_once_init_leave (&loaded, 1);
    }
  return history;
}

AplombCodeHistory *
aplomb_code_history_ref (AplombCodeHistory *history)
{
  g_return_val_if_fail (history != NULL, NULL);

  g_atomic_ref_count_inc (&history->ref_count);
  return history;
}

void
aplomb_code_history_unref (AplombCodeHistory *history)
{
  g_return_if_fail (history != NULL);

  if (g_atomic_ref_count_dec (&history->ref_count))
    {
      g_hash_table_unref (history->entries);
      g_free (history);
    }
}

const char *
aplomb_code_history_lookup (AplombCodeHistory *history,
                            const char        *code,
                            AplombCodeChange  *change)
{
  HistoryEntry *entry;

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  entry = g_hash_table_lookup (history->entries, code);
  if (entry == NULL)
    return NULL;
  if (change != NULL)
    *change = entry->change;
  return entry->current;
}

guint
aplomb_code_history_get_size (AplombCodeHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return g_hash_table_size (history->entries);
}
