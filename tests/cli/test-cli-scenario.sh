#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aplomb-cli scenario on the bundled France: figures, bus tours, the CSV
# (an empty scenario against the official baseline gives the official APL
# exactly), two scenarios side by side, and errors naming action and field.
set -eu
cli=$1
fail () { echo "FAIL: $*" >&2; exit 1; }
export LC_ALL=C.UTF-8 LANGUAGE=

data=$G_TEST_SRCDIR/../data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$cli" import --project "$tmp/france.aplomb" --new \
  --communes "$data/france/communes-metro-2024.gpkg" \
  --population "$data/france/population-2021.csv" \
  --practitioners "$data/france/gp-rpps-2026.csv" \
  --official-apl "$data/france/apl-drees-2021-2023.csv" > /dev/null

scenario () { "$cli" scenario --project "$tmp/france.aplomb" "$@"; }

out=$(scenario "$data/scenarios/cher-example.json")
echo "$out" | grep -q 'Communes whose APL changes' || fail "no figures: $out"
echo "$out" | grep -q 'CPTS Berry Grand Sud' || fail "no CPTS figures: $out"
echo "$out" | grep -Eq 'monday +→ .* → back: [0-9]+ min driving \+ 420 min consulting' ||
  fail "no Monday tour: $out"

# An empty scenario against the official APL 2023 shows it unchanged.
cat > "$tmp/empty.json" <<'JSON'
{"format": "aplomb-scenario", "version": 1, "name": "Rien",
 "baseline": {"kind": "official", "year": 2023}, "actions": []}
JSON
scenario --output "$tmp/empty.csv" "$tmp/empty.json" > /dev/null
head -1 "$tmp/empty.csv" | grep -qx 'code_insee,nom,population,apl_baseline,apl,apl_delta' ||
  fail "CSV header: $(head -1 "$tmp/empty.csv")"
awk -F, 'NR > 1 && ($(NF-2) != $(NF-1) || $NF != "0.000000") { bad++ }
         END { exit bad > 0 }' "$tmp/empty.csv" || fail "the empty scenario moved some APL"
grep -q '^18033,"Bourges",' "$tmp/empty.csv" || fail "Bourges missing from the CSV"

# aplomb-cli apl --scenario: the same CSV plus apl_baseline and apl_delta.
"$cli" apl --project "$tmp/france.aplomb" --scenario "$tmp/empty.json" \
  --output "$tmp/apl-empty.csv" > /dev/null
head -1 "$tmp/apl-empty.csv" | grep -q '^code_insee,nom,.*,apl,apl_class,.*,apl_baseline,apl_delta$' ||
  fail "apl --scenario header: $(head -1 "$tmp/apl-empty.csv")"
awk -F, 'NR > 1 && ($(NF-5) != $(NF-1) || ($NF != "0.0000" && $NF != "")) { bad++ }
         END { exit bad > 0 }' "$tmp/apl-empty.csv" || fail "apl --scenario moved some APL"
out=$("$cli" apl --project "$tmp/france.aplomb" --scenario "$data/scenarios/cher-example.json" \
        --output "$tmp/apl-cher.csv")
echo "$out" | grep -q 'Scenario “Sud du Cher 2027”: APL changes in' || fail "apl --scenario: $out"
awk -F, '/^18127,/ { found = 1; if (!($NF > 0)) exit 1 } END { exit !found }' "$tmp/apl-cher.csv" ||
  fail "the MSP does not raise the APL of Lignières: $(grep '^18127,' "$tmp/apl-cher.csv")"

# Two scenarios side by side: one column each.
out=$(scenario --output "$tmp/both.csv" "$data/scenarios/cher-example.json" "$tmp/empty.json")
echo "$out" | head -1 | grep -q 'Sud du Cher 2027 *Rien' || fail "no side-by-side header: $out"
head -1 "$tmp/both.csv" | grep -qx 'code_insee,nom,population,apl_baseline,apl_a,apl_delta_a,apl_b,apl_delta_b' ||
  fail "two-scenario CSV header: $(head -1 "$tmp/both.csv")"

# Errors name the action and the field.
printf '{"format": "aplomb-scenario", ' > "$tmp/broken.json"
if scenario "$tmp/broken.json" 2> "$tmp/err"; then fail "invalid JSON accepted"; fi
grep -q 'broken.json: Invalid JSON: ' "$tmp/err" || fail "invalid JSON: $(cat "$tmp/err")"

cat > "$tmp/unknown.json" <<'JSON'
{"format": "aplomb-scenario", "version": 1, "name": "x",
 "baseline": {"kind": "computed"},
 "actions": [{"kind": "msp", "commune": "99999", "team": {"gp": 1}}]}
JSON
if scenario "$tmp/unknown.json" 2> "$tmp/err"; then fail "unknown commune accepted"; fi
grep -q 'Action 1 (MSP), field “commune”: unknown commune “99999”' "$tmp/err" ||
  fail "unknown commune: $(cat "$tmp/err")"

sed 's/"gp": 1/"gp": -2/' "$tmp/unknown.json" > "$tmp/negative.json"
if scenario "$tmp/negative.json" 2> "$tmp/err"; then fail "negative ETP accepted"; fi
grep -q 'Action 1 (MSP), field “team.gp”: must not be negative (-2)' "$tmp/err" ||
  fail "negative ETP: $(cat "$tmp/err")"

LC_ALL=fr_FR.UTF-8 scenario "$tmp/negative.json" 2> "$tmp/err" && fail "negative ETP accepted"
grep -q 'Action 1 (MSP), champ « team.gp » : ne doit pas être négatif (-2)' "$tmp/err" ||
  fail "French error: $(cat "$tmp/err")"
echo ok
