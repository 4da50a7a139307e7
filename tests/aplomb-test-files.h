/* aplomb-test-files.h: the temporary files of the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes a file, or a directory and everything below it. */
void aplomb_test_remove_tree (const char *path);

G_END_DECLS
