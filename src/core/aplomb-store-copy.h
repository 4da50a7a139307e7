/* aplomb-store-copy.h: a consistent copy of a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aplomb-store.h"

G_BEGIN_DECLS

gboolean aplomb_store_save_copy (AplombStore  *self,
                                 const char   *path,
                                 GError      **error);

G_END_DECLS
