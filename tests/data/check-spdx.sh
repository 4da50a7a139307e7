#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file has no SPDX-License-Identifier line in its
# header (the first 25 lines): C, build files, scripts, UI, desktop data
# and icons.
# Data (tests/fixtures, data/france) and formats without comments (JSON,
# Markdown) are not source files here.
#
# Usage: check-spdx.sh SOURCE_ROOT
set -eu

cd "$1"
missing=$(mktemp)
trap 'rm -f "$missing"' EXIT

find . \
    \( -path ./.git -o -path './build*' -o -path ./_build -o -path ./.flatpak-builder \
       -o -path ./subprojects -o -path ./tests/fixtures -o -path ./data/france \) -prune \
    -o -type f \( -name '*.[ch]' -o -name meson.build -o -name meson_options.txt \
       -o -name '*.sh' -o -name '*.py' -o -name '*.ui' -o -name '*.xml' -o -name '*.xml.in' \
       -o -name '*.desktop.in' -o -name '*.css' -o -name '*.ini' -o -name '*.svg' \
       -o -perm -u+x \) -print |
  while IFS= read -r file; do
    head -n 25 "$file" | grep -q 'SPDX-License-Identifier: ' || echo "${file#./}"
  done > "$missing"

if [ -s "$missing" ]; then
  sed 's/$/: no SPDX-License-Identifier line/' "$missing" >&2
  exit 1
fi
