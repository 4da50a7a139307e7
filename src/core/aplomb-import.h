/* aplomb-import.h: GDAL importers filling an AplombTerritory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aplomb-import-history.h"
#include "aplomb-import-report.h"
#include "aplomb-territory.h"

G_BEGIN_DECLS

#define APLOMB_IMPORT_ERROR (aplomb_import_error_quark ())
GQuark aplomb_import_error_quark (void);

typedef enum
{
  APLOMB_IMPORT_ERROR_OPEN,          /* missing, unreadable or truncated file */
  APLOMB_IMPORT_ERROR_EMPTY,         /* no layer, no row */
  APLOMB_IMPORT_ERROR_MISSING_FIELD, /* a needed field is not there */
  APLOMB_IMPORT_ERROR_CRS,           /* unknown or untransformable CRS */
  APLOMB_IMPORT_ERROR_ENCODING,      /* text that is neither UTF-8 nor Latin-1 */
  APLOMB_IMPORT_ERROR_FORMAT,        /* a layout this importer does not know */
  APLOMB_IMPORT_ERROR_NOTHING,       /* every row was rejected */
} AplombImportError;

typedef enum
{
  APLOMB_IMPORT_COMMUNES,      /* polygons: SHP (also zipped), GPKG, GeoJSON */
  APLOMB_IMPORT_POPULATION,    /* populations, share of 75+, age bands, EPCI */
  APLOMB_IMPORT_PRACTITIONERS, /* per practitioner or site, per commune counts, Annuaire Santé */
  APLOMB_IMPORT_OFFICIAL_APL,  /* DREES APL workbook or the same values as CSV */
  APLOMB_IMPORT_COLUMN,        /* one numeric value per commune, into a named column */
  APLOMB_IMPORT_FACILITIES,    /* MSP and centres de santé from a FINESS extract */
} AplombImportKind;

/* Everything is optional: fields are detected from their names when not
 * given. Strings are borrowed for the duration of the call. */
typedef struct
{
  const char        *code_field;        /* INSEE code of the commune */
  const char        *name_field;
  const char        *departement_field;
  const char        *value_field;       /* the count or value to import */
  const char        *layer;             /* layer or sheet name */
  const char        *column;            /* APLOMB_IMPORT_COLUMN: target column */
  const char        *label;             /* e.g. "rpps": names columns gp_count_rpps_2026 */
  const char        *millesime;         /* e.g. "2026"; guessed from the file name if NULL */
  const char        *licence;           /* licence or attribution text kept with the source */
  AplombProfession   profession;        /* practitioners, when the file does not say */
  gboolean           profession_given;
  double             etp_per_head;      /* counts per commune: ETP of one head; 0: unknown */
  AplombCodeHistory *history;           /* NULL: the bundled commune code history */
} AplombImportOptions;

/* The name kept in AplombSource.kind: "communes", "official-apl"… */
const char         *aplomb_import_kind_to_string (AplombImportKind kind);

/* Imports path into territory. On success, returns the report and the
 * territory holds the new data and a new AplombSource; on failure returns
 * NULL with error set and the territory is unchanged (the import works on a
 * copy that is swapped in at the end, emitting ::changed).
 *
 * In a worker thread, import into a copy (aplomb_territory_copy ()) that
 * the main thread then aplomb_territory_swap ()s into the territory it
 * shows, so that ::changed is emitted there. */
AplombImportReport *aplomb_import_file           (AplombTerritory           *territory,
                                                  AplombImportKind           kind,
                                                  const char                *path,
                                                  const AplombImportOptions *options,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);

/* The SHA-256 of a file, in hexadecimal, as recorded in the sources. */
char               *aplomb_import_checksum_file  (const char                *path,
                                                  GError                   **error);

G_END_DECLS
