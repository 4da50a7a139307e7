/* aplomb-areas.h: départements and EPCI of a territory, to zoom to and
 * aggregate over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-territory.h"

G_BEGIN_DECLS

typedef enum
{
  APLOMB_AREA_DEPARTEMENT,
  APLOMB_AREA_EPCI,
} AplombAreaKind;

typedef struct
{
  AplombAreaKind kind;
  char          *code;        /* département code or EPCI SIREN */
  char          *name;
  AplombBBox     bbox;
  guint          n_communes;
} AplombArea;

void       aplomb_area_free          (AplombArea      *area);
GPtrArray *aplomb_areas_list         (AplombTerritory *territory,
                                      const char      *departement_names_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombArea, aplomb_area_free)

G_END_DECLS
