/* aplomb-commune-search.h: find a commune by name, INSEE code or postcode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-territory.h"

G_BEGIN_DECLS

#define APLOMB_TYPE_COMMUNE_SEARCH (aplomb_commune_search_get_type ())
G_DECLARE_FINAL_TYPE (AplombCommuneSearch, aplomb_commune_search, APLOMB, COMMUNE_SEARCH, GObject)

AplombCommuneSearch *aplomb_commune_search_new  (AplombTerritory     *territory);
GArray              *aplomb_commune_search_find (AplombCommuneSearch *self,
                                                 const char          *query,
                                                 guint                max_results);
char                *aplomb_fold_for_search     (const char          *text);

G_END_DECLS
