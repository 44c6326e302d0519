#!/bin/sh
# Put 山东职工医保测算 in this user's application menu, pointing at the folder this script is in.
# Run it from the unpacked folder: ./install-menu-entry.sh   (again after moving the folder; no root needed)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
share=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$share/applications" "$share/icons/hicolor/256x256/apps"
cp "$here/yibao.png" "$share/icons/hicolor/256x256/apps/yibao.png"
# The entry as shipped, with Exec and TryExec naming this folder's program (quoted: the path may hold spaces).
while IFS= read -r line; do
  case $line in
    Exec=*) printf 'Exec="%s/yibao"\nTryExec=%s/yibao\n' "$here" "$here" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$here/yibao.desktop" > "$share/applications/yibao.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
echo "已添加到应用程序菜单：$share/applications/yibao.desktop"
