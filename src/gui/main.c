/* main.c: entry point of the Aplomb application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gi18n.h>

#include "aplomb-application.h"
#include "aplomb-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AplombApplication) app = NULL;

#ifdef __GLIBC__
  /* Tiles and the project load in worker threads: with an arena per
   * thread, memory one of them frees is not reused by the others; and
   * glibc's moving mmap threshold keeps the freed tile buffers (256 kB) and
   * loading arrays in the heap. Both add some 80 MB to the peak. */
  mallopt (M_ARENA_MAX, 2);
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
  /* Binds the catalogue before GTK translates anything: g_dgettext (),
   * behind the core's messages, decides on its first call, once and for
   * all, whether the application's domain is translated. */
  aplomb_core_init ();

  app = aplomb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
