#!/usr/bin/env bash
# Makes JourneySans-Regular.ttf and JourneySans-Bold.ttf from Debian's Noto Sans (see README.md).
# Usage: fonts/make.sh [FOLDER WITH NotoSans-Regular.ttf AND NotoSans-Bold.ttf]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${1:-/usr/share/fonts/truetype/noto}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet fonttools
ranges="U+0020-007E,U+00A0-024F,U+0259,U+02B9-02DD,U+0300-036F,U+0370-03FF,U+0400-045F,U+0462-0463,U+0472-0475,U+0490-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20C0,U+2116,U+2122,U+FFFD"
for style in Regular Bold; do
  "$work/venv/bin/pyftsubset" "$src/NotoSans-$style.ttf" --unicodes="$ranges" --no-hinting \
    --layout-features='kern,liga,ccmp,locl,mark,mkmk' --name-IDs='*' --output-file="$work/$style.ttf"
  "$work/venv/bin/python" - "$work/$style.ttf" "$here/JourneySans-$style.ttf" "$style" <<'PY'
import sys
from fontTools.ttLib import TTFont
source, target, style = sys.argv[1:4]
font = TTFont(source)
names = {
    1: "Journey Sans",
    2: style,
    3: f"Journey Sans {style}; subset of Noto Sans 2.004",
    4: f"Journey Sans {style}",
    6: f"JourneySans-{style}",
}
for record in font["name"].names:
    if record.nameID in names:
        record.string = names[record.nameID]
font["name"].names = [r for r in font["name"].names if r.nameID not in (16, 17)]
font.save(target)
PY
done
