/* aplomb-travel-project.h: the travel times a project works with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aplomb-store.h"
#include "aplomb-territory.h"
#include "aplomb-travel.h"

G_BEGIN_DECLS

/* The horizon of the travel times Aplomb keeps: the time to the nearest
 * practitioner is looked for up to there, beyond the 20 minutes of the
 * DREES steps, so that it is known for nearly every commune without one;
 * each extra 10 minutes costs about 1.5 million pairs in France. */
#define APLOMB_TRAVEL_HORIZON_MIN 30.0f

/* Saved travel times carry a source, "KIND DETAIL": "model SHA256" (the
 * calibrated model, by the checksum of its file), "csv NAME" (an imported
 * matrix) or "network NAME" (routed on a road network). */
char              *aplomb_travel_source_for_model     (const char        *model_path,
                                                       GError           **error);
char              *aplomb_travel_source_for_file      (const char        *kind,
                                                       const char        *path);
/* What a user reads about a source, translated. */
char              *aplomb_travel_source_describe      (const char        *source);

/* A checksum of what travel times depend on in a territory: the communes'
 * codes, in order, and the points they are routed from. */
char              *aplomb_travel_communes_digest      (AplombTerritory   *territory);

gboolean           aplomb_travel_times_save_to_project (AplombStore       *store,
                                                        AplombTerritory   *territory,
                                                        AplombTravelTimes *times,
                                                        const char        *source,
                                                        GError           **error);

/* The travel times up to horizon minutes for the territory of a project:
 * those the project saved, while they were made for the same communes
 * (and, when modelled, by the installed model); otherwise the installed
 * model's, built now. store may be NULL. source receives the source of
 * what is returned. */
AplombTravelTimes *aplomb_travel_times_for_project    (AplombStore       *store,
                                                       AplombTerritory   *territory,
                                                       float              horizon,
                                                       GCancellable      *cancellable,
                                                       char             **source,
                                                       GError           **error);

/* The installed model's travel times for a territory about to be saved
 * into a project, NULL without error when the project holds times that
 * still fit it (see aplomb_travel_times_for_project ()). */
AplombTravelTimes *aplomb_travel_times_model_unless_saved (AplombStore     *store,
                                                           AplombTerritory *territory,
                                                           GCancellable    *cancellable,
                                                           char           **source,
                                                           GError         **error);
/* Saves them, if any. */
gboolean           aplomb_travel_times_ensure_saved    (AplombStore       *store,
                                                        AplombTerritory   *territory,
                                                        GCancellable      *cancellable,
                                                        GError           **error);

/* Opens the project at path and reads its territory and, on another
 * core meanwhile, its saved travel times; returns the territory and, in
 * times, what aplomb_travel_times_for_project () would. */
AplombTerritory   *aplomb_travel_load_project          (const char         *path,
                                                        float               horizon,
                                                        GCancellable       *cancellable,
                                                        AplombTravelTimes **times,
                                                        char              **source,
                                                        GError            **error);

/* Builds the installed model's travel times for a territory. */
AplombTravelTimes *aplomb_travel_times_model_territory (AplombTerritory  *territory,
                                                        float             horizon,
                                                        GCancellable     *cancellable,
                                                        char            **source,
                                                        GError          **error);

G_END_DECLS
