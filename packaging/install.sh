#!/bin/sh
# Install Syntopic from this unpacked tarball for the current user, or remove it.
#
#   ./install.sh                    into ~/.local: opt/syntopic, bin/syntopic, the menu entry, the icon
#   ./install.sh --prefix DIR       into DIR instead (DIR/opt/syntopic, DIR/bin/syntopic, DIR/share/...)
#   ./install.sh --uninstall [--prefix DIR]
#
# DESTDIR=/stage ./install.sh --prefix /usr/local stages the files under /stage while
# the menu entry still names /usr/local (for packagers). Nothing outside the prefix
# is touched, and --uninstall removes exactly the files the install listed.
set -eu

APP_ID=org.syntopic.Syntopic
here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME:?HOME is not set}/.local"
action=install

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
                  prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

root="${DESTDIR:-}$prefix"
app="$root/opt/syntopic"
manifest="$app/.installed-files"

refresh_menus() {
    # the menu's file-type cache follows at once where the tool exists
    if [ -z "${DESTDIR:-}" ] && [ -d "$root/share/applications" ] \
        && command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$root/share/applications" 2>/dev/null || true
    fi
}

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "install.sh: no Syntopic installed by this script under $prefix" >&2
        return 1
    fi
    while IFS= read -r file; do
        rm -f "$root/$file"
        rmdir "$(dirname "$root/$file")" 2>/dev/null || true  # only if left empty
    done < "$manifest"
    rm -rf "$app"
    rmdir "$root/opt" 2>/dev/null || true
    refresh_menus
    echo "Removed Syntopic from $prefix"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit $?
fi

[ -x "$here/app/syntopic" ] || { echo "install.sh: $here/app/syntopic is missing" >&2; exit 1; }
if [ -e "$app" ]; then
    # an earlier install of ours is replaced; anything else there is left alone
    [ -f "$manifest" ] || { echo "install.sh: $app exists and is not ours; not touching it" >&2; exit 1; }
    uninstall >/dev/null
fi

mkdir -p "$root/opt" "$root/bin" "$root/share/applications" "$root/share/metainfo"
cp -Rp "$here/app" "$app"
listed=""
add() { listed="$listed$1
"; }

ln -sf "$prefix/opt/syntopic/syntopic" "$root/bin/syntopic"
add bin/syntopic
for icon in "$here"/share/icons/hicolor/*/apps/syntopic.*; do
    rel=${icon#"$here/"}
    mkdir -p "$root/$(dirname "$rel")"
    cp -p "$icon" "$root/$rel"
    add "$rel"
done
# the menu entry runs the installed binary by its full path: ~/.local/bin is not
# on every desktop session's PATH
exec_path=$(printf '%s' "$prefix/opt/syntopic/syntopic" | sed 's/[\\"`$]/\\\\&/g')
while IFS= read -r line; do
    case $line in
        "Exec=syntopic "*) printf 'Exec="%s" %s\n' "$exec_path" "${line#Exec=syntopic }" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$here/share/applications/$APP_ID.desktop" > "$root/share/applications/$APP_ID.desktop"
add "share/applications/$APP_ID.desktop"
cp -p "$here/share/metainfo/$APP_ID.metainfo.xml" "$root/share/metainfo/"
add "share/metainfo/$APP_ID.metainfo.xml"
printf '%s' "$listed" > "$manifest"

if [ -z "${DESTDIR:-}" ]; then
    refresh_menus
    # an icon cache is refreshed only where one exists: a new one would go stale
    # as other programs add icons without updating it
    [ -f "$root/share/icons/hicolor/icon-theme.cache" ] \
        && command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$root/share/icons/hicolor" 2>/dev/null || true
fi
echo "Installed Syntopic in $prefix/opt/syntopic"
echo "  command: $prefix/bin/syntopic   menu entry: $prefix/share/applications/$APP_ID.desktop"
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "  ($prefix/bin is not on your PATH; the menu entry works regardless)" ;;
esac
if [ "$prefix" = "$HOME/.local" ]; then
    echo "Remove it with: $0 --uninstall"
else
    echo "Remove it with: $0 --uninstall --prefix $prefix"
fi
