#!/bin/sh
# The form in a real browser: headless Chromium, driven by playwright-core
# (tests/browser/form.js), types a sample review with JavaScript off, submits,
# and the result page shows the sample's verdict; at phone width the page fits.
# The form is served as make serve does, with the model server.
# Screenshots: $RV_BIN/../screenshots/cgi-result.png and cgi-phone.png.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "no $chromium (Debian package chromium)"
command -v node > /dev/null || skip "node is not installed"
[ -d "$RV_TOP/tests/browser/node_modules/playwright-core" ] ||
    skip "no playwright-core: run npm ci in tests/browser"
web_model
WEB_DAEMON=1 web_serve
shots=$(cd "$RV_BIN/.." && pwd)/screenshots
mkdir -p "$shots"
rm -f "$shots/cgi-result.png" "$shots/cgi-phone.png"

# a positive and a negative sample; chromium wants a writable home
sample 1; t1=$text; v1=$verdict
sample 2; t2=$text; v2=$verdict
[ "$v1" != "$v2" ] || fail "samples 1 and 2 have the same label"
HOME=$T CHROMIUM=$chromium expect_exit 0 timeout 120 node "$RV_TOP/tests/browser/form.js" \
    "$URL" "$shots" "$t1" "$v1" "$t2" "$v2"
out_has 'form.js: ok'
for f in cgi-result.png cgi-phone.png; do
	[ -s "$shots/$f" ] || fail "no screenshot $f"
	head -c 8 "$shots/$f" | od -An -c | grep -q 'P   N   G' || fail "$f is not a PNG"
done
web_stop
[ -z "$(procs_with "$T/")" ] || fail "left running: $(procs_with "$T/")"
exit 0
