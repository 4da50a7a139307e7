/* aplomb-palette.c: classes of an indicator and their colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "aplomb-palette.h"

struct _AplombClassification
{
  gatomicrefcount   ref_count;
  AplombPaletteKind kind;
  guint             n_breaks;
  double           *breaks;   /* strictly increasing */
  AplombColor      *colors;   /* n_breaks + 1 */
  guint             decimals;
  char             *unit;
};

G_DEFINE_BOXED_TYPE (AplombClassification, aplomb_classification,
                     aplomb_classification_ref, aplomb_classification_unref)

/* Colour stops, evenly spaced on 0..1, interpolated in sRGB. */
typedef struct
{
  guint8 r, g, b;
} Stop;

/* Matplotlib's "inferno" (van der Walt and Smith, CC0) sampled at ninths:
 * perceptually uniform, readable in grey and by the common colour-vision
 * deficiencies, dark at the low end so under-served communes stand out. */
static const Stop sequential_stops[] = {
  { 0x00, 0x00, 0x04 }, { 0x1b, 0x0c, 0x41 }, { 0x4a, 0x0c, 0x6b }, { 0x78, 0x1c, 0x6d },
  { 0xa5, 0x2c, 0x60 }, { 0xcf, 0x44, 0x46 }, { 0xed, 0x69, 0x25 }, { 0xfb, 0x9b, 0x06 },
  { 0xf7, 0xd1, 0x3d }, { 0xfc, 0xff, 0xa4 },
};

/* The ends of the ramp are too close to black and white to read on a dark or
 * a light window, so classes sample it in this range. */
#define SEQUENTIAL_FIRST 0.20
#define SEQUENTIAL_LAST  0.94

/* After ColorBrewer "RdBu" (Brewer, Apache-2.0), colour-blind safe, with an
 * orange-red loss side and a grey centre that reads on both backgrounds. */
static const Stop diverging_stops[] = {
  { 0xb2, 0x18, 0x2b }, { 0xe3, 0x5f, 0x3a }, { 0xf9, 0xb8, 0x8c }, { 0xe6, 0xe6, 0xe6 },
  { 0x9e, 0xca, 0xe1 }, { 0x43, 0x93, 0xc3 }, { 0x1d, 0x4f, 0x91 },
};

static const AplombColor no_data_color = { 0.62f, 0.62f, 0.62f, 1.0f };

/* The APL thresholds of the DREES and the regional health agencies: below
 * 2.5 consultations a year per inhabitant a commune is under-served, above
 * 4 it is well served. The finer breaks make each band readable. */
static const double apl_breaks[] = { 1.5, 2.5, 3.0, 4.0, 5.0 };

static AplombColor
ramp_color (const Stop *stops,
            guint       n_stops,
            double      t)
{
  double position = CLAMP (t, 0.0, 1.0) * (n_stops - 1);
  guint i = MIN ((guint) position, n_stops - 2);
  double f = position - i;
  AplombColor color;

  color.red = ((1.0 - f) * stops[i].r + f * stops[i + 1].r) / 255.0;
  color.green = ((1.0 - f) * stops[i].g + f * stops[i + 1].g) / 255.0;
  color.blue = ((1.0 - f) * stops[i].b + f * stops[i + 1].b) / 255.0;
  color.alpha = 1.0f;
  return color;
}

static void
assign_colors (AplombClassification *self)
{
  guint n_classes = self->n_breaks + 1;

  self->colors = g_new (AplombColor, n_classes);
  for (guint i = 0; i < n_classes; i++)
    {
      double t = n_classes == 1 ? 0.5 : (double) i / (n_classes - 1);

      if (self->kind == APLOMB_PALETTE_SEQUENTIAL_REVERSED)
        t = 1.0 - t;
      if (self->kind != APLOMB_PALETTE_DIVERGING)
        self->colors[i] = ramp_color (sequential_stops, G_N_ELEMENTS (sequential_stops),
                                      SEQUENTIAL_FIRST + t * (SEQUENTIAL_LAST - SEQUENTIAL_FIRST));
      else
        self->colors[i] = ramp_color (diverging_stops, G_N_ELEMENTS (diverging_stops), t);
    }
}

/* Breaks must be finite and strictly increasing. At most 11 classes: more
 * cannot be told apart on a map. */
AplombClassification *
aplomb_classification_new (const double      *breaks,
                           guint              n_breaks,
                           AplombPaletteKind  kind,
                           guint              decimals,
                           const char        *unit)
{
  AplombClassification *self;

  g_return_val_if_fail (breaks != NULL || n_breaks == 0, NULL);
  g_return_val_if_fail (n_breaks <= 10, NULL);
  for (guint i = 0; i < n_breaks; i++)
    {
      g_return_val_if_fail (isfinite (breaks[i]), NULL);
      g_return_val_if_fail (i == 0 || breaks[i - 1] < breaks[i], NULL);
    }

  self = g_new0 (AplombClassification, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->n_breaks = n_breaks;
  self->breaks = g_memdup2 (breaks, n_breaks * sizeof (double));
  self->decimals = decimals;
  self->unit = g_strdup (unit);
  assign_colors (self);
  return self;
}

/* The default classes of the APL maps: the official thresholds 2.5 and 4
 * are class edges. */
AplombClassification *
aplomb_classification_new_apl (void)
{
  return aplomb_classification_new (apl_breaks, G_N_ELEMENTS (apl_breaks),
                                    APLOMB_PALETTE_SEQUENTIAL, 1,
                                    _("consultations per year per inhabitant"));
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
round_to_decimals (double value,
                   guint  decimals)
{
  double factor = pow (10.0, decimals);

  return round (value * factor) / factor;
}

/* Classes holding about the same number of communes; NaN values are left
 * out. Breaks are rounded to the shown decimals, and equal ones merged, so
 * heavily tied data give fewer classes than asked. */
AplombClassification *
aplomb_classification_new_quantiles (const double      *values,
                                     guint              n_values,
                                     guint              n_classes,
                                     AplombPaletteKind  kind,
                                     guint              decimals,
                                     const char        *unit)
{
  g_autofree double *sorted = g_new (double, MAX (n_values, 1));
  double breaks[10];
  guint n_finite = 0;
  guint n_breaks = 0;

  g_return_val_if_fail (values != NULL || n_values == 0, NULL);
  g_return_val_if_fail (n_classes >= 1 && n_classes <= 11, NULL);

  for (guint i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      sorted[n_finite++] = values[i];
  qsort (sorted, n_finite, sizeof (double), compare_doubles);

  for (guint k = 1; k < n_classes && n_finite > 0; k++)
    {
      double b = round_to_decimals (sorted[(gsize) k * n_finite / n_classes], decimals);

      /* A break at the minimum would leave the first class empty. */
      if (b > sorted[0] && (n_breaks == 0 || b > breaks[n_breaks - 1]))
        breaks[n_breaks++] = b;
    }
  return aplomb_classification_new (breaks, n_breaks, kind, decimals, unit);
}

/* Classes of a difference (scenario minus reference) symmetric around
 * zero: positive_breaks 0.1, 0.5 give < −0.5, −0.5 – −0.1, −0.1 – 0.1,
 * 0.1 – 0.5, ≥ 0.5, the centre class being neutral. */
AplombClassification *
aplomb_classification_new_difference (const double *positive_breaks,
                                      guint         n_breaks,
                                      guint         decimals,
                                      const char   *unit)
{
  double breaks[10];

  g_return_val_if_fail (positive_breaks != NULL && n_breaks >= 1 && n_breaks <= 5, NULL);
  g_return_val_if_fail (positive_breaks[0] > 0, NULL);

  for (guint i = 0; i < n_breaks; i++)
    {
      breaks[n_breaks - 1 - i] = -positive_breaks[i];
      breaks[n_breaks + i] = positive_breaks[i];
    }
  return aplomb_classification_new (breaks, 2 * n_breaks, APLOMB_PALETTE_DIVERGING,
                                    decimals, unit);
}

AplombClassification *
aplomb_classification_ref (AplombClassification *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
aplomb_classification_unref (AplombClassification *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->breaks);
      g_free (self->colors);
      g_free (self->unit);
      g_free (self);
    }
}

guint
aplomb_classification_get_n_classes (const AplombClassification *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_breaks + 1;
}

const double *
aplomb_classification_get_breaks (const AplombClassification *self,
                                  guint                      *n_breaks)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_breaks != NULL)
    *n_breaks = self->n_breaks;
  return self->breaks;
}

AplombPaletteKind
aplomb_classification_get_kind (const AplombClassification *self)
{
  g_return_val_if_fail (self != NULL, APLOMB_PALETTE_SEQUENTIAL);

  return self->kind;
}

/* The unit shown in the legend, or NULL. */
const char *
aplomb_classification_get_unit (const AplombClassification *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->unit;
}

/* Class k holds the values v with breaks[k-1] ≤ v < breaks[k], so a break
 * belongs to the class above it. Returns -1 for NaN (no data). */
int
aplomb_classification_classify (const AplombClassification *self,
                                double                      value)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, -1);

  if (isnan (value))
    return -1;

  /* Binary search for the number of breaks ≤ value. */
  hi = self->n_breaks;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->breaks[mid] <= value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

const AplombColor *
aplomb_classification_get_color (const AplombClassification *self,
                                 guint                       klass)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (klass <= self->n_breaks, NULL);

  return &self->colors[klass];
}

const AplombColor *
aplomb_classification_get_no_data_color (const AplombClassification *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &no_data_color;
}

/* The colour of the class of value, the no-data colour for NaN. */
const AplombColor *
aplomb_classification_color_of (const AplombClassification *self,
                                double                      value)
{
  int klass = aplomb_classification_classify (self, value);

  return klass < 0 ? &no_data_color : &self->colors[klass];
}

/* Colours of a per-commune vector, for AplombTileStyle fills. */
void
aplomb_classification_fill_colors (const AplombClassification *self,
                                   const double               *values,
                                   guint                       n_values,
                                   AplombColor                *colors)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (colors != NULL || n_values == 0);

  for (guint i = 0; i < n_values; i++)
    colors[i] = *aplomb_classification_color_of (self, values[i]);
}

/* French number formatting, whatever the process locale: decimal comma,
 * groups of three digits separated by a narrow no-break space, and a true
 * minus sign. -0 prints as 0. */
char *
aplomb_format_decimal (double value,
                       guint  decimals)
{
  g_autofree char *digits = NULL;
  GString *out = g_string_new (NULL);
  const char *point;
  gsize int_len;
  double rounded = round_to_decimals (value, decimals);

  if (!isfinite (value))
    {
      g_string_append (out, "—");
      return g_string_free (out, FALSE);
    }

  if (rounded < 0)
    g_string_append (out, "−");
  digits = g_strdup_printf ("%.*f", (int) decimals, fabs (rounded));
  /* printf follows LC_NUMERIC, which may already use a comma. */
  point = strpbrk (digits, ".,");
  int_len = point != NULL ? (gsize) (point - digits) : strlen (digits);

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append_c (out, ',');
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

/* The legend label of a class: "< 1,5", "1,5 – 2,5", "≥ 5", without the
 * unit, which the legend shows once. */
char *
aplomb_classification_get_label (const AplombClassification *self,
                                 guint                       klass)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (klass <= self->n_breaks, NULL);

  if (self->n_breaks == 0)
    return g_strdup (_("All values"));
  if (klass == 0)
    {
      high = aplomb_format_decimal (self->breaks[0], self->decimals);
      return g_strdup_printf ("< %s", high);
    }
  low = aplomb_format_decimal (self->breaks[klass - 1], self->decimals);
  if (klass == self->n_breaks)
    return g_strdup_printf ("≥ %s", low);
  high = aplomb_format_decimal (self->breaks[klass], self->decimals);
  return g_strdup_printf ("%s – %s", low, high);
}

/* A value as the hover tooltip shows it: "3,2" or "3,2 consultations per
 * year per inhabitant" (translated); "no data" for NaN. */
char *
aplomb_classification_format_value (const AplombClassification *self,
                                    double                      value,
                                    gboolean                    with_unit)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (isnan (value))
    return g_strdup (_("no data"));
  number = aplomb_format_decimal (value, self->decimals);
  if (with_unit && self->unit != NULL)
    return g_strdup_printf ("%s %s", number, self->unit);
  return g_steal_pointer (&number);
}
