/* test-window.c: the main window opens on the map of France, in French;
 * communes are coloured by class, a click or a search opens their panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "aplomb-application.h"
#include "aplomb-gui-test.h"
#include "aplomb-core.h"
#include "aplomb-legend.h"
#include "aplomb-window.h"

static AplombApplication *app;
static AplombWindow *window;



static gboolean
atlas_is_loaded (gpointer data)
{
  return aplomb_window_get_atlas (window) != NULL;
}



static ShumateMap *
shumate_map (void)
{
  return shumate_simple_map_get_map (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));
}

static GtkWidget *
map_widget (void)
{
  return GTK_WIDGET (shumate_map ());
}


/* Window coordinates of a point of the map. */
static void
location_to_window (double  lat,
                    double  lon,
                    double *x,
                    double *y)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));
  graphene_point_t in, out;

  shumate_viewport_location_to_widget_coords (viewport, map_widget (), lat, lon, x, y);
  graphene_point_init (&in, *x, *y);
  g_assert_true (gtk_widget_compute_point (map_widget (), GTK_WIDGET (window), &in, &out));
  *x = out.x;
  *y = out.y;
}


static gboolean
pixel_is_color (GdkTexture        *texture,
                double             x,
                double             y,
                const AplombColor *color)
{
  guint8 pixel[4];

  aplomb_gui_test_read_pixel (texture, (int) x, (int) y, pixel);
  g_test_message ("pixel at (%d, %d): %02x%02x%02x, expected %02x%02x%02x", (int) x, (int) y,
                  pixel[2], pixel[1], pixel[0], (int) round (color->red * 255),
                  (int) round (color->green * 255), (int) round (color->blue * 255));
  return ABS (pixel[2] - (int) round (color->red * 255)) <= 3 &&
         ABS (pixel[1] - (int) round (color->green * 255)) <= 3 &&
         ABS (pixel[0] - (int) round (color->blue * 255)) <= 3;
}

/* Tiles arrive from worker threads: look again until they are there. */
static void
assert_map_shows_color (double             lat,
                        double             lon,
                        const AplombColor *color)
{
  gboolean ok = FALSE;

  for (guint attempt = 0; attempt < 20 && !ok; attempt++)
    {
      g_autoptr(GdkTexture) screenshot = NULL;
      double x, y;

      aplomb_gui_test_settle (250);
      screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window),
                                               "screenshot-commune-colour.png");
      location_to_window (lat, lon, &x, &y);
      ok = pixel_is_color (screenshot, x, y, color);
    }
  g_assert_true (ok);
}

static void
test_window_opens_on_france (void)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Aplomb");
  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 6.0, 0.01);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  46.6, 0.05);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  2.45, 0.05);
  g_assert_nonnull (aplomb_window_get_atlas (window));
  g_assert_cmpuint (aplomb_territory_get_n_communes (
                      aplomb_atlas_get_territory (aplomb_window_get_atlas (window))),
                    ==, 34806);
}

/* The interior point of a few communes has the colour of their class. */
static void
test_choropleth_colours (void)
{
  static const char *codes[] = { "18033", "23096", "75056", "58194", "36044" };
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  AplombClassification *classes = aplomb_atlas_get_classification (atlas, APLOMB_INDICATOR_APL);
  const double *apl = aplomb_atlas_get_values (atlas, APLOMB_INDICATOR_APL);

  /* Town names are drawn at the same interior points. */
  aplomb_commune_map_set_show_labels (aplomb_window_get_map (window), FALSE);
  /* Zoom on the Centre so that small communes span several pixels. */
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window))), 9);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      int commune = aplomb_territory_lookup (territory, codes[i]);
      double lon, lat;

      g_assert_cmpint (commune, >=, 0);
      aplomb_territory_get_inner_point (territory, commune, &lon, &lat);
      shumate_map_center_on (shumate_map (), lat, lon);
      g_test_message ("%s (%s): APL %.2f", codes[i],
                      aplomb_territory_get_name (territory, commune), apl[commune]);
      assert_map_shows_color (lat, lon, aplomb_classification_color_of (classes, apl[commune]));
    }
  aplomb_commune_map_set_show_labels (aplomb_window_get_map (window), TRUE);
  aplomb_commune_map_show_france (aplomb_window_get_map (window));
}

/* A click through the gestures the user triggers: every click gesture of
 * the map gets the release, as a real single click would give it. */
static void
click_at (double x,
          double y)
{
  GtkWidget *map = map_widget ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (map);
  graphene_point_t in, out;
  guint n_clicks = 0;

  graphene_point_init (&in, x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window), map, &in, &out));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_GESTURE_CLICK (controller))
        continue;
      g_signal_emit_by_name (controller, "released", 1, out.x, out.y);
      n_clicks++;
    }
  g_assert_cmpuint (n_clicks, >, 0);
}

static void
test_click_opens_panel (void)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  AplombClassification *classes = aplomb_atlas_get_classification (atlas, APLOMB_INDICATOR_APL);
  const double *apl = aplomb_atlas_get_values (atlas, APLOMB_INDICATOR_APL);
  AplombCommunePanel *panel = aplomb_window_get_panel (window);
  int bourges = aplomb_territory_lookup (territory, "18033");
  g_autofree char *expected_apl = NULL;
  g_autoptr(GdkTexture) screenshot = NULL;
  double lon, lat, x, y;

  aplomb_territory_get_inner_point (territory, bourges, &lon, &lat);
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window))), 10);
  shumate_map_center_on (shumate_map (), lat, lon);
  aplomb_gui_test_settle (600);
  location_to_window (lat, lon, &x, &y);
  click_at (x, y);
  aplomb_gui_test_settle (800);

  g_assert_cmpint (aplomb_commune_map_get_selected (aplomb_window_get_map (window)), ==, bourges);
  g_assert_cmpstr (aplomb_commune_panel_get_title (panel), ==, "Bourges");
  expected_apl = aplomb_classification_format_value (classes, apl[bourges], FALSE);
  g_assert_cmpstr (aplomb_commune_panel_get_value (panel, "apl"), ==, expected_apl);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  screenshot = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-commune-panel.png");
}

static void
test_search_selects_bourges (void)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombTerritory *territory = aplomb_atlas_get_territory (atlas);
  GtkSearchEntry *entry = aplomb_window_get_search_entry (window);

  aplomb_commune_map_select (aplomb_window_get_map (window), -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "bourges");
  /* search-changed is debounced by the entry: Enter picks the first match
   * once there is one. */
  for (guint attempt = 0; attempt < 50 && aplomb_commune_map_get_selected (
         aplomb_window_get_map (window)) < 0; attempt++)
    {
      aplomb_gui_test_settle (200);
      g_signal_emit_by_name (entry, "activate");
    }

  g_assert_cmpint (aplomb_commune_map_get_selected (aplomb_window_get_map (window)), ==,
                   aplomb_territory_lookup (territory, "18033"));
  g_assert_cmpstr (aplomb_commune_panel_get_title (aplomb_window_get_panel (window)), ==,
                   "Bourges");
}

static void
test_legend_matches_indicator (void)
{
  AplombAtlas *atlas = aplomb_window_get_atlas (window);
  AplombLegend *legend =
    APLOMB_LEGEND (aplomb_commune_map_get_legend (aplomb_window_get_map (window)));
  AplombClassification *classes = aplomb_atlas_get_classification (atlas, APLOMB_INDICATOR_APL);
  guint n = aplomb_classification_get_n_classes (classes);
  g_autofree char *title = aplomb_atlas_get_title (atlas, APLOMB_INDICATOR_APL);
  g_autofree char *top = aplomb_classification_get_label (classes, n - 1);
  g_autofree char *bottom = aplomb_classification_get_label (classes, 0);
  g_autofree char *first_row = aplomb_legend_get_row_label (legend, 0);
  g_autofree char *last_class_row = aplomb_legend_get_row_label (legend, n - 1);

  g_assert_cmpstr (aplomb_legend_get_title (legend), ==, title);
  /* Classes from the highest down, then "no data". */
  g_assert_cmpuint (aplomb_legend_get_n_rows (legend), ==, n + 1);
  g_assert_cmpstr (first_row, ==, top);
  g_assert_cmpstr (last_class_row, ==, bottom);
}

static const AplombArea *
find_area (const char *code)
{
  GPtrArray *areas = aplomb_atlas_get_areas (aplomb_window_get_atlas (window));

  for (guint i = 0; i < areas->len; i++)
    {
      const AplombArea *area = g_ptr_array_index (areas, i);

      if (area->kind == APLOMB_AREA_DEPARTEMENT && g_str_equal (area->code, code))
        return area;
    }
  g_assert_not_reached ();
}

/* France, then the Cher chosen in the zoom list: the whole département
 * fits in the map, at a département zoom. */
static void
test_departement_view (void)
{
  const AplombArea *cher = find_area ("18");
  ShumateViewport *viewport = shumate_simple_map_get_viewport (
    aplomb_commune_map_get_simple_map (aplomb_window_get_map (window)));
  g_autoptr(GdkTexture) france = NULL;
  g_autoptr(GdkTexture) departement = NULL;
  double x0, y0, x1, y1;

  adw_flap_set_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (
    GTK_WIDGET (aplomb_window_get_panel (window)), ADW_TYPE_FLAP)), FALSE);
  aplomb_commune_map_select (aplomb_window_get_map (window), -1);
  aplomb_commune_map_show_france (aplomb_window_get_map (window));
  aplomb_gui_test_settle (1500);
  france = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-france.png");

  g_assert_cmpstr (cher->name, ==, "Cher");
  g_signal_emit_by_name (aplomb_window_get_area_chooser (window), "area-activated", cher);
  aplomb_gui_test_settle (2000);
  departement = aplomb_gui_test_screenshot (GTK_WIDGET (window), "screenshot-departement.png");

  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 7.5);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, 9.5);
  location_to_window (cher->bbox.max_lat, cher->bbox.min_lon, &x0, &y0);
  location_to_window (cher->bbox.min_lat, cher->bbox.max_lon, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (y1, <=, gtk_widget_get_height (GTK_WIDGET (window)));
}


static void
test_about_and_shortcuts (void)
{
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  aplomb_gui_test_settle (300);
  about = aplomb_gui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Aplomb");
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  aplomb_gui_test_settle (300);
  shortcuts = aplomb_gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_close (shortcuts);
}

static void
test_window_is_french (void)
{
  g_autofree char *title = aplomb_atlas_get_title (aplomb_window_get_atlas (window),
                                                   APLOMB_INDICATOR_APL);

  /* The core's messages too. */
  g_assert_cmpstr (title, ==, "APL aux médecins généralistes, calculée par Aplomb");
  g_assert_cmpstr (_("_About Aplomb"), ==, "À _propos d’Aplomb");
  g_assert_cmpstr (_("Metropolitan France"), ==, "France métropolitaine");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  aplomb_gui_test_init_french (&argc, &argv);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run the GUI tests under xvfb-run");
      return g_test_run ();
    }

  app = aplomb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = aplomb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  aplomb_gui_test_wait_for (aplomb_gui_test_widget_is_mapped, window, 5000);
  aplomb_gui_test_wait_for (atlas_is_loaded, NULL, 30000);
  aplomb_gui_test_settle (1500);

  g_test_add_func ("/gui/window/opens-on-france", test_window_opens_on_france);
  g_test_add_func ("/gui/window/french", test_window_is_french);
  g_test_add_func ("/gui/map/legend", test_legend_matches_indicator);
  g_test_add_func ("/gui/map/choropleth-colours", test_choropleth_colours);
  g_test_add_func ("/gui/map/click-opens-panel", test_click_opens_panel);
  g_test_add_func ("/gui/map/search-bourges", test_search_selects_bourges);
  g_test_add_func ("/gui/map/departement-view", test_departement_view);
  /* Last: dialogs leave the main window without a frame for a while. */
  g_test_add_func ("/gui/window/about-and-shortcuts", test_about_and_shortcuts);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
