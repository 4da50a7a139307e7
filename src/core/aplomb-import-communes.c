/* aplomb-import-communes.c: commune polygons from any GDAL vector source,
 * in any CRS, into WGS84 flat arrays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "aplomb-import-private.h"

/* Coordinates are snapped to 1e-7 degree (about 1 cm): what the project
 * store keeps, so that a saved project reopens identical. */
#define COORD_SCALE 1e7

/* Polygons read from the file, before they are ordered like the communes. */
typedef struct
{
  GArray *polygon_offsets;  /* guint: first ring of each polygon, then the end */
  GArray *ring_offsets;     /* guint: first point of each ring, then the end */
  GArray *coords;           /* double */
  GArray *features;         /* Feature */
  GArray *xs, *ys;          /* scratch for one ring */
  guint   n_existing;       /* communes of the territory before the import */
} Parsed;

typedef struct
{
  guint commune;
  guint first_polygon, end_polygon;
} Feature;

typedef struct
{
  int code, name, departement, population, epci;
} Fields;

static int
find_field (OGRFeatureDefnH     defn,
            const char         *explicit_name,
            const char * const *candidates)
{
  if (explicit_name != NULL)
    return OGR_FD_GetFieldIndex (defn, explicit_name);
  for (guint c = 0; candidates[c] != NULL; c++)
    for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
      {
        g_autofree char *name = aplomb_import_normalize_name (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
        g_autofree char *wanted = aplomb_import_normalize_name (candidates[c]);

        if (g_str_equal (name, wanted))
          return i;
      }
  return -1;
}

/* IGN ADMIN EXPRESS names first, then the usual variants. */
static gboolean
find_fields (AplombImport   *import,
             OGRFeatureDefnH defn,
             Fields         *fields,
             GError        **error)
{
  static const char *code_names[] = { "INSEE_COM", "code_insee", "insee", "code_commune",
                                      "codgeo", "code_com", "com", "code", NULL };
  static const char *name_names[] = { "NOM", "NOM_COM", "nom", "nom_commune", "libelle",
                                      "libelle_commune", "libgeo", "name", NULL };
  static const char *dep_names[] = { "INSEE_DEP", "dep", "code_dep", "code_departement",
                                     "departement", NULL };
  static const char *population_names[] = { "POPULATION", "population", "pop", NULL };
  static const char *epci_names[] = { "SIREN_EPCI", "CODE_EPCI", "epci_siren", "epci", NULL };
  const AplombImportOptions *options = import->options;

  fields->code = find_field (defn, options->code_field, code_names);
  fields->name = find_field (defn, options->name_field, name_names);
  fields->departement = find_field (defn, options->departement_field, dep_names);
  fields->population = find_field (defn, NULL, population_names);
  fields->epci = find_field (defn, NULL, epci_names);
  if (fields->code < 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                   _("“%s” has no field for the commune code (looked for “%s”, “%s”…)."),
                   import->report->file_name,
                   options->code_field != NULL ? options->code_field : code_names[0],
                   code_names[1]);
      return FALSE;
    }
  aplomb_import_report_add_note (import->report, _("Field “%s” read as the commune code."),
                                 OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, fields->code)));
  return TRUE;
}

static OGRLayerH
find_polygon_layer (AplombImport *import,
                    GDALDatasetH  dataset,
                    GError      **error)
{
  if (import->options->layer != NULL)
    {
      OGRLayerH layer = GDALDatasetGetLayerByName (dataset, import->options->layer);

      if (layer == NULL)
        g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_MISSING_FIELD,
                     _("“%s” has no sheet or layer “%s”."), import->report->file_name,
                     import->options->layer);
      return layer;
    }
  for (int i = 0; i < GDALDatasetGetLayerCount (dataset); i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
      OGRwkbGeometryType type = wkbFlatten (OGR_L_GetGeomType (layer));

      if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbUnknown ||
          type == wkbCurvePolygon || type == wkbMultiSurface)
        return layer;
    }
  g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_EMPTY,
               _("“%s” has no polygon layer."), import->report->file_name);
  return NULL;
}

/* Layers without a CRS (a shapefile without .prj) are taken for WGS84 or
 * Lambert-93 when their extent can only be that; otherwise we must ask. */
static OGRSpatialReferenceH
guess_crs (AplombImport *import,
           OGRLayerH     layer,
           GError      **error)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  OGREnvelope extent;

  if (OGR_L_GetExtent (layer, &extent, TRUE) == OGRERR_NONE)
    {
      if (extent.MinX >= -180 && extent.MaxX <= 180 && extent.MinY >= -90 && extent.MaxY <= 90)
        {
          OSRImportFromEPSG (srs, 4326);
          aplomb_import_report_add_note (import->report,
                                         _("No coordinate system given: longitudes and latitudes assumed (WGS84)."));
          return srs;
        }
      if (extent.MinX >= 0 && extent.MaxX <= 1.3e6 && extent.MinY >= 6.0e6 && extent.MaxY <= 7.2e6)
        {
          OSRImportFromEPSG (srs, 2154);
          aplomb_import_report_add_note (import->report,
                                         _("No coordinate system given: Lambert-93 assumed from the coordinates."));
          return srs;
        }
    }
  OSRRelease (srs);
  g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_CRS,
               _("The coordinate system of “%s” is unknown (no .prj file?) and cannot be guessed "
                 "from its coordinates."), import->report->file_name);
  return NULL;
}

/* Longitude first on both sides, whatever the EPSG axis order says. */
OGRCoordinateTransformationH
aplomb_import_transformation_to_wgs84 (AplombImport *import,
                                       OGRLayerH     layer,
                                       GError      **error)
{
  g_auto(OGRSpatialReferenceH) source = NULL;
  g_auto(OGRSpatialReferenceH) wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGRCoordinateTransformationH transformation;
  const char *name;

  source = layer_srs != NULL ? OSRClone (layer_srs) : guess_crs (import, layer, error);
  if (source == NULL)
    return NULL;
  OSRSetAxisMappingStrategy (source, OAMS_TRADITIONAL_GIS_ORDER);
  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);

  transformation = OCTNewCoordinateTransformation (source, wgs84);
  if (transformation == NULL)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_CRS,
                   _("The coordinates of “%s” cannot be converted to longitudes and latitudes."),
                   import->report->file_name);
      return NULL;
    }
  name = OSRGetName (source);
  if (!OSRIsSame (source, wgs84))
    aplomb_import_report_add_note (import->report, _("Coordinates converted from “%s” to WGS84."),
                                   name != NULL ? name : "?");
  return transformation;
}

static void
append_offset (GArray *array,
               guint   value)
{
  g_array_append_val (array, value);
}

/* Appends one ring to parsed, closed and snapped; FALSE if it is broken. */
static gboolean
add_ring (Parsed                      *parsed,
          OGRGeometryH                 ring,
          OGRCoordinateTransformationH transformation)
{
  int n = OGR_G_GetPointCount (ring);
  double *xs, *ys;
  gboolean closed;

  if (n < 3)
    return FALSE;
  g_array_set_size (parsed->xs, n);
  g_array_set_size (parsed->ys, n);
  xs = (double *) parsed->xs->data;
  ys = (double *) parsed->ys->data;
  OGR_G_GetPoints (ring, xs, sizeof (double), ys, sizeof (double), NULL, 0);
  if (!OCTTransform (transformation, n, xs, ys, NULL))
    return FALSE;

  for (int k = 0; k < n; k++)
    {
      double point[2] = { round (xs[k] * COORD_SCALE) / COORD_SCALE,
                          round (ys[k] * COORD_SCALE) / COORD_SCALE };

      if (!isfinite (point[0]) || !isfinite (point[1]) || fabs (point[0]) > 180 ||
          fabs (point[1]) > 90)
        return FALSE;
      g_array_append_vals (parsed->coords, point, 2);
    }
  closed = xs[0] == xs[n - 1] && ys[0] == ys[n - 1];
  if (!closed)
    {
      double first[2] = { g_array_index (parsed->coords, double, parsed->coords->len - 2 * n),
                          g_array_index (parsed->coords, double, parsed->coords->len - 2 * n + 1) };

      g_array_append_vals (parsed->coords, first, 2);
    }
  if (parsed->coords->len / 2 - g_array_index (parsed->ring_offsets, guint,
                                               parsed->ring_offsets->len - 1) < 4)
    return FALSE;
  append_offset (parsed->ring_offsets, parsed->coords->len / 2);
  return TRUE;
}

static gboolean
add_polygon (Parsed                      *parsed,
             OGRGeometryH                 polygon,
             OGRCoordinateTransformationH transformation)
{
  int n_rings = OGR_G_GetGeometryCount (polygon);

  if (n_rings < 1)
    return FALSE;
  for (int r = 0; r < n_rings; r++)
    if (!add_ring (parsed, OGR_G_GetGeometryRef (polygon, r), transformation))
      return FALSE;
  append_offset (parsed->polygon_offsets, parsed->ring_offsets->len - 1);
  return TRUE;
}

/* Drops what a rejected feature appended. */
static void
truncate_parsed (Parsed *parsed,
                 guint   n_polygons,
                 guint   n_rings)
{
  g_array_set_size (parsed->polygon_offsets, n_polygons + 1);
  g_array_set_size (parsed->ring_offsets, n_rings + 1);
  g_array_set_size (parsed->coords,
                    2 * g_array_index (parsed->ring_offsets, guint, n_rings));
}

/* The reason a geometry cannot be used, or NULL after appending it. */
static const char *
add_geometry (Parsed                      *parsed,
              OGRGeometryH                 geometry,
              OGRCoordinateTransformationH transformation)
{
  g_auto(OGRGeometryH) multi = NULL;
  guint n_polygons = parsed->polygon_offsets->len - 1;
  guint n_rings = parsed->ring_offsets->len - 1;
  OGRwkbGeometryType type;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return _("No geometry");
  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon && type != wkbCurvePolygon &&
      type != wkbMultiSurface)
    return _("Not a polygon");

  multi = OGR_G_ForceToMultiPolygon (OGR_G_Clone (geometry));
  for (int p = 0; p < OGR_G_GetGeometryCount (multi); p++)
    if (!add_polygon (parsed, OGR_G_GetGeometryRef (multi, p), transformation))
      {
        truncate_parsed (parsed, n_polygons, n_rings);
        return _("Broken geometry");
      }
  return NULL;
}

static const char *
feature_string (AplombImport *import,
                OGRFeatureH   feature,
                int           field,
                char        **buffer)
{
  if (field < 0 || !OGR_F_IsFieldSetAndNotNull (feature, field))
    return NULL;
  return aplomb_import_decode_text (import, OGR_F_GetFieldAsString (feature, field), buffer);
}

static void
set_attributes (AplombImport *import,
                OGRFeatureH   feature,
                const Fields *fields,
                guint         commune,
                double       *population)
{
  g_autofree char *epci_buffer = NULL;
  const char *epci = feature_string (import, feature, fields->epci, &epci_buffer);

  if (epci != NULL)
    aplomb_territory_set_epci (import->territory, commune, epci,
                               aplomb_territory_get_epci_name (import->territory, commune));
  if (fields->population >= 0 && OGR_F_IsFieldSetAndNotNull (feature, fields->population))
    population[commune] = OGR_F_GetFieldAsDouble (feature, fields->population);
}

/* Older boundaries imported into a project (a 2018 layer into the 2024
 * communes) must not bring back merged communes beside the current one. */
static gboolean
is_former_code (AplombImport *import,
                Parsed       *parsed,
                const char   *code)
{
  const char *current;
  int commune;

  if (parsed->n_existing == 0 || import->history == NULL ||
      aplomb_territory_lookup (import->territory, code) >= 0)
    return FALSE;
  current = aplomb_code_history_lookup (import->history, code, NULL);
  commune = current != NULL ? aplomb_territory_lookup (import->territory, current) : -1;
  return commune >= 0 && (guint) commune < parsed->n_existing;
}

/* Reads one feature into parsed; FALSE if it was rejected. */
static gboolean
read_feature (AplombImport                *import,
              OGRFeatureH                  feature,
              const Fields                *fields,
              OGRCoordinateTransformationH transformation,
              Parsed                      *parsed,
              GArray                     **population,
              GHashTable                  *seen)
{
  g_autofree char *code_buffer = NULL, *name_buffer = NULL, *dep_buffer = NULL;
  const char *code_text = feature_string (import, feature, fields->code, &code_buffer);
  const char *code_field = OGR_Fld_GetNameRef (OGR_F_GetFieldDefnRef (feature, fields->code));
  g_autofree char *code = aplomb_import_normalize_code (code_text);
  guint line = (guint) OGR_F_GetFID (feature) + 1;
  Feature read = { 0, parsed->polygon_offsets->len - 1, 0 };
  const char *reason;
  int commune;

  if (code == NULL)
    {
      aplomb_import_report_reject (import->report, _("Invalid commune code"), line, code_field,
                                   code_text != NULL ? code_text : "");
      return FALSE;
    }
  if (g_hash_table_contains (seen, code))
    {
      aplomb_import_report_reject (import->report, _("Commune listed twice"), line, code_field,
                                   code);
      return FALSE;
    }
  if (is_former_code (import, parsed, code))
    {
      aplomb_import_report_reject (import->report, _("Former code of a commune of the project"),
                                   line, code_field, code);
      return FALSE;
    }
  reason = add_geometry (parsed, OGR_F_GetGeometryRef (feature), transformation);
  if (reason != NULL)
    {
      aplomb_import_report_reject (import->report, reason, line, code_field, code);
      return FALSE;
    }

  commune = aplomb_territory_lookup (import->territory, code);
  if (commune < 0)
    {
      commune = aplomb_territory_add_commune (import->territory, code,
                                              feature_string (import, feature, fields->name, &name_buffer),
                                              feature_string (import, feature, fields->departement, &dep_buffer));
      g_array_set_size (*population, commune + 1);
      g_array_index (*population, double, commune) = NAN;
    }
  set_attributes (import, feature, fields, commune, (double *) (*population)->data);
  read.commune = commune;
  read.end_polygon = parsed->polygon_offsets->len - 1;
  g_array_append_val (parsed->features, read);
  g_hash_table_add (seen, g_steal_pointer (&code));
  return TRUE;
}

/* Orders the polygons like the communes: those of the file replace the
 * geometry a commune had, the others keep theirs. */
static gboolean
assemble_geometry (AplombImport *import,
                   Parsed       *parsed,
                   GError      **error)
{
  const AplombGeometry *old = aplomb_territory_get_geometry (import->territory);
  guint n = aplomb_territory_get_n_communes (import->territory);
  g_autofree int *feature_of = g_new (int, n);
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) polygons = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) coords = g_array_sized_new (FALSE, FALSE, sizeof (double), parsed->coords->len);
  AplombGeometry geometry;

  for (guint i = 0; i < n; i++)
    feature_of[i] = -1;
  for (guint f = 0; f < parsed->features->len; f++)
    feature_of[g_array_index (parsed->features, Feature, f).commune] = f;

  append_offset (features, 0);
  append_offset (polygons, 0);
  append_offset (rings, 0);
  for (guint i = 0; i < n; i++)
    {
      const guint *polygon_offsets = (const guint *) parsed->polygon_offsets->data;
      const guint *ring_offsets = (const guint *) parsed->ring_offsets->data;
      const double *source = (const double *) parsed->coords->data;
      guint first = 0, end = 0;

      if (feature_of[i] >= 0)
        {
          first = g_array_index (parsed->features, Feature, feature_of[i]).first_polygon;
          end = g_array_index (parsed->features, Feature, feature_of[i]).end_polygon;
        }
      else if (i < old->n_features)
        {
          polygon_offsets = old->polygon_offsets;
          ring_offsets = old->ring_offsets;
          source = old->coords;
          first = old->feature_offsets[i];
          end = old->feature_offsets[i + 1];
        }
      for (guint p = first; p < end; p++)
        {
          for (guint r = polygon_offsets[p]; r < polygon_offsets[p + 1]; r++)
            {
              g_array_append_vals (coords, &source[2 * ring_offsets[r]],
                                   2 * (ring_offsets[r + 1] - ring_offsets[r]));
              append_offset (rings, coords->len / 2);
            }
          append_offset (polygons, rings->len - 1);
        }
      append_offset (features, polygons->len - 1);
    }

  geometry = (AplombGeometry) {
    .n_features = n,
    .n_polygons = polygons->len - 1,
    .n_rings = rings->len - 1,
    .n_points = coords->len / 2,
    .feature_offsets = (const guint *) features->data,
    .polygon_offsets = (const guint *) polygons->data,
    .ring_offsets = (const guint *) rings->data,
    .coords = (const double *) coords->data,
  };
  return aplomb_territory_set_geometry (import->territory, &geometry, error);
}

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->polygon_offsets, g_array_unref);
  g_clear_pointer (&parsed->ring_offsets, g_array_unref);
  g_clear_pointer (&parsed->coords, g_array_unref);
  g_clear_pointer (&parsed->features, g_array_unref);
  g_clear_pointer (&parsed->xs, g_array_unref);
  g_clear_pointer (&parsed->ys, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

static void
parsed_init (Parsed *parsed)
{
  guint zero = 0;

  parsed->polygon_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  parsed->ring_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  parsed->coords = g_array_new (FALSE, FALSE, sizeof (double));
  parsed->features = g_array_new (FALSE, FALSE, sizeof (Feature));
  parsed->xs = g_array_new (FALSE, FALSE, sizeof (double));
  parsed->ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (parsed->polygon_offsets, zero);
  g_array_append_val (parsed->ring_offsets, zero);
}

gboolean
aplomb_import_communes (AplombImport *import,
                        GError      **error)
{
  g_auto(GDALDatasetH) dataset = NULL;
  g_auto(OGRCoordinateTransformationH) transformation = NULL;
  g_auto(Parsed) parsed = { NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) population = NULL;
  OGRLayerH layer;
  Fields fields;

  dataset = aplomb_import_open_vector (import->path, NULL, error);
  if (dataset == NULL)
    return FALSE;
  layer = find_polygon_layer (import, dataset, error);
  if (layer == NULL || !find_fields (import, OGR_L_GetLayerDefn (layer), &fields, error))
    return FALSE;
  transformation = aplomb_import_transformation_to_wgs84 (import, layer, error);
  if (transformation == NULL)
    return FALSE;

  parsed_init (&parsed);
  parsed.n_existing = aplomb_territory_get_n_communes (import->territory);
  population = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (population, aplomb_territory_get_population (import->territory),
                       aplomb_territory_get_n_communes (import->territory));

  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_auto(OGRFeatureH) feature = NULL;

      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;
      feature = OGR_L_GetNextFeature (layer);
      if (feature == NULL)
        break;
      import->report->n_read++;
      if (read_feature (import, feature, &fields, transformation, &parsed, &population, seen))
        import->report->n_imported++;
    }
  if (import->report->n_read == 0)
    {
      g_set_error (error, APLOMB_IMPORT_ERROR, APLOMB_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty."), import->report->file_name);
      return FALSE;
    }

  if (fields.population >= 0)
    aplomb_territory_set_population (import->territory, (const double *) population->data);
  aplomb_import_report_add_note (import->report, _("%u polygons, %u rings, %u points."),
                                 parsed.polygon_offsets->len - 1, parsed.ring_offsets->len - 1,
                                 parsed.coords->len / 2);
  return assemble_geometry (import, &parsed, error);
}
