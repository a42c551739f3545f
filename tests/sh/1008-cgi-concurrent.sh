#!/bin/sh
# 200 requests, 20 at a time, to rv.cgi through lighttpd, with the model run
# by each request and with the model server (make serve): every one
# answered, every answer the right label for its review, nothing left
# running after.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
command -v xargs > /dev/null || skip "xargs is not installed"
web_model
mkdir "$T/req" "$T/res"
# the samples with words in them (one is empty on purpose), round robin
grep -n '^__label__[12] .*[A-Za-z]' "$S/reviews.ft.txt" | cut -d: -f1 > "$T/lines"
nsamples=$(wc -l < "$T/lines")
[ "$nsamples" -ge 10 ] || fail "only $nsamples samples"
i=1
while [ $i -le 200 ]; do
	sample "$(sed -n "$(( (i * 7) % nsamples + 1 ))p" "$T/lines")"
	printf '%s' "$text" > "$T/req/$i.txt"
	echo "$label" > "$T/req/$i.want"
	i=$((i + 1))
done

for WEB_DAEMON in "" 1; do
	rm -rf "$T/srv" "$T/res"
	mkdir "$T/res"
	web_serve
	[ -z "$WEB_DAEMON" ] || [ -S "$T/srv/rv.sock" ] || fail "no model server"
	seq 200 | xargs -P 20 -I{} curl -s --max-time 60 -o "$T/res/{}.json" -w '{} %{http_code}\n' \
	    --data-urlencode "review@$T/req/{}.txt" -d format=json "$URL" > "$T/codes" || true
	[ "$(wc -l < "$T/codes")" -eq 200 ] || fail "${WEB_DAEMON:+server: }$(wc -l < "$T/codes") answers of 200"
	bad=$(awk '$2 != 200' "$T/codes" | head -n 5)
	[ -z "$bad" ] || fail "${WEB_DAEMON:+server: }not 200: $bad"
	i=1
	while [ $i -le 200 ]; do
		want=$(cat "$T/req/$i.want")
		grep -q "^{\"reviews\":\[{\"review\":\".*[^\\]\",\"label\":\"$want\",\"verdict\":.*}}$" "$T/res/$i.json" ||
		    fail "${WEB_DAEMON:+server: }request $i: wanted label $want: $(head -c 300 "$T/res/$i.json")"
		i=$((i + 1))
	done
	# with the server, rv-page asked it every time: no fallback said why
	! grep -q 'rv-page' "$T/srv/cgi.log" || fail "rv-page: $(head -n 3 "$T/srv/cgi.log")"
	web_stop
	[ -z "$(procs_with "$T/")" ] || fail "left running: $(procs_with "$T/")"
	ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp" | head)"
done
exit 0
