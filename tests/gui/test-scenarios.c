/* test-scenarios.c: a scenario built in the panel on a copy of the bundled
 * France: an MSP placed in the Cher by clicking the map changes the
 * difference map and the figures as the core computes them; undo and redo;
 * a bus with three stops shows its tour; the scenario is saved in the
 * project and comes back with it; a CPTS perimeter is imported from a file
 * and outlined on the map;
 * two scenarios side by side; an MSP that does not count before it opens;
 * the nurses of an MSP's team, without nurses in the bundled France and
 * with some in a small Cher project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "aplomb-gui-test.h"
#include "aplomb-apl-territory.h"
#include "aplomb-application.h"
#include "aplomb-core.h"
#include "aplomb-import.h"
#include "aplomb-lasso.h"
#include "aplomb-scenario-evaluator.h"
#include "aplomb-scenario-layer.h"
#include "aplomb-scenario-supply.h"
#include "aplomb-store.h"
#include "aplomb-window.h"

static AplombApplication *app;
static AplombWindow *window;
static char *tmp_dir;
static char *project_path;
static guint n_loads;
/* The MSP's commune: the least served of the Cher's villages. */
static int msp_commune = -1;





static gboolean
loaded_at_least (gpointer data)
{
  return n_loads >= GPOINTER_TO_UINT (data);
}

/* The panel builds its evaluator after the project is shown. */
static gboolean
panel_is_ready (gpointer data)
{
  return aplomb_scenario_panel_get_result (aplomb_window_get_scenario_panel (window)) != NULL;
}

static void
on_atlas_loaded (void)
{
  n_loads++;
}

static AplombScenarioPanel *
panel (void)
{
  return aplomb_window_get_scenario_panel (window);
}

static AplombTerritory *
territory (void)
{
  return aplomb_atlas_get_territory (aplomb_window_get_atlas (window));
}

static AplombActionEditor *
editor (void)
{
  return aplomb_scenario_panel_get_editor (panel ());
}

static ShumateMap *
shumate_map (void)
{
  return shumate_simple_map_get_map (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));
}

/* The input of the form named after a field of the JSON format. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_spin (const char *name,
          double      value)
{
  GtkWidget *spin = find_named (GTK_WIDGET (editor ()), name);

  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}


static void
lonlat_to_window (double  lon,
                  double  lat,
                  double *x,
                  double *y)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));
  graphene_point_t in, out;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (shumate_map ()), lat, lon,
                                              x, y);
  graphene_point_init (&in, *x, *y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (shumate_map ()), GTK_WIDGET (window),
                                           &in, &out));
  *x = out.x;
  *y = out.y;
}

static void
commune_to_window (guint   commune,
                   double *x,
                   double *y)
{
  double lon, lat;

  aplomb_territory_get_inner_point (territory (), commune, &lon, &lat);
  lonlat_to_window (lon, lat, x, y);
}

static void
assert_pixel_is_color (GdkTexture        *texture,
                       double             x,
                       double             y,
                       const AplombColor *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  const guint8 *pixel;

  g_assert_cmpint ((int) x, >=, 0);
  g_assert_cmpint ((int) y, >=, 0);
  g_assert_cmpint ((int) x, <, width);
  g_assert_cmpint ((int) y, <, height);
  gdk_texture_download (texture, pixels, width * 4);
  pixel = pixels + ((gsize) y * width + (gsize) x) * 4;
  g_assert_cmpint (ABS (pixel[2] - (int) round (color->red * 255)), <=, 3);
  g_assert_cmpint (ABS (pixel[1] - (int) round (color->green * 255)), <=, 3);
  g_assert_cmpint (ABS (pixel[0] - (int) round (color->blue * 255)), <=, 3);
}

/* A click as the map's click gestures receive it. */
static void
click_commune (guint commune)
{
  GtkWidget *map = GTK_WIDGET (shumate_map ());
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (map);
  graphene_point_t in, out;
  double x, y;

  commune_to_window (commune, &x, &y);
  graphene_point_init (&in, x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window), map, &in, &out));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "released", 1, out.x, out.y);
    }
}

static void
show_commune (guint  commune,
              double zoom)
{
  double lon, lat;

  aplomb_territory_get_inner_point (territory (), commune, &lon, &lat);
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window))), zoom);
  shumate_map_center_on (shumate_map (), lat, lon);
  aplomb_gui_test_settle (800);
}

static int
find_poorest_village (const double *apl)
{
  AplombTerritory *t = territory ();
  const double *population = aplomb_territory_get_population (t);
  int poorest = -1;

  for (guint i = 0; i < aplomb_territory_get_n_communes (t); i++)
    if (g_str_equal (aplomb_territory_get_departement (t, i), "18") && population[i] >= 300
        && !isnan (apl[i]) && (poorest < 0 || apl[i] < apl[poorest]))
      poorest = i;
  return poorest;
}

static char *
format_count (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

/* With the official baseline, an empty scenario shows the official APL. */
static void
test_empty_scenario_is_official (void)
{
  AplombScenario *scenario = aplomb_scenario_panel_get_scenario (panel ());
  AplombScenarioResult *result = aplomb_scenario_panel_get_result (panel ());
  const double *official = aplomb_atlas_get_values (aplomb_window_get_atlas (window),
                                                    APLOMB_INDICATOR_APL_OFFICIAL);
  AplombScenarioResults *results = aplomb_scenario_panel_get_results (panel ());

  g_assert_nonnull (result);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 0);
  g_assert_cmpint (aplomb_scenario_get_baseline_kind (scenario), ==, APLOMB_BASELINE_OFFICIAL);
  for (guint i = 0; i < result->n_communes; i++)
    if (!isnan (official[i]))
      g_assert_cmpfloat (result->values[i], ==, official[i]);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "changed"), ==, "0");
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "lifted"), ==, "0");
}

static void
test_msp_by_clicking_the_map (void)
{
  AplombScenario *scenario = aplomb_scenario_panel_get_scenario (panel ());
  AplombScenarioResults *results = aplomb_scenario_panel_get_results (panel ());
  AplombClassification *difference = aplomb_scenario_panel_get_difference_classification (panel ());
  AplombScenarioResult *result;
  GtkWidget *commune_row, *pick;
  g_autoptr(GdkTexture) screenshot = NULL;
  g_autofree char *lifted = NULL;
  gboolean listed = FALSE;
  guint first;
  double x, y;

  msp_commune = find_poorest_village (aplomb_scenario_panel_get_result (panel ())->baseline);
  g_assert_cmpint (msp_commune, >=, 0);
  g_test_message ("MSP at %s (%s), APL %.2f", aplomb_territory_get_name (territory (), msp_commune),
                  aplomb_territory_get_code (territory (), msp_commune),
                  aplomb_scenario_panel_get_result (panel ())->baseline[msp_commune]);

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.add-action", "s", "msp");
  aplomb_gui_test_settle (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor ())));
  g_assert_nonnull (aplomb_action_editor_get_problem (editor ()));

  /* Choose the commune on the map, then the team. */
  commune_row = find_named (GTK_WIDGET (editor ()), "commune");
  pick = find_type (commune_row, GTK_TYPE_TOGGLE_BUTTON);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pick), TRUE);
  g_assert_cmpint (aplomb_action_editor_get_pick_mode (editor ()), ==, APLOMB_PICK_CLICK);
  show_commune (msp_commune, 11);
  click_commune (msp_commune);
  aplomb_gui_test_settle (200);
  g_assert_cmpstr (aplomb_action_editor_get_action (editor ())->msp.commune, ==,
                   aplomb_territory_get_code (territory (), msp_commune));
  g_assert_cmpint (aplomb_action_editor_get_pick_mode (editor ()), ==, APLOMB_PICK_NONE);
  set_spin ("team.gp", 3);
  set_spin ("team.nurse", 2);
  g_assert_null (aplomb_action_editor_get_problem (editor ()));
  /* Let the tiles of the zoomed map render: the edit is timed alone. */
  aplomb_gui_test_settle (2000);
  g_clear_object (&screenshot);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-scenario-msp-form.png");
  g_clear_object (&screenshot);

  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  aplomb_gui_test_settle (1500);

  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 1);
  result = aplomb_scenario_panel_get_result (panel ());
  g_test_message ("edit to figures: %.1f ms",
                  aplomb_scenario_panel_get_update_time (panel ()) / 1000.0);
  g_assert_cmpfloat (result->delta[msp_commune], >, 0.1);
  g_assert_cmpfloat (result->after.mean, >, result->before.mean);
  g_assert_cmpfloat (result->population_lifted, >, 0);
  g_assert_cmpfloat (result->etp_added, ==, 3);
  lifted = format_count (result->population_lifted);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "lifted"), ==, lifted);
  g_assert_cmpuint (aplomb_scenario_results_get_n_communes (results), >, 0);
  /* Largest change first, the MSP's own commune among the listed. */
  first = aplomb_scenario_results_get_commune (results, 0);
  for (guint i = 0; i < result->changed->len; i++)
    g_assert_cmpfloat (fabs (result->delta[g_array_index (result->changed, guint, i)]), <=,
                       fabs (result->delta[first]));
  for (guint i = 0; i < aplomb_scenario_results_get_n_communes (results); i++)
    listed |= aplomb_scenario_results_get_commune (results, i) == (guint) msp_commune;
  g_assert_true (listed);

  /* The difference map shows the gain's colour at the MSP. */
  g_assert_cmpint (aplomb_scenario_panel_get_map_mode (panel ()), ==, APLOMB_MAP_MODE_DIFFERENCE);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                           "screenshot-scenario-difference.png");
  commune_to_window (msp_commune, &x, &y);
  /* Beside the site's mark, inside the commune. */
  assert_pixel_is_color (screenshot, x + 10, y + 10,
                         aplomb_classification_color_of (difference,
                                                         result->delta[msp_commune]));
  g_assert_cmpint (aplomb_classification_classify (difference, result->delta[msp_commune]), >,
                   aplomb_classification_classify (difference, 0));
}

/* Ctrl+Z and Ctrl+Shift+Z as the window's shortcut machinery runs them. */
static void
activate_shortcut (const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (panel ()));
  guint n_activated = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)),
                       ==, GTK_SHORTCUT_SCOPE_GLOBAL);
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger)
              && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (panel ()), NULL))
            n_activated++;
        }
    }
  g_assert_cmpuint (n_activated, ==, 1);
}

static void
test_undo_redo (void)
{
  AplombScenario *scenario = aplomb_scenario_panel_get_scenario (panel ());
  AplombScenarioResults *results = aplomb_scenario_panel_get_results (panel ());
  g_autofree char *lifted = g_strdup (aplomb_scenario_results_get_value (results, "lifted"));
  double mean_after = aplomb_scenario_panel_get_result (panel ())->after.mean;

  activate_shortcut ("<Control>z");
  aplomb_gui_test_settle (300);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 0);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "changed"), ==, "0");
  g_assert_cmpfloat (aplomb_scenario_panel_get_result (panel ())->after.mean, ==,
                     aplomb_scenario_panel_get_result (panel ())->before.mean);

  activate_shortcut ("<Control><Shift>z");
  aplomb_gui_test_settle (300);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 1);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "lifted"), ==, lifted);
  g_assert_cmpfloat (aplomb_scenario_panel_get_result (panel ())->after.mean, ==, mean_after);
}

static void
add_stop (const char *text)
{
  GtkWidget *row = find_named (GTK_WIDGET (editor ()), "add-commune");

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* The daily tour the core plans for the bus as the form describes it. */
static AplombScenarioSupply *
plan_alone (const AplombAction *bus)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombPreset *preset = aplomb_atlas_get_preset (atlas);
  guint n = aplomb_territory_get_n_communes (territory ());
  g_autofree double *heads = g_new (double, n);
  g_autofree double *supply = g_new (double, n);
  g_autoptr(AplombScenario) alone = aplomb_scenario_new ("bus");
  g_autoptr(GError) error = NULL;
  AplombScenarioSupply *plans;

  aplomb_apl_territory_supply (territory (), preset, 0, heads, supply);
  aplomb_scenario_append_action (alone, aplomb_action_copy (bus));
  plans = aplomb_scenario_supply_new (alone, territory (), aplomb_atlas_get_travel_times (atlas),
                                      preset, supply, &error);
  g_assert_no_error (error);
  return plans;
}

/* Three stops served on Monday morning: the form shows the core's tour, in its
 * order, and whether it fits in the day. */
static void
test_bus_with_three_stops (void)
{
  static const char *stops[] = { "Méreau (18148)", "Genouilly (18100)", "Thénioux (18263)" };
  AplombScenario *scenario = aplomb_scenario_panel_get_scenario (panel ());
  g_autoptr(AplombScenarioSupply) plans = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  g_autoptr(GString) expected = g_string_new ("Lundi : Vierzon");
  const AplombBusPlan *plan;
  const AplombBusTour *tour;
  const char *tours;

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.add-action", "s", "bus");
  aplomb_gui_test_settle (300);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor ()), "base")), "18279");
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    add_stop (stops[i]);
  g_assert_cmpuint (aplomb_action_editor_get_action (editor ())->bus.stops->len, ==, 3);
  /* Stops not served yet: the form says so and cannot be saved. */
  g_assert_nonnull (aplomb_action_editor_get_problem (editor ()));
  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor ())));
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      g_autofree char *name = g_strdup_printf ("stops.%u.monday", i);

      /* A quarter-day at each: three stops in one day's shift. */
      set_spin (name, 0.5);
    }
  g_assert_cmpstr (aplomb_action_editor_get_problem (editor ()), ==, NULL);

  plans = plan_alone (aplomb_action_editor_get_action (editor ()));
  g_assert_cmpuint (plans->bus_plans->len, ==, 1);
  plan = g_ptr_array_index (plans->bus_plans, 0);
  tour = plan->tours[APLOMB_MONDAY];
  g_assert_nonnull (tour);
  g_assert_cmpuint (tour->n_stops, ==, 3);
  g_assert_true (tour->exact);
  g_assert_true (tour->feasible);
  for (guint k = 0; k < tour->n_stops; k++)
    {
      guint stop = plan->day_stops[APLOMB_MONDAY][tour->order[k]];

      g_string_append_printf (expected, " → %s", aplomb_territory_get_name (territory (), stop));
    }
  g_string_append (expected, " → Vierzon — ");

  tours = aplomb_action_editor_get_tours (editor ());
  g_assert_nonnull (tours);
  g_test_message ("%s", tours);
  g_assert_true (g_str_has_prefix (tours, expected->str));
  g_assert_nonnull (strstr (tours, "tient dans la journée"));

  show_commune (aplomb_territory_lookup (territory (), "18279"), 10);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-scenario-bus.png");
  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  aplomb_gui_test_settle (800);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 2);
  g_assert_cmpint (aplomb_scenario_get_action (scenario, 1)->kind, ==, APLOMB_ACTION_BUS);
  g_clear_object (&screenshot);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-scenario-tours.png");
}

/* A drag along a closed polygon of window coordinates. */
static void
drag_along (const double *xy,
            guint         n)
{
  GtkWidget *map = GTK_WIDGET (shumate_map ());
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (map);
  graphene_point_t in, out[16];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (out));
  for (guint k = 0; k < n; k++)
    {
      graphene_point_init (&in, xy[2 * k], xy[2 * k + 1]);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window), map, &in, &out[k]));
    }
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      /* The lasso's gesture, in the capture phase: the map's own drag,
       * which pans, must not move the view under the lasso. */
      if (!GTK_IS_GESTURE_DRAG (controller)
          || gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller))
             != GTK_PHASE_CAPTURE)
        continue;
      g_signal_emit_by_name (controller, "drag-begin", out[0].x, out[0].y);
      for (guint k = 1; k < n; k++)
        g_signal_emit_by_name (controller, "drag-update", out[k].x - out[0].x,
                               out[k].y - out[0].y);
      g_signal_emit_by_name (controller, "drag-end", out[n - 1].x - out[0].x,
                             out[n - 1].y - out[0].y);
    }
}

/* A lasso drawn around Bourges puts in the CPTS the communes whose inner
 * point it surrounds, as the core selects them. */
static void
test_cpts_by_lasso (void)
{
  AplombScenario *scenario = aplomb_scenario_panel_get_scenario (panel ());
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));
  int bourges = aplomb_territory_lookup (territory (), "18033");
  const AplombAction *cpts;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  g_autofree char *expected_start = NULL;
  GtkWidget *lasso, *diagnostic;
  const char *description;
  double x, y, xy[8], lonlat[8];

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.add-action", "s", "cpts");
  aplomb_gui_test_settle (300);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor ()), "name")),
                         "CPTS de Bourges");
  lasso = find_named (GTK_WIDGET (editor ()), "lasso");
  g_assert_nonnull (lasso);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lasso), TRUE);
  g_assert_cmpint (aplomb_action_editor_get_pick_mode (editor ()), ==, APLOMB_PICK_LASSO);

  show_commune (bourges, 10);
  commune_to_window (bourges, &x, &y);
  xy[0] = x - 60, xy[1] = y - 50;
  xy[2] = x + 70, xy[3] = y - 40;
  xy[4] = x + 50, xy[5] = y + 60;
  xy[6] = x - 70, xy[7] = y + 40;
  drag_along (xy, 4);
  aplomb_gui_test_settle (300);

  /* The same polygon, in longitude and latitude, through the core. */
  for (guint k = 0; k < 4; k++)
    {
      graphene_point_t in, out;

      graphene_point_init (&in, xy[2 * k], xy[2 * k + 1]);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window), GTK_WIDGET (shumate_map ()),
                                               &in, &out));
      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (shumate_map ()),
                                                  out.x, out.y, &lonlat[2 * k + 1],
                                                  &lonlat[2 * k]);
    }
  expected = aplomb_lasso_select (territory (), lonlat, 4);
  cpts = aplomb_action_editor_get_action (editor ());
  g_assert_cmpuint (expected->len, >, 1);
  g_assert_cmpuint (cpts->cpts.communes->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (cpts->cpts.communes, i), ==,
                     aplomb_territory_get_code (territory (),
                                                g_array_index (expected, guint, i)));
  g_assert_cmpstr (aplomb_action_editor_get_problem (editor ()), ==, NULL);

  /* Its diagnostic, on the baseline, names the communes and their count. */
  diagnostic = find_named (GTK_WIDGET (editor ()), "diagnostic");
  g_assert_true (gtk_widget_get_visible (diagnostic));
  expected_start = g_strdup_printf ("%u communes, ", expected->len);
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (diagnostic));
  g_assert_true (g_str_has_prefix (description, expected_start));
  g_assert_nonnull (strstr (description, "d’un seul tenant"));
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-scenario-cpts.png");

  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  aplomb_gui_test_settle (500);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 3);
  /* Nothing was moved by a CPTS without simulated actions. */
  g_assert_cmpint (aplomb_action_editor_get_pick_mode (editor ()), ==, APLOMB_PICK_NONE);
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.undo", NULL);
  aplomb_gui_test_settle (300);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 2);
}

/* Whether a row of the form has code as its subtitle: rows of the
 * perimeter's communes show their code there. */
static gboolean
form_lists_code (GtkWidget  *root,
                 const char *code)
{
  if (ADW_IS_ACTION_ROW (root)
      && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), code) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (form_lists_code (child, code))
      return TRUE;
  return FALSE;
}

/* A perimeter imported from a CSV of three codes of the Cher replaces the
 * communes picked before; a file with an unknown code is refused with its
 * line, and the perimeter stays. */
static void
test_cpts_import_perimeter (void)
{
  AplombScenario *scenario = aplomb_scenario_panel_get_scenario (panel ());
  guint n_actions = aplomb_scenario_get_n_actions (scenario);
  static const char *const codes[] = { "18197", "18172", "18086" };
  g_autofree char *good = g_build_filename (tmp_dir, "perimetre.csv", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "perimetre-faux.csv", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  const AplombAction *cpts;
  GtkWidget *diagnostic, *problem;
  const char *text;

  g_file_set_contents (good, "code_insee;nom\n18197;Saint-Amand-Montrond\n18172;Orval\n"
                             "18086;Drevant\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad, "code_insee\n18197\n18999\n", -1, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.add-action", "s", "cpts");
  aplomb_gui_test_settle (300);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor ()), "name")),
                         "CPTS du Saint-Amandois");
  g_assert_nonnull (find_named (GTK_WIDGET (editor ()), "import-perimeter"));
  /* Picked first, replaced by the file. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor ()), "add-commune")),
                         "18033");
  g_signal_emit_by_name (find_named (GTK_WIDGET (editor ()), "add-commune"), "apply");
  g_assert_cmpuint (aplomb_action_editor_get_action (editor ())->cpts.communes->len, ==, 1);

  g_assert_true (aplomb_action_editor_import_perimeter (editor (), good_file));
  aplomb_gui_test_settle (300);
  cpts = aplomb_action_editor_get_action (editor ());
  g_assert_cmpuint (cpts->cpts.communes->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_true (g_ptr_array_find_with_equal_func (cpts->cpts.communes, codes[i],
                                                       g_str_equal, NULL));
      g_assert_true (form_lists_code (GTK_WIDGET (editor ()), codes[i]));
    }
  g_assert_false (form_lists_code (GTK_WIDGET (editor ()), "18033"));
  g_assert_null (aplomb_action_editor_get_problem (editor ()));
  diagnostic = find_named (GTK_WIDGET (editor ()), "diagnostic");
  text = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (diagnostic));
  g_assert_true (g_str_has_prefix (text, "3 communes, "));

  g_assert_false (aplomb_action_editor_import_perimeter (editor (), bad_file));
  aplomb_gui_test_settle (300);
  problem = find_named (GTK_WIDGET (editor ()), "problem");
  g_assert_true (gtk_widget_get_visible (problem));
  text = gtk_label_get_label (GTK_LABEL (problem));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "perimetre-faux.csv"));
  g_assert_nonnull (strstr (text, "ligne 3"));
  g_assert_nonnull (strstr (text, "18999"));
  g_assert_cmpuint (aplomb_action_editor_get_action (editor ())->cpts.communes->len, ==, 3);
  g_assert_true (form_lists_code (GTK_WIDGET (editor ()), "18086"));
  g_object_unref (aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                              "screenshot-scenario-cpts-import-error.png"));

  /* Importing the good file again clears the error. */
  g_assert_true (aplomb_action_editor_import_perimeter (editor (), good_file));
  aplomb_gui_test_settle (300);
  g_assert_false (gtk_widget_get_visible (problem));
  g_object_unref (aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                              "screenshot-scenario-cpts-import.png"));

  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  aplomb_gui_test_settle (500);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, n_actions + 1);
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.undo", NULL);
  aplomb_gui_test_settle (300);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, n_actions);
  g_unlink (good);
  g_unlink (bad);
}

static void
test_saved_in_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AplombScenario) saved = NULL;
  AplombScenario *scenario;

  g_assert_true (aplomb_scenario_panel_save (panel (), &error));
  g_assert_no_error (error);
  store = aplomb_store_open (project_path, APLOMB_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  ids = aplomb_store_list_scenarios (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  saved = aplomb_scenario_new_from_store (store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (saved), ==, 2);
  g_assert_cmpstr (aplomb_scenario_get_action (saved, 0)->msp.commune, ==,
                   aplomb_territory_get_code (territory (), msp_commune));
  g_clear_object (&store);

  /* Reopened, the project brings its scenario back. */
  aplomb_project_manager_open (aplomb_window_get_projects (window), project_path);
  aplomb_gui_test_wait_for (loaded_at_least, GUINT_TO_POINTER (n_loads + 1), 60000);
  aplomb_gui_test_wait_for (panel_is_ready, NULL, 30000);
  aplomb_gui_test_settle (500);
  scenario = aplomb_scenario_panel_get_scenario (panel ());
  g_assert_cmpuint (aplomb_scenario_panel_get_n_scenarios (panel ()), ==, 1);
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 2);
  g_assert_cmpint (aplomb_scenario_get_action (scenario, 1)->kind, ==, APLOMB_ACTION_BUS);
  g_assert_cmpfloat (aplomb_scenario_panel_get_result (panel ())->delta[msp_commune], >, 0.1);
}

/* A scenario exported as JSON comes back as a second scenario with the
 * same figures; a broken file is refused with the reason. */
static void
test_export_import (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "scénario.json", NULL);
  g_autofree char *broken = g_build_filename (tmp_dir, "cassé.json", NULL);
  AplombScenario *exported = aplomb_scenario_panel_get_scenario (panel ());
  double delta = aplomb_scenario_panel_get_result (panel ())->delta[msp_commune];
  g_autoptr(GError) error = NULL;
  AplombScenario *imported;

  g_assert_true (aplomb_scenario_panel_export (panel (), path, &error));
  g_assert_no_error (error);
  g_assert_true (aplomb_scenario_panel_import (panel (), path, &error));
  g_assert_no_error (error);
  aplomb_gui_test_settle (300);
  g_assert_cmpuint (aplomb_scenario_panel_get_n_scenarios (panel ()), ==, 2);
  imported = aplomb_scenario_panel_get_scenario (panel ());
  g_assert_true (imported != exported);
  g_assert_cmpstr (aplomb_scenario_get_name (imported), ==, aplomb_scenario_get_name (exported));
  g_assert_cmpuint (aplomb_scenario_get_n_actions (imported), ==,
                    aplomb_scenario_get_n_actions (exported));
  g_assert_cmpfloat (aplomb_scenario_panel_get_result (panel ())->delta[msp_commune], ==, delta);

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"aplomb-scenario\",", -1, NULL));
  g_assert_false (aplomb_scenario_panel_import (panel (), broken, &error));
  g_assert_error (error, APLOMB_SCENARIO_ERROR, APLOMB_SCENARIO_ERROR_INVALID_JSON);
  g_assert_cmpuint (aplomb_scenario_panel_get_n_scenarios (panel ()), ==, 2);

  /* Back to the first scenario for what follows. */
  aplomb_scenario_panel_select (panel (), 0);
  aplomb_gui_test_settle (300);
  g_assert_true (aplomb_scenario_panel_get_scenario (panel ()) == exported);
}

/* The figures by area and the communes that change, below the others. */
static void
test_results_by_area (void)
{
  GtkWidget *scrolled = find_named (GTK_WIDGET (panel ()), "scenario-page");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_autoptr(GPtrArray) departements = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  AplombScenarioResult *result = aplomb_scenario_panel_get_result (panel ());

  departements = aplomb_scenario_result_group_by (result, territory (), APLOMB_GROUP_DEPARTEMENT);
  g_assert_cmpuint (departements->len, >=, 1);
  g_assert_cmpstr (((AplombScenarioGroup *) g_ptr_array_index (departements, 0))->code, ==, "18");
  gtk_adjustment_set_value (adjustment, 560);
  show_commune (msp_commune, 9);
  aplomb_gui_test_settle (1500);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-scenario-results.png");
}

/* The communes of the Cher whose inner point is within radius_km of
 * centre's, as a CPTS whose assistants add a tenth to its GPs' activity. */
static AplombAction *
make_cpts_around (guint  centre,
                  double radius_km)
{
  AplombTerritory *t = territory ();
  AplombAction *cpts = aplomb_action_new (APLOMB_ACTION_CPTS);
  double lon0, lat0;

  aplomb_territory_get_inner_point (t, centre, &lon0, &lat0);
  cpts->cpts.name = g_strdup ("CPTS du Grand Bourges");
  cpts->cpts.task_sharing_percent = 10;
  for (guint i = 0; i < aplomb_territory_get_n_communes (t); i++)
    {
      double lon, lat, dx, dy;

      if (!g_str_equal (aplomb_territory_get_departement (t, i), "18"))
        continue;
      aplomb_territory_get_inner_point (t, i, &lon, &lat);
      dx = (lon - lon0) * 111.32 * cos (lat0 * G_PI / 180);
      dy = (lat - lat0) * 110.57;
      if (sqrt (dx * dx + dy * dy) <= radius_km)
        aplomb_action_add_commune (cpts, aplomb_territory_get_code (t, i));
    }
  return cpts;
}

/* The westernmost vertex of the communes: on the perimeter's outer
 * boundary whatever its shape. */
static void
find_west_end (const GArray *communes,
               double       *lon,
               double       *lat)
{
  const AplombGeometry *geometry = aplomb_territory_get_geometry (territory ());

  *lon = INFINITY;
  *lat = NAN;
  for (guint k = 0; k < communes->len; k++)
    {
      guint c = g_array_index (communes, guint, k);
      guint first = geometry->ring_offsets[geometry->polygon_offsets[geometry->feature_offsets[c]]];
      guint end = geometry->ring_offsets[geometry->polygon_offsets[geometry->feature_offsets[c + 1]]];

      for (guint p = first; p < end; p++)
        if (geometry->coords[2 * p] < *lon)
          {
            *lon = geometry->coords[2 * p];
            *lat = geometry->coords[2 * p + 1];
          }
    }
}

static gboolean
pixel_is_perimeter (GdkTexture *texture,
                    int         x,
                    int         y)
{
  const GdkRGBA *color = aplomb_scenario_layer_get_perimeter_color ();
  guint8 bgra[4];

  aplomb_gui_test_read_pixel (texture, x, y, bgra);
  return ABS (bgra[2] - (int) round (color->red * 255)) <= 3
         && ABS (bgra[1] - (int) round (color->green * 255)) <= 3
         && ABS (bgra[0] - (int) round (color->blue * 255)) <= 3;
}

/* A CPTS around Bourges, in a new scenario: its perimeter is outlined on
 * the map just outside its westernmost point, and nowhere far from it. */
static void
test_cpts_perimeter_on_map (void)
{
  int bourges = aplomb_territory_lookup (territory (), "18033");
  g_autoptr(GdkTexture) screenshot = NULL;
  AplombScenarioResult *result;
  GArray *perimeter;
  double lon, lat, x, y, far_x, far_y;
  gboolean outlined = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.new", NULL);
  aplomb_gui_test_settle (300);
  g_assert_cmpuint (aplomb_scenario_panel_get_n_scenarios (panel ()), ==, 3);
  aplomb_scenario_append_action (aplomb_scenario_panel_get_scenario (panel ()),
                                 make_cpts_around (bourges, 12));
  aplomb_gui_test_settle (300);
  result = aplomb_scenario_panel_get_result (panel ());
  g_assert_cmpuint (result->cpts_perimeters->len, ==, 1);
  perimeter = g_ptr_array_index (result->cpts_perimeters, 0);
  g_assert_cmpuint (perimeter->len, >, 5);
  g_assert_cmpuint (result->changed->len, >, 0);

  show_commune (bourges, 10);
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                           "screenshot-scenario-perimeter.png");
  find_west_end (perimeter, &lon, &lat);
  lonlat_to_window (lon, lat, &x, &y);
  g_test_message ("west end of the perimeter at %.0f, %.0f", x, y);
  /* The band lies a few pixels outside the boundary. */
  for (int dx = 1; dx <= 12 && !outlined; dx++)
    outlined = pixel_is_perimeter (screenshot, (int) x - dx, (int) y);
  g_assert_true (outlined);
  /* Inside, and far away, the choropleth shows through. */
  commune_to_window (bourges, &far_x, &far_y);
  g_assert_false (pixel_is_perimeter (screenshot, (int) far_x + 15, (int) far_y + 15));
  g_assert_false (pixel_is_perimeter (screenshot, (int) far_x, (int) far_y - 300));
}

/* A fresh evaluator, as the CLI builds it: the figures the core computes
 * for a scenario alone. */
static AplombScenarioResult *
evaluate_alone (AplombScenarioEvaluator *evaluator,
                AplombScenario          *scenario)
{
  g_autoptr(GError) error = NULL;
  AplombScenarioResult *result = aplomb_scenario_evaluator_evaluate (evaluator, scenario, &error);

  g_assert_no_error (error);
  return result;
}

static AplombScenarioEvaluator *
new_evaluator (void)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombPreset *preset = aplomb_atlas_get_preset (atlas);
  guint n = aplomb_territory_get_n_communes (territory ());
  g_autofree double *heads = g_new (double, n);
  g_autofree double *supply = g_new (double, n);
  g_autofree double *demand = g_new (double, n);
  g_autoptr(GError) error = NULL;
  AplombScenarioEvaluator *evaluator;

  aplomb_apl_territory_supply (territory (), preset, 0, heads, supply);
  aplomb_apl_territory_demand (territory (), preset, demand);
  evaluator = aplomb_scenario_evaluator_new (territory (), aplomb_atlas_get_travel_times (atlas),
                                             preset, supply, demand, &error);
  g_assert_no_error (error);
  return evaluator;
}

/* Each figure of a column as the results format it side by side. */
static void
assert_column (gboolean                    compared,
               const AplombScenarioResult *expected)
{
  AplombScenarioResults *results = aplomb_scenario_panel_get_results (panel ());
  const char *(*get) (AplombScenarioResults *, const char *) =
    compared ? aplomb_scenario_results_get_compared_value : aplomb_scenario_results_get_value;
  g_autofree char *changed = g_strdup_printf ("%u", expected->changed->len);
  g_autofree char *class_changed = g_strdup_printf ("%u", expected->class_changed->len);
  g_autofree char *lifted = g_strdup_printf ("%'.0f", expected->population_lifted);
  g_autofree char *fallen = g_strdup_printf ("%'.0f", expected->population_fallen);
  g_autofree char *under = g_strdup_printf ("%'.0f", expected->after.population_under);
  g_autofree char *mean = g_strdup_printf ("%+'.4f", expected->after.mean - expected->before.mean);
  g_autofree char *ratio = g_strdup_printf ("%+'.3f",
                                            expected->after.d9_d1 - expected->before.d9_d1);
  g_autofree char *etp = g_strdup_printf ("%+'.1f", expected->etp_added);

  g_assert_cmpstr (get (results, "changed"), ==, changed);
  g_assert_cmpstr (get (results, "class_changed"), ==, class_changed);
  g_assert_cmpstr (get (results, "lifted"), ==, lifted);
  g_assert_cmpstr (get (results, "fallen"), ==, fallen);
  g_assert_cmpstr (get (results, "underserved"), ==, under);
  g_assert_cmpstr (get (results, "mean"), ==, mean);
  g_assert_cmpstr (get (results, "d9_d1"), ==, ratio);
  g_assert_cmpstr (get (results, "etp"), ==, etp);
}

/* Scrolls the panel to its figures. */
static void
scroll_to_results (void)
{
  GtkWidget *scrolled = find_named (GTK_WIDGET (panel ()), "scenario-page");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t in = GRAPHENE_POINT_INIT (0, 0), out;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (aplomb_scenario_panel_get_results (panel ())),
                                           gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &in, &out));
  /* From the viewport, which shows the page already scrolled. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + out.y - 12);
  aplomb_gui_test_settle (300);
}

/* Side by side, the lists below the figures say whose they are. */
static void
assert_lists_show_only (AplombScenario *shown)
{
  GtkWidget *communes = find_named (GTK_WIDGET (aplomb_scenario_panel_get_results (panel ())),
                                    "communes");
  GtkWidget *scrolled = find_named (GTK_WIDGET (panel ()), "scenario-page");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_autofree char *only = g_strdup_printf ("Pour « %s » seulement",
                                           aplomb_scenario_get_name (shown));

  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (communes)),
                            only));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 760);
  aplomb_gui_test_settle (300);
  g_object_unref (aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                              "screenshot-scenario-compare-lists.png"));
}

/* The new scenario beside the first one: both columns show what the core
 * computes for each, against the same baseline; editing the shown one
 * leaves the other column alone; showing the other swaps them. */
static void
test_compare_two_scenarios (void)
{
  AplombScenarioResults *results = aplomb_scenario_panel_get_results (panel ());
  AplombScenario *third = aplomb_scenario_panel_get_scenario (panel ());
  g_autoptr(AplombScenarioEvaluator) evaluator = new_evaluator ();
  g_autoptr(AplombScenarioResult) expected_first = NULL;
  g_autoptr(AplombScenarioResult) expected_third = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  g_autofree char *changed = NULL;
  AplombScenario *first;
  AplombAction *wider;

  g_assert_cmpuint (aplomb_scenario_panel_get_n_scenarios (panel ()), ==, 3);
  aplomb_scenario_panel_select (panel (), 0);
  first = aplomb_scenario_panel_get_scenario (panel ());
  aplomb_scenario_panel_select (panel (), 2);
  aplomb_gui_test_settle (300);
  g_assert_true (aplomb_scenario_panel_get_scenario (panel ()) == third);
  g_assert_cmpint (aplomb_scenario_get_baseline_kind (first), ==,
                   aplomb_scenario_get_baseline_kind (third));
  g_assert_cmpint (aplomb_scenario_get_baseline_year (first), ==,
                   aplomb_scenario_get_baseline_year (third));
  g_assert_null (aplomb_scenario_results_get_compared_value (results, "changed"));

  /* The others in the drop-down: the first scenario, then its import. */
  aplomb_scenario_results_set_compared (results, 1);
  aplomb_gui_test_settle (500);
  expected_first = evaluate_alone (evaluator, first);
  expected_third = evaluate_alone (evaluator, third);
  assert_column (FALSE, expected_third);
  assert_column (TRUE, expected_first);
  show_commune (aplomb_territory_lookup (territory (), "18033"), 9);
  scroll_to_results ();
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-scenario-compare.png");
  assert_lists_show_only (third);

  wider = aplomb_action_copy (aplomb_scenario_get_action (third, 0));
  wider->cpts.task_sharing_percent = 20;
  aplomb_scenario_replace_action (third, 0, wider);
  aplomb_gui_test_settle (300);
  g_test_message ("edit to figures, compared: %.1f ms",
                  aplomb_scenario_panel_get_update_time (panel ()) / 1000.0);
  g_clear_pointer (&expected_third, aplomb_scenario_result_unref);
  expected_third = evaluate_alone (evaluator, third);
  assert_column (FALSE, expected_third);
  assert_column (TRUE, expected_first);

  aplomb_scenario_panel_select (panel (), 0);
  aplomb_gui_test_settle (500);
  assert_column (FALSE, expected_first);
  assert_column (TRUE, expected_third);

  aplomb_scenario_results_set_compared (results, 0);
  aplomb_gui_test_settle (300);
  g_assert_null (aplomb_scenario_results_get_compared_value (results, "changed"));
  changed = g_strdup_printf ("%u", expected_first->changed->len);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "changed"), ==, changed);
}

/* The position of text in the "Situation in" row. */
static guint
year_position (AdwComboRow *row,
               const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;
  g_assert_not_reached ();
}

static void
choose_year (AdwComboRow *row,
             const char  *text)
{
  adw_combo_row_set_selected (row, year_position (row, text));
  aplomb_gui_test_settle (500);
}

static void
collect_titles (GtkWidget *widget,
                GString   *titles)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (titles, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_titles (child, titles);
}

/* The titles of the rows of the Notes group, one a line; NULL when the
 * group is hidden. */
static char *
shown_notes (void)
{
  GtkWidget *notes = find_named (GTK_WIDGET (aplomb_scenario_panel_get_results (panel ())),
                                 "notes");
  GString *titles = g_string_new (NULL);

  g_assert_nonnull (notes);
  if (!gtk_widget_get_visible (notes))
    return g_string_free (titles, TRUE);
  collect_titles (notes, titles);
  return g_string_free (titles, FALSE);
}

static void
scroll_to_top (void)
{
  GtkWidget *scrolled = find_named (GTK_WIDGET (panel ()), "scenario-page");

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            0);
  aplomb_gui_test_settle (300);
}

/* The colour of the difference map beside the MSP's mark. */
static void
assert_msp_colour (const char *screenshot_name,
                   double      delta)
{
  AplombClassification *difference = aplomb_scenario_panel_get_difference_classification (panel ());
  g_autoptr(GdkTexture) screenshot = NULL;
  double x, y;

  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), screenshot_name);
  commune_to_window (msp_commune, &x, &y);
  assert_pixel_is_color (screenshot, x + 10, y + 10,
                         aplomb_classification_color_of (difference, delta));
}

/* An MSP opening in four years, in a new scenario shown two years from
 * now: it does not count yet, and a note says why; every action done, it
 * does; undo puts the year back. */
static void
test_msp_opening_later (void)
{
  AplombScenarioResults *results = aplomb_scenario_panel_get_results (panel ());
  AdwComboRow *year_row = ADW_COMBO_ROW (find_named (GTK_WIDGET (panel ()), "year"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int opening = g_date_time_get_year (now) + 4;
  g_autofree char *situation = g_strdup_printf ("%d", opening - 2);
  g_autofree char *opens = g_strdup_printf ("ouvre en %d, après %s", opening, situation);
  g_autofree char *changed = NULL;
  g_autofree char *notes = NULL;
  AplombScenario *scenario;
  double delta;

  g_assert_nonnull (year_row);
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.new", NULL);
  aplomb_gui_test_settle (500);
  scenario = aplomb_scenario_panel_get_scenario (panel ());
  g_assert_cmpint (aplomb_scenario_get_year (scenario), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (year_row), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.add-action", "s", "msp");
  aplomb_gui_test_settle (300);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor ()), "commune")),
                         aplomb_territory_get_code (territory (), msp_commune));
  set_spin ("team.gp", 3);
  set_spin ("opening_year", opening);
  g_assert_null (aplomb_action_editor_get_problem (editor ()));
  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  aplomb_gui_test_settle (1000);
  delta = aplomb_scenario_panel_get_result (panel ())->delta[msp_commune];
  g_assert_cmpfloat (delta, >, 0.1);
  changed = g_strdup (aplomb_scenario_results_get_value (results, "changed"));
  g_assert_cmpstr (changed, !=, "0");
  notes = shown_notes ();
  g_assert_null (notes);

  /* Two years before it opens: as if it were not there, and said so. */
  choose_year (year_row, situation);
  g_assert_cmpint (aplomb_scenario_get_year (scenario), ==, opening - 2);
  g_assert_cmpfloat_with_epsilon (aplomb_scenario_panel_get_result (panel ())->delta[msp_commune],
                                  0, 1e-9);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "changed"), ==, "0");
  notes = shown_notes ();
  g_assert_nonnull (notes);
  g_assert_nonnull (strstr (notes, opens));
  g_clear_pointer (&notes, g_free);
  show_commune (msp_commune, 11);
  scroll_to_top ();
  assert_msp_colour ("screenshot-scenario-year.png", 0);
  scroll_to_results ();
  g_object_unref (aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                              "screenshot-scenario-notes.png"));

  /* Every action done: the MSP is back. */
  choose_year (year_row, _("Every action done"));
  g_assert_cmpint (aplomb_scenario_get_year (scenario), ==, 0);
  g_assert_cmpfloat_with_epsilon (aplomb_scenario_panel_get_result (panel ())->delta[msp_commune],
                                  delta, 1e-9);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "changed"), ==, changed);
  notes = shown_notes ();
  g_assert_null (notes);
  scroll_to_top ();
  assert_msp_colour ("screenshot-scenario-year-every-action.png", delta);

  /* Undo restores the year, the row follows. */
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.undo", NULL);
  aplomb_gui_test_settle (500);
  g_assert_cmpint (aplomb_scenario_get_year (scenario), ==, opening - 2);
  g_assert_cmpuint (adw_combo_row_get_selected (year_row), ==,
                    year_position (year_row, situation));
  g_assert_cmpstr (aplomb_scenario_results_get_value (results, "changed"), ==, "0");

  /* Each scenario shows its own year. */
  aplomb_scenario_panel_select (panel (), 0);
  aplomb_gui_test_settle (500);
  g_assert_cmpuint (adw_combo_row_get_selected (year_row), ==, 0);
  aplomb_scenario_panel_select (panel (), aplomb_scenario_panel_get_n_scenarios (panel ()) - 1);
  aplomb_gui_test_settle (500);
  g_assert_cmpuint (adw_combo_row_get_selected (year_row), ==,
                    year_position (year_row, situation));
}

/* Professions */

static AplombScenarioResults *
results (void)
{
  return aplomb_scenario_panel_get_results (panel ());
}

/* The position of a profession in the "Profession evaluated" row. */
static guint
profession_position (const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_named (GTK_WIDGET (results ()), "profession"));

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  return year_position (row, label);
}

/* The figures of the profession chosen are on screen. */
static gboolean
profession_is_shown (gpointer data)
{
  AplombScenarioResult *result = aplomb_scenario_panel_get_result (panel ());

  return result != NULL && aplomb_scenario_results_get_value (results (), "etp") != NULL
         && result->etp_added == *(const double *) data;
}

/* Chooses a profession and waits for its figures, the panel building its
 * evaluator first: etp_added tells them apart. */
static void
choose_profession (const char *label,
                   double      etp_added)
{
  aplomb_scenario_results_set_profession (results (), profession_position (label));
  aplomb_gui_test_wait_for (profession_is_shown, &etp_added, 60000);
  aplomb_gui_test_settle (500);
}

/* An MSP added in the form, at the commune of code. */
static void
add_msp (const char *code,
         double      gps,
         double      nurses)
{
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.add-action", "s", "msp");
  aplomb_gui_test_settle (300);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (editor ()), "commune")), code);
  set_spin ("team.gp", gps);
  set_spin ("team.nurse", nurses);
  g_assert_null (aplomb_action_editor_get_problem (editor ()));
  gtk_widget_activate_action (GTK_WIDGET (editor ()), "editor.save", NULL);
  aplomb_gui_test_settle (1000);
}

/* One of the Baseline / Scenario / Difference buttons. */
static GtkWidget *
find_map_mode_button (GtkWidget *root)
{
  if (GTK_IS_TOGGLE_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)),
                    "scenario.map-mode") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_map_mode_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The explanation above the figures, NULL when there is none. */
static const char *
figures_description (void)
{
  const char *description;
  GtkWidget *figures = find_named (GTK_WIDGET (results ()), "figures");

  g_assert_nonnull (figures);
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (figures));
  return description != NULL && *description != '\0' ? description : NULL;
}

/* The bundled France has GPs only: for nurses the results say so and show
 * the ETP the MSP adds, no APL; the map shows the nurses added. Back to
 * GPs, the figures come back. */
static void
test_nurses_without_nurses (void)
{
  g_autofree char *gps_mean = NULL;
  AplombScenario *scenario;
  AplombAction *more;
  const char *explanation;

  gtk_widget_activate_action (GTK_WIDGET (panel ()), "scenario.new", NULL);
  aplomb_gui_test_settle (500);
  add_msp (aplomb_territory_get_code (territory (), msp_commune), 1, 2);
  scenario = aplomb_scenario_panel_get_scenario (panel ());
  g_assert_cmpuint (aplomb_scenario_get_n_actions (scenario), ==, 1);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "etp"), ==, "+1,0");
  gps_mean = g_strdup (aplomb_scenario_results_get_value (results (), "mean"));
  g_assert_nonnull (gps_mean);

  choose_profession ("Infirmiers", 2);
  explanation = figures_description ();
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "Le projet ne contient aucun infirmier"));
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "etp"), ==, "+2,0");
  g_assert_null (aplomb_scenario_results_get_value (results (), "mean"));
  g_assert_null (aplomb_scenario_results_get_value (results (), "changed"));
  g_assert_cmpuint (aplomb_scenario_results_get_n_communes (results ()), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (find_map_mode_button (GTK_WIDGET (panel ()))));
  show_commune (msp_commune, 9);
  scroll_to_results ();
  g_object_unref (aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                              "screenshot-scenario-nurses-none.png"));

  /* Edits stay instant: the nurses' evaluator is built. */
  more = aplomb_action_copy (aplomb_scenario_get_action (scenario, 0));
  more->msp.team[APLOMB_PROFESSION_NURSE] = 3;
  aplomb_scenario_replace_action (scenario, 0, more);
  aplomb_gui_test_settle (300);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "etp"), ==, "+3,0");

  choose_profession ("Médecins généralistes", 1);
  g_assert_null (figures_description ());
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "mean"), ==, gps_mean);
  g_assert_true (gtk_widget_is_sensitive (find_map_mode_button (GTK_WIDGET (panel ()))));
}

/* Eight Cher communes with their populations and GPs (fixtures), and a
 * handful of nurses written here: made-up counts, a test fixture only. */
static char *
make_cher_project_with_nurses (void)
{
  static const char nurses_csv[] =
    "code_insee,nom,nb_infirmiers\n"
    "18033,Bourges,60\n"
    "18279,Vierzon,22\n"
    "18197,Saint-Amand-Montrond,11\n"
    "18023,Baugy,3\n";
  g_autofree char *communes = g_build_filename (FIXTURES_DIR, "cher-communes-2024.geojson", NULL);
  g_autofree char *population = g_build_filename (FIXTURES_DIR, "cher-population-2021.csv", NULL);
  g_autofree char *gps = g_build_filename (FIXTURES_DIR, "cher-gp-rpps-2026.csv", NULL);
  g_autofree char *nurses = g_build_filename (tmp_dir, "infirmiers-cher.csv", NULL);
  g_autoptr(AplombTerritory) cher = aplomb_territory_new ();
  g_autoptr(AplombStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AplombImportOptions options = { NULL };
  AplombImportOptions as_nurses = { .profession = APLOMB_PROFESSION_NURSE,
                                    .profession_given = TRUE };
  const struct {
    AplombImportKind           kind;
    const char                *path;
    const AplombImportOptions *options;
  } imports[] = {
    { APLOMB_IMPORT_COMMUNES, communes, &options },
    { APLOMB_IMPORT_POPULATION, population, &options },
    { APLOMB_IMPORT_PRACTITIONERS, gps, &options },
    { APLOMB_IMPORT_PRACTITIONERS, nurses, &as_nurses },
  };
  char *path = g_build_filename (tmp_dir, "Cher infirmiers.aplomb", NULL);

  g_assert_true (g_file_set_contents (nurses, nurses_csv, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autoptr(AplombImportReport) report = aplomb_import_file (cher, imports[i].kind,
                                                                 imports[i].path,
                                                                 imports[i].options, NULL,
                                                                 &error);

      g_assert_no_error (error);
    }
  store = aplomb_store_open (path, APLOMB_STORE_READ_WRITE | APLOMB_STORE_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (aplomb_store_save_territory (store, cher, &error));
  g_assert_no_error (error);
  return path;
}

/* What the core computes for the nurses, without the panel. */
static AplombScenarioResult *
evaluate_nurses (AplombScenario *scenario)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  g_autoptr(AplombPreset) nurses = aplomb_preset_load ("drees-nurse", NULL);
  guint n = aplomb_territory_get_n_communes (territory ());
  g_autofree double *heads = g_new (double, n);
  g_autofree double *supply = g_new (double, n);
  g_autofree double *demand = g_new (double, n);
  g_autoptr(AplombScenarioEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  AplombScenarioResult *result;

  g_assert_nonnull (nurses);
  g_assert_true (aplomb_apl_territory_supply (territory (), nurses, 0, heads, supply));
  aplomb_apl_territory_demand (territory (), nurses, demand);
  evaluator = aplomb_scenario_evaluator_new (territory (), aplomb_atlas_get_travel_times (atlas),
                                             nurses, supply, demand, &error);
  g_assert_no_error (error);
  result = aplomb_scenario_evaluator_evaluate (evaluator, scenario, &error);
  g_assert_no_error (error);
  return result;
}

/* A Cher project with nurses: an MSP of two nurses in Osmery, which has
 * none; the nurses' figures, communes and map are the core's. */
static void
test_nurses_in_a_project_with_nurses (void)
{
  g_autofree char *cher = make_cher_project_with_nurses ();
  g_autoptr(AplombScenarioResult) expected = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *mean = NULL;
  AplombScenarioResult *shown;
  int osmery;

  aplomb_project_manager_open (aplomb_window_get_projects (window), cher);
  aplomb_gui_test_wait_for (loaded_at_least, GUINT_TO_POINTER (n_loads + 1), 60000);
  aplomb_gui_test_wait_for (panel_is_ready, NULL, 30000);
  aplomb_gui_test_settle (500);
  osmery = aplomb_territory_lookup (territory (), "18173");
  g_assert_cmpint (osmery, >=, 0);
  add_msp ("18173", 0, 2);
  choose_profession ("Infirmiers", 2);

  expected = evaluate_nurses (aplomb_scenario_panel_get_scenario (panel ()));
  shown = aplomb_scenario_panel_get_result (panel ());
  g_assert_null (figures_description ());
  g_assert_cmpuint (shown->changed->len, ==, expected->changed->len);
  g_assert_cmpuint (shown->changed->len, >, 0);
  for (guint c = 0; c < shown->n_communes; c++)
    {
      g_assert_cmpfloat_with_epsilon (shown->baseline[c], expected->baseline[c], 1e-9);
      g_assert_cmpfloat_with_epsilon (shown->values[c], expected->values[c], 1e-9);
    }
  g_assert_cmpfloat (shown->delta[osmery], >, 0);
  changed = g_strdup_printf ("%u", expected->changed->len);
  mean = g_strdup_printf ("%'.3f → %'.3f (%+'.4f)", expected->before.mean, expected->after.mean,
                          expected->after.mean - expected->before.mean);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "changed"), ==, changed);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "mean"), ==, mean);
  g_assert_cmpstr (aplomb_scenario_results_get_value (results (), "etp"), ==, "+2,0");
  /* No DREES threshold for nurses: nothing is counted against one. */
  g_assert_null (aplomb_scenario_results_get_value (results (), "lifted"));
  /* The map in the nurses' unit. */
  g_assert_cmpstr (aplomb_classification_get_unit (
                     aplomb_scenario_panel_get_difference_classification (panel ())),
                   ==, "ETP pour 100 000 habitants");
  show_commune (osmery, 9);
  scroll_to_results ();
  g_object_unref (aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                              "screenshot-scenario-nurses.png"));
}

static void
test_panel_is_french (void)
{
  g_assert_cmpstr (_("Scenarios"), ==, "Scénarios");
  /* Row titles of the forms come from the core. */
  g_assert_cmpstr (aplomb_profession_get_label (APLOMB_PROFESSION_NURSE), ==, "Infirmiers");
  g_assert_cmpstr (_("Population lifted per ETP"), ==, "Population relevée par ETP");
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  /* The project and the recent-files list GTK writes beside it. */
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL
         && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    g_file_delete (child, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static char *
copy_bundled_project (void)
{
  g_autofree char *bundled = aplomb_core_find_data ("france.aplomb");
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, "France scénarios.aplomb", NULL);

  g_assert_nonnull (bundled);
  source = g_file_new_for_path (bundled);
  copy = g_file_new_for_path (path);
  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  aplomb_gui_test_init_french (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("aplomb-scenarios-XXXXXX", &error);
  g_assert_no_error (error);
  /* Recent files go to the throw-away directory (G_TEST_OPTION_ISOLATE_DIRS
   * would hide the MIME database the map's icons need). */
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run the GUI tests under xvfb-run");
      return g_test_run ();
    }
  project_path = copy_bundled_project ();

  app = aplomb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = aplomb_window_new (app);
  g_signal_connect (window, "atlas-loaded", G_CALLBACK (on_atlas_loaded), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  aplomb_gui_test_wait_for (aplomb_gui_test_widget_is_mapped, window, 5000);
  aplomb_gui_test_wait_for (loaded_at_least, GUINT_TO_POINTER (1), 60000);
  aplomb_project_manager_open (aplomb_window_get_projects (window), project_path);
  aplomb_gui_test_wait_for (loaded_at_least, GUINT_TO_POINTER (2), 60000);
  /* The panel prepares its evaluator when it is first shown. */
  adw_flap_set_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (panel ()),
                                                               ADW_TYPE_FLAP)), TRUE);
  aplomb_gui_test_wait_for (panel_is_ready, NULL, 30000);
  aplomb_gui_test_settle (1500);

  g_test_add_func ("/gui/scenarios/french", test_panel_is_french);
  g_test_add_func ("/gui/scenarios/empty-is-official", test_empty_scenario_is_official);
  g_test_add_func ("/gui/scenarios/msp-by-clicking-the-map", test_msp_by_clicking_the_map);
  g_test_add_func ("/gui/scenarios/undo-redo", test_undo_redo);
  g_test_add_func ("/gui/scenarios/bus-with-three-stops", test_bus_with_three_stops);
  g_test_add_func ("/gui/scenarios/cpts-by-lasso", test_cpts_by_lasso);
  g_test_add_func ("/gui/scenarios/cpts-import-perimeter", test_cpts_import_perimeter);
  g_test_add_func ("/gui/scenarios/saved-in-project", test_saved_in_project);
  g_test_add_func ("/gui/scenarios/export-import", test_export_import);
  g_test_add_func ("/gui/scenarios/results-by-area", test_results_by_area);
  g_test_add_func ("/gui/scenarios/cpts-perimeter-on-map", test_cpts_perimeter_on_map);
  g_test_add_func ("/gui/scenarios/compare-two-scenarios", test_compare_two_scenarios);
  g_test_add_func ("/gui/scenarios/msp-opening-later", test_msp_opening_later);
  g_test_add_func ("/gui/scenarios/nurses-without-nurses", test_nurses_without_nurses);
  /* Opens another project: last. */
  g_test_add_func ("/gui/scenarios/nurses-in-a-project-with-nurses",
                   test_nurses_in_a_project_with_nurses);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  remove_tmp_dir ();
  g_free (project_path);
  g_free (tmp_dir);
  return status;
}
