/* aplomb-store-copy.c: a consistent copy of a project file
 *
 * "Save As" and imports into a read-only project (the bundled France) both
 * start from a copy. Copying the file with the file system would miss what
 * still sits in the write-ahead log and could catch a write half-way;
 * SQLite's online backup copies the database as one consistent snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "aplomb-store-copy.h"

static void
set_write_error (GError    **error,
                 const char *path,
                 const char *reason)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE,
               _("The project could not be saved as “%s” (%s)."), name, reason);
}

/* Copies the whole database of source into the file at temp_path. */
static gboolean
backup_to (sqlite3    *source,
           const char *temp_path,
           const char *path,
           GError    **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (temp_path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup != NULL)
        {
          /* -1: every page in one step, under a single read transaction
           * of the source, hence a snapshot. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          ok = rc == SQLITE_DONE;
        }
      if (!ok)
        set_write_error (error, path, sqlite3_errmsg (copy));
    }
  else
    {
      set_write_error (error, path, sqlite3_errstr (rc));
    }
  if (sqlite3_close (copy) != SQLITE_OK && ok)
    {
      set_write_error (error, path, sqlite3_errmsg (copy));
      ok = FALSE;
    }
  return ok;
}

/* Journals of an older file at path would be replayed over the copy. */
static void
remove_journals (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      g_remove (journal);
    }
}

/**
 * aplomb_store_save_copy:
 * @self: an open project
 * @path: the file to write, replaced if it exists
 * @error: return location for an error
 *
 * Writes a copy of the project, committed changes included, to @path.
 * The copy is written beside @path and renamed over it once complete, so
 * @path holds either its previous content or the whole copy. Copying a
 * project onto its own file is an error.
 *
 * Returns: %TRUE on success
 */
gboolean
aplomb_store_save_copy (AplombStore *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temp_path = NULL;
  int fd;

  g_return_val_if_fail (APLOMB_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  source = g_canonicalize_filename (aplomb_store_get_path (self), NULL);
  target = g_canonicalize_filename (path, NULL);
  if (g_str_equal (source, target))
    {
      set_write_error (error, path, _("it is the project itself"));
      return FALSE;
    }

  /* 0666 less the umask, as for any file the user saves (g_mkstemp ()
   * would make it private to its owner). */
  temp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (temp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      set_write_error (error, path, g_strerror (errno));
      return FALSE;
    }
  g_close (fd, NULL);

  if (!backup_to (aplomb_store_get_database (self), temp_path, path, error))
    {
      remove_journals (temp_path);
      g_remove (temp_path);
      return FALSE;
    }
  remove_journals (path);
  if (g_rename (temp_path, path) != 0)
    {
      set_write_error (error, path, g_strerror (errno));
      g_remove (temp_path);
      return FALSE;
    }
  return TRUE;
}
