/* aplomb-cpts.c: checks and diagnostic of a CPTS perimeter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aplomb-cpts.h"
#include "aplomb-scenario-supply.h"

/* Kilometres per degree, for the local equirectangular projection used on
 * distances of a few hundred metres and on commune areas. */
#define KM_PER_DEGREE_LAT 110.574
#define KM_PER_DEGREE_LON_EQUATOR 111.320

typedef struct
{
  double kx, ky;  /* km per degree of longitude and latitude */
} Projection;

static Projection
projection_at (double lat)
{
  return (Projection) { KM_PER_DEGREE_LON_EQUATOR * cos (lat * G_PI / 180), KM_PER_DEGREE_LAT };
}

static double
point_segment_km (const Projection *p,
                  const double     *point,
                  const double     *a,
                  const double     *b)
{
  double px = (point[0] - a[0]) * p->kx, py = (point[1] - a[1]) * p->ky;
  double sx = (b[0] - a[0]) * p->kx, sy = (b[1] - a[1]) * p->ky;
  double length2 = sx * sx + sy * sy;
  double t = length2 > 0 ? CLAMP ((px * sx + py * sy) / length2, 0.0, 1.0) : 0.0;

  return hypot (px - t * sx, py - t * sy);
}

static gboolean
bboxes_touch (const AplombBBox *a,
              const AplombBBox *b,
              double            dlon,
              double            dlat)
{
  return a->min_lon - dlon <= b->max_lon && b->min_lon - dlon <= a->max_lon &&
         a->min_lat - dlat <= b->max_lat && b->min_lat - dlat <= a->max_lat;
}

/* Whether a vertex of commune a lies within APLOMB_CPTS_NEIGHBOUR_KM of a
 * boundary segment of commune b. */
static gboolean
vertex_near_boundary (const AplombGeometry *g,
                      guint                 a,
                      guint                 b,
                      const Projection     *p)
{
  guint a_first = g->ring_offsets[g->polygon_offsets[g->feature_offsets[a]]];
  guint a_last = g->ring_offsets[g->polygon_offsets[g->feature_offsets[a + 1]]];

  for (guint q = g->polygon_offsets[g->feature_offsets[b]];
       q < g->polygon_offsets[g->feature_offsets[b + 1]]; q++)
    for (guint k = g->ring_offsets[q]; k + 1 < g->ring_offsets[q + 1]; k++)
      for (guint v = a_first; v < a_last; v++)
        if (point_segment_km (p, &g->coords[2 * v], &g->coords[2 * k], &g->coords[2 * k + 2]) <=
            APLOMB_CPTS_NEIGHBOUR_KM)
          return TRUE;
  return FALSE;
}

static gboolean
are_neighbours (const AplombGeometry *g,
                guint                 a,
                guint                 b)
{
  const AplombBBox *box = &g->bboxes[a];
  Projection p = projection_at ((box->min_lat + box->max_lat) / 2);
  double dlon = APLOMB_CPTS_NEIGHBOUR_KM / p.kx, dlat = APLOMB_CPTS_NEIGHBOUR_KM / p.ky;

  if (!bboxes_touch (&g->bboxes[a], &g->bboxes[b], dlon, dlat))
    return FALSE;
  return vertex_near_boundary (g, a, b, &p) || vertex_near_boundary (g, b, a, &p);
}

static guint
find_root (guint *parent,
           guint  k)
{
  while (parent[k] != k)
    k = parent[k] = parent[parent[k]];
  return k;
}

guint
aplomb_cpts_count_components (AplombTerritory *territory,
                              const guint     *communes,
                              guint            n,
                              guint           *component)
{
  const AplombGeometry *g = aplomb_territory_get_geometry (territory);
  g_autofree guint *parent = g_new (guint, MAX (n, 1));
  g_autoptr(GHashTable) roots = g_hash_table_new (NULL, NULL);

  for (guint k = 0; k < n; k++)
    parent[k] = k;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (find_root (parent, i) != find_root (parent, j) &&
          are_neighbours (g, communes[i], communes[j]))
        parent[find_root (parent, i)] = find_root (parent, j);

  for (guint k = 0; k < n; k++)
    {
      guint root = find_root (parent, k);
      gpointer group;

      if (!g_hash_table_lookup_extended (roots, GUINT_TO_POINTER (root), NULL, &group))
        {
          group = GUINT_TO_POINTER (g_hash_table_size (roots));
          g_hash_table_insert (roots, GUINT_TO_POINTER (root), group);
        }
      if (component != NULL)
        component[k] = GPOINTER_TO_UINT (group);
    }
  return g_hash_table_size (roots);
}

static double
ring_area_km2 (const AplombGeometry *g,
               guint                 ring)
{
  guint first = g->ring_offsets[ring], last = g->ring_offsets[ring + 1];
  const double *origin = &g->coords[2 * first];
  Projection p;
  double twice = 0.0;

  if (last - first < 3)
    return 0.0;
  p = projection_at (origin[1]);
  /* Shoelace relative to the first vertex, to keep the products small. */
  for (guint k = first; k + 1 < last; k++)
    {
      const double *a = &g->coords[2 * k], *b = &g->coords[2 * k + 2];

      twice += (a[0] - origin[0]) * (b[1] - origin[1]) - (b[0] - origin[0]) * (a[1] - origin[1]);
    }
  return fabs (twice) / 2 * p.kx * p.ky;
}

/* Exterior rings minus holes, on the simplified boundaries (1.5 % off on
 * average for the bundled France, see its PROVENANCE). */
static double
commune_area_km2 (const AplombGeometry *g,
                  guint                 commune)
{
  double area = 0.0;

  for (guint q = g->feature_offsets[commune]; q < g->feature_offsets[commune + 1]; q++)
    for (guint r = g->polygon_offsets[q]; r < g->polygon_offsets[q + 1]; r++)
      area += (r == g->polygon_offsets[q] ? 1 : -1) * ring_area_km2 (g, r);
  return area;
}

static void
count_practitioners (AplombTerritory      *territory,
                     AplombProfession      profession,
                     const gboolean       *member,
                     AplombAreaDiagnostic *d)
{
  const AplombPractitioner *rows = aplomb_territory_get_practitioners (territory);
  guint n_rows = aplomb_territory_get_n_practitioners (territory);

  for (guint k = 0; k < n_rows; k++)
    {
      const AplombPractitioner *p = &rows[k];
      double heads = isnan (p->heads) ? 1.0 : p->heads;

      if (p->commune < 0 || !member[p->commune])
        continue;
      d->heads[p->profession] += heads;
      if (p->profession != profession || p->age < 0)
        continue;
      d->heads_known_age += heads;
      for (guint b = 0; b < d->n_age_bounds; b++)
        if (p->age > (int) d->age_bounds[b])
          d->heads_over[b] += heads;
    }
}

static void
set_age_bounds (AplombPreset         *preset,
                AplombAreaDiagnostic *d)
{
  guint n_bounds = 0;
  const guint *bounds = aplomb_preset_get_age_bounds (preset, &n_bounds);

  for (guint b = 0; b < n_bounds && d->n_age_bounds < APLOMB_CPTS_MAX_AGE_BOUNDS; b++)
    if (bounds[b] > 0)
      d->age_bounds[d->n_age_bounds++] = bounds[b];
}

void
aplomb_area_diagnose (AplombTerritory      *territory,
                      AplombPreset         *preset,
                      const double         *apl,
                      const double         *population_std,
                      const guint          *communes,
                      guint                 n,
                      AplombAreaDiagnostic *d)
{
  guint n_communes = aplomb_territory_get_n_communes (territory);
  const double *population = aplomb_territory_get_population (territory);
  const double *share = aplomb_territory_get_share_75plus (territory);
  const AplombGeometry *g = aplomb_territory_get_geometry (territory);
  guint n_thresholds = 0;
  const double *thresholds = aplomb_preset_get_thresholds (preset, &n_thresholds);
  g_autofree gboolean *member = g_new0 (gboolean, n_communes);
  double known_population = 0.0, population_75plus = 0.0;
  AplombProfession profession = APLOMB_PROFESSION_GP;

  g_return_if_fail (APLOMB_IS_TERRITORY (territory) && APLOMB_IS_PRESET (preset));
  g_return_if_fail (apl != NULL && population_std != NULL && d != NULL);

  *d = (AplombAreaDiagnostic) { 0 };
  d->n_communes = n;
  d->n_classes = MIN (n_thresholds + 1, APLOMB_CPTS_MAX_CLASSES);
  set_age_bounds (preset, d);
  for (guint k = 0; k < n; k++)
    {
      guint c = communes[k];
      double pop = population != NULL && !isnan (population[c]) ? population[c] : 0.0;

      member[c] = TRUE;
      d->population += pop;
      d->area_km2 += commune_area_km2 (g, c);
      if (share != NULL && !isnan (share[c]))
        {
          known_population += pop;
          population_75plus += pop * share[c];
        }
      if (!isnan (apl[c]))
        d->population_in_class[MIN (aplomb_classify (thresholds, n_thresholds, apl[c]),
                                    d->n_classes - 1)] += pop;
    }
  d->share_75plus = known_population > 0 ? population_75plus / known_population : NAN;
  d->density_km2 = d->area_km2 > 0 ? d->population / d->area_km2 : NAN;

  if (!aplomb_profession_from_string (aplomb_preset_get_profession (preset), &profession))
    profession = APLOMB_PROFESSION_OTHER_PHYSICIAN;
  count_practitioners (territory, profession, member, d);
  d->heads_per_10k = d->population > 0 ? d->heads[profession] / d->population * 1e4 : NAN;

  if (population != NULL)
    aplomb_apl_aggregate (apl, population, population_std, communes, n,
                          n_thresholds > 0 ? thresholds[0] : -INFINITY, &d->apl);
}

/* The département holding most of the perimeter's population. */
static const char *
main_departement (AplombTerritory *territory,
                  GArray          *communes)
{
  const double *population = aplomb_territory_get_population (territory);
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *best = NULL;
  double best_total = -1;

  for (guint k = 0; k < communes->len; k++)
    {
      guint c = g_array_index (communes, guint, k);
      const char *dep = aplomb_territory_get_departement (territory, c);
      double *total;

      if (dep == NULL)
        continue;
      total = g_hash_table_lookup (totals, dep);
      if (total == NULL)
        {
          total = g_new0 (double, 1);
          g_hash_table_insert (totals, (gpointer) dep, total);
        }
      *total += population != NULL && !isnan (population[c]) ? population[c] : 0.0;
      if (*total > best_total)
        {
          best_total = *total;
          best = dep;
        }
    }
  return best;
}

static void
diagnose_departement (AplombCptsReport *report,
                      AplombTerritory  *territory,
                      AplombPreset     *preset,
                      const double     *apl,
                      const double     *population_std)
{
  g_autoptr(GArray) communes = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = aplomb_territory_get_n_communes (territory);

  for (guint c = 0; c < n; c++)
    if (g_strcmp0 (aplomb_territory_get_departement (territory, c), report->departement) == 0)
      g_array_append_val (communes, c);
  aplomb_area_diagnose (territory, preset, apl, population_std, (const guint *) communes->data,
                        communes->len, &report->departement_area);
}

static gboolean
find_overlaps (AplombCptsReport *report,
               AplombScenario   *scenario,
               AplombTerritory  *territory,
               GError          **error)
{
  g_autofree gboolean *member = g_new0 (gboolean, aplomb_territory_get_n_communes (territory));

  for (guint k = 0; k < report->communes->len; k++)
    member[g_array_index (report->communes, guint, k)] = TRUE;

  for (guint i = 0; i < aplomb_scenario_get_n_actions (scenario); i++)
    {
      const AplombAction *other = aplomb_scenario_get_action (scenario, i);
      g_autoptr(GArray) communes = NULL;

      if (i == report->action || other->kind != APLOMB_ACTION_CPTS)
        continue;
      communes = aplomb_cpts_action_resolve (other, i, territory, error);
      if (communes == NULL)
        return FALSE;
      for (guint k = 0; k < communes->len; k++)
        if (member[g_array_index (communes, guint, k)])
          {
            g_array_append_val (report->overlaps, i);
            break;
          }
    }
  return TRUE;
}

AplombCptsReport *
aplomb_cpts_report_new (AplombScenario  *scenario,
                        guint            index,
                        AplombTerritory *territory,
                        AplombPreset    *preset,
                        const double    *apl,
                        const double    *population_std,
                        GError         **error)
{
  g_autoptr(AplombCptsReport) report = NULL;
  const AplombAction *action;
  g_autofree guint *everyone = NULL;
  guint n;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (index < aplomb_scenario_get_n_actions (scenario), NULL);
  action = aplomb_scenario_get_action (scenario, index);
  g_return_val_if_fail (action->kind == APLOMB_ACTION_CPTS, NULL);

  report = g_new0 (AplombCptsReport, 1);
  report->action = index;
  report->overlaps = g_array_new (FALSE, FALSE, sizeof (guint));
  report->communes = aplomb_cpts_action_resolve (action, index, territory, error);
  if (report->communes == NULL || !find_overlaps (report, scenario, territory, error))
    return NULL;

  report->n_components = aplomb_cpts_count_components (territory,
                                                       (const guint *) report->communes->data,
                                                       report->communes->len, NULL);
  aplomb_area_diagnose (territory, preset, apl, population_std,
                        (const guint *) report->communes->data, report->communes->len,
                        &report->perimeter);
  report->departement = g_strdup (main_departement (territory, report->communes));
  diagnose_departement (report, territory, preset, apl, population_std);

  n = aplomb_territory_get_n_communes (territory);
  everyone = g_new (guint, n);
  for (guint c = 0; c < n; c++)
    everyone[c] = c;
  aplomb_area_diagnose (territory, preset, apl, population_std, everyone, n, &report->france);
  return g_steal_pointer (&report);
}

void
aplomb_cpts_report_free (AplombCptsReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->communes, g_array_unref);
  g_clear_pointer (&report->overlaps, g_array_unref);
  g_free (report->departement);
  g_free (report);
}
