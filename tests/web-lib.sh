# web-lib.sh: what the web tests (tests/sh/10NN-cgi-*.sh) share.  Source it
# after lib.sh.  Gives: $CGI (the built rv.cgi), $SH (dash when there is one),
# web_model (a tiny model $M trained on samples/), sample N ($label, $text of a
# sample review), urlenc, cgi (rv.cgi run with a CGI environment set by hand),
# status_is, hdr_has, page_has, page_lacks, secure_headers, and web_serve /
# web_stop (lighttpd on a free port of 127.0.0.1, stopped on exit).
CGI=$RV_BIN/rv.cgi
SH=$(command -v dash || echo sh)
[ -x "$CGI" ] || fail "$CGI: not built"
WEB_PID=
# The CGI's scratch directories go here, so a test can see they are removed.
mkdir -p "$T/tmp"

# Stop the server on any exit, then lib.sh's clean-up.
web_stop() {
	[ -n "$WEB_PID" ] || return 0
	kill "$WEB_PID" 2> /dev/null || true
	i=0
	while kill -0 "$WEB_PID" 2> /dev/null && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	WEB_PID=
}
trap 'rc=$?; web_stop; if [ $rc -eq 0 ] || [ $rc -eq 77 ]; then rm -rf "$T"; else echo "kept $T" >&2; fi' EXIT

# urlenc: standard input to standard output with every byte as %XX.
urlenc() {
	od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'
}

# web_model: train $M, a model of the sample reviews small enough to train in
# a few seconds and fitted until every sample gets its own label.
web_model() {
	rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
	rv-vocab < "$T/s.txt" > "$T/v.txt"
	rv-tokenize -v "$T/v.txt" -n 40 < "$T/s.txt" > "$T/s.rvt"
	rv-train -q -e 40 -b 8 --embed 16 --hidden 16 --dense 16 --dropout 0,0,0 \
	    --lr 0.01 -t 1 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt" 2> "$T/train.err" ||
	    fail "rv-train: $(cat "$T/train.err")"
	M=$T/m.rvm
}

# sample N: line N of samples/reviews.ft.txt as $label (1 or 2), $verdict
# (negative or positive) and $text (the review without its label).
sample() {
	line=$(sed -n "$1p" "$S/reviews.ft.txt")
	label=${line%% *}
	label=${label#__label__}
	text=${line#* }
	case $label in 1) verdict=negative ;; 2) verdict=positive ;; *) fail "sample $1: label $label" ;; esac
}

# cgi METHOD CONTENT-TYPE BODYFILE [NAME=value ...]: run rv.cgi under $SH
# with only a CGI environment (CONTENT_LENGTH the size of BODYFILE, which is
# its standard input), the model $M and no configuration file; the NAME=value
# pairs are added or override.  It must exit 0; its headers go to $T/hdr, the
# page to $T/page, its standard error to $T/cgierr.
cgi() {
	_m=$1 _ct=$2 _bf=$3
	shift 3
	_n=$(wc -c < "$_bf")
	env -i PATH=/usr/bin:/bin GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    REQUEST_METHOD="$_m" CONTENT_TYPE="$_ct" CONTENT_LENGTH="$_n" \
	    RV_MODEL="${M:-}" RV_CONF=/dev/null TMPDIR="$T/tmp" "$@" \
	    "$SH" "$CGI" < "$_bf" > "$T/resp" 2> "$T/cgierr" ||
	    fail "rv.cgi exited $?: $(head -c 300 "$T/cgierr")"
	sed '/^$/q' "$T/resp" > "$T/hdr"
	sed '1,/^$/d' "$T/resp" > "$T/page"
	grep -q '^$' "$T/resp" || fail "rv.cgi wrote no end of headers: $(head -c 300 "$T/resp")"
}

# post TEXT [NAME=value ...]: cgi POST of the form field review=TEXT.
post() {
	printf 'review=' > "$T/body"
	printf '%s' "$1" | urlenc >> "$T/body"
	shift
	cgi POST application/x-www-form-urlencoded "$T/body" "$@"
}

status_is() {
	head -n 1 "$T/hdr" | grep -q "^Status: $1 " ||
	    fail "status is not $1: $(head -n 1 "$T/hdr")"
}
hdr_has() {
	grep -qiF -- "$1" "$T/hdr" || fail "headers lack '$1': $(cat "$T/hdr")"
}
page_has() {
	grep -qF -- "$1" "$T/page" || fail "page lacks '$1': $(head -c 600 "$T/page")"
}
page_lacks() {
	! grep -qF -- "$1" "$T/page" || fail "page has '$1': $(grep -F -- "$1" "$T/page" | head -c 600)"
}
# The headers every answer has.  TYPE: text/html or application/json.
secure_headers() {
	grep -qix "content-type: $1; charset=utf-8.\{0,1\}" "$T/hdr" ||
	    fail "no Content-Type $1 with a charset: $(cat "$T/hdr")"
	grep -qix 'x-content-type-options: nosniff.\{0,1\}' "$T/hdr" || fail "no nosniff: $(cat "$T/hdr")"
	csp=$(grep -i '^content-security-policy:' "$T/hdr") || fail "no Content-Security-Policy"
	case $csp in *"default-src 'none'"*) ;; *) fail "CSP does not default to none: $csp" ;; esac
	case $csp in *"form-action 'self'"*) ;; *) fail "CSP lacks form-action 'self': $csp" ;; esac
	case $csp in *http:* | *https:* | *'*'* | *"'unsafe-eval'"* | *script-src*) fail "CSP allows too much: $csp" ;; esac
}
# The page is a whole HTML document.
whole_page() {
	head -n 1 "$T/page" | grep -qx '<!DOCTYPE html>' || fail "page does not start with a doctype"
	tail -n 1 "$T/page" | grep -qx '</main></body></html>' || fail "page is cut short: $(tail -c 200 "$T/page")"
}

# web_serve: lighttpd from pipelines/lighttpd.conf (pipelines/serve.sh) on a
# free port of 127.0.0.1 with the model $M, and with WEB_DAEMON=1 the model
# server beside it (serve.sh -d, as make serve runs it); sets $PORT, $URL
# and $WEB_PID.
# Skips when lighttpd or curl is missing.  As root the CGI runs as nobody, so
# $T is opened to it.
web_serve() {
	command -v lighttpd > /dev/null || [ -x /usr/sbin/lighttpd ] || skip "lighttpd is not installed"
	command -v curl > /dev/null || skip "curl is not installed"
	chmod 755 "$T"
	chmod 1777 "$T/tmp"
	RV_TMPDIR=$T/tmp sh "$RV_TOP/pipelines/serve.sh" -b ${WEB_DAEMON:+-d} -p auto -s "$T/srv" ${WEB_REPORT:+-r "$WEB_REPORT"} \
	    "$RV_BIN" "$M" > "$T/serve.out" 2> "$T/serve.err" ||
	    fail "serve.sh: $(cat "$T/serve.err" "$T/srv/start.log" "$T/srv/error.log" 2> /dev/null | tail -n 5)"
	read -r PORT WEB_PID < "$T/serve.out" || fail "serve.sh printed no port"
	URL=http://127.0.0.1:$PORT/
}

# fetch [curl options...]: one request to $URL (or the URL among the options);
# headers to $T/hdr, page to $T/page, status code in $code.
fetch() {
	curl -sS --max-time 30 -D "$T/hdr" -o "$T/page" -w '%{http_code}' "$@" > "$T/code" 2> "$T/curlerr" ||
	    fail "curl $*: $(cat "$T/curlerr")"
	code=$(cat "$T/code")
	tr -d '\r' < "$T/hdr" > "$T/hdr.lf" && mv "$T/hdr.lf" "$T/hdr"
}

# procs_with TEXT: command lines of running processes that contain TEXT.
procs_with() {
	for p in /proc/[0-9]*; do
		tr '\0' ' ' 2> /dev/null < "$p/cmdline" || true
		echo
	done > "$T/procs"
	grep -F -- "$1" "$T/procs" || true
}
