/* aplomb-import-private.h: what the importers share (GDAL handles, tables,
 * commune matching); never included outside src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-gdal.h"
#include "aplomb-import.h"

G_BEGIN_DECLS

/* GDAL handles are void pointers: g_auto, not g_autoptr. */
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRGeometryH, OGR_G_DestroyGeometry, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRRelease, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation, NULL)

/* The state of one import: the copy being filled, the report, the options
 * with defaults applied. */
typedef struct
{
  AplombTerritory           *territory;
  AplombImportReport        *report;
  const AplombImportOptions *options;
  AplombCodeHistory         *history;   /* may be NULL */
  const char                *path;
  char                      *millesime; /* options->millesime or guessed, may be NULL */
  GCancellable              *cancellable;
  gboolean                   text_was_latin1;
} AplombImport;

gboolean     aplomb_import_communes       (AplombImport  *import,
                                           GError       **error);
gboolean     aplomb_import_population     (AplombImport  *import,
                                           GError       **error);
gboolean     aplomb_import_column         (AplombImport  *import,
                                           GError       **error);
gboolean     aplomb_import_practitioners  (AplombImport  *import,
                                           GError       **error);
gboolean     aplomb_import_official_apl   (AplombImport  *import,
                                           GError       **error);
gboolean     aplomb_import_facilities     (AplombImport  *import,
                                           GError       **error);

/* Opens a vector dataset: adds /vsizip/ to zip files and looks inside them
 * for the first vector file; turns GDAL's failure into a French error. */
GDALDatasetH aplomb_import_open_vector    (const char    *path,
                                           char         **open_options,
                                           GError       **error);
/* From the layer's CRS (or the one its extent implies when it has none,
 * with a note in the report) to WGS84, longitude first. */
OGRCoordinateTransformationH aplomb_import_transformation_to_wgs84 (AplombImport *import,
                                                                    OGRLayerH     layer,
                                                                    GError      **error);
/* Returns text as UTF-8: unchanged when valid, else decoded as Windows-1252
 * (the Latin-1 of French office files) into *buffer. */
const char  *aplomb_import_decode_text    (AplombImport  *import,
                                           const char    *text,
                                           char         **buffer);
/* Lower-case ASCII letters and digits only: "Code commune INSEE" and
 * "code_commune_insee" both give "codecommuneinsee". */
char        *aplomb_import_normalize_name (const char    *name);
/* "01001", "1001", " 2a004 " → "01001", "01001", "2A004"; NULL if not a
 * commune code. */
char        *aplomb_import_normalize_code (const char    *text);
/* Parses "1 234,5", "1234.5", "3,07"; FALSE on anything else. Empty text
 * and "NA" are missing values: TRUE with NaN. */
gboolean     aplomb_import_parse_number   (const char    *text,
                                           double        *value);
/* The last plausible year (19xx, 20xx) in a file's base name, or NULL. */
char        *aplomb_import_guess_year     (const char    *path);

/* A table read through GDAL (CSV, XLSX, ODS, DBF…): every cell as a string,
 * with the header row found by aplomb_table_select_sheet(). */
typedef struct _AplombTable AplombTable;

AplombTable *aplomb_table_open            (AplombImport  *import,
                                           GError       **error);
/* A table other than import->path (a temporary part of it). */
AplombTable *aplomb_table_open_file       (AplombImport  *import,
                                           const char    *path,
                                           GError       **error);
void         aplomb_table_free            (AplombTable   *table);
/* Whether the file is a workbook (XLSX, ODS) whose sheets have names. */
gboolean     aplomb_table_has_sheets      (AplombTable   *table);
guint        aplomb_table_get_n_sheets    (AplombTable   *table);
const char  *aplomb_table_get_sheet_name  (AplombTable   *table,
                                           guint          sheet);
/* Reads rows up to and including the header: the first row holding one
 * of header_cells (normalised comparison), or the first non-empty row when
 * header_cells is NULL. Files with typed fields (DBF, GPKG…) have their
 * field names as header. */
gboolean     aplomb_table_select_sheet    (AplombTable   *table,
                                           guint          sheet,
                                           const char * const *header_cells,
                                           GError       **error);
/* Opens the table on the sheet or layer options->layer, else the first
 * one, the header being its first non-empty row. */
AplombTable *aplomb_table_open_sheet      (AplombImport  *import,
                                           GError       **error);
/* Reads the current sheet again from its first row after the header. */
gboolean     aplomb_table_rewind          (AplombTable   *table,
                                           GError       **error);
guint        aplomb_table_get_n_columns   (AplombTable   *table);
const char  *aplomb_table_get_column_name (AplombTable   *table,
                                           guint          column);
/* The first column whose normalised name equals one of the candidates,
 * tried in order; -1 if none. */
int          aplomb_table_find_column     (AplombTable   *table,
                                           const char * const *candidates);
/* The column named explicitly (exact or normalised), else the first
 * candidate found; sets a MISSING_FIELD error when neither is there. */
int          aplomb_table_require_column  (AplombTable   *table,
                                           const char    *explicit_name,
                                           const char * const *candidates,
                                           const char    *what,
                                           GError       **error);
/* Advances to the next non-empty row; FALSE at the end or on error. */
gboolean     aplomb_table_next            (AplombTable   *table,
                                           GError       **error);
/* The trimmed UTF-8 text of a cell of the current row, NULL when empty. */
const char  *aplomb_table_get             (AplombTable   *table,
                                           int            column);
guint        aplomb_table_get_line        (AplombTable   *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombTable, aplomb_table_free)

/* Matching rows to communes: a value per commune and per slot, from rows
 * carrying the current code or a code the history maps to one. */
typedef enum
{
  APLOMB_COMBINE_SUM,   /* counts, populations: remapped rows add up */
  APLOMB_COMBINE_MEAN,  /* rates, times: the current commune's row wins, else the mean */
} AplombCombine;

typedef struct _AplombCommuneValues AplombCommuneValues;

AplombCommuneValues *aplomb_commune_values_new     (AplombImport        *import,
                                                    guint                n_slots,
                                                    AplombCombine        combine);
void                 aplomb_commune_values_free    (AplombCommuneValues *values);
/* The commune of a row's code, or -1 after rejecting the row in the
 * report (invalid, unknown, duplicate). *remapped tells whether the code
 * history was used. */
int                  aplomb_commune_values_match   (AplombCommuneValues *values,
                                                    const char          *code,
                                                    guint                line,
                                                    const char          *field,
                                                    gboolean            *remapped);
/* Adds one row's values (NaN: missing) for the commune aplomb_commune_values_match gave. */
void                 aplomb_commune_values_add     (AplombCommuneValues *values,
                                                    int                  commune,
                                                    gboolean             remapped,
                                                    guint                line,
                                                    const double        *slots);
/* Combines the rows into n_communes values of a slot (NaN where none);
 * call once, after the last row: rows shadowed by the current commune's row
 * are rejected in the report at that point. */
void                 aplomb_commune_values_finish  (AplombCommuneValues *values);
const double        *aplomb_commune_values_get     (AplombCommuneValues *values,
                                                    guint                slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombCommuneValues, aplomb_commune_values_free)

/* Reads the numbers of a row's columns (-1: none) into slots; rejects the
 * row in the report and returns FALSE when one is not a number, is
 * negative, or all are missing. */
gboolean             aplomb_import_parse_row_numbers (AplombImport        *import,
                                                      AplombTable         *table,
                                                      const int           *columns,
                                                      guint                n_columns,
                                                      double              *slots);

/* Where a row is (practitioners, facilities): its commune code, mapped
 * through the code history, else the commune at its coordinates. */
typedef struct
{
  AplombImport                *import;
  AplombCommuneValues         *matcher;
  int                          code, x, y;  /* columns, -1 when absent */
  OGRCoordinateTransformationH lambert93;   /* made on the first projected row */
  gboolean                     saw_lambert93;
} AplombRowLocator;

/* The longitude/x and latitude/y columns, -1 when absent. */
void         aplomb_table_find_coordinates (AplombTable      *table,
                                            int              *x,
                                            int              *y);
void         aplomb_row_locator_init       (AplombRowLocator *locator,
                                            AplombImport     *import,
                                            int               code,
                                            int               x,
                                            int               y);
/* Adds a note to the report when coordinates were converted. */
void         aplomb_row_locator_clear      (AplombRowLocator *locator);
/* Converts coordinates to WGS84 in place: Lambert-93 when they fall in
 * 0..1.3e6 × 6.0e6..7.2e6, degrees when in ±180 × ±90; FALSE otherwise. */
gboolean     aplomb_row_locator_to_wgs84   (AplombRowLocator *locator,
                                            double           *x,
                                            double           *y);
/* The commune and coordinates (NaN when the row has none) of the current
 * row; FALSE after rejecting it in the report. */
gboolean     aplomb_row_locator_locate     (AplombRowLocator *locator,
                                            AplombTable      *table,
                                            int              *commune,
                                            double           *lon,
                                            double           *lat);

G_END_DECLS
