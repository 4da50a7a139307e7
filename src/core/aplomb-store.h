/* aplomb-store.h: the .aplomb project file (SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <glib-object.h>

#include "aplomb-territory.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_STORE (aplomb_store_get_type ())
G_DECLARE_FINAL_TYPE (AplombStore, aplomb_store, APLOMB, STORE, GObject)

#define APLOMB_STORE_ERROR (aplomb_store_error_quark ())
GQuark aplomb_store_error_quark (void);

typedef enum
{
  APLOMB_STORE_ERROR_OPEN,        /* missing or unreadable file */
  APLOMB_STORE_ERROR_CORRUPT,     /* not SQLite, or a damaged database */
  APLOMB_STORE_ERROR_NOT_APLOMB,  /* an SQLite database of another application */
  APLOMB_STORE_ERROR_NEWER,       /* written by a newer Aplomb */
  APLOMB_STORE_ERROR_EMPTY,       /* a project with no territory saved yet */
  APLOMB_STORE_ERROR_WRITE,       /* a write failed; the previous content is intact */
} AplombStoreError;

/* Version of the schema this build writes, in PRAGMA user_version. */
#define APLOMB_STORE_SCHEMA_VERSION 1

typedef enum
{
  APLOMB_STORE_READ_ONLY = 0,
  APLOMB_STORE_READ_WRITE = 1 << 0,
  APLOMB_STORE_CREATE = 1 << 1,    /* with READ_WRITE: create the file if missing */
} AplombStoreFlags;

AplombStore     *aplomb_store_open           (const char       *path,
                                              AplombStoreFlags  flags,
                                              GError          **error);
const char      *aplomb_store_get_path       (AplombStore      *self);

/* The territory saved in the project: communes, geometry, populations,
 * columns, practitioners, facilities and sources. */
AplombTerritory *aplomb_store_load_territory (AplombStore      *self,
                                              GError          **error);
/* Replaces the saved territory in one transaction: a failure or a crash
 * leaves the previous one intact. Scenarios and results are kept. */
gboolean         aplomb_store_save_territory (AplombStore      *self,
                                              AplombTerritory  *territory,
                                              GError          **error);

/* The travel times between the project's communes (imported, routed or
 * modelled), replacing those saved before. source says where they come
 * from (see aplomb-travel-project.h) and communes_digest for which
 * communes they were made. */
gboolean         aplomb_store_save_travel_times (AplombStore       *self,
                                                 AplombTravelTimes *times,
                                                 const char        *source,
                                                 const char        *communes_digest,
                                                 GError           **error);
/* The saved travel times up to max_minutes (all of them when 0), with
 * their source and digest; NULL without error when the project has none. */
AplombTravelTimes *aplomb_store_load_travel_times (AplombStore     *self,
                                                   float            max_minutes,
                                                   char           **source,
                                                   char           **communes_digest,
                                                   GError         **error);

/* Scenarios are JSON documents owned by the scenario code; id 0 creates
 * one. Returns the id, or 0 on error. */
gint64           aplomb_store_save_scenario  (AplombStore      *self,
                                              gint64            id,
                                              const char       *name,
                                              const char       *json,
                                              GError          **error);
/* Returns the JSON of a scenario, NULL with error if there is none. */
char            *aplomb_store_load_scenario  (AplombStore      *self,
                                              gint64            id,
                                              char            **name,
                                              GError          **error);
/* Ids of the saved scenarios (gint64 each), oldest first. */
GArray          *aplomb_store_list_scenarios (AplombStore      *self,
                                              GError          **error);
gboolean         aplomb_store_delete_scenario (AplombStore     *self,
                                              gint64            id,
                                              GError          **error);

/* For the modules that keep their own rows (results): every write must go
 * through a transaction. */
sqlite3         *aplomb_store_get_database   (AplombStore      *self);

G_END_DECLS
