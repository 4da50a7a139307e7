/* aplomb-scenario.c: a named list of actions on the baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aplomb-scenario.h"

struct _AplombScenario
{
  GObject parent_instance;

  char              *name;
  char              *description;
  AplombBaselineKind baseline_kind;
  int                baseline_year;
  int                year;     /* the situation shown, 0 for every action done */
  GPtrArray         *actions;  /* AplombAction */
};

G_DEFINE_FINAL_TYPE (AplombScenario, aplomb_scenario, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_BASELINE_KIND,
  PROP_BASELINE_YEAR,
  PROP_YEAR,
  N_PROPS
};

enum
{
  ACTIONS_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* g_set_str() only comes with GLib 2.76. */
static gboolean
replace_string (char       **slot,
                const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

GType
aplomb_baseline_kind_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { APLOMB_BASELINE_COMPUTED, "APLOMB_BASELINE_COMPUTED", "computed" },
    { APLOMB_BASELINE_OFFICIAL, "APLOMB_BASELINE_OFFICIAL", "official" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("AplombBaselineKind", values));
  return type_id;
}

static void
aplomb_scenario_finalize (GObject *object)
{
  AplombScenario *self = APLOMB_SCENARIO (object);

  g_free (self->name);
  g_free (self->description);
  g_ptr_array_unref (self->actions);
  G_OBJECT_CLASS (aplomb_scenario_parent_class)->finalize (object);
}

static void
aplomb_scenario_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AplombScenario *self = APLOMB_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_BASELINE_KIND:
      g_value_set_enum (value, self->baseline_kind);
      break;
    case PROP_BASELINE_YEAR:
      g_value_set_int (value, self->baseline_year);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aplomb_scenario_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AplombScenario *self = APLOMB_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      aplomb_scenario_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      aplomb_scenario_set_description (self, g_value_get_string (value));
      break;
    case PROP_BASELINE_KIND:
      aplomb_scenario_set_baseline (self, g_value_get_enum (value), self->baseline_year);
      break;
    case PROP_BASELINE_YEAR:
      aplomb_scenario_set_baseline (self, self->baseline_kind, g_value_get_int (value));
      break;
    case PROP_YEAR:
      aplomb_scenario_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aplomb_scenario_class_init (AplombScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aplomb_scenario_finalize;
  object_class->get_property = aplomb_scenario_get_property;
  object_class->set_property = aplomb_scenario_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASELINE_KIND] =
    g_param_spec_enum ("baseline-kind", NULL, NULL, APLOMB_TYPE_BASELINE_KIND,
                       APLOMB_BASELINE_COMPUTED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASELINE_YEAR] =
    g_param_spec_int ("baseline-year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Same arguments as GListModel::items-changed, so a front end can mirror
   * the actions in a list model. */
  signals[ACTIONS_CHANGED] =
    g_signal_new ("actions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
aplomb_scenario_init (AplombScenario *self)
{
  self->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) aplomb_action_free);
}

AplombScenario *
aplomb_scenario_new (const char *name)
{
  return g_object_new (APLOMB_TYPE_SCENARIO, "name", name, NULL);
}

AplombScenario *
aplomb_scenario_copy (AplombScenario *self)
{
  AplombScenario *copy;

  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), NULL);

  copy = aplomb_scenario_new (self->name);
  copy->description = g_strdup (self->description);
  copy->baseline_kind = self->baseline_kind;
  copy->baseline_year = self->baseline_year;
  copy->year = self->year;
  for (guint i = 0; i < self->actions->len; i++)
    g_ptr_array_add (copy->actions, aplomb_action_copy (g_ptr_array_index (self->actions, i)));
  return copy;
}

const char *
aplomb_scenario_get_name (AplombScenario *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), NULL);

  return self->name;
}

void
aplomb_scenario_set_name (AplombScenario *self,
                          const char     *name)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));

  if (replace_string (&self->name, name))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

const char *
aplomb_scenario_get_description (AplombScenario *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), NULL);

  return self->description;
}

void
aplomb_scenario_set_description (AplombScenario *self,
                                 const char     *description)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));

  if (replace_string (&self->description, description))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

AplombBaselineKind
aplomb_scenario_get_baseline_kind (AplombScenario *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), APLOMB_BASELINE_COMPUTED);

  return self->baseline_kind;
}

int
aplomb_scenario_get_baseline_year (AplombScenario *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), 0);

  return self->baseline_year;
}

void
aplomb_scenario_set_baseline (AplombScenario    *self,
                              AplombBaselineKind kind,
                              int                year)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));

  if (self->baseline_kind == kind && self->baseline_year == year)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->baseline_kind != kind)
    {
      self->baseline_kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE_KIND]);
    }
  if (self->baseline_year != year)
    {
      self->baseline_year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE_YEAR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

int
aplomb_scenario_get_year (AplombScenario *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), 0);

  return self->year;
}

void
aplomb_scenario_set_year (AplombScenario *self,
                          int             year)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));
  g_return_if_fail (year >= 0);

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
aplomb_scenario_get_n_actions (AplombScenario *self)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), 0);

  return self->actions->len;
}

const AplombAction *
aplomb_scenario_get_action (AplombScenario *self,
                            guint           index)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->actions->len, NULL);

  return g_ptr_array_index (self->actions, index);
}

static void
emit_actions_changed (AplombScenario *self,
                      guint           position,
                      guint           removed,
                      guint           added)
{
  g_signal_emit (self, signals[ACTIONS_CHANGED], 0, position, removed, added);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
aplomb_scenario_insert_action (AplombScenario *self,
                               guint           position,
                               AplombAction   *action)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (position <= self->actions->len);

  g_ptr_array_insert (self->actions, position, action);
  emit_actions_changed (self, position, 0, 1);
}

void
aplomb_scenario_append_action (AplombScenario *self,
                               AplombAction   *action)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));

  aplomb_scenario_insert_action (self, self->actions->len, action);
}

void
aplomb_scenario_replace_action (AplombScenario *self,
                                guint           index,
                                AplombAction   *action)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (index < self->actions->len);

  aplomb_action_free (g_ptr_array_index (self->actions, index));
  g_ptr_array_index (self->actions, index) = action;
  emit_actions_changed (self, index, 1, 1);
}

void
aplomb_scenario_remove_action (AplombScenario *self,
                               guint           index)
{
  g_return_if_fail (APLOMB_IS_SCENARIO (self));
  g_return_if_fail (index < self->actions->len);

  g_ptr_array_remove_index (self->actions, index);
  emit_actions_changed (self, index, 1, 0);
}

gboolean
aplomb_scenario_check (AplombScenario *self,
                       GError        **error)
{
  g_return_val_if_fail (APLOMB_IS_SCENARIO (self), FALSE);

  for (guint i = 0; i < self->actions->len; i++)
    if (!aplomb_action_check (g_ptr_array_index (self->actions, i), i, error))
      return FALSE;
  return TRUE;
}
