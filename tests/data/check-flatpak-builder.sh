#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when flatpak-builder cannot parse the manifest, or says anything
# on stderr: it only warns about unknown keys (a misspelt "finish-args"
# would silently drop the sandbox settings) and still exits with 0.
#
# Usage: check-flatpak-builder.sh MANIFEST
set -eu

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed"
  exit 77
fi

# flatpak-builder creates .flatpak-builder in the current directory even
# to show a manifest (and --show-manifest takes no --state-dir): run it in
# a throw-away directory rather than in the build or source tree.
manifest=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
err=$work/stderr
if ! (cd "$work" && flatpak-builder --show-manifest "$manifest") > /dev/null 2> "$err"; then
  cat "$err" >&2
  echo "$1: flatpak-builder cannot read the manifest" >&2
  exit 1
fi
if [ -s "$err" ]; then
  cat "$err" >&2
  echo "$1: flatpak-builder warned about the manifest" >&2
  exit 1
fi
echo "$1: parsed by $(flatpak-builder --version) without warnings"
