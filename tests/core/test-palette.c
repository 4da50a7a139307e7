/* test-palette.c: classes, colours and legend labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "aplomb-core.h"
#include "aplomb-palette.h"

/* Relative luminance (WCAG 2) of a colour. */
static double
luminance (const AplombColor *c)
{
  double rgb[3] = { c->red, c->green, c->blue };

  for (int i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static gboolean
same_color (const AplombColor *a,
            const AplombColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

static void
test_apl_classes (void)
{
  g_autoptr(AplombClassification) apl = aplomb_classification_new_apl ();
  const double *breaks;
  guint n_breaks;
  gboolean has_2_5 = FALSE, has_4 = FALSE;

  g_assert_cmpuint (aplomb_classification_get_n_classes (apl), ==, 6);
  breaks = aplomb_classification_get_breaks (apl, &n_breaks);
  for (guint i = 0; i < n_breaks; i++)
    {
      has_2_5 |= breaks[i] == 2.5;
      has_4 |= breaks[i] == 4.0;
    }
  /* The official thresholds are class edges. */
  g_assert_true (has_2_5 && has_4);

  /* A break belongs to the class above it. */
  g_assert_cmpint (aplomb_classification_classify (apl, 0.0), ==, 0);
  g_assert_cmpint (aplomb_classification_classify (apl, 1.49), ==, 0);
  g_assert_cmpint (aplomb_classification_classify (apl, 1.5), ==, 1);
  g_assert_cmpint (aplomb_classification_classify (apl, 2.4999), ==, 1);
  g_assert_cmpint (aplomb_classification_classify (apl, 2.5), ==, 2);
  g_assert_cmpint (aplomb_classification_classify (apl, 3.99), ==, 3);
  g_assert_cmpint (aplomb_classification_classify (apl, 4.0), ==, 4);
  g_assert_cmpint (aplomb_classification_classify (apl, 5.0), ==, 5);
  g_assert_cmpint (aplomb_classification_classify (apl, 12.0), ==, 5);
  g_assert_cmpint (aplomb_classification_classify (apl, NAN), ==, -1);
  g_assert_cmpint (aplomb_classification_classify (apl, -INFINITY), ==, 0);
  g_assert_cmpint (aplomb_classification_get_kind (apl), ==, APLOMB_PALETTE_SEQUENTIAL);
  g_assert_nonnull (aplomb_classification_get_unit (apl));
}

static void
test_labels (void)
{
  g_autoptr(AplombClassification) apl = aplomb_classification_new_apl ();
  const char *expected[] = {
    "< 1,5", "1,5 – 2,5", "2,5 – 3,0", "3,0 – 4,0", "4,0 – 5,0", "≥ 5,0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *label = aplomb_classification_get_label (apl, i);

      g_assert_cmpstr (label, ==, expected[i]);
    }
}

static void
test_format_decimal (void)
{
  struct
  {
    double      value;
    guint       decimals;
    const char *text;
  } cases[] = {
    { 2.5, 1, "2,5" },
    { 2.46, 1, "2,5" },
    { 0.0, 2, "0,00" },
    { -0.001, 1, "0,0" },
    { -1.25, 2, "−1,25" },
    { 3.0, 0, "3" },
    { 1234.5, 1, "1\u202f234,5" },
    { 12345678, 0, "12\u202f345\u202f678" },
    { NAN, 1, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = aplomb_format_decimal (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_value (void)
{
  g_autoptr(AplombClassification) density = NULL;
  const double breaks[] = { 5, 10 };
  g_autofree char *bare = NULL;
  g_autofree char *with_unit = NULL;
  g_autofree char *missing = NULL;

  density = aplomb_classification_new (breaks, 2, APLOMB_PALETTE_SEQUENTIAL, 1,
                                       "GPs per 10,000 inhabitants");
  bare = aplomb_classification_format_value (density, 7.25, FALSE);
  with_unit = aplomb_classification_format_value (density, 7.25, TRUE);
  missing = aplomb_classification_format_value (density, NAN, TRUE);
  g_assert_cmpstr (bare, ==, "7,3");
  g_assert_cmpstr (with_unit, ==, "7,3 GPs per 10,000 inhabitants");
  /* Untranslated here: the tests run in the C locale. */
  g_assert_cmpstr (missing, ==, "no data");
}

/* Sequential classes go from dark (poor access) to light, every class
 * colour differs from the next, and none is the no-data grey. */
static void
test_sequential_colors (void)
{
  g_autoptr(AplombClassification) apl = aplomb_classification_new_apl ();
  const AplombColor *no_data = aplomb_classification_get_no_data_color (apl);
  guint n = aplomb_classification_get_n_classes (apl);

  for (guint i = 0; i < n; i++)
    {
      const AplombColor *c = aplomb_classification_get_color (apl, i);

      g_assert_cmpfloat (c->alpha, ==, 1.0f);
      g_assert_false (same_color (c, no_data));
      if (i > 0)
        g_assert_cmpfloat (luminance (c), >,
                           1.3 * luminance (aplomb_classification_get_color (apl, i - 1)));
    }
  /* The poorest class is dark (contrast ≥ 7:1 against white), the best
   * light. */
  g_assert_cmpfloat (1.05 / (luminance (aplomb_classification_get_color (apl, 0)) + 0.05), >=,
                     7.0);
  g_assert_cmpfloat (luminance (aplomb_classification_get_color (apl, n - 1)), >, 0.6);
  g_assert_true (same_color (aplomb_classification_color_of (apl, NAN), no_data));
  g_assert_true (same_color (aplomb_classification_color_of (apl, 2.7),
                             aplomb_classification_get_color (apl, 2)));
}

static void
test_difference (void)
{
  const double steps[] = { 0.1, 0.5, 1.0 };
  g_autoptr(AplombClassification) diff = aplomb_classification_new_difference (steps, 3, 1, NULL);
  const double *breaks;
  guint n_breaks;
  const AplombColor *loss, *centre, *gain;
  g_autofree char *first = NULL;
  g_autofree char *middle = NULL;

  g_assert_cmpint (aplomb_classification_get_kind (diff), ==, APLOMB_PALETTE_DIVERGING);
  g_assert_cmpuint (aplomb_classification_get_n_classes (diff), ==, 7);
  breaks = aplomb_classification_get_breaks (diff, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, 6);
  g_assert_cmpfloat (breaks[0], ==, -1.0);
  g_assert_cmpfloat (breaks[2], ==, -0.1);
  g_assert_cmpfloat (breaks[3], ==, 0.1);
  g_assert_cmpfloat (breaks[5], ==, 1.0);
  g_assert_cmpint (aplomb_classification_classify (diff, 0.0), ==, 3);
  g_assert_cmpint (aplomb_classification_classify (diff, -0.3), ==, 2);
  g_assert_cmpint (aplomb_classification_classify (diff, 2.0), ==, 6);

  /* Losses red (red over blue), gains blue, the centre a neutral grey. */
  loss = aplomb_classification_get_color (diff, 0);
  centre = aplomb_classification_get_color (diff, 3);
  gain = aplomb_classification_get_color (diff, 6);
  g_assert_cmpfloat (loss->red, >, loss->blue + 0.4);
  g_assert_cmpfloat (gain->blue, >, gain->red + 0.4);
  g_assert_cmpfloat (fabs (centre->red - centre->blue), <, 0.01);
  g_assert_cmpfloat (fabs (centre->red - centre->green), <, 0.01);

  first = aplomb_classification_get_label (diff, 0);
  middle = aplomb_classification_get_label (diff, 3);
  g_assert_cmpstr (first, ==, "< −1,0");
  g_assert_cmpstr (middle, ==, "−0,1 – 0,1");
}

static void
test_quantiles (void)
{
  double values[101];
  g_autoptr(AplombClassification) quartiles = NULL;
  g_autoptr(AplombClassification) tied = NULL;
  const double *breaks;
  guint n_breaks;
  double constant[] = { 3, 3, 3, NAN, 3 };

  /* 0, 0.1, …, 10, with NaN (ignored) in place of 0.3, 1.3, …, 9.3:
   * quartile breaks at sorted[k × 91 / 4]. */
  for (guint i = 0; i < 101; i++)
    values[i] = i % 10 == 3 ? NAN : i / 10.0;
  quartiles = aplomb_classification_new_quantiles (values, 101, 4, APLOMB_PALETTE_SEQUENTIAL, 1,
                                                   NULL);
  breaks = aplomb_classification_get_breaks (quartiles, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, 3);
  /* 91 finite values; sorted[22] = 2.5 (0 to 2.5 without 0.3, 1.3 and
   * 2.3 is 23 values), sorted[45] = 5.0, sorted[68] = 7.6. */
  g_assert_cmpfloat_with_epsilon (breaks[0], 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (breaks[1], 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (breaks[2], 7.6, 1e-9);

  /* All equal values leave a single class rather than empty ones. */
  tied = aplomb_classification_new_quantiles (constant, G_N_ELEMENTS (constant), 5,
                                              APLOMB_PALETTE_SEQUENTIAL, 1, NULL);
  g_assert_cmpuint (aplomb_classification_get_n_classes (tied), ==, 1);
}

static void
test_fill_colors (void)
{
  g_autoptr(AplombClassification) apl = aplomb_classification_new_apl ();
  const double values[] = { 0.5, 4.2, NAN };
  AplombColor colors[3];

  aplomb_classification_fill_colors (apl, values, 3, colors);
  g_assert_true (same_color (&colors[0], aplomb_classification_get_color (apl, 0)));
  g_assert_true (same_color (&colors[1], aplomb_classification_get_color (apl, 4)));
  g_assert_true (same_color (&colors[2], aplomb_classification_get_no_data_color (apl)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  aplomb_core_init ();
  g_test_add_func ("/palette/apl-classes", test_apl_classes);
  g_test_add_func ("/palette/labels", test_labels);
  g_test_add_func ("/palette/format-decimal", test_format_decimal);
  g_test_add_func ("/palette/format-value", test_format_value);
  g_test_add_func ("/palette/sequential-colors", test_sequential_colors);
  g_test_add_func ("/palette/difference", test_difference);
  g_test_add_func ("/palette/quantiles", test_quantiles);
  g_test_add_func ("/palette/fill-colors", test_fill_colors);
  return g_test_run ();
}
