/* aplomb-gdal.h: GDAL, loaded when first needed
 *
 * libgdal and the hundred libraries it depends on take 35 ms to load and
 * relocate: ten times what aplomb-cli apl then spends reading the whole
 * of France, and most runs of Aplomb import nothing. The core does not
 * link GDAL: it opens it on first use and calls it through a table of
 * functions. Files of the core and the CLI include this header instead of
 * GDAL's; a GDAL function missing from the list below fails to link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

#define APLOMB_GDAL_FUNCTIONS(F) \
  F (CPLErrorReset) \
  F (CPLGetLastErrorMsg) \
  F (CPLGetLastErrorType) \
  F (CPLSetErrorHandler) \
  F (CPLSetThreadLocalConfigOption) \
  F (CSLDestroy) \
  F (CSLSetNameValue) \
  F (GDALAllRegister) \
  F (GDALClose) \
  F (GDALCreate) \
  F (GDALDatasetCreateLayer) \
  F (GDALDatasetGetLayer) \
  F (GDALDatasetGetLayerByName) \
  F (GDALDatasetGetLayerCount) \
  F (GDALGetDriverByName) \
  F (GDALOpenEx) \
  F (OCTDestroyCoordinateTransformation) \
  F (OCTNewCoordinateTransformation) \
  F (OCTTransform) \
  F (OGR_FD_GetFieldCount) \
  F (OGR_FD_GetFieldDefn) \
  F (OGR_FD_GetFieldIndex) \
  F (OGR_F_Create) \
  F (OGR_F_Destroy) \
  F (OGR_F_GetFID) \
  F (OGR_F_GetFieldAsDouble) \
  F (OGR_F_GetFieldAsString) \
  F (OGR_F_GetFieldCount) \
  F (OGR_F_GetFieldDefnRef) \
  F (OGR_F_GetGeometryRef) \
  F (OGR_F_IsFieldSetAndNotNull) \
  F (OGR_F_SetFieldString) \
  F (OGR_F_SetGeometryDirectly) \
  F (OGR_Fld_Create) \
  F (OGR_Fld_Destroy) \
  F (OGR_Fld_GetNameRef) \
  F (OGR_GT_Flatten) \
  F (OGR_G_AddPoint_2D) \
  F (OGR_G_Clone) \
  F (OGR_G_CreateGeometry) \
  F (OGR_G_DestroyGeometry) \
  F (OGR_G_ForceToMultiPolygon) \
  F (OGR_G_GetGeometryCount) \
  F (OGR_G_GetGeometryRef) \
  F (OGR_G_GetGeometryType) \
  F (OGR_G_GetPointCount) \
  F (OGR_G_GetPoints) \
  F (OGR_G_GetX) \
  F (OGR_G_GetY) \
  F (OGR_G_IsEmpty) \
  F (OGR_G_Transform) \
  F (OGR_L_CommitTransaction) \
  F (OGR_L_CreateFeature) \
  F (OGR_L_CreateField) \
  F (OGR_L_GetExtent) \
  F (OGR_L_GetFeatureCount) \
  F (OGR_L_GetGeomType) \
  F (OGR_L_GetLayerDefn) \
  F (OGR_L_GetName) \
  F (OGR_L_GetNextFeature) \
  F (OGR_L_GetSpatialRef) \
  F (OGR_L_ResetReading) \
  F (OGR_L_StartTransaction) \
  F (OSRClone) \
  F (OSRDestroySpatialReference) \
  F (OSRGetName) \
  F (OSRImportFromEPSG) \
  F (OSRIsSame) \
  F (OSRNewSpatialReference) \
  F (OSRRelease) \
  F (OSRSetAxisMappingStrategy) \
  F (VSIReadDirRecursive)

typedef struct
{
#define APLOMB_GDAL_POINTER(name) __typeof__ (name) *name;
  APLOMB_GDAL_FUNCTIONS (APLOMB_GDAL_POINTER)
#undef APLOMB_GDAL_POINTER
} AplombGdal;

/* Opens GDAL (once) and registers its drivers; FALSE with an error naming
 * the library when it cannot be loaded. Entry points of the core that
 * read or write files through GDAL call it first. */
gboolean          aplomb_gdal_load (GError **error);
/* The functions, loading GDAL if no entry point did; a GDAL that cannot
 * be loaded is then fatal. */
const AplombGdal *aplomb_gdal_get  (void);

G_END_DECLS

#ifndef APLOMB_GDAL_LOADER
#define CPLErrorReset (aplomb_gdal_get ()->CPLErrorReset)
#define CPLGetLastErrorMsg (aplomb_gdal_get ()->CPLGetLastErrorMsg)
#define CPLGetLastErrorType (aplomb_gdal_get ()->CPLGetLastErrorType)
#define CPLSetErrorHandler (aplomb_gdal_get ()->CPLSetErrorHandler)
#define CPLSetThreadLocalConfigOption (aplomb_gdal_get ()->CPLSetThreadLocalConfigOption)
#define CSLDestroy (aplomb_gdal_get ()->CSLDestroy)
#define CSLSetNameValue (aplomb_gdal_get ()->CSLSetNameValue)
#define GDALAllRegister (aplomb_gdal_get ()->GDALAllRegister)
#define GDALClose (aplomb_gdal_get ()->GDALClose)
#define GDALCreate (aplomb_gdal_get ()->GDALCreate)
#define GDALDatasetCreateLayer (aplomb_gdal_get ()->GDALDatasetCreateLayer)
#define GDALDatasetGetLayer (aplomb_gdal_get ()->GDALDatasetGetLayer)
#define GDALDatasetGetLayerByName (aplomb_gdal_get ()->GDALDatasetGetLayerByName)
#define GDALDatasetGetLayerCount (aplomb_gdal_get ()->GDALDatasetGetLayerCount)
#define GDALGetDriverByName (aplomb_gdal_get ()->GDALGetDriverByName)
#define GDALOpenEx (aplomb_gdal_get ()->GDALOpenEx)
#define OCTDestroyCoordinateTransformation (aplomb_gdal_get ()->OCTDestroyCoordinateTransformation)
#define OCTNewCoordinateTransformation (aplomb_gdal_get ()->OCTNewCoordinateTransformation)
#define OCTTransform (aplomb_gdal_get ()->OCTTransform)
#define OGR_FD_GetFieldCount (aplomb_gdal_get ()->OGR_FD_GetFieldCount)
#define OGR_FD_GetFieldDefn (aplomb_gdal_get ()->OGR_FD_GetFieldDefn)
#define OGR_FD_GetFieldIndex (aplomb_gdal_get ()->OGR_FD_GetFieldIndex)
#define OGR_F_Create (aplomb_gdal_get ()->OGR_F_Create)
#define OGR_F_Destroy (aplomb_gdal_get ()->OGR_F_Destroy)
#define OGR_F_GetFID (aplomb_gdal_get ()->OGR_F_GetFID)
#define OGR_F_GetFieldAsDouble (aplomb_gdal_get ()->OGR_F_GetFieldAsDouble)
#define OGR_F_GetFieldAsString (aplomb_gdal_get ()->OGR_F_GetFieldAsString)
#define OGR_F_GetFieldCount (aplomb_gdal_get ()->OGR_F_GetFieldCount)
#define OGR_F_GetFieldDefnRef (aplomb_gdal_get ()->OGR_F_GetFieldDefnRef)
#define OGR_F_GetGeometryRef (aplomb_gdal_get ()->OGR_F_GetGeometryRef)
#define OGR_F_IsFieldSetAndNotNull (aplomb_gdal_get ()->OGR_F_IsFieldSetAndNotNull)
#define OGR_F_SetFieldString (aplomb_gdal_get ()->OGR_F_SetFieldString)
#define OGR_F_SetGeometryDirectly (aplomb_gdal_get ()->OGR_F_SetGeometryDirectly)
#define OGR_Fld_Create (aplomb_gdal_get ()->OGR_Fld_Create)
#define OGR_Fld_Destroy (aplomb_gdal_get ()->OGR_Fld_Destroy)
#define OGR_Fld_GetNameRef (aplomb_gdal_get ()->OGR_Fld_GetNameRef)
#define OGR_GT_Flatten (aplomb_gdal_get ()->OGR_GT_Flatten)
#define OGR_G_AddPoint_2D (aplomb_gdal_get ()->OGR_G_AddPoint_2D)
#define OGR_G_Clone (aplomb_gdal_get ()->OGR_G_Clone)
#define OGR_G_CreateGeometry (aplomb_gdal_get ()->OGR_G_CreateGeometry)
#define OGR_G_DestroyGeometry (aplomb_gdal_get ()->OGR_G_DestroyGeometry)
#define OGR_G_ForceToMultiPolygon (aplomb_gdal_get ()->OGR_G_ForceToMultiPolygon)
#define OGR_G_GetGeometryCount (aplomb_gdal_get ()->OGR_G_GetGeometryCount)
#define OGR_G_GetGeometryRef (aplomb_gdal_get ()->OGR_G_GetGeometryRef)
#define OGR_G_GetGeometryType (aplomb_gdal_get ()->OGR_G_GetGeometryType)
#define OGR_G_GetPointCount (aplomb_gdal_get ()->OGR_G_GetPointCount)
#define OGR_G_GetPoints (aplomb_gdal_get ()->OGR_G_GetPoints)
#define OGR_G_GetX (aplomb_gdal_get ()->OGR_G_GetX)
#define OGR_G_GetY (aplomb_gdal_get ()->OGR_G_GetY)
#define OGR_G_IsEmpty (aplomb_gdal_get ()->OGR_G_IsEmpty)
#define OGR_G_Transform (aplomb_gdal_get ()->OGR_G_Transform)
#define OGR_L_CommitTransaction (aplomb_gdal_get ()->OGR_L_CommitTransaction)
#define OGR_L_CreateFeature (aplomb_gdal_get ()->OGR_L_CreateFeature)
#define OGR_L_CreateField (aplomb_gdal_get ()->OGR_L_CreateField)
#define OGR_L_GetExtent (aplomb_gdal_get ()->OGR_L_GetExtent)
#define OGR_L_GetFeatureCount (aplomb_gdal_get ()->OGR_L_GetFeatureCount)
#define OGR_L_GetGeomType (aplomb_gdal_get ()->OGR_L_GetGeomType)
#define OGR_L_GetLayerDefn (aplomb_gdal_get ()->OGR_L_GetLayerDefn)
#define OGR_L_GetName (aplomb_gdal_get ()->OGR_L_GetName)
#define OGR_L_GetNextFeature (aplomb_gdal_get ()->OGR_L_GetNextFeature)
#define OGR_L_GetSpatialRef (aplomb_gdal_get ()->OGR_L_GetSpatialRef)
#define OGR_L_ResetReading (aplomb_gdal_get ()->OGR_L_ResetReading)
#define OGR_L_StartTransaction (aplomb_gdal_get ()->OGR_L_StartTransaction)
#define OSRClone (aplomb_gdal_get ()->OSRClone)
#define OSRDestroySpatialReference (aplomb_gdal_get ()->OSRDestroySpatialReference)
#define OSRGetName (aplomb_gdal_get ()->OSRGetName)
#define OSRImportFromEPSG (aplomb_gdal_get ()->OSRImportFromEPSG)
#define OSRIsSame (aplomb_gdal_get ()->OSRIsSame)
#define OSRNewSpatialReference (aplomb_gdal_get ()->OSRNewSpatialReference)
#define OSRRelease (aplomb_gdal_get ()->OSRRelease)
#define OSRSetAxisMappingStrategy (aplomb_gdal_get ()->OSRSetAxisMappingStrategy)
#define VSIReadDirRecursive (aplomb_gdal_get ()->VSIReadDirRecursive)
#endif
