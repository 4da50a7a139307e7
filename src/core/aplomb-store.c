/* aplomb-store.c: the .aplomb project file (SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "aplomb-store.h"
#include "aplomb-travel-private.h"

G_DEFINE_QUARK (aplomb-store-error-quark, aplomb_store_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_blob, sqlite3_blob_close)

/* PRAGMA application_id of every project: "APLM". */
#define APPLICATION_ID 0x41504C4D

/* Coordinates are stored as 32-bit integers of 1e-7 degree (about 1 cm),
 * half the size of doubles; the importers snap to the same grid, so a
 * project reopens identical. */
#define COORD_SCALE 1e7

struct _AplombStore
{
  GObject   parent_instance;
  char     *path;
  char     *name;       /* base name, for messages */
  sqlite3  *db;
  gboolean  writable;
};

G_DEFINE_FINAL_TYPE (AplombStore, aplomb_store, G_TYPE_OBJECT)

/* migrations[v] brings a project from schema version v to v + 1. */
static const char *migrations[APLOMB_STORE_SCHEMA_VERSION] = {
  "CREATE TABLE commune ("
  "  idx INTEGER PRIMARY KEY,"       /* position in the territory, from 0 */
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  departement TEXT,"
  "  epci TEXT,"
  "  epci_name TEXT,"
  "  postcodes TEXT,"                /* space separated */
  "  population REAL,"
  "  share_75plus REAL,"
  "  chef_lieu_lon REAL,"
  "  chef_lieu_lat REAL);"
  /* The flat arrays of AplombGeometry: offsets as little-endian uint32,
   * coordinates as little-endian int32 pairs of 1e-7 degree. */
  "CREATE TABLE geometry ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  feature_offsets BLOB NOT NULL,"
  "  polygon_offsets BLOB NOT NULL,"
  "  ring_offsets BLOB NOT NULL,"
  "  coords BLOB NOT NULL);"
  /* Per-commune vectors are little-endian doubles, NaN where unknown. */
  "CREATE TABLE age_band ("
  "  band INTEGER PRIMARY KEY,"
  "  lower_bound INTEGER NOT NULL,"
  "  vals BLOB NOT NULL);"
  "CREATE TABLE commune_column ("
  "  name TEXT PRIMARY KEY,"
  "  vals BLOB NOT NULL);"
  "CREATE TABLE practitioner ("
  "  id INTEGER PRIMARY KEY,"
  "  profession TEXT NOT NULL,"
  "  commune INTEGER REFERENCES commune (idx),"
  "  lon REAL, lat REAL,"
  "  heads REAL NOT NULL,"
  "  etp REAL, activity REAL,"
  "  age INTEGER NOT NULL,"
  "  mode INTEGER NOT NULL,"
  "  in_msp INTEGER NOT NULL,"
  "  in_centre_de_sante INTEGER NOT NULL);"
  "CREATE TABLE facility ("
  "  id INTEGER PRIMARY KEY,"
  "  finess TEXT, name TEXT,"
  "  kind INTEGER NOT NULL,"
  "  commune INTEGER REFERENCES commune (idx),"
  "  lon REAL, lat REAL);"
  "CREATE TABLE source ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT,"
  "  imported TEXT,"                 /* ISO 8601 */
  "  millesime TEXT,"
  "  licence TEXT);"
  /* The sparse travel-time matrix of the communes as compressed rows:
   * n_communes + 1 row offsets, then the destinations (each row in
   * increasing order) and their minutes, as little-endian uint32, uint32
   * and float32; whether they are symmetric, where they come from
   * ("model SHA256", "csv NAME", "network NAME") and a digest of the
   * communes they were made for. */
  "CREATE TABLE travel_times ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n_communes INTEGER NOT NULL,"
  "  horizon REAL NOT NULL,"
  "  row_offsets BLOB NOT NULL,"
  "  destinations BLOB NOT NULL,"
  "  minutes BLOB NOT NULL,"
  "  symmetric INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  communes_digest TEXT NOT NULL);"
  /* Filled by the scenario and APL modules. */
  "CREATE TABLE scenario ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE result ("
  "  id INTEGER PRIMARY KEY,"
  "  scenario INTEGER REFERENCES scenario (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  computed TEXT NOT NULL,"
  "  parameters TEXT,"
  "  vals BLOB);",
};

static void
aplomb_store_finalize (GObject *object)
{
  AplombStore *self = APLOMB_STORE (object);

  /* Back to a rollback journal when closing, so that the file at rest is
   * self-contained (no -wal beside it) and opens on read-only media. */
  if (self->writable)
    sqlite3_exec (self->db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
  sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->name);
  G_OBJECT_CLASS (aplomb_store_parent_class)->finalize (object);
}

static void
aplomb_store_class_init (AplombStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_store_finalize;
}

static void
aplomb_store_init (AplombStore *self)
{
}

/* Database errors: "not a database" and corruption say the file is
 * damaged, anything else is a failed read or write. */
static void
set_database_error (AplombStore *self,
                    GError     **error,
                    int          write_code)
{
  int rc = sqlite3_errcode (self->db);

  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_CORRUPT,
                 _("“%s” is damaged or is not an Aplomb project (%s)."), self->name,
                 sqlite3_errmsg (self->db));
  else if (write_code == APLOMB_STORE_ERROR_WRITE)
    g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE,
                 _("“%s” could not be saved (%s); its previous content is intact."), self->name,
                 sqlite3_errmsg (self->db));
  else
    g_set_error (error, APLOMB_STORE_ERROR, write_code, _("“%s” could not be read (%s)."),
                 self->name, sqlite3_errmsg (self->db));
}

static sqlite3_stmt *
prepare (AplombStore *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      set_database_error (self, error, APLOMB_STORE_ERROR_OPEN);
      return NULL;
    }
  return statement;
}

static gboolean
execute (AplombStore *self,
         const char  *sql,
         GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_database_error (self, error, APLOMB_STORE_ERROR_WRITE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (AplombStore *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (self, sql, error);

  if (statement == NULL)
    return FALSE;
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      set_database_error (self, error, APLOMB_STORE_ERROR_OPEN);
      return FALSE;
    }
  *value = sqlite3_column_int64 (statement, 0);
  return TRUE;
}

static gboolean
migrate (AplombStore *self,
         gint64       from,
         GError     **error)
{
  g_autofree char *set_version = NULL;

  if (!execute (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (gint64 v = from; v < APLOMB_STORE_SCHEMA_VERSION; v++)
    if (!execute (self, migrations[v], error))
      {
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }
  set_version = g_strdup_printf ("PRAGMA application_id=%d; PRAGMA user_version=%d",
                                 APPLICATION_ID, APLOMB_STORE_SCHEMA_VERSION);
  if (!execute (self, set_version, error) || !execute (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (AplombStore *self,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (self, "PRAGMA quick_check", error);
  const char *result;

  if (statement == NULL)
    return FALSE;
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      set_database_error (self, error, APLOMB_STORE_ERROR_CORRUPT);
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (statement, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      /* The first of SQLite's findings is enough to tell the user. */
      g_autofree char *first = g_strndup (result, strcspn (result != NULL ? result : "", "\n"));

      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s)."), self->name, first);
      return FALSE;
    }
  return TRUE;
}

/* Tells an Aplomb project (of this version or an older one) from any other
 * file, and brings a new or older project to the current schema. */
static gboolean
check_and_upgrade (AplombStore *self,
                   GError     **error)
{
  gint64 application_id, version, n_tables;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;

  if (application_id == 0 && version == 0 && n_tables == 0)
    {
      if (!self->writable)
        {
          g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_EMPTY,
                       _("“%s” is an empty project."), self->name);
          return FALSE;
        }
      return migrate (self, 0, error);
    }
  if (application_id != APPLICATION_ID)
    {
      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_NOT_APLOMB,
                   _("“%s” is a database of another application, not an Aplomb project."),
                   self->name);
      return FALSE;
    }
  if (version > APLOMB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Aplomb (format %d; this version "
                     "reads up to format %d). Update Aplomb to open it."),
                   self->name, (int) version, APLOMB_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  /* A project about to be written is checked whole first. One only read
   * (the bundled France at every start) reports damage where a read meets
   * it: checking its 40 MB would cost more than loading it. */
  if (self->writable && !check_integrity (self, error))
    return FALSE;
  if (version < APLOMB_STORE_SCHEMA_VERSION)
    {
      if (!self->writable)
        {
          g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN,
                       _("“%s” was saved by an older version of Aplomb and must be opened for "
                         "writing to be upgraded."), self->name);
          return FALSE;
        }
      return migrate (self, version, error);
    }
  return TRUE;
}

AplombStore *
aplomb_store_open (const char      *path,
                   AplombStoreFlags flags,
                   GError         **error)
{
  g_autoptr(AplombStore) self = NULL;
  int open_flags;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (APLOMB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);
  self->writable = (flags & APLOMB_STORE_READ_WRITE) != 0;

  if (!(self->writable && (flags & APLOMB_STORE_CREATE)) &&
      !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN,
                   _("The project “%s” does not exist."), self->name);
      return NULL;
    }

  open_flags = self->writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (self->writable && (flags & APLOMB_STORE_CREATE))
    open_flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2 (path, &self->db, open_flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN,
                   _("The project “%s” could not be opened (%s)."), self->name,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  /* Pages mapped rather than read call by call: the integrity check and
   * the travel-time blobs go through tens of megabytes. */
  sqlite3_exec (self->db, "PRAGMA mmap_size=268435456", NULL, NULL, NULL);

  if (!check_and_upgrade (self, error))
    return NULL;
  if (self->writable &&
      !execute (self, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON", error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
aplomb_store_get_path (AplombStore *self)
{
  g_return_val_if_fail (APLOMB_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
aplomb_store_get_database (AplombStore *self)
{
  g_return_val_if_fail (APLOMB_IS_STORE (self), NULL);

  return self->db;
}

/* Blobs of little-endian numbers */

static GBytes *
encode_guints (const guint *values,
               guint        n)
{
  guint32 *data = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    data[i] = GUINT32_TO_LE (values[i]);
  return g_bytes_new_take (data, (gsize) n * sizeof (guint32));
}

static GBytes *
encode_doubles (const double *values,
                guint         n)
{
  guint64 *data = g_new (guint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint64 bits;

      memcpy (&bits, &values[i], sizeof bits);
      data[i] = GUINT64_TO_LE (bits);
    }
  return g_bytes_new_take (data, (gsize) n * sizeof (guint64));
}

static GBytes *
encode_coords (const double *coords,
               guint         n)
{
  gint32 *data = g_new (gint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    data[i] = GINT32_TO_LE ((gint32) lround (coords[i] * COORD_SCALE));
  return g_bytes_new_take (data, (gsize) n * sizeof (gint32));
}

/* NULL when the blob does not hold the expected number of doubles. */
static double *
decode_doubles (sqlite3_stmt *statement,
                int           column,
                guint         expected)
{
  const guchar *blob = sqlite3_column_blob (statement, column);
  gsize bytes = sqlite3_column_bytes (statement, column);
  double *values;

  if (bytes != (gsize) expected * sizeof (guint64))
    return NULL;
  values = g_new (double, MAX (expected, 1));
  for (guint i = 0; i < expected; i++)
    {
      guint64 bits;

      memcpy (&bits, blob + i * sizeof bits, sizeof bits);
      bits = GUINT64_FROM_LE (bits);
      memcpy (&values[i], &bits, sizeof bits);
    }
  return values;
}

static void
bind_bytes (sqlite3_stmt *statement,
            int           column,
            GBytes       *bytes)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  sqlite3_bind_blob64 (statement, column, data, size, SQLITE_TRANSIENT);
}

/* SQLite stores a NaN as NULL; NULL reads back as NaN. */
static double
column_double (sqlite3_stmt *statement,
               int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (statement, column);
}

static void
bind_double (sqlite3_stmt *statement,
             int           column,
             double        value)
{
  if (isnan (value))
    sqlite3_bind_null (statement, column);
  else
    sqlite3_bind_double (statement, column, value);
}

/* Saving */

static gboolean
step_done (AplombStore  *self,
           sqlite3_stmt *statement,
           GError      **error)
{
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      set_database_error (self, error, APLOMB_STORE_ERROR_WRITE);
      return FALSE;
    }
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return TRUE;
}

static gboolean
save_communes (AplombStore     *self,
               AplombTerritory *territory,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) insert = prepare (self,
    "INSERT INTO commune (idx, code, name, departement, epci, epci_name, postcodes, population,"
    " share_75plus, chef_lieu_lon, chef_lieu_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  const double *population = aplomb_territory_get_population (territory);
  const double *share = aplomb_territory_get_share_75plus (territory);

  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < aplomb_territory_get_n_communes (territory); i++)
    {
      const char * const *postcodes = aplomb_territory_get_postcodes (territory, i);
      g_autofree char *joined = postcodes != NULL ? g_strjoinv (" ", (char **) postcodes) : NULL;

      sqlite3_bind_int64 (insert, 1, i);
      sqlite3_bind_text (insert, 2, aplomb_territory_get_code (territory, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, aplomb_territory_get_name (territory, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, aplomb_territory_get_departement (territory, i), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, aplomb_territory_get_epci (territory, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, aplomb_territory_get_epci_name (territory, i), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, joined, -1, SQLITE_TRANSIENT);
      bind_double (insert, 8, population[i]);
      bind_double (insert, 9, share[i]);
      if (aplomb_territory_has_chef_lieu (territory, i))
        {
          double lon, lat;

          aplomb_territory_get_inner_point (territory, i, &lon, &lat);
          bind_double (insert, 10, lon);
          bind_double (insert, 11, lat);
        }
      if (!step_done (self, insert, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_geometry (AplombStore     *self,
               AplombTerritory *territory,
               GError         **error)
{
  const AplombGeometry *g = aplomb_territory_get_geometry (territory);
  g_autoptr(sqlite3_stmt) insert = prepare (self,
    "INSERT INTO geometry (id, feature_offsets, polygon_offsets, ring_offsets, coords)"
    " VALUES (1, ?, ?, ?, ?)", error);
  g_autoptr(GBytes) features = encode_guints (g->feature_offsets, g->n_features + 1);
  g_autoptr(GBytes) polygons = encode_guints (g->polygon_offsets, g->n_polygons + 1);
  g_autoptr(GBytes) rings = encode_guints (g->ring_offsets, g->n_rings + 1);
  g_autoptr(GBytes) coords = encode_coords (g->coords, 2 * g->n_points);

  if (insert == NULL)
    return FALSE;
  bind_bytes (insert, 1, features);
  bind_bytes (insert, 2, polygons);
  bind_bytes (insert, 3, rings);
  bind_bytes (insert, 4, coords);
  return step_done (self, insert, error);
}

static gboolean
save_vectors (AplombStore     *self,
              AplombTerritory *territory,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) insert_band = prepare (self,
    "INSERT INTO age_band (band, lower_bound, vals) VALUES (?, ?, ?)", error);
  g_autoptr(sqlite3_stmt) insert_column = prepare (self,
    "INSERT INTO commune_column (name, vals) VALUES (?, ?)", error);
  g_auto(GStrv) names = aplomb_territory_list_columns (territory);
  guint n = aplomb_territory_get_n_communes (territory), n_bands;
  const guint *bounds;
  const double *bands = aplomb_territory_get_age_bands (territory, &n_bands, &bounds);

  if (insert_band == NULL || insert_column == NULL)
    return FALSE;
  for (guint b = 0; b < n_bands; b++)
    {
      g_autofree double *band = g_new (double, MAX (n, 1));
      g_autoptr(GBytes) bytes = NULL;

      for (guint i = 0; i < n; i++)
        band[i] = bands[(gsize) i * n_bands + b];
      bytes = encode_doubles (band, n);
      sqlite3_bind_int (insert_band, 1, b);
      sqlite3_bind_int (insert_band, 2, bounds[b]);
      bind_bytes (insert_band, 3, bytes);
      if (!step_done (self, insert_band, error))
        return FALSE;
    }
  for (guint c = 0; names[c] != NULL; c++)
    {
      g_autoptr(GBytes) bytes = encode_doubles (aplomb_territory_get_column (territory, names[c]), n);

      sqlite3_bind_text (insert_column, 1, names[c], -1, SQLITE_STATIC);
      bind_bytes (insert_column, 2, bytes);
      if (!step_done (self, insert_column, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_commune (sqlite3_stmt *statement,
              int           column,
              int           commune)
{
  if (commune < 0)
    sqlite3_bind_null (statement, column);
  else
    sqlite3_bind_int (statement, column, commune);
}

static gboolean
save_supply (AplombStore     *self,
             AplombTerritory *territory,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) insert_practitioner = prepare (self,
    "INSERT INTO practitioner (profession, commune, lon, lat, heads, etp, activity, age, mode,"
    " in_msp, in_centre_de_sante) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autoptr(sqlite3_stmt) insert_facility = prepare (self,
    "INSERT INTO facility (finess, name, kind, commune, lon, lat) VALUES (?, ?, ?, ?, ?, ?)",
    error);
  const AplombPractitioner *practitioners = aplomb_territory_get_practitioners (territory);
  const AplombFacility *facilities = aplomb_territory_get_facilities (territory);

  if (insert_practitioner == NULL || insert_facility == NULL)
    return FALSE;
  for (guint i = 0; i < aplomb_territory_get_n_practitioners (territory); i++)
    {
      const AplombPractitioner *p = &practitioners[i];

      sqlite3_bind_text (insert_practitioner, 1, aplomb_profession_to_string (p->profession), -1,
                         SQLITE_STATIC);
      bind_commune (insert_practitioner, 2, p->commune);
      bind_double (insert_practitioner, 3, p->lon);
      bind_double (insert_practitioner, 4, p->lat);
      bind_double (insert_practitioner, 5, p->heads);
      bind_double (insert_practitioner, 6, p->etp);
      bind_double (insert_practitioner, 7, p->activity);
      sqlite3_bind_int (insert_practitioner, 8, p->age);
      sqlite3_bind_int (insert_practitioner, 9, p->mode);
      sqlite3_bind_int (insert_practitioner, 10, p->in_msp);
      sqlite3_bind_int (insert_practitioner, 11, p->in_centre_de_sante);
      if (!step_done (self, insert_practitioner, error))
        return FALSE;
    }
  for (guint i = 0; i < aplomb_territory_get_n_facilities (territory); i++)
    {
      const AplombFacility *f = &facilities[i];

      sqlite3_bind_text (insert_facility, 1, f->finess, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_facility, 2, f->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_facility, 3, f->kind);
      bind_commune (insert_facility, 4, f->commune);
      bind_double (insert_facility, 5, f->lon);
      bind_double (insert_facility, 6, f->lat);
      if (!step_done (self, insert_facility, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_sources (AplombStore     *self,
              AplombTerritory *territory,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) insert = prepare (self,
    "INSERT INTO source (kind, file_name, sha256, imported, millesime, licence)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  GPtrArray *sources = aplomb_territory_get_sources (territory);

  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      const AplombSource *source = g_ptr_array_index (sources, i);
      g_autofree char *imported = source->imported != NULL
        ? g_date_time_format_iso8601 (source->imported) : NULL;

      sqlite3_bind_text (insert, 1, source->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, source->file_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, source->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, imported, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 5, source->millesime, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, source->licence, -1, SQLITE_STATIC);
      if (!step_done (self, insert, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
aplomb_store_save_territory (AplombStore     *self,
                             AplombTerritory *territory,
                             GError         **error)
{
  g_return_val_if_fail (APLOMB_IS_STORE (self), FALSE);
  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), FALSE);

  if (!self->writable)
    {
      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_WRITE,
                   _("“%s” is open read-only: save the project under another name."), self->name);
      return FALSE;
    }
  if (!execute (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!execute (self,
                "DELETE FROM practitioner; DELETE FROM facility; DELETE FROM commune;"
                "DELETE FROM geometry; DELETE FROM age_band; DELETE FROM commune_column;"
                "DELETE FROM source", error) ||
      !save_communes (self, territory, error) ||
      !save_geometry (self, territory, error) ||
      !save_vectors (self, territory, error) ||
      !save_supply (self, territory, error) ||
      !save_sources (self, territory, error) ||
      !execute (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Loading */

static void
set_corrupt (AplombStore *self,
             GError     **error,
             const char  *what)
{
  g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_CORRUPT,
               _("“%s” is damaged: its %s cannot be read."), self->name, what);
}

static gboolean
finish_rows (AplombStore *self,
             int          rc,
             GError     **error)
{
  if (rc != SQLITE_DONE)
    {
      set_database_error (self, error, APLOMB_STORE_ERROR_CORRUPT);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_communes (AplombStore     *self,
               AplombTerritory *territory,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) select = prepare (self,
    "SELECT idx, code, name, departement, epci, epci_name, postcodes, population, share_75plus,"
    " chef_lieu_lon, chef_lieu_lat FROM commune ORDER BY idx", error);
  g_autoptr(GArray) population = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) share = g_array_new (FALSE, FALSE, sizeof (double));
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (select, 1);
      const char *postcodes = (const char *) sqlite3_column_text (select, 6);
      double value;
      guint i;

      if (sqlite3_column_int64 (select, 0) != population->len || code == NULL ||
          aplomb_territory_lookup (territory, code) >= 0)
        {
          set_corrupt (self, error, _("communes"));
          return FALSE;
        }
      i = aplomb_territory_add_commune (territory, code,
                                        (const char *) sqlite3_column_text (select, 2),
                                        (const char *) sqlite3_column_text (select, 3));
      if (sqlite3_column_type (select, 4) != SQLITE_NULL)
        aplomb_territory_set_epci (territory, i, (const char *) sqlite3_column_text (select, 4),
                                   (const char *) sqlite3_column_text (select, 5));
      if (postcodes != NULL)
        aplomb_territory_take_postcodes (territory, i, g_strsplit (postcodes, " ", -1));
      value = column_double (select, 7);
      g_array_append_val (population, value);
      value = column_double (select, 8);
      g_array_append_val (share, value);
      if (sqlite3_column_type (select, 9) != SQLITE_NULL)
        aplomb_territory_set_chef_lieu (territory, i, column_double (select, 9),
                                        column_double (select, 10));
    }
  if (!finish_rows (self, rc, error))
    return FALSE;
  if (population->len > 0)
    {
      aplomb_territory_set_population (territory, (const double *) population->data);
      aplomb_territory_set_share_75plus (territory, (const double *) share->data);
    }
  return TRUE;
}

/* Fresh memory faults a page at a time, which costs more than copying
 * into it: fault the whole destination in one call (Linux 5.14 and
 * later; elsewhere nothing happens and the copy faults as usual). */
static void
prefault (gpointer data,
          gsize    size)
{
#ifdef MADV_POPULATE_WRITE
  guintptr page = sysconf (_SC_PAGESIZE);
  guintptr start = GPOINTER_TO_SIZE (data) & ~(page - 1);
  guintptr end = (GPOINTER_TO_SIZE (data) + size + page - 1) & ~(page - 1);

  madvise (GSIZE_TO_POINTER (start), end - start, MADV_POPULATE_WRITE);
#endif
}

/* A blob of the geometry row, 32-bit little-endian items, read slice by
 * slice into an array of offsets or of coordinates: the 5 MB of France's
 * points are neither copied whole by SQLite nor decoded into a copy. */
static GArray *
read_geometry_blob (AplombStore *self,
                    const char  *column,
                    gboolean     coordinates)
{
  g_autoptr(sqlite3_blob) blob = NULL;
  g_autoptr(GArray) array = NULL;
  guint32 slice[4096];
  gsize n;

  if (sqlite3_blob_open (self->db, "main", "geometry", column, 1, 0, &blob) != SQLITE_OK ||
      sqlite3_blob_bytes (blob) % sizeof (guint32) != 0)
    return NULL;
  n = sqlite3_blob_bytes (blob) / sizeof (guint32);
  array = g_array_sized_new (FALSE, FALSE, coordinates ? sizeof (double) : sizeof (guint), n);
  g_array_set_size (array, n);
  prefault (array->data, (gsize) n * g_array_get_element_size (array));
  for (gsize first = 0; first < n; first += G_N_ELEMENTS (slice))
    {
      guint count = MIN (G_N_ELEMENTS (slice), n - first);

      if (sqlite3_blob_read (blob, slice, count * sizeof (guint32),
                             first * sizeof (guint32)) != SQLITE_OK)
        return NULL;
      for (guint k = 0; k < count; k++)
        {
          guint32 item = GUINT32_FROM_LE (slice[k]);

          /* Dividing (not multiplying by 1e-7) gives the double nearest
           * to the decimal value, i.e. what parsing the source text gave. */
          if (coordinates)
            g_array_index (array, double, first + k) = (gint32) item / COORD_SCALE;
          else
            g_array_index (array, guint, first + k) = item;
        }
    }
  return g_steal_pointer (&array);
}

static gboolean
load_geometry (AplombStore     *self,
               AplombTerritory *territory,
               GError         **error)
{
  GArray *features, *polygons, *rings, *coords;
  gint64 n_rows;

  if (!query_int (self, "SELECT count(*) FROM geometry", &n_rows, error))
    return FALSE;
  if (n_rows == 0)
    return TRUE;    /* communes without geometry */

  features = read_geometry_blob (self, "feature_offsets", FALSE);
  polygons = read_geometry_blob (self, "polygon_offsets", FALSE);
  rings = read_geometry_blob (self, "ring_offsets", FALSE);
  coords = read_geometry_blob (self, "coords", TRUE);
  if (features == NULL || polygons == NULL || rings == NULL || coords == NULL)
    {
      g_clear_pointer (&features, g_array_unref);
      g_clear_pointer (&polygons, g_array_unref);
      g_clear_pointer (&rings, g_array_unref);
      g_clear_pointer (&coords, g_array_unref);
      set_corrupt (self, error, _("geometry"));
      return FALSE;
    }
  if (!aplomb_territory_take_geometry (territory, features, polygons, rings, coords, NULL))
    {
      set_corrupt (self, error, _("geometry"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_vectors (AplombStore     *self,
              AplombTerritory *territory,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) select_bands = prepare (self,
    "SELECT lower_bound, vals FROM age_band ORDER BY band", error);
  g_autoptr(sqlite3_stmt) select_columns = prepare (self,
    "SELECT name, vals FROM commune_column", error);
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) bands = g_ptr_array_new_with_free_func (g_free);
  guint n = aplomb_territory_get_n_communes (territory);
  int rc;

  if (select_bands == NULL || select_columns == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select_bands)) == SQLITE_ROW)
    {
      guint bound = sqlite3_column_int (select_bands, 0);
      double *band = decode_doubles (select_bands, 1, n);

      if (band == NULL)
        {
          set_corrupt (self, error, _("age bands"));
          return FALSE;
        }
      g_array_append_val (bounds, bound);
      g_ptr_array_add (bands, band);
    }
  if (!finish_rows (self, rc, error))
    return FALSE;
  if (bands->len > 0)
    {
      g_autofree double *matrix = g_new (double, (gsize) n * bands->len);

      for (guint b = 0; b < bands->len; b++)
        for (guint i = 0; i < n; i++)
          matrix[(gsize) i * bands->len + b] = ((double *) g_ptr_array_index (bands, b))[i];
      aplomb_territory_set_age_bands (territory, bands->len, (const guint *) bounds->data, matrix);
    }

  while ((rc = sqlite3_step (select_columns)) == SQLITE_ROW)
    {
      g_autofree double *values = decode_doubles (select_columns, 1, n);

      if (values == NULL)
        {
          set_corrupt (self, error, _("columns"));
          return FALSE;
        }
      aplomb_territory_set_column (territory, (const char *) sqlite3_column_text (select_columns, 0),
                                   values);
    }
  return finish_rows (self, rc, error);
}

static int
column_commune (sqlite3_stmt *statement,
                int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int (statement, column);
}

static gboolean
load_practitioners (AplombStore     *self,
                    AplombTerritory *territory,
                    GError         **error)
{
  g_autoptr(sqlite3_stmt) select = prepare (self,
    "SELECT profession, commune, lon, lat, heads, etp, activity, age, mode, in_msp,"
    " in_centre_de_sante FROM practitioner ORDER BY id", error);
  int n = aplomb_territory_get_n_communes (territory);
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *profession = (const char *) sqlite3_column_text (select, 0);
      AplombPractitioner p = {
        .commune = column_commune (select, 1),
        .lon = column_double (select, 2),
        .lat = column_double (select, 3),
        .heads = column_double (select, 4),
        .etp = column_double (select, 5),
        .activity = column_double (select, 6),
        .age = sqlite3_column_int (select, 7),
        .mode = sqlite3_column_int (select, 8),
        .in_msp = sqlite3_column_int (select, 9) != 0,
        .in_centre_de_sante = sqlite3_column_int (select, 10) != 0,
      };

      if (profession == NULL || !aplomb_profession_from_string (profession, &p.profession) ||
          p.commune >= n || p.mode > APLOMB_PRACTICE_MIXED)
        {
          set_corrupt (self, error, _("practitioners"));
          return FALSE;
        }
      aplomb_territory_add_practitioner (territory, &p);
    }
  return finish_rows (self, rc, error);
}

static gboolean
load_facilities (AplombStore     *self,
                 AplombTerritory *territory,
                 GError         **error)
{
  g_autoptr(sqlite3_stmt) select = prepare (self,
    "SELECT finess, name, kind, commune, lon, lat FROM facility ORDER BY id", error);
  int n = aplomb_territory_get_n_communes (territory);
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      AplombFacility f = {
        .finess = (char *) sqlite3_column_text (select, 0),
        .name = (char *) sqlite3_column_text (select, 1),
        .kind = sqlite3_column_int (select, 2),
        .commune = column_commune (select, 3),
        .lon = column_double (select, 4),
        .lat = column_double (select, 5),
      };

      if (f.commune >= n || f.kind > APLOMB_FACILITY_OTHER)
        {
          set_corrupt (self, error, _("facilities"));
          return FALSE;
        }
      aplomb_territory_add_facility (territory, &f);
    }
  return finish_rows (self, rc, error);
}

static gboolean
load_sources (AplombStore     *self,
              AplombTerritory *territory,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) select = prepare (self,
    "SELECT kind, file_name, sha256, imported, millesime, licence FROM source ORDER BY id", error);
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *imported = (const char *) sqlite3_column_text (select, 3);
      g_autoptr(GDateTime) date = imported != NULL ? g_date_time_new_from_iso8601 (imported, NULL)
                                                   : NULL;

      aplomb_territory_add_source (territory,
                                   aplomb_source_new ((const char *) sqlite3_column_text (select, 0),
                                                      (const char *) sqlite3_column_text (select, 1),
                                                      (const char *) sqlite3_column_text (select, 2),
                                                      date,
                                                      (const char *) sqlite3_column_text (select, 4),
                                                      (const char *) sqlite3_column_text (select, 5)));
    }
  return finish_rows (self, rc, error);
}

AplombTerritory *
aplomb_store_load_territory (AplombStore *self,
                             GError     **error)
{
  g_autoptr(AplombTerritory) territory = NULL;
  gboolean ok;

  g_return_val_if_fail (APLOMB_IS_STORE (self), NULL);

  territory = aplomb_territory_new ();
  /* One read transaction: a consistent snapshot even if another
   * connection saves meanwhile. */
  if (!execute (self, "BEGIN", error))
    return NULL;
  ok = load_communes (self, territory, error) &&
       load_geometry (self, territory, error) &&
       load_vectors (self, territory, error) &&
       load_practitioners (self, territory, error) &&
       load_facilities (self, territory, error) &&
       load_sources (self, territory, error);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return ok ? g_steal_pointer (&territory) : NULL;
}

/* Travel times */

static GBytes *
encode_floats (const float *values,
               gsize        n)
{
  guint32 *data = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;

      memcpy (&bits, &values[i], sizeof bits);
      data[i] = GUINT32_TO_LE (bits);
    }
  return g_bytes_new_take (data, n * sizeof (guint32));
}

gboolean
aplomb_store_save_travel_times (AplombStore       *self,
                                AplombTravelTimes *times,
                                const char        *source,
                                const char        *communes_digest,
                                GError           **error)
{
  guint n = aplomb_travel_times_get_n_communes (times);
  gsize n_pairs = aplomb_travel_times_get_n_pairs (times);
  g_autofree guint *offsets = g_new (guint, n + 1);
  const guint *destinations = NULL;
  const float *minutes = NULL;
  g_autoptr(GBytes) offset_bytes = NULL, destination_bytes = NULL, minute_bytes = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  g_return_val_if_fail (APLOMB_IS_STORE (self), FALSE);
  g_return_val_if_fail (APLOMB_IS_TRAVEL_TIMES (times), FALSE);
  g_return_val_if_fail (source != NULL && communes_digest != NULL, FALSE);

  /* Rows are contiguous: row 0 starts the arrays. */
  offsets[0] = 0;
  for (guint i = 0; i < n; i++)
    offsets[i + 1] = offsets[i] + aplomb_travel_times_get_row (times, i, NULL, NULL);
  if (n > 0)
    aplomb_travel_times_get_row (times, 0, &destinations, &minutes);
  offset_bytes = encode_guints (offsets, n + 1);
  destination_bytes = encode_guints (destinations, n_pairs);
  minute_bytes = encode_floats (minutes, n_pairs);

  if (!execute (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  insert = prepare (self, "INSERT INTO travel_times (id, n_communes, horizon, row_offsets,"
                          " destinations, minutes, symmetric, source, communes_digest)"
                          " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL || !execute (self, "DELETE FROM travel_times", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  sqlite3_bind_int (insert, 1, n);
  sqlite3_bind_double (insert, 2, aplomb_travel_times_get_horizon (times));
  bind_bytes (insert, 3, offset_bytes);
  bind_bytes (insert, 4, destination_bytes);
  bind_bytes (insert, 5, minute_bytes);
  sqlite3_bind_int (insert, 6, aplomb_travel_times_get_symmetric (times));
  sqlite3_bind_text (insert, 7, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 8, communes_digest, -1, SQLITE_TRANSIENT);
  if (!step_done (self, insert, error) || !execute (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* A blob of count little-endian 32-bit items read straight into items:
 * the France matrix is 32 MB of blobs, and a copy would double the peak. */
static gboolean
read_blob (AplombStore *self,
           const char  *column,
           gpointer     items,
           gsize        count)
{
  g_autoptr(sqlite3_blob) blob = NULL;
  guint32 *words = items;

  prefault (items, count * sizeof (guint32));
  if (count > G_MAXINT / sizeof (guint32) ||
      sqlite3_blob_open (self->db, "main", "travel_times", column, 1, 0, &blob) != SQLITE_OK ||
      (gsize) sqlite3_blob_bytes (blob) != count * sizeof (guint32) ||
      sqlite3_blob_read (blob, items, count * sizeof (guint32), 0) != SQLITE_OK)
    return FALSE;
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    for (gsize k = 0; k < count; k++)
      words[k] = GUINT32_FROM_LE (words[k]);
  return TRUE;
}

/* Checks the rows and keeps, in place, the times up to limit: offsets
 * must run from 0 to n_pairs, each row hold increasing destinations of
 * the project and times from 0 to the horizon. */
static gboolean
keep_rows (guint  n,
           float  horizon,
           float  limit,
           guint *offsets,
           guint *destinations,
           float *minutes,
           gsize  n_pairs)
{
  guint kept = 0;

  if (offsets[0] != 0 || offsets[n] != n_pairs)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint start = offsets[i], end = offsets[i + 1];

      if (end < start || end > n_pairs)
        return FALSE;
      offsets[i] = kept;
      for (guint k = start; k < end; k++)
        {
          if (destinations[k] >= n || (k > start && destinations[k] <= destinations[k - 1]) ||
              !(minutes[k] >= 0 && minutes[k] <= horizon))
            return FALSE;
          if (minutes[k] <= limit)
            {
              destinations[kept] = destinations[k];
              minutes[kept++] = minutes[k];
            }
        }
    }
  offsets[n] = kept;
  return TRUE;
}

AplombTravelTimes *
aplomb_store_load_travel_times (AplombStore *self,
                                float        max_minutes,
                                char       **source,
                                char       **communes_digest,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autofree guint *offsets = NULL, *destinations = NULL;
  g_autofree float *minutes = NULL;
  AplombTravelTimes *times = NULL;
  float horizon, limit;
  gsize n_pairs;
  guint n;
  int rc;

  g_return_val_if_fail (APLOMB_IS_STORE (self), NULL);
  g_return_val_if_fail (max_minutes >= 0, NULL);

  /* One read transaction: the row and its blobs from the same save. */
  if (!execute (self, "BEGIN", error))
    return NULL;
  select = prepare (self, "SELECT n_communes, horizon, length (destinations) / 4, source,"
                          " communes_digest, symmetric FROM travel_times WHERE id = 1", error);
  rc = select != NULL ? sqlite3_step (select) : SQLITE_ERROR;
  if (rc == SQLITE_ROW)
    {
      n = sqlite3_column_int (select, 0);
      horizon = sqlite3_column_double (select, 1);
      n_pairs = sqlite3_column_int64 (select, 2);
      limit = max_minutes > 0 ? MIN (horizon, max_minutes) : horizon;
      offsets = g_new (guint, (gsize) n + 1);
      destinations = g_new (guint, MAX (n_pairs, 1));
      minutes = g_new (float, MAX (n_pairs, 1));
      if (!read_blob (self, "row_offsets", offsets, (gsize) n + 1) ||
          !read_blob (self, "destinations", destinations, n_pairs) ||
          !read_blob (self, "minutes", minutes, n_pairs) ||
          !keep_rows (n, horizon, limit, offsets, destinations, minutes, n_pairs))
        set_corrupt (self, error, _("travel times"));
      else
        {
          /* Times cut at the limit give back what they no longer use. */
          destinations = g_renew (guint, destinations, MAX (offsets[n], 1));
          minutes = g_renew (float, minutes, MAX (offsets[n], 1));
          times = aplomb_travel_times_new_take (n, limit, g_steal_pointer (&offsets),
                                                g_steal_pointer (&destinations),
                                                g_steal_pointer (&minutes));
          if (sqlite3_column_int (select, 5))
            aplomb_travel_times_set_symmetric (times);
        }
      if (times != NULL && source != NULL)
        *source = g_strdup ((const char *) sqlite3_column_text (select, 3));
      if (times != NULL && communes_digest != NULL)
        *communes_digest = g_strdup ((const char *) sqlite3_column_text (select, 4));
    }
  else if (select != NULL && rc != SQLITE_DONE)
    finish_rows (self, rc, error);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return times;
}

/* Scenarios */

gint64
aplomb_store_save_scenario (AplombStore *self,
                            gint64       id,
                            const char  *name,
                            const char  *json,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (APLOMB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL && json != NULL, 0);

  statement = prepare (self, id == 0
    ? "INSERT INTO scenario (name, json, created, modified) VALUES (?1, ?2, ?3, ?3)"
    : "UPDATE scenario SET name = ?1, json = ?2, modified = ?3 WHERE id = ?4", error);
  if (statement == NULL)
    return 0;
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, stamp, -1, SQLITE_STATIC);
  if (id != 0)
    sqlite3_bind_int64 (statement, 4, id);
  if (!step_done (self, statement, error))
    return 0;
  return id != 0 ? id : sqlite3_last_insert_rowid (self->db);
}

char *
aplomb_store_load_scenario (AplombStore *self,
                            gint64       id,
                            char       **name,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;

  g_return_val_if_fail (APLOMB_IS_STORE (self), NULL);

  select = prepare (self, "SELECT name, json FROM scenario WHERE id = ?", error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_int64 (select, 1, id);
  if (sqlite3_step (select) != SQLITE_ROW)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, APLOMB_STORE_ERROR, APLOMB_STORE_ERROR_OPEN,
                   _("“%s” has no scenario number %s."), self->name, number);
      return NULL;
    }
  if (name != NULL)
    *name = g_strdup ((const char *) sqlite3_column_text (select, 0));
  return g_strdup ((const char *) sqlite3_column_text (select, 1));
}

GArray *
aplomb_store_list_scenarios (AplombStore *self,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (APLOMB_IS_STORE (self), NULL);

  select = prepare (self, "SELECT id FROM scenario ORDER BY id", error);
  if (select == NULL)
    return NULL;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);

      g_array_append_val (ids, id);
    }
  if (!finish_rows (self, rc, error))
    return NULL;
  return g_steal_pointer (&ids);
}

gboolean
aplomb_store_delete_scenario (AplombStore *self,
                              gint64       id,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;

  g_return_val_if_fail (APLOMB_IS_STORE (self), FALSE);

  statement = prepare (self, "DELETE FROM scenario WHERE id = ?", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  return step_done (self, statement, error);
}
