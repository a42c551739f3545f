#!/bin/sh
# serve.sh -d on a port that is taken: lighttpd cannot start, serve.sh says
# so and exits 1, and the model server it started first is stopped with it
# (it used to be left running: set -e ended the shell at the failed wait).
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model
web_serve
# $PORT is taken by the first server now
mkdir "$T/two"
rc=0
RV_TMPDIR=$T/tmp sh "$RV_TOP/pipelines/serve.sh" -b -d -p "$PORT" -s "$T/two" "$RV_BIN" "$M" \
    > "$T/out2" 2> "$T/err2" || rc=$?
[ $rc -eq 1 ] || fail "serve.sh on a busy port: exit $rc, wanted 1: $(cat "$T/err2")"
grep -q 'lighttpd did not start' "$T/err2" || fail "no message: $(cat "$T/err2")"
grep -q 'Address already in use' "$T/two/start.log" || fail "start.log: $(cat "$T/two/start.log")"
[ -z "$(procs_with "$T/two/")" ] || fail "left running: $(procs_with "$T/two/")"
[ ! -e "$T/two/rv.sock" ] || fail "socket left: $T/two/rv.sock"
# the first server is untouched
fetch "$URL"
[ "$code" = 200 ] || fail "the first server: status $code"
