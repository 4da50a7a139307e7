/* aplomb-palette.h: classes of an indicator and their colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Same layout as GdkRGBA (four floats, 0..1, not premultiplied), so the GUI
 * can copy one into the other. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} AplombColor;

typedef enum
{
  /* Dark for low values (poor access), light for high ones. */
  APLOMB_PALETTE_SEQUENTIAL,
  /* Light for low values, dark for high ones: for times and distances,
   * where more is worse. */
  APLOMB_PALETTE_SEQUENTIAL_REVERSED,
  /* Orange-red for losses, neutral grey around zero, blue for gains. */
  APLOMB_PALETTE_DIVERGING,
} AplombPaletteKind;

/* Immutable once built, so it can be shared with rendering threads. */
typedef struct _AplombClassification AplombClassification;

#define APLOMB_TYPE_CLASSIFICATION (aplomb_classification_get_type ())
GType                 aplomb_classification_get_type        (void) G_GNUC_CONST;

AplombClassification *aplomb_classification_new             (const double         *breaks,
                                                             guint                 n_breaks,
                                                             AplombPaletteKind     kind,
                                                             guint                 decimals,
                                                             const char           *unit);
AplombClassification *aplomb_classification_new_apl         (void);
AplombClassification *aplomb_classification_new_quantiles   (const double         *values,
                                                             guint                 n_values,
                                                             guint                 n_classes,
                                                             AplombPaletteKind     kind,
                                                             guint                 decimals,
                                                             const char           *unit);
AplombClassification *aplomb_classification_new_difference  (const double         *positive_breaks,
                                                             guint                 n_breaks,
                                                             guint                 decimals,
                                                             const char           *unit);
AplombClassification *aplomb_classification_ref             (AplombClassification *self);
void                  aplomb_classification_unref           (AplombClassification *self);

guint                 aplomb_classification_get_n_classes   (const AplombClassification *self);
const double         *aplomb_classification_get_breaks      (const AplombClassification *self,
                                                             guint                      *n_breaks);
AplombPaletteKind     aplomb_classification_get_kind        (const AplombClassification *self);
const char           *aplomb_classification_get_unit        (const AplombClassification *self);
int                   aplomb_classification_classify        (const AplombClassification *self,
                                                             double                      value);
const AplombColor    *aplomb_classification_get_color       (const AplombClassification *self,
                                                             guint                       klass);
const AplombColor    *aplomb_classification_get_no_data_color (const AplombClassification *self);
const AplombColor    *aplomb_classification_color_of        (const AplombClassification *self,
                                                             double                      value);
void                  aplomb_classification_fill_colors     (const AplombClassification *self,
                                                             const double               *values,
                                                             guint                       n_values,
                                                             AplombColor                *colors);
char                 *aplomb_classification_get_label       (const AplombClassification *self,
                                                             guint                       klass);
char                 *aplomb_classification_format_value    (const AplombClassification *self,
                                                             double                      value,
                                                             gboolean                    with_unit);

char                 *aplomb_format_decimal                 (double                      value,
                                                             guint                       decimals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombClassification, aplomb_classification_unref)

G_END_DECLS
