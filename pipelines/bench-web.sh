# bench-web.sh: the web form's throughput and latency, sourced by bench.sh,
# which calls bench_web with $top, $build, $bin, $tmp and $data set.
# lighttpd (pipelines/serve.sh) runs rv.cgi on a free port of 127.0.0.1; wrk
# POSTs one test review per request (pipelines/bench-web.lua) for 10 s.  The
# model: a small one trained here on the real training data (vocabulary
# 10000, embedding and hidden 32, the default training with early stopping
# on the validation reviews, at most 8 epochs), and the experiment's
# ($build/exp/default/model.rvm, the one `make serve` serves) when there is
# one; each served as `make serve` does, with the model server (serve.sh
# -d), and as with DAEMON=0, rv.cgi running rv-classify itself (and for the
# small model also with RV_PIPELINE=programs, the four programs).  Each row names its model (rv-model): its
# sizes and its layout, "stored" (as rv-train writes models now: read in
# place) or "compressed" (an older writer's: inflated whole); a compressed
# experiment model is measured as it is and re-saved by rv-model -o.
# Environment: WEB_SECS (10), WEB_CONNS (connections, 4), WEB_THREADS (2).

# web_bodies N FILE: N test reviews as form bodies "review=...", one a line.
web_bodies() {
	head -n "$1" "$data/test.ft.txt" | sed 's/^__label__[^ ]* //' | awk '
	BEGIN { for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i }
	{
		s = "review="
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			s = s (c ~ /[A-Za-z0-9._~-]/ ? c : sprintf("%%%02X", ord[c]))
		}
		print s
	}' > "$2"
}

# web_ticks PID: utime + stime + cutime + cstime of a process and of its
# children (/proc/N/stat), in clock ticks: serve.sh -d's PID is a shell
# whose children are lighttpd and the model server.
web_ticks() {
	for f in /proc/[0-9]*/stat; do
		sed 's/.*) //' "$f" 2> /dev/null
	done > "$tmp/web/stats"
	sed 's/.*) //' "/proc/$1/stat" | awk -v pid="$1" '
	NR == FNR { self = $12 + $13 + $14 + $15; next }
	$2 == pid { t += $12 + $13 + $14 + $15 }
	END { print self + t }' - "$tmp/web/stats"
}

# web_name WHAT MODEL: "WHAT V.. E.. H.. L.., layout"
web_name() {
	command -v rv-model > /dev/null || { printf '%s' "$1"; return; }
	rv-model "$2" | awk -v what="$1" '
	{ v[$1] = $2 }
	END { printf "%s V%s E%s H%s L%s, %s", what, v["V"], v["E"], v["H"], v["L"], v["layout"] }'
}

# web_acc NAME MODEL: the model's accuracy on the test reviews, so that each
# row's speed can be weighed against what the model is worth (a report only:
# nothing is chosen by it).
web_acc() {
	rv-clean -m "$2" "$data/test.ft.txt" | rv-stem -m "$2" | rv-tokenize -m "$2" |
	    rv-predict -e -m "$2" | awk -v what="$1" '$1 == "accuracy" { printf "  %s: test accuracy %s\n", what, $2 }'
}

# web_run NAME MODEL [PIPELINE [SERVE-OPTION]]: one wrk run against a fresh server; one table row.
web_run() {
	out=$(RV_PIPELINE=${3:-one} RV_TMPDIR=$tmp/web/cgitmp sh "$top/pipelines/serve.sh" -b ${4:-} -p auto \
	    -s "$tmp/web/srv-$$" "$bin" "$2" 2> "$tmp/web/serve.err") ||
	    { echo "bench web: the server did not start: $(tail -n 3 "$tmp/web/serve.err")" >&2; return 1; }
	port=${out% *} pid=${out#* }
	# one request first: the answer must be a verdict
	curl -s -d "$(head -n 1 "$tmp/web/bodies")" -d format=json "http://127.0.0.1:$port/" > "$tmp/web/one.json"
	grep -q '"verdict":' "$tmp/web/one.json" || { echo "bench web: no verdict: $(head -c 300 "$tmp/web/one.json")" >&2; kill "$pid"; return 1; }
	# lighttpd's CPU time and its reaped children's (the CGIs and all they ran), in ticks
	cpu0=$(web_ticks "$pid")
	RV_BODIES=$tmp/web/bodies wrk -t "${WEB_THREADS:-2}" -c "${WEB_CONNS:-4}" -d "${WEB_SECS:-10}s" \
	    --latency -s "$top/pipelines/bench-web.lua" "http://127.0.0.1:$port/" > "$tmp/web/wrk.txt" 2>&1
	sleep 1
	cpu1=$(web_ticks "$pid")
	kill "$pid"
	awk -v name="$1" -v size="$(wc -c < "$2")" -v ticks=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" \
	    -v ncpu="$(getconf _NPROCESSORS_ONLN)" '
	function ms(s) {
		if (s ~ /us$/) return substr(s, 1, length(s) - 2) / 1000
		if (s ~ /ms$/) return substr(s, 1, length(s) - 2) + 0
		if (s ~ /s$/) return substr(s, 1, length(s) - 1) * 1000
		return s
	}
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	$1 == "Requests/sec:" { rps = $2 }
	/requests in/ { n = $1 }
	/Non-2xx/ { bad = $NF }
	/Socket errors/ { err = $0 }
	END {
		cpu = n > 0 ? 1000 * ticks / hz / n : 0
		printf "%-58s %9d %8s %7.1f %8.1f %8.1f %7d %8.1f %8.0f\n", name, size, n, rps, p50, p99, bad + 0, \
		    cpu, (cpu > 0 ? 1000 * ncpu / cpu : 0)
		if (err != "") print "  " err
	}' "$tmp/web/wrk.txt"
}

bench_web() {
	echo "== web: rv.cgi under lighttpd on 127.0.0.1, wrk ${WEB_SECS:-10} s, ${WEB_CONNS:-4} connections, one test review per POST"
	for c in wrk curl; do
		command -v $c > /dev/null || { echo "bench web: $c is not installed"; return 0; }
	done
	mkdir -p "$tmp/web/cgitmp"
	chmod 755 "$tmp" "$tmp/web"
	chmod 1777 "$tmp/web/cgitmp"
	web_bodies 200 "$tmp/web/bodies"
	m=$tmp/web/quick
	mkdir -p "$m"
	rv-clean "$data/train.ft.txt" | rv-stem > "$m/stem.txt"
	rv-vocab -n 10000 "$m/stem.txt" > "$m/vocab.txt"
	rv-tokenize -v "$m/vocab.txt" "$m/stem.txt" > "$m/train.rvt"
	rv-clean "$data/valid.ft.txt" | rv-stem | rv-tokenize -v "$m/vocab.txt" > "$m/valid.rvt"
	rv-train -q -e 8 --embed 32 --hidden 32 --dense 16 -v "$m/vocab.txt" -V "$m/valid.rvt" \
	    -o "$m/model.rvm" "$m/train.rvt"
	chmod -R a+rX "$tmp/web"
	echo "(cpu ms/req: lighttpd's, its CGIs' and the model server's CPU time per request; idle req/s: what that"
	echo " allows on this machine's $(getconf _NPROCESSORS_ONLN) processors with nothing else running, now load $(cut -d' ' -f1 /proc/loadavg))"
	printf '%-58s %9s %8s %7s %8s %8s %7s %8s %8s\n' "model, layout (rv.cgi runs)" "size (B)" requests "req/s" \
	    "p50 ms" "p99 ms" "non-2xx" "cpu ms" "idle r/s"
	quick=$(web_name quick "$m/model.rvm")
	e=$build/exp/default/model.rvm
	if [ -f "$e" ]; then
		web_run "$(web_name experiment "$e") (make serve)" "$e" one -d || true
		web_run "$(web_name experiment "$e") (DAEMON=0)" "$e" || true
		if command -v rv-model > /dev/null && rv-model "$e" | grep -qx 'layout compressed'; then
			rv-model -o "$tmp/web/exp.rvm" "$e"
			chmod a+r "$tmp/web/exp.rvm"
			web_run "$(web_name "experiment re-saved" "$tmp/web/exp.rvm") (DAEMON=0)" "$tmp/web/exp.rvm" || true
		fi
	fi
	web_run "$quick (make serve)" "$m/model.rvm" one -d || true
	web_run "$quick (DAEMON=0)" "$m/model.rvm" || true
	web_run "$quick (DAEMON=0, 4 programs)" "$m/model.rvm" programs || true
	echo "the models, on the $(wc -l < "$data/test.ft.txt") test reviews:"
	web_acc quick "$m/model.rvm"
	[ -f "$e" ] && web_acc experiment "$e"
	echo "(target: at least 100 req/s and p99 under 250 ms.  make serve: each request starts rv.cgi and"
	echo " rv-page -s, which sends the decoded form to the model server (rv-classify -s, the model loaded"
	echo " once, answering in one of its worker processes) and renders its answer; the server's CPU time is"
	echo " counted.  DAEMON=0: each request starts rv.cgi, rv-formdecode, timeout, rv-classify and rv-page;"
	echo " rv-classify reads a stored model in place: the checksum, the vocabulary, and of the embedding"
	echo " only the rows of the review's words; a compressed one is inflated whole.  With"
	echo " RV_PIPELINE=programs rv-clean, rv-stem, rv-tokenize, rv-predict and rv-tokenize -d each load it.)"
	echo
}
