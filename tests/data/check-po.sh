#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails unless po/fr.po translates every message of the sources listed in
# po/POTFILES.in: a message missing from fr.po, left untranslated or fuzzy,
# or whose format directives differ from its msgid's.
#
# Usage: check-po.sh SOURCE_ROOT
set -eu

srcroot=$1
po_dir=$srcroot/po
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Extract the template as meson's aplomb-pot target does (i18n preset
# "glib"), into a temporary file so that the source tree is left alone.
# The c-format flags matter: msgfmt --check then compares the printf
# directives of each French message with its msgid.
xgettext --package-name=aplomb --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  --directory="$srcroot" --files-from="$po_dir/POTFILES.in" \
  --output="$work/aplomb.pot"

# fr.po on its own must compile (syntax, duplicates, header, plurals).
msgfmt --check --output-file=/dev/null "$po_dir/fr.po"

# Merged with the fresh template, every message of the sources is in the
# result: those fr.po lacks come out untranslated, and the template's
# c-format flags apply to the French strings.
msgmerge --quiet --no-fuzzy-matching --output-file="$work/fr.po" \
  "$po_dir/fr.po" "$work/aplomb.pot"

status=0
if ! msgfmt --check --output-file=/dev/null "$work/fr.po"; then
  echo "po/fr.po: format directives differ from the msgids (see above)" >&2
  status=1
fi

untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$work/fr.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/fr.po" | grep -c '^msgid ' || true)
# Each listing repeats the header entry when it has anything to show.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))

if [ "$untranslated" -gt 0 ]; then
  echo "po/fr.po: $untranslated message(s) of the sources are missing or untranslated:" >&2
  msgattrib --untranslated --no-obsolete --no-wrap "$work/fr.po" \
    | sed -n -e '/^msgid ""$/d' -e 's/^\(#: .*\|msgid .*\)$/  \1/p' >&2
  status=1
fi
if [ "$fuzzy" -gt 0 ]; then
  echo "po/fr.po: $fuzzy fuzzy message(s):" >&2
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/fr.po" \
    | sed -n -e '/^msgid ""$/d' -e 's/^\(#: .*\|msgid .*\)$/  \1/p' >&2
  status=1
fi

msgfmt --statistics --output-file=/dev/null "$work/fr.po"
exit $status
