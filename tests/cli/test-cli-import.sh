#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aplomb-cli import builds a project from the Cher extracts and prints the
# reports; a failed import exits non-zero and leaves the project as it was;
# aplomb-cli info shows the project, and the bundled France without one.
set -eu
cli=$1
fixtures=$(dirname "$0")/../fixtures
fail () { echo "FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/cher.aplomb

out=$(LANGUAGE=C "$cli" import --project "$project" \
  --communes "$fixtures/cher-communes-2024.geojson" \
  --population "$fixtures/cher-population-2021.csv" \
  --label rpps --licence "Licence Ouverte 2.0" --practitioners "$fixtures/cher-gp-rpps-2026.csv" \
  --official-apl "$fixtures/cher-apl-drees-2021-2023.csv" \
  --column emergency_time_min --values "$fixtures/cher-emergency-times-2019.csv")
echo "$out" | grep -q 'Import of “cher-communes-2024.geojson” (communes)' || fail "no communes report: $out"
echo "$out" | grep -q 'rows read: 8, imported: 8 (mapped from another commune code: 0), rejected: 0' \
  || fail "counts missing: $out"
echo "$out" | grep -q 'stored as column “gp_count_rpps_2026”' || fail "no RPPS column: $out"

out=$(LANGUAGE=C "$cli" info "$project")
echo "$out" | grep -q '^Communes: 8 (8 with a boundary, 1 départements)$' || fail "info communes: $out"
echo "$out" | grep -q '^Population: 115550 (known for 8 communes)$' || fail "info population: $out"
echo "$out" | grep -q 'General practitioners: 188 (6 rows)' || fail "info practitioners: $out"
echo "$out" | grep -q 'apl_official_2023 (known for 8 communes)' || fail "info columns: $out"
echo "$out" | grep -q 'practitioners: cher-gp-rpps-2026.csv, millésime 2026' || fail "info sources: $out"
echo "$out" | grep -q 'Licence: Licence Ouverte 2.0' || fail "info licence: $out"

out=$(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$cli" info "$project")
echo "$out" | grep -q 'Médecins généralistes : 188 (6 lignes)' || fail "info is not translated: $out"

# A file whose rows are all rejected: exit 1, the project unchanged.
printf 'code_insee,nb_medecins_generalistes\n97101,3\n' > "$work/overseas.csv"
before=$(sha256sum < "$project")
if LANGUAGE= LC_ALL=fr_FR.UTF-8 "$cli" import --project "$project" \
     --practitioners "$work/overseas.csv" > "$work/out" 2> "$work/err"; then
  fail "an import with no row accepted"
fi
grep -q 'Aucune ligne de « overseas.csv » n’a pu être importée' "$work/err" \
  || fail "no French error: $(cat "$work/err")"
[ "$(sha256sum < "$project")" = "$before" ] || fail "the project changed after a failed import"

# Travel times by INSEE code, kept within the horizon, beside the territory.
printf 'origin,destination,minutes\n18033,18279,32.5\n18279,18033,33\n18033,18141,17\n18141,18033,17\n' \
  > "$work/times.csv"
out=$(LANGUAGE=C "$cli" import --project "$project" --travel-times "$work/times.csv" --horizon 20)
echo "$out" | grep -q '^Travel times: 10 pairs of communes within 20 minutes.$' || fail "travel times: $out"
out=$(LANGUAGE=C "$cli" info "$project")
echo "$out" | grep -q '^Travel times: 10 pairs of communes within 20 minutes. (imported from times.csv)$' || fail "info travel times: $out"
echo "$out" | grep -q 'General practitioners: 188 (6 rows)' || fail "travel times import lost the territory: $out"

# --new starts over: the project holds only what this command imported.
LANGUAGE=C "$cli" import --new --project "$project" \
  --communes "$fixtures/cher-communes-2024.geojson" > /dev/null
out=$(LANGUAGE=C "$cli" info "$project")
echo "$out" | grep -q '^Population: 0 (known for 0 communes)$' || fail "--new kept old data: $out"
[ ! -e "$project.new" ] || fail "--new left its temporary file"

if "$cli" import --communes "$fixtures/cher-communes-2024.geojson" 2> /dev/null; then
  fail "import without --project accepted"
fi
if "$cli" import --project "$project" --communes "$fixtures/cher-communes-2024.geojson" \
     --millesime 2024 2> /dev/null; then
  fail "an option after the last file accepted"
fi

# Establishments from a FINESS extract.
printf 'nofinesset;rs;categetab;code_insee\n180010001;MSP DE BAUGY;603;18023\n180010002;CDS;124;18033\n' \
  > "$work/finess.csv"
LANGUAGE=C "$cli" import --project "$project" --facilities "$work/finess.csv" > /dev/null
out=$(LANGUAGE=C "$cli" info "$project")
echo "$out" | grep -q '^Establishments: 2 (1 maisons de santé, 1 centres de santé)$' || fail "facilities: $out"
if "$cli" info "$work/missing.aplomb" 2> /dev/null; then fail "info on a missing file"; fi

# Without a project, info opens the bundled France when the build made it.
if out=$(LANGUAGE=C "$cli" info 2>&1); then
  echo "$out" | grep -q '^Communes: 34806 (34806 with a boundary, 96 départements)$' \
    || fail "bundled France: $out"
else
  echo "$out" | grep -q 'not installed' || fail "info without project: $out"
fi
echo ok
