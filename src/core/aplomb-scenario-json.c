/* aplomb-scenario-json.c: scenarios to and from JSON (docs/scenario-format.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "aplomb-scenario.h"

#define FORMAT_NAME "aplomb-scenario"
#define FORMAT_VERSION 1

/* Where a value is read from, so that errors name the action and field. */
typedef struct
{
  const AplombAction *action;  /* NULL before the kind is known */
  guint               index;
  gboolean            in_action;
} Place;

static void
set_place_error (GError    **error,
                 const Place *place,
                 const char  *field,
                 const char  *message)
{
  if (place->in_action)
    aplomb_action_set_error (error, APLOMB_SCENARIO_ERROR_INVALID, place->action, place->index,
                             field, "%s", message);
  else
    g_set_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID,
                 /* Translators: "Scenario, field “baseline.year”: must be a whole number" */
                 _("Scenario, field “%s”: %s"), field, message);
}

static char *
join_field (const char *prefix,
            const char *member)
{
  return prefix != NULL && *prefix != '\0' ? g_strconcat (prefix, ".", member, NULL)
                                           : g_strdup (member);
}

/* Refuses members the format does not define: a typo would otherwise be
 * silently ignored and the scenario evaluated without the user's value. */
static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               const Place        *place,
               const char         *prefix,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *field = join_field (prefix, l->data);

        set_place_error (error, place, field, _("unknown field"));
        return FALSE;
      }
  return TRUE;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const Place *place,
            const char  *field,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;
  if (required)
    set_place_error (error, place, field, _("is missing"));
  return NULL;
}

static gboolean
read_number (JsonObject  *object,
             const char  *member,
             gboolean     required,
             const Place *place,
             const char  *prefix,
             double      *value,
             GError     **error)
{
  g_autofree char *field = join_field (prefix, member);
  JsonNode *node = get_member (object, member, required, place, field, error);
  GType type;

  if (node == NULL)
    return !required;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      set_place_error (error, place, field, _("must be a number"));
      return FALSE;
    }
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_year (JsonObject  *object,
           const char  *member,
           const Place *place,
           const char  *prefix,
           int         *year,
           GError     **error)
{
  g_autofree char *field = join_field (prefix, member);
  JsonNode *node = get_member (object, member, FALSE, place, field, error);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > 9999)
    {
      set_place_error (error, place, field, _("must be a year such as 2027"));
      return FALSE;
    }
  *year = (int) json_node_get_int (node);
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     required,
             const Place *place,
             const char  *prefix,
             char       **value,
             GError     **error)
{
  g_autofree char *field = join_field (prefix, member);
  JsonNode *node = get_member (object, member, required, place, field, error);

  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_place_error (error, place, field, _("must be a string"));
      return FALSE;
    }
  g_free (*value);
  *value = json_node_dup_string (node);
  return TRUE;
}

/* FALSE on error; *value is NULL when an optional member is absent. */
static gboolean
read_object (JsonObject  *object,
             const char  *member,
             gboolean     required,
             const Place *place,
             const char  *field,
             JsonObject **value,
             GError     **error)
{
  JsonNode *node = get_member (object, member, required, place, field, error);

  *value = NULL;
  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_place_error (error, place, field, _("must be an object"));
      return FALSE;
    }
  *value = json_node_get_object (node);
  return TRUE;
}

/* FALSE on error; *value is NULL when an optional member is absent. */
static gboolean
read_array (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const Place *place,
            JsonArray  **value,
            GError     **error)
{
  JsonNode *node = get_member (object, member, required, place, member, error);

  *value = NULL;
  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_place_error (error, place, member, _("must be an array"));
      return FALSE;
    }
  *value = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
array_object (JsonArray   *array,
              guint        i,
              const Place *place,
              const char  *field,
              GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  set_place_error (error, place, field, _("must be an object"));
  return NULL;
}

static gboolean
read_code_list (JsonObject  *object,
                const char  *member,
                const Place *place,
                GPtrArray   *codes,
                GError     **error)
{
  JsonArray *array;

  if (!read_array (object, member, FALSE, place, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *field = g_strdup_printf ("%s[%u]", member, i);

          set_place_error (error, place, field, _("must be a commune code string"));
          return FALSE;
        }
      g_ptr_array_add (codes, json_node_dup_string (node));
    }
  return TRUE;
}

static gboolean
read_profession (JsonObject       *object,
                 const char       *member,
                 const Place      *place,
                 AplombProfession *profession,
                 GError          **error)
{
  g_autofree char *name = NULL;

  if (!read_string (object, member, FALSE, place, NULL, &name, error))
    return FALSE;
  if (name == NULL || aplomb_profession_from_string (name, profession))
    return TRUE;
  set_place_error (error, place, member, _("unknown profession"));
  return FALSE;
}

static gboolean
read_msp (JsonObject   *object,
          AplombAction *action,
          const Place  *place,
          GError      **error)
{
  static const char *const members[] = {
    "kind", "label", "commune", "team", "relocations", "opening_year", NULL
  };
  AplombMspAction *msp = &action->msp;
  g_autofree const char **team_members = g_new0 (const char *, APLOMB_N_PROFESSIONS + 1);
  JsonObject *team;
  JsonArray *relocations;

  if (!check_members (object, members, place, NULL, error) ||
      !read_string (object, "commune", TRUE, place, NULL, &msp->commune, error) ||
      !read_year (object, "opening_year", place, NULL, &msp->opening_year, error))
    return FALSE;

  if (!read_object (object, "team", TRUE, place, "team", &team, error))
    return FALSE;
  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    team_members[p] = aplomb_profession_to_string (p);
  if (!check_members (team, (const char * const *) team_members, place, "team", error))
    return FALSE;
  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    if (!read_number (team, team_members[p], FALSE, place, "team", &msp->team[p], error))
      return FALSE;

  if (!read_array (object, "relocations", FALSE, place, &relocations, error))
    return FALSE;
  for (guint i = 0; relocations != NULL && i < json_array_get_length (relocations); i++)
    {
      static const char *const relocation_members[] = { "commune", "gp", NULL };
      g_autofree char *prefix = g_strdup_printf ("relocations[%u]", i);
      JsonObject *r = array_object (relocations, i, place, prefix, error);
      g_autofree char *commune = NULL;
      double gp_etp = 0.0;

      if (r == NULL || !check_members (r, relocation_members, place, prefix, error) ||
          !read_string (r, "commune", TRUE, place, prefix, &commune, error) ||
          !read_number (r, "gp", TRUE, place, prefix, &gp_etp, error))
        return FALSE;
      aplomb_action_msp_add_relocation (action, commune, gp_etp);
    }
  return TRUE;
}

static gboolean
read_bus_stop (JsonObject   *object,
               guint         i,
               AplombAction *action,
               const Place  *place,
               GError      **error)
{
  static const char *const members[] = { "commune", "half_days", NULL };
  const char *days[APLOMB_N_WEEKDAYS + 1] = { NULL };
  g_autofree char *prefix = g_strdup_printf ("stops[%u]", i);
  g_autofree char *days_prefix = g_strdup_printf ("stops[%u].half_days", i);
  g_autofree char *commune = NULL;
  AplombBusStop *stop;
  JsonObject *half_days;

  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    days[d] = aplomb_weekday_to_string (d);

  if (!check_members (object, members, place, prefix, error) ||
      !read_string (object, "commune", TRUE, place, prefix, &commune, error))
    return FALSE;
  if (!read_object (object, "half_days", TRUE, place, days_prefix, &half_days, error) ||
      !check_members (half_days, days, place, days_prefix, error))
    return FALSE;

  stop = aplomb_action_bus_add_stop (action, commune);
  for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
    if (!read_number (half_days, days[d], FALSE, place, days_prefix, &stop->half_days[d],
                      error))
      return FALSE;
  return TRUE;
}

static gboolean
read_bus (JsonObject   *object,
          AplombAction *action,
          const Place  *place,
          GError      **error)
{
  static const char *const members[] = {
    "kind", "label", "base", "consultations_per_half_day", "weeks_per_year",
    "half_day_hours", "shift_hours", "stops", NULL
  };
  AplombBusAction *bus = &action->bus;
  JsonArray *stops;

  if (!check_members (object, members, place, NULL, error) ||
      !read_string (object, "base", TRUE, place, NULL, &bus->base, error) ||
      !read_number (object, "consultations_per_half_day", TRUE, place, NULL,
                    &bus->consultations_per_half_day, error) ||
      !read_number (object, "weeks_per_year", TRUE, place, NULL, &bus->weeks_per_year, error) ||
      !read_number (object, "half_day_hours", TRUE, place, NULL, &bus->half_day_hours, error) ||
      !read_number (object, "shift_hours", TRUE, place, NULL, &bus->shift_hours, error))
    return FALSE;

  if (!read_array (object, "stops", TRUE, place, &stops, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      g_autofree char *field = g_strdup_printf ("stops[%u]", i);
      JsonObject *stop = array_object (stops, i, place, field, error);

      if (stop == NULL || !read_bus_stop (stop, i, action, place, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_cpts (JsonObject   *object,
           AplombAction *action,
           const Place  *place,
           GError      **error)
{
  static const char *const members[] = {
    "kind", "label", "name", "epci", "communes", "task_sharing_percent", "unscheduled_care",
    NULL
  };
  static const char *const care_members[] = { "share_percent", "max_minutes", NULL };
  AplombCptsAction *cpts = &action->cpts;
  JsonObject *care;

  if (!check_members (object, members, place, NULL, error) ||
      !read_string (object, "name", TRUE, place, NULL, &cpts->name, error) ||
      !read_string (object, "epci", FALSE, place, NULL, &cpts->epci, error) ||
      !read_code_list (object, "communes", place, cpts->communes, error) ||
      !read_number (object, "task_sharing_percent", FALSE, place, NULL,
                    &cpts->task_sharing_percent, error))
    return FALSE;

  if (!read_object (object, "unscheduled_care", FALSE, place, "unscheduled_care", &care,
                    error))
    return FALSE;
  return care == NULL ||
         (check_members (care, care_members, place, "unscheduled_care", error) &&
          read_number (care, "share_percent", TRUE, place, "unscheduled_care",
                       &cpts->unscheduled_share_percent, error) &&
          read_number (care, "max_minutes", TRUE, place, "unscheduled_care",
                       &cpts->unscheduled_max_minutes, error));
}

static gboolean
read_retirements (JsonObject   *object,
                  AplombAction *action,
                  const Place  *place,
                  GError      **error)
{
  static const char *const members[] = {
    "kind", "label", "profession", "age_above", "share_percent", "communes", "horizon_year",
    NULL
  };
  AplombRetirementsAction *r = &action->retirements;
  gboolean by_age = json_object_has_member (object, "age_above");
  gboolean by_share = json_object_has_member (object, "share_percent");
  double age = 0.0;

  r->profession = APLOMB_PROFESSION_GP;
  if (!check_members (object, members, place, NULL, error) ||
      !read_profession (object, "profession", place, &r->profession, error) ||
      !read_year (object, "horizon_year", place, NULL, &r->horizon_year, error))
    return FALSE;

  if (by_age == by_share)
    {
      set_place_error (error, place, "age_above",
                       _("give either an age (age_above) or a share (share_percent)"));
      return FALSE;
    }
  if (by_share)
    {
      r->mode = APLOMB_RETIREMENT_BY_SHARE;
      return read_number (object, "share_percent", TRUE, place, NULL, &r->share_percent,
                          error) &&
             read_code_list (object, "communes", place, r->communes, error);
    }

  r->mode = APLOMB_RETIREMENT_BY_AGE;
  if (json_object_has_member (object, "communes"))
    {
      set_place_error (error, place, "communes",
                       _("retirements by age apply to the whole territory"));
      return FALSE;
    }
  if (!read_number (object, "age_above", TRUE, place, NULL, &age, error))
    return FALSE;
  if (age != floor (age))
    {
      set_place_error (error, place, "age_above", _("must be a whole number of years"));
      return FALSE;
    }
  r->age_above = (int) CLAMP (age, G_MININT, G_MAXINT);
  return TRUE;
}

static gboolean
read_practitioner (JsonObject   *object,
                   AplombAction *action,
                   const Place  *place,
                   GError      **error)
{
  static const char *const members[] = {
    "kind", "label", "commune", "profession", "etp", "change", NULL
  };
  AplombPractitionerAction *p = &action->practitioner;
  g_autofree char *change = NULL;

  p->profession = APLOMB_PROFESSION_GP;
  if (!check_members (object, members, place, NULL, error) ||
      !read_string (object, "commune", TRUE, place, NULL, &p->commune, error) ||
      !read_profession (object, "profession", place, &p->profession, error) ||
      !read_number (object, "etp", TRUE, place, NULL, &p->etp, error) ||
      !read_string (object, "change", TRUE, place, NULL, &change, error))
    return FALSE;

  if (g_str_equal (change, "add") || g_str_equal (change, "remove"))
    {
      p->remove = g_str_equal (change, "remove");
      return TRUE;
    }
  set_place_error (error, place, "change", _("must be “add” or “remove”"));
  return FALSE;
}

static gboolean
read_teleconsultation (JsonObject   *object,
                       AplombAction *action,
                       const Place  *place,
                       GError      **error)
{
  static const char *const members[] = {
    "kind", "label", "commune", "consultations_per_year", NULL
  };
  AplombTeleconsultationAction *t = &action->teleconsultation;

  return check_members (object, members, place, NULL, error) &&
         read_string (object, "commune", TRUE, place, NULL, &t->commune, error) &&
         read_number (object, "consultations_per_year", TRUE, place, NULL,
                      &t->consultations_per_year, error);
}

static AplombAction *
read_action (JsonNode *node,
             guint     index,
             GError  **error)
{
  typedef gboolean (*ReadFunc) (JsonObject *, AplombAction *, const Place *, GError **);
  static const ReadFunc readers[APLOMB_N_ACTION_KINDS] = {
    read_msp, read_bus, read_cpts, read_retirements, read_practitioner, read_teleconsultation,
  };
  Place place = { NULL, index, TRUE };
  g_autoptr(AplombAction) action = NULL;
  g_autofree char *kind_name = NULL;
  AplombActionKind kind;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_place_error (error, &place, "kind", _("an action must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_string (object, "kind", TRUE, &place, NULL, &kind_name, error))
    return NULL;
  if (!aplomb_action_kind_from_string (kind_name, &kind))
    {
      g_autofree char *message = g_strdup_printf (_("unknown kind “%s”"), kind_name);

      set_place_error (error, &place, "kind", message);
      return NULL;
    }

  action = aplomb_action_new (kind);
  place.action = action;
  if (!read_string (object, "label", FALSE, &place, NULL, &action->label, error) ||
      !readers[kind] (object, action, &place, error) ||
      !aplomb_action_check (action, index, error))
    return NULL;
  return g_steal_pointer (&action);
}

static gboolean
read_header (JsonObject     *root,
             AplombScenario *scenario,
             GError        **error)
{
  static const char *const members[] = {
    "format", "version", "name", "description", "baseline", "year", "actions", NULL
  };
  static const char *const baseline_members[] = { "kind", "year", NULL };
  const Place place = { NULL, 0, FALSE };
  g_autofree char *format = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *kind = NULL;
  double version = 0.0;
  int year = 0, shown_year = 0;
  JsonObject *baseline;

  if (!check_members (root, members, &place, NULL, error) ||
      !read_string (root, "format", TRUE, &place, NULL, &format, error) ||
      !read_number (root, "version", TRUE, &place, NULL, &version, error))
    return FALSE;
  if (!g_str_equal (format, FORMAT_NAME))
    {
      set_place_error (error, &place, "format", _("this is not an Aplomb scenario"));
      return FALSE;
    }
  if (version != FORMAT_VERSION)
    {
      set_place_error (error, &place, "version", _("this version of the format is not supported"));
      return FALSE;
    }
  if (!read_string (root, "name", TRUE, &place, NULL, &name, error) ||
      !read_string (root, "description", FALSE, &place, NULL, &description, error) ||
      !read_year (root, "year", &place, NULL, &shown_year, error))
    return FALSE;

  if (!read_object (root, "baseline", TRUE, &place, "baseline", &baseline, error) ||
      !check_members (baseline, baseline_members, &place, "baseline", error) ||
      !read_string (baseline, "kind", TRUE, &place, "baseline", &kind, error) ||
      !read_year (baseline, "year", &place, "baseline", &year, error))
    return FALSE;
  if (!g_str_equal (kind, "computed") && !g_str_equal (kind, "official"))
    {
      set_place_error (error, &place, "baseline.kind", _("must be “computed” or “official”"));
      return FALSE;
    }
  if (g_str_equal (kind, "official") && year == 0)
    {
      set_place_error (error, &place, "baseline.year",
                       _("the official baseline needs the year of the APL"));
      return FALSE;
    }

  aplomb_scenario_set_name (scenario, name);
  aplomb_scenario_set_description (scenario, description);
  aplomb_scenario_set_baseline (scenario,
                                g_str_equal (kind, "official") ? APLOMB_BASELINE_OFFICIAL
                                                               : APLOMB_BASELINE_COMPUTED,
                                year);
  aplomb_scenario_set_year (scenario, shown_year);
  return TRUE;
}

AplombScenario *
aplomb_scenario_new_from_json (const char *text,
                               gssize      length,
                               GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AplombScenario) scenario = aplomb_scenario_new (NULL);
  g_autoptr(GError) local_error = NULL;
  const Place place = { NULL, 0, FALSE };
  JsonNode *root;
  JsonArray *actions;

  g_return_val_if_fail (text != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID_JSON,
                   _("Invalid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID_JSON,
                           _("Invalid JSON: the scenario must be an object"));
      return NULL;
    }
  if (!read_header (json_node_get_object (root), scenario, error))
    return NULL;

  if (!read_array (json_node_get_object (root), "actions", TRUE, &place, &actions, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      AplombAction *action = read_action (json_array_get_element (actions, i), i, error);

      if (action == NULL)
        return NULL;
      aplomb_scenario_append_action (scenario, action);
    }
  return g_steal_pointer (&scenario);
}

AplombScenario *
aplomb_scenario_new_from_file (const char *path,
                               GError    **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  return aplomb_scenario_new_from_json (text, length, error);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

static void
add_code_list (JsonBuilder *builder,
               const char  *member,
               GPtrArray   *codes)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < codes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (codes, i));
  json_builder_end_array (builder);
}

static void
write_msp (JsonBuilder           *builder,
           const AplombMspAction *msp)
{
  add_string (builder, "commune", msp->commune);
  json_builder_set_member_name (builder, "team");
  json_builder_begin_object (builder);
  for (guint p = 0; p < APLOMB_N_PROFESSIONS; p++)
    if (msp->team[p] != 0)
      add_number (builder, aplomb_profession_to_string (p), msp->team[p]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "relocations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < msp->relocations->len; i++)
    {
      const AplombRelocation *r = &g_array_index (msp->relocations, AplombRelocation, i);

      json_builder_begin_object (builder);
      add_string (builder, "commune", r->commune);
      add_number (builder, "gp", r->gp_etp);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (msp->opening_year != 0)
    {
      json_builder_set_member_name (builder, "opening_year");
      json_builder_add_int_value (builder, msp->opening_year);
    }
}

static void
write_bus (JsonBuilder           *builder,
           const AplombBusAction *bus)
{
  add_string (builder, "base", bus->base);
  add_number (builder, "consultations_per_half_day", bus->consultations_per_half_day);
  add_number (builder, "weeks_per_year", bus->weeks_per_year);
  add_number (builder, "half_day_hours", bus->half_day_hours);
  add_number (builder, "shift_hours", bus->shift_hours);
  json_builder_set_member_name (builder, "stops");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bus->stops->len; i++)
    {
      const AplombBusStop *stop = &g_array_index (bus->stops, AplombBusStop, i);

      json_builder_begin_object (builder);
      add_string (builder, "commune", stop->commune);
      json_builder_set_member_name (builder, "half_days");
      json_builder_begin_object (builder);
      for (guint d = 0; d < APLOMB_N_WEEKDAYS; d++)
        if (stop->half_days[d] != 0)
          add_number (builder, aplomb_weekday_to_string (d), stop->half_days[d]);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_cpts (JsonBuilder            *builder,
            const AplombCptsAction *cpts)
{
  add_string (builder, "name", cpts->name);
  add_string (builder, "epci", cpts->epci);
  add_code_list (builder, "communes", cpts->communes);
  add_number (builder, "task_sharing_percent", cpts->task_sharing_percent);
  if (cpts->unscheduled_max_minutes > 0)
    {
      json_builder_set_member_name (builder, "unscheduled_care");
      json_builder_begin_object (builder);
      add_number (builder, "share_percent", cpts->unscheduled_share_percent);
      add_number (builder, "max_minutes", cpts->unscheduled_max_minutes);
      json_builder_end_object (builder);
    }
}

static void
write_retirements (JsonBuilder                   *builder,
                   const AplombRetirementsAction *r)
{
  add_string (builder, "profession", aplomb_profession_to_string (r->profession));
  if (r->mode == APLOMB_RETIREMENT_BY_AGE)
    {
      json_builder_set_member_name (builder, "age_above");
      json_builder_add_int_value (builder, r->age_above);
    }
  else
    {
      add_number (builder, "share_percent", r->share_percent);
      add_code_list (builder, "communes", r->communes);
    }
  if (r->horizon_year != 0)
    {
      json_builder_set_member_name (builder, "horizon_year");
      json_builder_add_int_value (builder, r->horizon_year);
    }
}

static void
write_action (JsonBuilder        *builder,
              const AplombAction *action)
{
  json_builder_begin_object (builder);
  add_string (builder, "kind", aplomb_action_kind_to_string (action->kind));
  add_string (builder, "label", action->label);
  switch (action->kind)
    {
    case APLOMB_ACTION_MSP:
      write_msp (builder, &action->msp);
      break;
    case APLOMB_ACTION_BUS:
      write_bus (builder, &action->bus);
      break;
    case APLOMB_ACTION_CPTS:
      write_cpts (builder, &action->cpts);
      break;
    case APLOMB_ACTION_RETIREMENTS:
      write_retirements (builder, &action->retirements);
      break;
    case APLOMB_ACTION_PRACTITIONER:
      add_string (builder, "commune", action->practitioner.commune);
      add_string (builder, "profession",
                  aplomb_profession_to_string (action->practitioner.profession));
      add_number (builder, "etp", action->practitioner.etp);
      add_string (builder, "change", action->practitioner.remove ? "remove" : "add");
      break;
    case APLOMB_ACTION_TELECONSULTATION:
      add_string (builder, "commune", action->teleconsultation.commune);
      add_number (builder, "consultations_per_year",
                  action->teleconsultation.consultations_per_year);
      break;
    case APLOMB_N_ACTION_KINDS:
    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);
}

char *
aplomb_scenario_to_json (AplombScenario *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  AplombBaselineKind kind;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), NULL);

  kind = aplomb_scenario_get_baseline_kind (self);
  json_builder_begin_object (builder);
  add_string (builder, "format", FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  add_string (builder, "name", aplomb_scenario_get_name (self));
  add_string (builder, "description", aplomb_scenario_get_description (self));

  json_builder_set_member_name (builder, "baseline");
  json_builder_begin_object (builder);
  add_string (builder, "kind", kind == APLOMB_BASELINE_OFFICIAL ? "official" : "computed");
  if (aplomb_scenario_get_baseline_year (self) != 0)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, aplomb_scenario_get_baseline_year (self));
    }
  json_builder_end_object (builder);
  if (aplomb_scenario_get_year (self) != 0)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, aplomb_scenario_get_year (self));
    }

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < aplomb_scenario_get_n_actions (self); i++)
    write_action (builder, aplomb_scenario_get_action (self, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

gboolean
aplomb_scenario_save_to_file (AplombScenario *self,
                              const char     *path,
                              GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = aplomb_scenario_to_json (self);
  return g_file_set_contents (path, text, -1, error);
}
