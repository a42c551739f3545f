#!/bin/sh
# rv.cgi through a real lighttpd (pipelines/lighttpd.conf) with curl: the form,
# verdicts, JSON, an empty review, oversize bodies, a wrong type, another
# method, injection attempts, the report; started by root it runs as nobody.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model
mkdir "$T/exp" "$T/exp/charts"
printf '<!DOCTYPE html><title>report</title><p>the experiment report</p>\n' > "$T/exp/report.html"
printf 'not a png' > "$T/exp/charts/roc.png"
WEB_REPORT=$T/exp
web_serve
form=application/x-www-form-urlencoded

fetch "$URL"
[ "$code" = 200 ] || fail "GET: $code"
secure_headers text/html
whole_page
page_has '<textarea id="review" name="review"'
page_has '<a href="/report/report.html">'
fetch -I "$URL"
[ "$code" = 200 ] || fail "HEAD: $code"

# the report and its charts are served; nothing else of the server's files
fetch "${URL}report/report.html"
[ "$code" = 200 ] || fail "report: $code"
page_has 'the experiment report'
fetch "${URL}report/"
page_has 'the experiment report'
fetch "${URL}report/charts/roc.png"
[ "$code" = 200 ] || fail "chart: $code"
grep -qix 'content-type: image/png' "$T/hdr" || fail "chart type: $(cat "$T/hdr")"
fetch --path-as-is "${URL}report/../m.rvm"
[ "$code" != 200 ] || fail "../m.rvm is served"
fetch --path-as-is "${URL}report/../../m.rvm"
[ "$code" = 404 ] || [ "$code" = 400 ] || [ "$code" = 403 ] || fail "../m.rvm: $code"

# verdicts of a positive and a negative sample, as HTML and as JSON
for n in 1 2; do
	sample $n
	printf '%s' "$text" > "$T/text"
	fetch --data-urlencode "review@$T/text" "$URL"
	[ "$code" = 200 ] || fail "POST: $code"
	secure_headers text/html
	whole_page
	page_has "id=\"verdict\">$verdict</p>"
	fetch --data-urlencode "review@$T/text" -d format=json "$URL"
	secure_headers application/json
	page_has "\"label\":\"$label\",\"verdict\":\"$verdict\""
	fetch -H 'Accept: application/json' --data-urlencode "review@$T/text" "${URL}rv.cgi"
	secure_headers application/json
	page_has "\"verdict\":\"$verdict\""
done

# an empty review, oversize bodies (rv.cgi's limit, then the server's), a wrong
# type, another method
fetch -d review= "$URL"
[ "$code" = 400 ] || fail "empty: $code"
page_has 'The review is empty'
{ printf 'review='; head -c 65530 /dev/zero | tr '\0' 'a'; } > "$T/big"
fetch --data-binary "@$T/big" -H "Content-Type: $form" "$URL"
[ "$code" = 413 ] || fail "64 KiB + 1: $code"
secure_headers text/html
page_has 'The review is too long'
{ printf 'review='; head -c 2000000 /dev/zero | tr '\0' 'a'; } > "$T/huge"
fetch --data-binary "@$T/huge" -H "Content-Type: $form" "$URL"
[ "$code" = 413 ] || fail "2 MB: $code"
fetch --data-binary 'review=great' -H 'Content-Type: text/plain' "$URL"
[ "$code" = 415 ] || fail "text/plain: $code"
secure_headers text/html
fetch -F review=great "$URL"
[ "$code" = 415 ] || fail "multipart: $code"
fetch -X PUT -d review=great "$URL"
[ "$code" = 405 ] || fail "PUT: $code"
grep -qi '^allow: GET, HEAD, POST' "$T/hdr" || fail "405 without Allow: $(cat "$T/hdr")"

# injection attempts in the review, a field name, the query string, a header
F=$T/pwned
printf '$(touch %s)\n`touch %s`\nx; touch %s\n'"'"'; touch %s; '"'"'\n"; touch %s"\n<script>alert(1)</script>' \
    "$F" "$F" "$F" "$F" "$F" > "$T/evil"
fetch --data-urlencode "review@$T/evil" "$URL"
[ "$code" = 200 ] || fail "injection: $code"
page_has '<h2>6 reviews</h2>'
page_has "\$(touch $F)"
page_has '&lt;script&gt;alert(1)&lt;/script&gt;'
page_lacks '<script>'
fetch --data-urlencode "review@$T/evil" --data-urlencode "\$(touch $F)=1" \
    -H "Accept: \$(touch $F)" "${URL}rv.cgi?format=\$(touch%20$F)"
[ "$code" = 200 ] || fail "injection 2: $code"
[ ! -e "$F" ] || fail "a payload ran"

# as root the server, and so the CGI, runs as nobody
if [ "$(id -u)" -eq 0 ]; then
	uid=$(awk '$1 == "Uid:" { print $2 }' "/proc/$WEB_PID/status")
	[ "$uid" = "$(id -u nobody)" ] || fail "lighttpd runs as uid $uid"
fi
web_stop
[ -z "$(procs_with "$T/")" ] || fail "left running: $(procs_with "$T/")"
ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp")"
exit 0
