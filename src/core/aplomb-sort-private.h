/* aplomb-sort-private.h: in-place sorts of plain values
 *
 * The core sorts millions of matrix entries and every commune's APL for
 * deciles, where qsort ()'s function call per comparison costs more than
 * the comparison itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Defines `static void name (type *items, guint n)`, sorting by less (a, b):
 * quicksort on the middle element, recursing into the smaller side and
 * looping on the larger, insertion sort for runs of 16 or fewer. Not
 * stable. */
#define APLOMB_DEFINE_SORT(name, type, less)                                   \
  static void                                                                  \
  name (type *items,                                                           \
        guint n)                                                               \
  {                                                                            \
    while (n > 16)                                                             \
      {                                                                        \
        type pivot = items[n / 2], swap;                                       \
        guint i = 0, j = n - 1;                                                \
                                                                               \
        for (;;)                                                               \
          {                                                                    \
            while (less (items[i], pivot))                                     \
              i++;                                                             \
            while (less (pivot, items[j]))                                     \
              j--;                                                             \
            if (i >= j)                                                        \
              break;                                                           \
            swap = items[i];                                                   \
            items[i++] = items[j];                                             \
            items[j--] = swap;                                                 \
          }                                                                    \
        if (j + 1 < n - j - 1)                                                 \
          {                                                                    \
            name (items, j + 1);                                               \
            items += j + 1;                                                    \
            n -= j + 1;                                                        \
          }                                                                    \
        else                                                                   \
          {                                                                    \
            name (items + j + 1, n - j - 1);                                   \
            n = j + 1;                                                         \
          }                                                                    \
      }                                                                        \
    for (guint i = 1; i < n; i++)                                              \
      {                                                                        \
        type item = items[i];                                                  \
        guint k = i;                                                           \
                                                                               \
        for (; k > 0 && less (item, items[k - 1]); k--)                        \
          items[k] = items[k - 1];                                             \
        items[k] = item;                                                       \
      }                                                                        \
  }
