#!/bin/sh
# ottool's interface catalogs, with Babel (pip install -e '.[test]'). See docs/translating.md.
#
#   scripts/translations.sh update    extract every _(), ngettext(), N_() into ottool.pot
#                                     and merge it into each language's .po
#   scripts/translations.sh compile   write the .mo files that ottool reads at run time
#
# Run from anywhere; paths are the repository's.
set -eu
cd "$(dirname "$0")/.."
LOCALE=src/ottool/locale

case "${1:-}" in
update)
    pybabel --quiet extract -F babel.cfg -o "$LOCALE/ottool.pot" --project=ottool \
        --copyright-holder="ottool contributors" --add-comments="Translators:" \
        --sort-by-file .
    # Reworded sentences come back marked fuzzy with the previous English (--previous);
    # sentences no longer in the code are dropped rather than kept as #~ comments.
    pybabel --quiet update -i "$LOCALE/ottool.pot" -d "$LOCALE" -D ottool --previous --ignore-obsolete
    ;;
compile)
    pybabel compile -d "$LOCALE" -D ottool --statistics
    ;;
*)
    echo "usage: scripts/translations.sh update|compile" >&2
    exit 2
    ;;
esac
