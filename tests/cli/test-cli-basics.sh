#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# aplomb-cli answers --version and --help, and rejects unknown commands.
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
echo ok
