/* aplomb-travel.h: sparse commune × commune travel times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define APLOMB_TRAVEL_ERROR (aplomb_travel_error_quark ())
GQuark aplomb_travel_error_quark (void);

typedef enum
{
  APLOMB_TRAVEL_ERROR_INVALID,
  APLOMB_TRAVEL_ERROR_OPEN,
  APLOMB_TRAVEL_ERROR_MISSING_FIELD,
  APLOMB_TRAVEL_ERROR_UNKNOWN_COMMUNE,
  APLOMB_TRAVEL_ERROR_CANCELLED,
} AplombTravelError;

#define APLOMB_TYPE_TRAVEL_TIMES (aplomb_travel_times_get_type ())
G_DECLARE_FINAL_TYPE (AplombTravelTimes, aplomb_travel_times, APLOMB, TRAVEL_TIMES, GObject)

/* Car minutes from origin commune i to destination commune j, kept only up
 * to a horizon, as a CSR matrix: row i holds its destinations in increasing
 * order, with the intra-commune time 0 always present. */

AplombTravelTimes *aplomb_travel_times_new_from_pairs  (guint               n_communes,
                                                        float               horizon,
                                                        const guint        *origins,
                                                        const guint        *destinations,
                                                        const float        *minutes,
                                                        gsize               n_pairs);
AplombTravelTimes *aplomb_travel_times_new_from_csv    (const char         *path,
                                                        const char * const *codes,
                                                        guint               n_communes,
                                                        float               horizon,
                                                        GError            **error);

guint              aplomb_travel_times_get_n_communes  (AplombTravelTimes  *self);
float              aplomb_travel_times_get_horizon     (AplombTravelTimes  *self);
gsize              aplomb_travel_times_get_n_pairs     (AplombTravelTimes  *self);
gsize              aplomb_travel_times_get_memory_size (AplombTravelTimes  *self);

/* The destinations and minutes of row origin; returns their number. */
guint              aplomb_travel_times_get_row         (AplombTravelTimes  *self,
                                                        guint               origin,
                                                        const guint       **destinations,
                                                        const float       **minutes);
/* The origins and minutes of column destination (built on first use). */
guint              aplomb_travel_times_get_column      (AplombTravelTimes  *self,
                                                        guint               destination,
                                                        const guint       **origins,
                                                        const float       **minutes);
/* INFINITY when destination is beyond the horizon. */
float              aplomb_travel_times_lookup          (AplombTravelTimes  *self,
                                                        guint               origin,
                                                        guint               destination);
gboolean           aplomb_travel_times_is_symmetric    (AplombTravelTimes  *self,
                                                        float               tolerance);
/* Whether the matrix was made symmetric (the model's are): columns are
 * then read from the rows. */
gboolean           aplomb_travel_times_get_symmetric   (AplombTravelTimes  *self);

/* For every commune, the minutes to the nearest commune j with
 * has_supply[j] (itself included), INFINITY beyond the horizon. */
void               aplomb_travel_times_nearest         (AplombTravelTimes  *self,
                                                        const gboolean     *has_supply,
                                                        double             *minutes);

G_END_DECLS
