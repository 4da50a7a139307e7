#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when data/ grows past the repository's budget (issue 3: the
# bundled France must keep it under 40 MB).
#
# Usage: check-data-size.sh DATA_DIR
set -eu

limit=40000000
size=$(du -s -b "$1" | cut -f1)
echo "$1: $size bytes (limit $limit)"
if [ "$size" -ge "$limit" ]; then
  echo "$1 is over the $limit-byte budget: simplify or drop data" >&2
  exit 1
fi
