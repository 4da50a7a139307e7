/* aplomb-gdal.c: GDAL, loaded when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#define APLOMB_GDAL_LOADER
#include "aplomb-gdal.h"

static AplombGdal functions;
static char *load_failure;   /* why GDAL could not be loaded, NULL once loaded */

/* GDAL prints its own errors on stderr by default; the core turns every
 * failure into a GError instead, so silence the default handler. */
static void
quiet_gdal_error_handler (CPLErr      err_class,
                          int         err_no,
                          const char *message)
{
  g_debug ("GDAL error %d: %s", err_no, message);
}

static char *
open_library (void)
{
  /* Never closed: GDAL keeps drivers and caches for the process. */
  GModule *module = g_module_open (APLOMB_GDAL_SONAME, 0);

  if (module == NULL)
    return g_strdup (g_module_error ());

#define APLOMB_GDAL_RESOLVE(name) \
  if (!g_module_symbol (module, #name, (gpointer *) &functions.name)) \
    return g_strdup (g_module_error ());
  APLOMB_GDAL_FUNCTIONS (APLOMB_GDAL_RESOLVE)
#undef APLOMB_GDAL_RESOLVE

  functions.GDALAllRegister ();
  functions.CPLSetErrorHandler (quiet_gdal_error_handler);
  return NULL;
}

gboolean
aplomb_gdal_load (GError **error)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load_failure = open_library ();
      g_once_init_leave (&loaded, 1);
    }
  if (load_failure != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("GDAL (%s), which reads and writes geographic files, could not be loaded: "
                     "%s"), APLOMB_GDAL_SONAME, load_failure);
      return FALSE;
    }
  return TRUE;
}

const AplombGdal *
aplomb_gdal_get (void)
{
  g_autoptr(GError) error = NULL;

  if (!aplomb_gdal_load (&error))
    g_error ("%s", error->message);
  return &functions;
}
