/* aplomb-import-history.h: former and newer INSEE codes → current commune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  APLOMB_CODE_SAME,            /* a current commune */
  APLOMB_CODE_FORMER,          /* former code of a merged commune */
  APLOMB_CODE_DELEGUEE,        /* commune déléguée or associée */
  APLOMB_CODE_ARRONDISSEMENT,  /* arrondissement of Paris, Lyon or Marseille */
  APLOMB_CODE_NEWER,           /* code created after the project's COG */
} AplombCodeChange;

typedef struct _AplombCodeHistory AplombCodeHistory;

/* Reads a table with the columns code, code_2024 (or any "code_YYYY") and
 * how, through GDAL. */
AplombCodeHistory *aplomb_code_history_load        (const char         *path,
                                                    GError            **error);
/* The table bundled in france/cog-passage-2024.csv, read once; NULL when
 * the data files are not installed. */
AplombCodeHistory *aplomb_code_history_get_default (void);
AplombCodeHistory *aplomb_code_history_ref         (AplombCodeHistory  *history);
void               aplomb_code_history_unref       (AplombCodeHistory  *history);
/* The current code for code, or NULL when the table does not know it. */
const char        *aplomb_code_history_lookup      (AplombCodeHistory  *history,
                                                    const char         *code,
                                                    AplombCodeChange   *change);
guint              aplomb_code_history_get_size    (AplombCodeHistory  *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplombCodeHistory, aplomb_code_history_unref)

G_END_DECLS
