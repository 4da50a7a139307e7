#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Rebuild data/france/communes-metro-2024.gpkg from the shared COG 2024
# commune layer (34 806 metropolitan communes, 1.48 M vertices, 32 MB).
#
# Usage: tools/simplify-communes.sh SOURCE.gpkg [OUTPUT.gpkg]
#   SOURCE  communes-boundaries-cog2024/communes_metro_simplified.gpkg
#   OUTPUT  defaults to data/france/communes-metro-2024.gpkg
#
# A single tolerance either leaves the file too big or wrecks the small
# communes of the Paris basin and the Pyrenees (up to 37 % of area lost at
# 0.0025°), so the Douglas-Peucker tolerance scales with the commune:
# 6 % of the square root of its area, capped at 0.003° (about 250 m).
# ST_SimplifyPreserveTopology keeps every ring, so no commune becomes empty;
# -makevalid repairs the one source polygon that self-intersects and the
# islet of Locmaria (Belle-Île) that simplification pushes into its shell.
# The spatial index is left out: Aplomb reads the whole layer once at build
# time, and the index would cost 1.8 MB of the 40 MB data budget.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "Usage: $0 SOURCE.gpkg [OUTPUT.gpkg]" >&2
  exit 2
fi

source_gpkg=$1
output_gpkg=${2:-$(dirname "$0")/../data/france/communes-metro-2024.gpkg}
relative_tolerance=0.06
max_tolerance_deg=0.003
expected_communes=34806

rm -f "$output_gpkg"
ogr2ogr -f GPKG "$output_gpkg" "$source_gpkg" \
  -dialect SQLite \
  -sql "SELECT code_insee, nom, dep,
               ST_SimplifyPreserveTopology (geom,
                 MIN ($max_tolerance_deg, $relative_tolerance * SQRT (ST_Area (geom)))) AS geom
        FROM communes" \
  -makevalid \
  -nln communes \
  -nlt PROMOTE_TO_MULTI \
  -a_srs EPSG:4326 \
  -lco SPATIAL_INDEX=NO

# Refuse to leave a layer behind that the importer would choke on.
check=$(ogrinfo -q -ro "$output_gpkg" -dialect SQLite \
  -sql "SELECT COUNT(*) || ' ' || SUM(ST_IsValid (geom))
               || ' ' || SUM(geom IS NULL OR ST_IsEmpty (geom))
               || ' ' || SUM(ST_NPoints (geom)) AS summary
        FROM communes" | sed -n 's/^ *summary (String) = //p')
set -- $check
if [ "$1" != "$expected_communes" ] || [ "$2" != "$expected_communes" ] || [ "$3" != 0 ]; then
  echo "$0: expected $expected_communes valid non-empty communes, got: $check" >&2
  exit 1
fi
echo "$output_gpkg: $1 communes, all valid, $4 vertices, $(du -h "$output_gpkg" | cut -f1)"
