#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aplomb-cli render draws tiles and areas of a project built from the Cher
# extracts into PNG files of the right size, rejects bad tiles, areas and
# columns with a translated message, and times tiles with --bench.
set -eu
cli=$1
fixtures=$(dirname "$0")/../fixtures
fail () { echo "FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/cher.aplomb

"$cli" import --project "$project" --communes "$fixtures/cher-communes-2024.geojson" \
  --official-apl "$fixtures/cher-apl-drees-2021-2023.csv" > /dev/null

# Width and height of a PNG, from its IHDR chunk.
png_size () {
  head -c 8 "$1" | od -An -c | tr -d ' \n' | grep -q '211PNG\\r\\n032\\n' || fail "$1 is not a PNG"
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }'
}

# Bourges is in tile 10/518/359.
"$cli" render "$project" --tile 10/518/359 -o "$work/tile.png"
[ "$(png_size "$work/tile.png")" = 256x256 ] || fail "tile size $(png_size "$work/tile.png")"
"$cli" render "$project" --tile 10/518/359 --scale 2 --theme dark -o "$work/tile2.png"
[ "$(png_size "$work/tile2.png")" = 512x512 ] || fail "scale 2 tile size"
"$cli" render "$project" -d 18 --size 400x300 --highlight 18033 -o "$work/cher.png"
[ "$(png_size "$work/cher.png")" = 400x300 ] || fail "département view size"
"$cli" render "$project" --base-map --bbox 2.2,46.9,2.6,47.2 --size 300x200 -o "$work/base.png"
[ "$(png_size "$work/base.png")" = 300x200 ] || fail "area view size"
# A tile of the sea is all background, so compresses far better than one of the Cher.
"$cli" render "$project" --tile 10/300/300 -o "$work/sea.png"
[ "$(wc -c < "$work/sea.png")" -lt "$(wc -c < "$work/tile.png")" ] || fail "empty tile not smaller"

if out=$(LANGUAGE=C "$cli" render "$project" --tile 3/9/1 -o "$work/x.png" 2>&1); then
  fail "tile outside the world accepted"
fi
echo "$out" | grep -q 'Invalid tile “3/9/1”: expected Z/X/Y.' || fail "bad tile message: $out"
if out=$(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$cli" render "$project" --column nope -o "$work/x.png" 2>&1); then
  fail "unknown column accepted"
fi
echo "$out" | grep -q 'Pas de colonne « nope » dans le projet' || fail "not translated: $out"
if "$cli" render "$project" --tile 5/16/11 --bbox 0,40,1,41 -o "$work/x.png" 2>/dev/null; then
  fail "--tile with --bbox accepted"
fi
[ ! -e "$work/x.png" ] || fail "a failed render wrote a file"

out=$(LANGUAGE=C "$cli" render "$project" --bench --runs 1)
echo "$out" | grep -q 'tile z12, 256 px' || fail "no zoom-12 timing: $out"
echo "$out" | grep -q 'pick the commune at a point' || fail "no picking timing: $out"
echo ok
