#!/usr/bin/env bash
# The Wagtail admin strings that have no Korean: in none of Wagtail's own ko catalogues and not
# in intranet/locale_admin (issue 15 §4.1, docs/accessibility.md). Run after a Wagtail upgrade;
# prints each catalogue's missing entries as .po text (empty output: nothing is missing).
# The catalogues of superuser-only screens (redirects, forms, search promotions, style guide)
# are left out on purpose, as in intranet/locale_admin.
set -euo pipefail
PY=${PY:-.venv/bin/python}
W=$("$PY" -c 'import os, wagtail; print(os.path.dirname(wagtail.__file__))')
ADMIN=intranet/locale_admin/ko/LC_MESSAGES
for en in $(find "$W" -path '*/locale/en/LC_MESSAGES/*.po' | sort); do
  case "$en" in */contrib/redirects/*|*/contrib/forms/*|*/contrib/search_promotions/*|*/contrib/styleguide/*|*/contrib/simple_translation/*) continue ;; esac
  ko=$(echo "$en" | sed 's#/locale/en/#/locale/ko/#')
  [ -f "$ko" ] || continue
  domain=$(basename "$en" .po)
  missing=$(msgmerge -q --no-fuzzy-matching "$ko" "$en" -o - | msgattrib --untranslated --no-obsolete - \
    | msgmerge -q --no-fuzzy-matching "$ADMIN/$domain.po" - -o - | msgattrib --untranslated --no-obsolete --no-location - \
    | awk 'BEGIN { RS = ""; ORS = "\n\n" } NR > 1')
  if [ -n "$missing" ]; then
    echo "## ${en#"$W"/}"
    echo "$missing"
  fi
done
