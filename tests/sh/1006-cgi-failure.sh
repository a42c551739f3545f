#!/bin/sh
# rv.cgi by hand: no model, a damaged model, a pipeline that fails or hangs
# past RV_TIMEOUT, a bad configuration: each a 500 page with a short message
# that shows no program message, path or environment; nothing left running.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model
good=$M

# no_leak: the page names no path, program, variable or message of the tools
no_leak() {
	page_lacks "$T"
	page_lacks "$RV_BIN"
	page_lacks "rv-"
	page_lacks "RV_"
	page_lacks "PATH"
	page_lacks "/tmp"
	page_lacks "exit"
	[ "$(wc -c < "$T/page")" -lt 4000 ] || fail "error page is long"
}

# no model configured, or not there
for m in "" "$T/none.rvm"; do
	M=$m
	post "great kettle"
	status_is 500
	secure_headers text/html
	whole_page
	page_has 'The server has no model.'
	no_leak
done
post "great kettle" QUERY_STRING=format=json
status_is 500
secure_headers application/json
printf '{"error":"The server has no model."}\n' > "$T/want"
same "$T/page" "$T/want"

# a damaged model: the tools fail; their messages go to stderr (the server's log)
head -c 3000 "$good" > "$T/cut.rvm"
M=$T/cut.rvm
post "great kettle"
status_is 500
page_has 'The model could not classify the review.'
no_leak
grep -q "rv-classify: $T/cut.rvm" "$T/cgierr" || fail "the tool's message is not in stderr: $(cat "$T/cgierr")"
post "great kettle" RV_PIPELINE=programs
status_is 500
page_has 'The model could not classify the review.'
no_leak
grep -q "rv-clean: $T/cut.rvm" "$T/cgierr" || fail "the tool's message is not in stderr: $(cat "$T/cgierr")"
M=$good

# a pipeline that hangs is stopped after RV_TIMEOUT seconds, and one that
# ignores SIGTERM is killed two seconds later; nothing is left running
mkdir "$T/fakebin"
ln -s "$RV_BIN/rv-formdecode" "$T/fakebin/rv-formdecode"
ln -s "$RV_BIN/rv-page" "$T/fakebin/rv-page"
for trap in "" "trap '' TERM;"; do
	printf '#!/bin/sh\n%s sleep 30; sleep 30\n' "$trap" > "$T/fakebin/rv-clean"
	chmod +x "$T/fakebin/rv-clean"
	cp "$T/fakebin/rv-clean" "$T/fakebin/rv-classify"
	pl=one
	[ -n "$trap" ] || pl=programs
	t0=$(date +%s)
	post "great kettle" RV_BIN="$T/fakebin" RV_TIMEOUT=1 RV_PIPELINE=$pl
	t1=$(date +%s)
	status_is 500
	page_has 'The model took too long to answer.'
	no_leak
	[ $((t1 - t0)) -lt 10 ] || fail "the time limit did not hold: $((t1 - t0)) s"
	[ -z "$(procs_with "$T/fakebin")" ] || fail "left running: $(procs_with "$T/fakebin")"
done

# a bad configuration
for v in RV_TIMEOUT=0 RV_TIMEOUT=abc RV_MAX_BYTES=-5 RV_PIPELINE=other RV_MAX_BYTES=; do
	case $v in RV_MAX_BYTES=) printf 'RV_MAX_BYTES=12x\n' > "$T/bad.conf"; v=RV_CONF=$T/bad.conf ;; esac
	post "great kettle" "$v"
	status_is 500
	page_has 'The server is not configured properly.'
	no_leak
done
# a configuration file is read, never run
printf 'RV_MODEL=$(touch %s)\nRV_LABELS=`touch %s`\n$(touch %s)\ntouch %s\n' \
    "$T/pwned" "$T/pwned" "$T/pwned" "$T/pwned" > "$T/evil.conf"
post "great kettle" RV_CONF="$T/evil.conf"
status_is 200
post "great kettle" RV_CONF="$T/evil.conf" RV_MODEL=
status_is 500
[ ! -e "$T/pwned" ] || fail "the configuration file ran"
ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp")"

# the script itself: POSIX sh that dash parses, and no eval
"$SH" -n "$CGI" || fail "$CGI does not parse"
! grep -n '^[^#]*\beval\b' "$CGI" || fail "rv.cgi uses eval"
exit 0
