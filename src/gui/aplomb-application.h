/* aplomb-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define APLOMB_TYPE_APPLICATION (aplomb_application_get_type ())
G_DECLARE_FINAL_TYPE (AplombApplication, aplomb_application, APLOMB, APPLICATION, AdwApplication)

AplombApplication *aplomb_application_new (void);

G_END_DECLS
