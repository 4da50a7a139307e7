#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file with translatable strings is missing from
# po/POTFILES.in (its strings would silently stay in English), or when
# POTFILES.in lists a file that does not exist.
#
# Usage: check-potfiles.sh SOURCE_ROOT
set -eu

cd "$1"
listed=$(mktemp)
needed=$(mktemp)
trap 'rm -f "$listed" "$needed"' EXIT

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | sort -u > "$listed"

{
  # _(), N_(), C_() and NC_() calls in C, not a longer name ending in "_".
  grep -rlE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(' --include='*.c' --include='*.h' src || true
  grep -rl 'translatable="yes"' --include='*.ui' src ui data || true
  find data -name '*.desktop.in' -o -name '*.metainfo.xml.in'
  grep -l 'gettext-domain=' data/*.gschema.xml || true
} | sort -u > "$needed"

status=0
for file in $(comm -23 "$needed" "$listed"); do
  echo "po/POTFILES.in: $file has translatable strings but is not listed" >&2
  status=1
done
while read -r file; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in: $file does not exist" >&2
    status=1
  fi
done < "$listed"
exit $status
