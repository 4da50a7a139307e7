/* aplomb-travel-project.c: the travel times a project works with
 *
 * Building the France matrix from the model takes half a second of CPU;
 * reading it back from the project, about 20 ms. A saved matrix is only trusted while it fits: same
 * communes at the same points and, for a modelled one, the same model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "aplomb-apl-territory.h"
#include "aplomb-core.h"
#include "aplomb-travel-model.h"
#include "aplomb-travel-project.h"

#define SOURCE_MODEL "model"

char *
aplomb_travel_source_for_model (const char *model_path,
                                GError    **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  if (!g_file_get_contents (model_path, &contents, &length, error))
    return NULL;
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return g_strconcat (SOURCE_MODEL " ", checksum, NULL);
}

char *
aplomb_travel_source_for_file (const char *kind,
                               const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  return g_strconcat (kind, " ", name, NULL);
}

char *
aplomb_travel_source_describe (const char *source)
{
  const char *detail = strchr (source, ' ');

  detail = detail != NULL ? detail + 1 : "";
  if (g_str_has_prefix (source, SOURCE_MODEL " "))
    return g_strdup (_("modelled from distances"));
  if (g_str_has_prefix (source, "csv "))
    return g_strdup_printf (_("imported from %s"), detail);
  if (g_str_has_prefix (source, "network "))
    return g_strdup_printf (_("routed on %s"), detail);
  return g_strdup (_("of unknown origin"));
}

/* FNV-1a: the digest only tells a changed territory from the one the
 * times were made for, nobody forges it; SHA-256 of France's codes and
 * points cost 6 ms at every opening, a third of reading the matrix. */
static guint64
fnv1a (guint64       hash,
       gconstpointer data,
       gsize         length)
{
  const guchar *bytes = data;

  for (gsize k = 0; k < length; k++)
    hash = (hash ^ bytes[k]) * G_GUINT64_CONSTANT (0x100000001b3);
  return hash;
}

char *
aplomb_travel_communes_digest (AplombTerritory *territory)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree double *lon = g_new (double, MAX (n, 1));
  g_autofree double *lat = g_new (double, MAX (n, 1));
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  aplomb_apl_territory_points (territory, lon, lat);
  for (guint i = 0; i < n; i++)
    {
      const char *code = aplomb_territory_get_code (territory, i);
      /* The points at the store's precision (1e-7 degree), in a fixed byte
       * order: the same project gives the same digest on any machine. */
      gint32 point[2] = {
        GINT32_TO_LE ((gint32) lround (lon[i] * 1e7)),
        GINT32_TO_LE ((gint32) lround (lat[i] * 1e7)),
      };

      hash = fnv1a (hash, code, strlen (code) + 1);
      hash = fnv1a (hash, point, sizeof point);
    }
  return g_strdup_printf ("fnv1a64:%016" G_GINT64_MODIFIER "x", hash);
}

gboolean
aplomb_travel_times_save_to_project (AplombStore       *store,
                                     AplombTerritory   *territory,
                                     AplombTravelTimes *times,
                                     const char        *source,
                                     GError           **error)
{
  g_autofree char *digest = aplomb_travel_communes_digest (territory);

  return aplomb_store_save_travel_times (store, times, source, digest, error);
}

static char *
find_model (GError **error)
{
  char *path = aplomb_core_find_data ("travel-model.ini");

  if (path == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The travel-time model “%s” is missing from this installation."),
                 "travel-model.ini");
  return path;
}

AplombTravelTimes *
aplomb_travel_times_model_territory (AplombTerritory *territory,
                                     float            horizon,
                                     GCancellable    *cancellable,
                                     char           **source,
                                     GError         **error)
{
  guint n = aplomb_territory_get_n_communes (territory);
  g_autofree char *model_path = find_model (error);
  g_autoptr(AplombTravelModel) model = NULL;
  g_autofree double *lon = NULL, *lat = NULL;
  AplombTravelTimes *times;

  if (model_path == NULL || (model = aplomb_travel_model_load (model_path, error)) == NULL)
    return NULL;
  lon = g_new (double, MAX (n, 1));
  lat = g_new (double, MAX (n, 1));
  aplomb_apl_territory_points (territory, lon, lat);
  times = aplomb_travel_model_build (model, n, lon, lat, horizon, cancellable, error);
  if (times != NULL && source != NULL)
    *source = aplomb_travel_source_for_model (model_path, NULL);
  return times;
}

/* Saved times fit when made for these communes and, if modelled, by the
 * installed model up to the horizon; imported or routed ones stop where
 * their file stopped, and the engine says so if that is too short. */
static gboolean
saved_times_fit (AplombTravelTimes *times,
                 const char        *source,
                 const char        *digest,
                 AplombTerritory   *territory,
                 float              horizon)
{
  g_autofree char *current_digest = aplomb_travel_communes_digest (territory);
  g_autofree char *model_path = NULL;
  g_autofree char *model_source = NULL;

  if (g_strcmp0 (digest, current_digest) != 0 ||
      aplomb_travel_times_get_n_communes (times) != aplomb_territory_get_n_communes (territory))
    return FALSE;
  if (!g_str_has_prefix (source, SOURCE_MODEL " "))
    return TRUE;
  model_path = aplomb_core_find_data ("travel-model.ini");
  model_source = model_path != NULL ? aplomb_travel_source_for_model (model_path, NULL) : NULL;
  return g_strcmp0 (source, model_source) == 0 &&
         aplomb_travel_times_get_horizon (times) >= horizon;
}

/* The saved times when they fit, else the model's. */
static AplombTravelTimes *
saved_or_modelled (AplombTravelTimes *saved,
                   const char        *saved_source,
                   const char        *saved_digest,
                   AplombTerritory   *territory,
                   float              horizon,
                   GCancellable      *cancellable,
                   char             **source,
                   GError           **error)
{
  if (saved != NULL && saved_times_fit (saved, saved_source, saved_digest, territory, horizon))
    {
      if (source != NULL)
        *source = g_strdup (saved_source);
      return g_object_ref (saved);
    }
  return aplomb_travel_times_model_territory (territory, horizon, cancellable, source, error);
}

AplombTravelTimes *
aplomb_travel_times_for_project (AplombStore      *store,
                                 AplombTerritory  *territory,
                                 float             horizon,
                                 GCancellable     *cancellable,
                                 char            **source,
                                 GError          **error)
{
  g_autoptr(AplombTravelTimes) saved = NULL;
  g_autofree char *saved_source = NULL;
  g_autofree char *saved_digest = NULL;
  GError *load_error = NULL;

  if (store != NULL)
    {
      saved = aplomb_store_load_travel_times (store, horizon, &saved_source, &saved_digest,
                                              &load_error);
      if (load_error != NULL)
        {
          g_propagate_error (error, load_error);
          return NULL;
        }
    }
  return saved_or_modelled (saved, saved_source, saved_digest, territory, horizon, cancellable,
                            source, error);
}

typedef struct
{
  const char        *path;
  float              horizon;
  AplombTravelTimes *times;
  char              *source;
  char              *digest;
  GError            *error;
} SavedTimesJob;

static gpointer
read_saved_times (gpointer data)
{
  SavedTimesJob *job = data;
  g_autoptr(AplombStore) store = aplomb_store_open (job->path, APLOMB_STORE_READ_ONLY,
                                                    &job->error);

  if (store != NULL)
    job->times = aplomb_store_load_travel_times (store, job->horizon, &job->source, &job->digest,
                                                 &job->error);
  return NULL;
}

AplombTerritory *
aplomb_travel_load_project (const char         *path,
                            float               horizon,
                            GCancellable       *cancellable,
                            AplombTravelTimes **times,
                            char              **source,
                            GError            **error)
{
  /* The matrix and the territory are both tens of milliseconds of reading:
   * one on each core, through a connection each. */
  SavedTimesJob job = { path, horizon };
  GThread *reader;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(AplombTerritory) territory = NULL;

  *times = NULL;
  reader = g_thread_new ("aplomb-saved-times", read_saved_times, &job);
  store = aplomb_store_open (path, APLOMB_STORE_READ_ONLY, error);
  if (store != NULL)
    territory = aplomb_store_load_territory (store, error);

  g_thread_join (reader);
  if (territory != NULL && job.error != NULL)
    g_propagate_error (error, g_steal_pointer (&job.error));
  else if (territory != NULL)
    *times = saved_or_modelled (job.times, job.source, job.digest, territory, horizon, cancellable,
                                source, error);
  g_clear_error (&job.error);
  g_clear_object (&job.times);
  g_free (job.source);
  g_free (job.digest);
  return territory != NULL && *times != NULL ? g_steal_pointer (&territory) : NULL;
}

AplombTravelTimes *
aplomb_travel_times_model_unless_saved (AplombStore     *store,
                                        AplombTerritory *territory,
                                        GCancellable    *cancellable,
                                        char           **source,
                                        GError         **error)
{
  g_autoptr(AplombTravelTimes) saved = NULL;
  g_autofree char *saved_source = NULL;
  g_autofree char *saved_digest = NULL;

  /* Damaged times are replaced, not reported: they are about to be
   * rewritten anyway. */
  saved = aplomb_store_load_travel_times (store, APLOMB_TRAVEL_HORIZON_MIN, &saved_source,
                                          &saved_digest, NULL);
  if (saved != NULL && saved_times_fit (saved, saved_source, saved_digest, territory,
                                        APLOMB_TRAVEL_HORIZON_MIN))
    return NULL;
  return aplomb_travel_times_model_territory (territory, APLOMB_TRAVEL_HORIZON_MIN, cancellable,
                                              source, error);
}

gboolean
aplomb_travel_times_ensure_saved (AplombStore     *store,
                                  AplombTerritory *territory,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autofree char *source = NULL;
  GError *model_error = NULL;
  g_autoptr(AplombTravelTimes) modelled = aplomb_travel_times_model_unless_saved (store, territory,
                                                                                  cancellable,
                                                                                  &source,
                                                                                  &model_error);

  if (model_error != NULL)
    {
      g_propagate_error (error, model_error);
      return FALSE;
    }
  return modelled == NULL ||
         aplomb_travel_times_save_to_project (store, territory, modelled, source, error);
}
