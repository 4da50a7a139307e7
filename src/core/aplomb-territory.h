/* aplomb-territory.h: communes, their geometry and populations, practitioners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define APLOMB_TYPE_TERRITORY (aplomb_territory_get_type ())
G_DECLARE_FINAL_TYPE (AplombTerritory, aplomb_territory, APLOMB, TERRITORY, GObject)

#define APLOMB_TERRITORY_ERROR (aplomb_territory_error_quark ())
GQuark aplomb_territory_error_quark (void);

typedef enum
{
  APLOMB_TERRITORY_ERROR_UNKNOWN_COMMUNE,
  APLOMB_TERRITORY_ERROR_INVALID,
} AplombTerritoryError;

typedef enum
{
  APLOMB_PROFESSION_GP,
  APLOMB_PROFESSION_NURSE,
  APLOMB_PROFESSION_PHYSIOTHERAPIST,
  APLOMB_PROFESSION_MIDWIFE,
  APLOMB_PROFESSION_DENTIST,
  APLOMB_PROFESSION_OTHER_PHYSICIAN,
  APLOMB_N_PROFESSIONS
} AplombProfession;

typedef enum
{
  APLOMB_PRACTICE_UNKNOWN,
  APLOMB_PRACTICE_LIBERAL,
  APLOMB_PRACTICE_SALARIED,
  APLOMB_PRACTICE_MIXED,
} AplombPracticeMode;

typedef enum
{
  APLOMB_FACILITY_MSP,
  APLOMB_FACILITY_CENTRE_DE_SANTE,
  APLOMB_FACILITY_OTHER,
} AplombFacilityKind;

typedef struct
{
  double min_lon, min_lat, max_lon, max_lat;
} AplombBBox;

/* Commune polygons as flat arrays (liblwgeom's POINTARRAY idea): WGS84,
 * longitude first. Commune i owns polygons feature_offsets[i] ..
 * feature_offsets[i+1]-1; polygon p owns rings polygon_offsets[p] ..
 * polygon_offsets[p+1]-1, the first one exterior, the others holes; ring r
 * owns points ring_offsets[r] .. ring_offsets[r+1]-1 (closed: last == first),
 * point k being (coords[2k], coords[2k+1]). */
typedef struct
{
  guint        n_features;
  guint        n_polygons;
  guint        n_rings;
  guint        n_points;
  const guint *feature_offsets;  /* n_features + 1 */
  const guint *polygon_offsets;  /* n_polygons + 1 */
  const guint *ring_offsets;     /* n_rings + 1 */
  const double *coords;          /* 2 × n_points */
  const AplombBBox *bboxes;      /* n_features */
} AplombGeometry;

/* One row of supply: a practitioner (heads = 1), a practice site, or a
 * count of practitioners in a commune (heads = N). Unknown numbers are NaN,
 * unknown ages -1. */
typedef struct
{
  AplombProfession   profession;
  int                commune;     /* index in the territory, -1 if none */
  double             lon, lat;    /* NaN when only the commune is known */
  double             heads;
  double             etp;
  double             activity;    /* acts per year */
  int                age;
  AplombPracticeMode mode;
  gboolean           in_msp;
  gboolean           in_centre_de_sante;
} AplombPractitioner;

typedef struct
{
  char              *finess;
  char              *name;
  AplombFacilityKind kind;
  int                commune;
  double             lon, lat;
} AplombFacility;

/* Where a piece of the territory came from, shown in reports. */
typedef struct
{
  char      *kind;        /* "communes", "population", "practitioners", … */
  char      *file_name;
  char      *sha256;
  GDateTime *imported;
  char      *millesime;
  char      *licence;
} AplombSource;

AplombTerritory    *aplomb_territory_new                  (void);
AplombTerritory    *aplomb_territory_copy                 (AplombTerritory  *self);

guint               aplomb_territory_get_n_communes       (AplombTerritory  *self);
int                 aplomb_territory_lookup               (AplombTerritory  *self,
                                                           const char       *insee_code);
const char         *aplomb_territory_get_code             (AplombTerritory  *self,
                                                           guint             commune);
const char         *aplomb_territory_get_name             (AplombTerritory  *self,
                                                           guint             commune);
const char         *aplomb_territory_get_departement      (AplombTerritory  *self,
                                                           guint             commune);
const char         *aplomb_territory_get_epci             (AplombTerritory  *self,
                                                           guint             commune);
const char         *aplomb_territory_get_epci_name        (AplombTerritory  *self,
                                                           guint             commune);
const char * const *aplomb_territory_get_postcodes        (AplombTerritory  *self,
                                                           guint             commune);

/* Per-commune vectors of n_communes values; NaN where unknown. */
const double       *aplomb_territory_get_population       (AplombTerritory  *self);
const double       *aplomb_territory_get_share_75plus     (AplombTerritory  *self);
/* n_communes × n_age_bands, row-major; NULL when no age bands are known.
 * Band b covers ages [lower_bounds[b], lower_bounds[b+1]). */
const double       *aplomb_territory_get_age_bands        (AplombTerritory  *self,
                                                           guint            *n_age_bands,
                                                           const guint     **lower_bounds);

/* Named per-commune columns for everything else the sources carry:
 * "apl_official_2021" … "apl_official_2023" (DREES, NaN where missing),
 * "population_std_2021" (from the DREES workbook), "gp_count_rpps_2026",
 * "gp_count_bpe_2017", "emergency_time_min" (DREES 2019 road time to the
 * nearest emergency service), "area_km2", …  A column pointer stays valid
 * until that column is set again or removed. */
const double       *aplomb_territory_get_column           (AplombTerritory  *self,
                                                           const char       *name);
GStrv               aplomb_territory_list_columns         (AplombTerritory  *self);
void                aplomb_territory_set_column           (AplombTerritory  *self,
                                                           const char       *name,
                                                           const double     *values);

const AplombGeometry *aplomb_territory_get_geometry       (AplombTerritory  *self);
/* A point inside commune i: its chef-lieu when supplied, else a point on
 * surface. */
void                aplomb_territory_get_inner_point      (AplombTerritory  *self,
                                                           guint             commune,
                                                           double           *lon,
                                                           double           *lat);
/* The commune containing (lon, lat), or -1. */
int                 aplomb_territory_find_commune_at      (AplombTerritory  *self,
                                                           double            lon,
                                                           double            lat);

guint               aplomb_territory_get_n_practitioners  (AplombTerritory  *self);
const AplombPractitioner *aplomb_territory_get_practitioners (AplombTerritory *self);
guint               aplomb_territory_get_n_facilities     (AplombTerritory  *self);
const AplombFacility *aplomb_territory_get_facilities     (AplombTerritory  *self);

GPtrArray          *aplomb_territory_get_sources          (AplombTerritory  *self);

/* Building a territory (importers and the project store). Communes are
 * appended with an empty geometry; set_geometry replaces the geometry of all
 * of them at once (geometry->bboxes may be NULL: they are computed). */
guint               aplomb_territory_add_commune          (AplombTerritory  *self,
                                                           const char       *insee_code,
                                                           const char       *name,
                                                           const char       *departement);
void                aplomb_territory_set_epci             (AplombTerritory  *self,
                                                           guint             commune,
                                                           const char       *siren,
                                                           const char       *name);
void                aplomb_territory_set_postcodes        (AplombTerritory  *self,
                                                           guint             commune,
                                                           const char * const *postcodes);
void                aplomb_territory_take_postcodes       (AplombTerritory  *self,
                                                           guint             commune,
                                                           GStrv             postcodes);
gboolean            aplomb_territory_set_geometry         (AplombTerritory  *self,
                                                           const AplombGeometry *geometry,
                                                           GError          **error);
/* The same from arrays of guint offsets and double coordinates, taken
 * rather than copied (and freed when refused). */
gboolean            aplomb_territory_take_geometry        (AplombTerritory  *self,
                                                           GArray           *feature_offsets,
                                                           GArray           *polygon_offsets,
                                                           GArray           *ring_offsets,
                                                           GArray           *coords,
                                                           GError          **error);
/* Supplies the chef-lieu of a commune, used instead of a point on surface. */
void                aplomb_territory_set_chef_lieu        (AplombTerritory  *self,
                                                           guint             commune,
                                                           double            lon,
                                                           double            lat);
gboolean            aplomb_territory_has_chef_lieu        (AplombTerritory  *self,
                                                           guint             commune);
void                aplomb_territory_set_population       (AplombTerritory  *self,
                                                           const double     *values);
void                aplomb_territory_set_share_75plus     (AplombTerritory  *self,
                                                           const double     *values);
/* The last band is open-ended: it covers ages >= lower_bounds[n_age_bands - 1]. */
void                aplomb_territory_set_age_bands        (AplombTerritory  *self,
                                                           guint             n_age_bands,
                                                           const guint      *lower_bounds,
                                                           const double     *values);
gboolean            aplomb_territory_remove_column        (AplombTerritory  *self,
                                                           const char       *name);
void                aplomb_territory_add_practitioner     (AplombTerritory  *self,
                                                           const AplombPractitioner *practitioner);
/* Removes every practitioner of a profession, returns how many rows went. */
guint               aplomb_territory_remove_practitioners (AplombTerritory  *self,
                                                           AplombProfession  profession);
void                aplomb_territory_add_facility         (AplombTerritory  *self,
                                                           const AplombFacility *facility);
void                aplomb_territory_remove_facilities    (AplombTerritory  *self);
/* Takes ownership of source. */
void                aplomb_territory_add_source           (AplombTerritory  *self,
                                                           AplombSource     *source);
/* Exchanges the whole content of two territories and emits ::changed on
 * both: importers build into a copy and swap it in on success. */
void                aplomb_territory_swap                 (AplombTerritory  *self,
                                                           AplombTerritory  *other);
/* Sum of the population vector, ignoring unknown values. */
double              aplomb_territory_get_total_population (AplombTerritory  *self);

AplombSource       *aplomb_source_new                     (const char       *kind,
                                                           const char       *file_name,
                                                           const char       *sha256,
                                                           GDateTime        *imported,
                                                           const char       *millesime,
                                                           const char       *licence);
AplombSource       *aplomb_source_copy                    (const AplombSource *source);
void                aplomb_source_free                    (AplombSource     *source);

const char         *aplomb_profession_to_string           (AplombProfession  profession);
/* Translated name for people, e.g. "General practitioners". */
const char         *aplomb_profession_get_label           (AplombProfession  profession);
gboolean            aplomb_profession_from_string         (const char       *name,
                                                           AplombProfession *profession);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombSource, aplomb_source_free)

G_END_DECLS
