#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aplomb-cli answers --version and --help, rejects unknown commands, and
# does not load GDAL at start-up (it is opened when a file is imported:
# loading it costs more than a whole APL of France).
set -eu
cli=$1
fail () { echo "FAIL: $*" >&2; exit 1; }

out=$("$cli" --version)
echo "$out" | grep -Eq '^aplomb-cli [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version printed '$out'"

out=$("$cli" --help)
echo "$out" | grep -q 'Usage: aplomb-cli COMMAND' || fail "--help has no usage line"

out=$(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$cli" --help)
echo "$out" | grep -q 'Usage : aplomb-cli COMMANDE' || fail "--help is not translated: $out"

if "$cli" no-such-command 2>/dev/null; then fail "unknown command accepted"; fi
"$cli" 2>/dev/null && fail "no command accepted"

needed=$(readelf -d "$cli" | grep NEEDED)
echo "$needed" | grep -q 'libglib' || fail "readelf shows no dependencies: $needed"
echo "$needed" | grep -q 'libgdal' && fail "aplomb-cli links GDAL: $needed"
echo ok
