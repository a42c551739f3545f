#!/bin/sh
# serve.sh -d: rv-classify -s loads the model once and answers rv.cgi's
# requests through rv-page -s: the same pages as without it, a time limit per
# connection, a replaced model loaded again, rv.cgi running the model itself
# when no server answers, and nothing left running or lying around after the
# server stops; its worker processes (-j).
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
command -v lighttpd > /dev/null || [ -x /usr/sbin/lighttpd ] || skip "lighttpd is not installed"
command -v curl > /dev/null || skip "curl is not installed"
web_model
chmod 755 "$T"
chmod 1777 "$T/tmp"
RV_TMPDIR=$T/tmp sh "$RV_TOP/pipelines/serve.sh" -b -d -t 2 -p auto -s "$T/srv" "$RV_BIN" "$M" \
    > "$T/serve.out" 2> "$T/serve.err" || fail "serve.sh -d: $(cat "$T/serve.err" "$T/srv/start.log")"
read -r PORT WEB_PID < "$T/serve.out" || fail "serve.sh printed no port"
URL=http://127.0.0.1:$PORT/
sock=$T/srv/rv.sock
[ -S "$sock" ] || fail "no socket $sock"
[ "$(stat -c %a "$sock")" = 700 ] || fail "the socket is open to others: $(stat -c %a "$sock")"

# the same answers as rv.cgi running the model itself, HTML and JSON
sample 3
t3=$text
sample 4
for q in format=html format=json; do
	printf '%s\n%s' "$t3" "$text" > "$T/two.txt"
	fetch --data-urlencode "review@$T/two.txt" "$URL?$q"
	[ "$code" = 200 ] || fail "$q: status $code"
	mv "$T/page" "$T/got"
	post "$(cat "$T/two.txt")" QUERY_STRING=$q
	sed '1,/^$/d' "$T/resp" > "$T/want"
	same "$T/got" "$T/want"
	# and by hand through the socket
	post "$(cat "$T/two.txt")" QUERY_STRING=$q RV_SOCKET="$sock"
	sed '1,/^$/d' "$T/resp" > "$T/want2"
	same "$T/got" "$T/want2"
done
! grep -q 'rv-ask' "$T/srv/cgi.log" || fail "rv-ask complained: $(cat "$T/srv/cgi.log")"

# rv-ask itself: the server's answer ends with its status; a connection that
# sends nothing is cut after the server's 2 s with status 124
printf 'great kettle\n' | rv-ask "$sock" > "$T/ans" || fail "rv-ask failed"
tail -n 1 "$T/ans" | grep -qx '#status 0' || fail "no status: $(cat "$T/ans")"
[ "$(wc -l < "$T/ans")" -eq 3 ] || fail "not a header, an answer, a status: $(cat "$T/ans")"
sleep 6 | rv-ask -t 20 "$sock" > "$T/ans"
tail -n 1 "$T/ans" | grep -qx '#status 124' || fail "no time-out: $(cat "$T/ans")"
# rv-ask's own limit: exit by SIGALRM (142) when nothing answers in time
expect_exit 142 sh -c 'sleep 6 | rv-ask -t 1 "$1"' sh "$sock"

# a new model in the model's place (as rv-train writes it, renamed over
# it): the server loads it for the next request
rv-train -q -e 1 -b 8 --embed 8 --hidden 8 --dense 8 -t 1 --seed 7 -v "$T/v.txt" \
    -o "$T/m2.rvm" "$T/s.rvt"
mv "$T/m2.rvm" "$M"
fetch --data-urlencode "review@$T/two.txt" "${URL}?format=json"
mv "$T/page" "$T/got"
post "$(cat "$T/two.txt")" QUERY_STRING=format=json
sed '1,/^$/d' "$T/resp" > "$T/want"
same "$T/got" "$T/want"
cmp -s "$T/got" "$T/want2" && fail "the same answer from another model"

# stopped: nothing left running, the socket removed
web_stop
[ -z "$(procs_with "$T/")" ] || fail "left running: $(procs_with "$T/")"
[ ! -e "$sock" ] || fail "the socket is left"
ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp")"

# no server behind the socket: rv.cgi runs the model itself
rv-classify -r -w -m "$M" -s "$T/stale.sock" 2> /dev/null &
pid=$!
i=0
while [ ! -S "$T/stale.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid
wait $pid 2> /dev/null || true
[ -S "$T/stale.sock" ] || fail "no stale socket"
post "$(cat "$T/two.txt")" QUERY_STRING=format=json RV_SOCKET="$T/stale.sock"
status_is 200
sed '1,/^$/d' "$T/resp" > "$T/got"
same "$T/got" "$T/want"
grep -q "rv-page: $T/stale.sock: Connection refused" "$T/cgierr" || fail "stderr: $(cat "$T/cgierr")"

# -j: that many workers, forked once; one that runs out of time says so,
# exits and is replaced; SIGTERM stops them all and removes the socket
kids() { wc -w < "/proc/$1/task/$1/children"; }
rv-classify -r -w -j 3 -T 1 -m "$M" -s "$T/j.sock" 2> "$T/j.err" &
jpid=$!
i=0
while { [ ! -S "$T/j.sock" ] || [ "$(kids $jpid)" -lt 3 ]; } && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(kids $jpid)" -eq 3 ] || fail "workers: $(kids $jpid), wanted 3"
w0=$(cat "/proc/$jpid/task/$jpid/children")
for n in 1 2 3 4 5 6; do
	printf 'great kettle\n' | rv-ask "$T/j.sock" > "$T/ans" || fail "rv-ask failed"
	tail -n 1 "$T/ans" | grep -qx '#status 0' || fail "request $n: $(cat "$T/ans")"
done
[ "$(cat "/proc/$jpid/task/$jpid/children")" = "$w0" ] || fail "a worker per request, not 3 for all"
sleep 4 | rv-ask -t 20 "$T/j.sock" > "$T/ans"
tail -n 1 "$T/ans" | grep -qx '#status 124' || fail "no time-out: $(cat "$T/ans")"
i=0
while [ "$(kids $jpid)" -lt 3 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(kids $jpid)" -eq 3 ] || fail "the worker that timed out is not replaced: $(kids $jpid)"
printf 'great kettle\n' | rv-ask "$T/j.sock" | tail -n 1 | grep -qx '#status 0' || fail "no answer after a time-out"
ws=$(cat "/proc/$jpid/task/$jpid/children")
kill $jpid
wait $jpid || fail "rv-classify -s exited $? on SIGTERM"
for w in $ws; do
	! kill -0 "$w" 2> /dev/null || fail "worker $w left running"
done
[ ! -e "$T/j.sock" ] || fail "the socket is left"
[ ! -s "$T/j.err" ] || fail "stderr: $(cat "$T/j.err")"

# usage
expect_exit 2 rv-classify -j 0 -m "$M" -s "$T/x.sock"
expect_exit 2 rv-ask
err_has "usage: rv-ask [-t seconds] socket"
expect_exit 3 sh -c 'echo x | rv-ask "$1"' sh "$T/none.sock"
err_has "rv-ask: $T/none.sock: No such file or directory"
expect_exit 2 rv-classify -m "$M" -s "$T/x.sock" "$T/two.txt"
err_has "usage: rv-classify"
exit 0
