#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file of the core includes a GUI toolkit header.
set -eu
dir=$1
hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk/|gdk/|gsk/|adwaita\.h|adw|shumate/|graphene)' "$dir" || true)
if [ -n "$hits" ]; then
  echo "GUI headers included in the core:" >&2
  echo "$hits" >&2
  exit 1
fi
count=$(find "$dir" -name '*.[ch]' | wc -l)
[ "$count" -gt 0 ] || { echo "no source file under $dir" >&2; exit 1; }
echo "checked $count files of $dir"
