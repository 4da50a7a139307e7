#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aplomb-cli apl on three communes written here, with an asymmetric
# imported matrix: the CSV has the documented columns and the values
# computed by hand (DREES 2015 steps 1, 2/3, 1/3 under 10, 15, 20 min);
# the calibrated model runs without a matrix; bad presets and thresholds
# are refused; the output is translated.
set -eu
cli=$1
fail () { echo "FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/three.aplomb

# Three 4 km squares side by side, about 4 km apart.
square () { # code name x0
  x1=$(awk -v x="$3" 'BEGIN { print x + 0.05 }')
  printf '{ "type": "Feature", "properties": { "code_insee": "%s", "nom": "%s", "dep": "18" }, ' "$1" "$2"
  printf '"geometry": { "type": "Polygon", "coordinates": [ [ [ %s, 47.0 ], [ %s, 47.0 ], ' "$3" "$x1"
  printf '[ %s, 47.036 ], [ %s, 47.036 ], [ %s, 47.0 ] ] ] } }' "$x1" "$3" "$3"
}
{
  echo '{ "type": "FeatureCollection", "features": ['
  square 18001 A 2.30; echo ,
  square 18002 B 2.35; echo ,
  square 18003 C 2.40
  echo '] }'
} > "$work/communes.geojson"
printf 'code_insee,nom,pop_municipale\n18001,A,1000\n18002,B,500\n18003,C,0\n' \
  > "$work/population.csv"
printf 'code_insee,nb_medecins_generalistes\n18001,2\n18002,0\n18003,1\n' > "$work/gp.csv"
cat > "$work/times.csv" <<'CSV'
origin,destination,minutes
18001,18002,8
18002,18001,12
18001,18003,16
18003,18001,25
18002,18003,9
18003,18002,9
CSV

LANGUAGE=C "$cli" import --project "$project" --communes "$work/communes.geojson" \
  --population "$work/population.csv" --label test --practitioners "$work/gp.csv" > /dev/null

out=$(LANGUAGE=C "$cli" apl --project "$project" --times "$work/times.csv" \
  --output "$work/apl.csv" --departement 18)
head -n 1 "$work/apl.csv" | grep -qx \
  'code_insee,nom,departement,population,population_std,supply,apl,apl_class,density_10k,nearest_gp_min' \
  || fail "header: $(head -n 1 "$work/apl.csv")"
# R_A = 10800 / (1000 + 2/3 × 500) = 8.1, R_C = 5400 / (1000/3 + 500) = 6.48.
grep -qx '18001,"A","18",1000,1000.0000,10800.0000,10.2600,>=4,20.0000,0.0' "$work/apl.csv" \
  || fail "commune A: $(cat "$work/apl.csv")"
grep -qx '18002,"B","18",500,500.0000,0.0000,11.8800,>=4,0.0000,9.0' "$work/apl.csv" \
  || fail "commune B: $(cat "$work/apl.csv")"
grep -qx '18003,"C","18",0,0.0000,5400.0000,6.4800,>=4,,0.0' "$work/apl.csv" \
  || fail "commune C: $(cat "$work/apl.csv")"
echo "$out" | grep -q 'imported from' || fail "times not imported: $out"
echo "$out" | grep -q '3 practitioners' || fail "supply: $out"
# Mean weighted by standardised population: (10.26 × 1000 + 11.88 × 500) / 1500.
echo "$out" | grep -Eq '^All +3 +1500 +10\.80 +0\.0 % ' || fail "aggregate: $out"
echo "$out" | grep -Eq '^18 +3 ' || fail "no aggregate for the département: $out"

# The pairs weighed, for another tool: C to A (25 min) is beyond 20 min.
LANGUAGE=C "$cli" apl --project "$project" --times "$work/times.csv" \
  --times-output "$work/weighed.csv" > /dev/null
printf 'origin,destination,minutes\n18001,18001,0\n18001,18002,8\n18001,18003,16\n18002,18001,12\n18002,18002,0\n18002,18003,9\n18003,18002,9\n18003,18003,0\n' \
  | cmp -s - "$work/weighed.csv" || fail "times output: $(cat "$work/weighed.csv")"

# The import saved the model's times in the project, which apl reads back.
LANGUAGE=C "$cli" info "$project" | grep -q 'Travel times: .* (modelled from distances)' \
  || fail "no saved times: $(LANGUAGE=C "$cli" info "$project")"

out=$(LANGUAGE=C "$cli" apl --project "$project" --thresholds '11;12' --output -)
echo "$out" | grep -q '^18001,.*,<11,' || fail "editable classes: $out"
echo "$out" | grep -q 'modelled from distances' || fail "model not used: $out"

if LANGUAGE=C "$cli" apl --project "$project" --preset no-such-preset 2> "$work/err"; then
  fail "unknown preset accepted"
fi
grep -q 'No preset is named “no-such-preset”' "$work/err" || fail "preset error: $(cat "$work/err")"
if "$cli" apl --project "$project" --thresholds '4;2' 2> /dev/null; then
  fail "decreasing thresholds accepted"
fi
if "$cli" apl --project "$project" --blend-with gp_count_test_2026 2> /dev/null; then
  fail "a blend without a fit accepted"
fi
if "$cli" apl --project "$project" --compare no_such_column 2> /dev/null; then
  fail "comparison with a missing column accepted"
fi

out=$(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$cli" apl --project "$project")
echo "$out" | grep -q '^Territoire' || fail "apl is not translated: $out"
echo ok
