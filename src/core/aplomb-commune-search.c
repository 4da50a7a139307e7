/* aplomb-commune-search.c: find a commune by name, INSEE code or postcode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aplomb-commune-search.h"

/* Lower ranks sort first. */
typedef enum
{
  MATCH_CODE,
  MATCH_NAME_EXACT,
  MATCH_POSTCODE,
  MATCH_NAME_PREFIX,
  MATCH_WORD_PREFIX,
  MATCH_SUBSTRING,
  MATCH_NONE,
} MatchRank;

typedef struct
{
  guint     commune;
  MatchRank rank;
  double    population;
} Candidate;

struct _AplombCommuneSearch
{
  GObject          parent_instance;

  AplombTerritory *territory;
  GPtrArray       *folded_names;  /* one per commune */
};

G_DEFINE_FINAL_TYPE (AplombCommuneSearch, aplomb_commune_search, G_TYPE_OBJECT)

static gboolean
is_separator (gunichar c)
{
  return c == '-' || c == '\'' || c == 0x2019 || g_unichar_isspace (c);
}

/* "Saint-Étienne-l'Allier" and "saint etienne l allier" fold to the same
 * string: no accents, no case, single spaces for hyphens and apostrophes. */
char *
aplomb_fold_for_search (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *folded;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  folded = g_string_new (NULL);
  if (decomposed == NULL)
    return g_string_free (folded, FALSE);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (is_separator (c))
        {
          pending_space = folded->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (folded, ' ');
      pending_space = FALSE;
      g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  return g_string_free (folded, FALSE);
}

static gboolean
is_word_prefix (const char *haystack,
                const char *needle)
{
  for (const char *p = strchr (haystack, ' '); p != NULL; p = strchr (p + 1, ' '))
    if (g_str_has_prefix (p + 1, needle))
      return TRUE;
  return FALSE;
}

static gboolean
has_postcode (AplombCommuneSearch *self,
              guint                commune,
              const char          *query)
{
  const char * const *postcodes = aplomb_territory_get_postcodes (self->territory, commune);

  if (postcodes == NULL)
    return FALSE;
  for (guint i = 0; postcodes[i] != NULL; i++)
    if (g_str_has_prefix (postcodes[i], query))
      return TRUE;
  return FALSE;
}

static MatchRank
rank_commune (AplombCommuneSearch *self,
              guint                commune,
              const char          *query,
              const char          *folded_query,
              gboolean             looks_like_code)
{
  const char *name = g_ptr_array_index (self->folded_names, commune);

  if (looks_like_code)
    {
      if (g_ascii_strcasecmp (aplomb_territory_get_code (self->territory, commune), query) == 0)
        return MATCH_CODE;
      if (has_postcode (self, commune, query))
        return MATCH_POSTCODE;
      return MATCH_NONE;
    }
  if (strcmp (name, folded_query) == 0)
    return MATCH_NAME_EXACT;
  if (g_str_has_prefix (name, folded_query))
    return MATCH_NAME_PREFIX;
  if (is_word_prefix (name, folded_query))
    return MATCH_WORD_PREFIX;
  if (strstr (name, folded_query) != NULL)
    return MATCH_SUBSTRING;
  return MATCH_NONE;
}

/* INSEE codes are five characters, digits except 2A/2B for Corsica;
 * postcodes are digits. */
static gboolean
looks_like_code (const char *query)
{
  gsize len = strlen (query);

  if (len < 2 || len > 5)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (query[i]) && !(i == 1 && (query[i] == 'A' || query[i] == 'B' ||
                                                     query[i] == 'a' || query[i] == 'b')))
      return FALSE;
  return TRUE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->rank != cb->rank)
    return ca->rank < cb->rank ? -1 : 1;
  /* The bigger town first: searching "Saint-Denis" means the one in 93. */
  if (ca->population != cb->population)
    return ca->population > cb->population ? -1 : 1;
  return ca->commune < cb->commune ? -1 : ca->commune > cb->commune;
}

/* Returns the indices (guint) of the best matches, best first. */
GArray *
aplomb_commune_search_find (AplombCommuneSearch *self,
                            const char          *query,
                            guint                max_results)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded_query = NULL;
  g_autoptr(GArray) candidates = NULL;
  const double *population;
  GArray *results = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean code_like;

  g_return_val_if_fail (APLOMB_IS_COMMUNE_SEARCH (self), results);
  g_return_val_if_fail (query != NULL, results);

  trimmed = g_strstrip (g_strdup (query));
  folded_query = aplomb_fold_for_search (trimmed);
  if (*folded_query == '\0')
    return results;

  code_like = looks_like_code (trimmed);
  population = aplomb_territory_get_population (self->territory);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < self->folded_names->len; i++)
    {
      MatchRank rank = rank_commune (self, i, trimmed, folded_query, code_like);
      Candidate c = { i, rank, isnan (population[i]) ? 0 : population[i] };

      if (rank != MATCH_NONE)
        g_array_append_val (candidates, c);
    }

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < MIN (candidates->len, max_results); i++)
    g_array_append_val (results, g_array_index (candidates, Candidate, i).commune);
  return results;
}

static void
aplomb_commune_search_finalize (GObject *object)
{
  AplombCommuneSearch *self = APLOMB_COMMUNE_SEARCH (object);

  g_clear_pointer (&self->folded_names, g_ptr_array_unref);
  g_clear_object (&self->territory);

  G_OBJECT_CLASS (aplomb_commune_search_parent_class)->finalize (object);
}

static void
aplomb_commune_search_class_init (AplombCommuneSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aplomb_commune_search_finalize;
}

static void
aplomb_commune_search_init (AplombCommuneSearch *self)
{
}

AplombCommuneSearch *
aplomb_commune_search_new (AplombTerritory *territory)
{
  AplombCommuneSearch *self;
  guint n;

  g_return_val_if_fail (APLOMB_IS_TERRITORY (territory), NULL);

  self = g_object_new (APLOMB_TYPE_COMMUNE_SEARCH, NULL);
  self->territory = g_object_ref (territory);
  n = aplomb_territory_get_n_communes (territory);
  self->folded_names = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->folded_names,
                     aplomb_fold_for_search (aplomb_territory_get_name (territory, i)));
  return self;
}
