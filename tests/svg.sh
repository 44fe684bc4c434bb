#!/bin/sh
# svg.sh - SVG pictures (--export-svg): a demo's pauses exported off
# screen, one file per pause plus the final screen, each valid XML
# (xmllint), titled with the lesson and its pause, and each picture's
# text, row by row, equal to --export-text's screen of the same run.
# Two pictures are loaded in headless chromium: the text of the DOM it
# builds is compared the same way, and every character must be drawn
# at its column.  An unwritable target is refused
# before anything runs.  Skips (77) without xmllint.
set -u
MEMVIZ=${MEMVIZ:-$(pwd)/memviz}
command -v xmllint >/dev/null 2>&1 ||
    { echo "xmllint not found (Debian: libxml2-utils): skipped"; exit 77; }
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

# The screen an SVG shows, as --export-text writes it: the row lines'
# text with the tags dropped, entities decoded, trailing blanks cut.
svg_text() {
	grep '<text' "$1" | sed -e 's/<[^>]*>//g' -e 's/&lt;/</g' \
	    -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" \
	    -e 's/&amp;/\&/g' -e 's/ *$//'
}

# The screen under heading HEAD in --export-text's file.
txt_screen() {
	awk -v h="---- $2 ----" '$0 == h { on = 1; next }
	    /^---- .* ----$/ { on = 0 } on' "$1"
}

# 1. tour, every pause, 100x30, no terminal.
(cd "$TMP" && "$MEMVIZ" --demo tour --size 100x30 --export-every \
    --export-svg tour.svg --export-text tour.txt </dev/null >out 2>err)
[ $? -eq 0 ] || no "off-screen tour: $(cat "$TMP/err")"
n=$("$MEMVIZ" --list-demos | awk '$2 == "tour" {
    for (i = 3; i < NF; i++) if ($(i + 1) == "pauses") print $i }')
[ -n "$n" ] || { echo "FAIL: no pause count for tour"; exit 1; }
files=$(ls "$TMP" | grep -c '^tour-[0-9][0-9]\.svg$')
[ "$files" -eq "$n" ] || no "$files pause pictures for $n pauses"
[ -s "$TMP/tour.svg" ] || no "no final picture tour.svg"
k=1
while [ "$k" -le "$n" ]; do
	f=$TMP/tour-$(printf %02d "$k").svg
	[ -f "$f" ] || { no "no $f"; k=$((k + 1)); continue; }
	xmllint --noout "$f" || no "$f is not well-formed XML"
	grep -q "<title>.*, pause $k of $n</title>" "$f" ||
	    no "$f: title $(grep -o '<title>.*</title>' "$f")"
	[ "$(grep -c '<text' "$f")" -eq 30 ] || no "$f: not 30 rows"
	# Chromium collapses the blanks of a <text> that does not say
	# xml:space itself, and the rest of its run slides left.
	grep -o '<text [^>]*>' "$f" | grep -vq 'xml:space="preserve"' &&
	    no "$f: a <text> without xml:space=\"preserve\""
	svg_text "$f" >"$TMP/svg.txt"
	txt_screen "$TMP/tour.txt" "pause $k of $n" >"$TMP/want.txt"
	[ -s "$TMP/want.txt" ] && cmp -s "$TMP/svg.txt" "$TMP/want.txt" ||
	    { no "$f's text differs from --export-text's pause $k:";
	    diff "$TMP/want.txt" "$TMP/svg.txt" | head -5; }
	k=$((k + 1))
done
xmllint --noout "$TMP/tour.svg" || no "tour.svg is not well-formed XML"
svg_text "$TMP/tour.svg" >"$TMP/svg.txt"
txt_screen "$TMP/tour.txt" "the end" >"$TMP/want.txt"
cmp -s "$TMP/svg.txt" "$TMP/want.txt" || no "tour.svg differs from the end"
head -2 "$TMP/tour.svg" | grep -q 'width="1200" height="720"' ||
    no "tour.svg is not 100x30 cells of 12x24"

# 2. The picture as chromium reads it and lays it out (skipped without
# chromium): the text of the DOM it builds, and where it draws each
# character (a script added to a copy asks it), at the column's x.
browser=$(command -v chromium || command -v chromium-browser || true)
chromium_check() {	# chromium_check SVG SCREEN-TEXT
	sed '/^<\/svg>/d' "$1" >"$TMP/c.svg"
	cat >>"$TMP/c.svg" <<'EOS'
<script><![CDATA[
var bad = 0, n = 0, ts = document.getElementsByTagName('text');
for (var j = 0; j < ts.length; j++) {
	var t = ts[j], xs = t.getAttribute('x').split(' ');
	if (t.getNumberOfChars() != xs.length) { bad++; continue; }
	for (var i = 0; i < xs.length; i++, n++)
		if (Math.abs(t.getStartPositionOfChar(i).x - xs[i]) > 0.5) bad++;
}
document.documentElement.setAttribute('data-check',
    n + ' chars, ' + bad + ' misplaced');
]]></script>
</svg>
EOS
	timeout 300 "$browser" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$TMP/profile" --dump-dom \
	    "file://$TMP/c.svg" >"$TMP/dom.svg" 2>/dev/null
	grep -q '<svg' "$TMP/dom.svg" ||
	    { no "chromium did not load $1 as SVG"; return; }
	svg_text "$TMP/dom.svg" | cmp -s - "$2" ||
	    { no "chromium's text of $1 differs:";
	    svg_text "$TMP/dom.svg" | diff "$2" - | head -5; }
	grep -q 'data-check="[1-9][0-9]* chars, 0 misplaced"' "$TMP/dom.svg" ||
	    no "chromium lays $1 out off its columns:" \
	    "$(grep -o 'data-check="[^"]*"' "$TMP/dom.svg")"
}
if [ -n "$browser" ]; then
	txt_screen "$TMP/tour.txt" "pause 3 of $n" >"$TMP/want3.txt"
	chromium_check "$TMP/tour-03.svg" "$TMP/want3.txt"
else
	echo "chromium not found: its reading skipped"
fi

# 3. Presentation mode: two columns per cell, the same text.
(cd "$TMP" && "$MEMVIZ" --demo kmalloc --present --size 80x24 \
    --export-svg p.svg --export-text p.txt </dev/null >/dev/null 2>&1) ||
    no "--present export failed"
xmllint --noout "$TMP/p.svg" || no "p.svg is not well-formed XML"
svg_text "$TMP/p.svg" | cmp -s - "$TMP/p.txt" || no "p.svg differs from p.txt"
[ -n "$browser" ] && chromium_check "$TMP/p.svg" "$TMP/p.txt"

# 4. A wide glyph takes two columns, once: the text says it once and the
# picture places the character after it two columns on.
printf 'machine ram=8M seed=1\nsay "wide: \346\274\242\345\255\227 end"\npause\n' \
    >"$TMP/w.mvs"
(cd "$TMP" && "$MEMVIZ" --size 80x24 --export-svg w.svg --export-text w.txt \
    w.mvs </dev/null >/dev/null 2>&1) || no "w.mvs export failed"
xmllint --noout "$TMP/w.svg" || no "w.svg is not well-formed XML"
grep -q "wide: $(printf '\346\274\242\345\255\227') end" "$TMP/w.txt" ||
    no "the wide glyphs are not written once: $(grep wide "$TMP/w.txt")"
svg_text "$TMP/w.svg" | cmp -s - "$TMP/w.txt" || no "w.svg differs from w.txt"
han=$(printf '\346\274\242')
grep -o "<text [^>]*>[^<]*$han[^<]*</text>" "$TMP/w.svg" |
    sed 's/^<text [^>]*x="\([0-9 ]*\)".*/\1/' |
    awk '{ for (i = 2; i <= NF; i++) if ($i - $(i - 1) == 24) n++ }
    END { exit n != 2 }' || no "the wide glyphs do not take two columns each"

# 5. A target that cannot be written is refused before the lesson runs.
mkdir "$TMP/dir"
err=$("$MEMVIZ" --demo tour --size 80x24 --export-svg "$TMP/dir" \
    </dev/null 2>&1 >/dev/null)
[ $? -eq 2 ] && printf '%s\n' "$err" | grep -q "Is a directory" ||
    no "--export-svg to a directory: $err"
err=$("$MEMVIZ" --demo tour --size 80x24 --export-svg "$TMP/none/x.svg" \
    </dev/null 2>&1 >/dev/null)
[ $? -eq 2 ] && printf '%s\n' "$err" | grep -q "No such file" ||
    no "--export-svg into a missing directory: $err"
exit $fail
