/* aplomb-towns.h: the towns the map names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-territory.h"

G_BEGIN_DECLS

GArray *aplomb_towns_list            (AplombTerritory *territory,
                                      double           min_population);
double  aplomb_towns_min_population  (double           zoom);

G_END_DECLS
