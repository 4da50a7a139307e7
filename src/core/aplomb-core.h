/* aplomb-core.h: entry point of libaplomb-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         aplomb_core_init         (void);
char        *aplomb_core_find_data    (const char *relative_path);

G_END_DECLS
