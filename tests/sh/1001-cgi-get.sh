#!/bin/sh
# rv.cgi by hand: GET gives the form with the security headers, HEAD only the
# headers, another method 405 with Allow; the page works without JavaScript.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
M=$T/none.rvm	# the form needs no model
: > "$T/empty"

cgi GET "" "$T/empty"
status_is 200
secure_headers text/html
whole_page
page_has '<form class="card" method="post" action="">'
page_has '<textarea id="review" name="review"'
page_has '<button type="submit">'
page_has '<meta name="viewport" content="width=device-width'
page_lacks '<script'
page_lacks '<link'
page_lacks 'http://'
page_lacks 'https://'
[ ! -s "$T/cgierr" ] || fail "stderr: $(cat "$T/cgierr")"

# the report link only when configured, and only with harmless characters
page_lacks 'report'
cgi GET "" "$T/empty" RV_REPORT=/report/report.html
page_has '<a href="/report/report.html">'
cgi GET "" "$T/empty" 'RV_REPORT=/r"><script>x</script>'
page_lacks '<script>'
page_lacks 'report'

cgi HEAD "" "$T/empty"
status_is 200
secure_headers text/html
[ ! -s "$T/page" ] || fail "HEAD has a body"

for m in PUT DELETE OPTIONS PATCH TRACE get ""; do
	cgi "$m" "" "$T/empty"
	status_is 405
	hdr_has 'Allow: GET, HEAD, POST'
	secure_headers text/html
	page_has 'Only GET and POST are allowed.'
done
# JSON errors for programs
cgi PUT "" "$T/empty" HTTP_ACCEPT=application/json
status_is 405
secure_headers application/json
printf '{"error":"Only GET and POST are allowed."}\n' > "$T/want"
same "$T/page" "$T/want"
ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp")"
exit 0
