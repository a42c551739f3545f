#!/bin/sh
# rv.cgi: the rv web form, a CGI program (rv.cgi(8)).
# GET shows the form; POST classifies the field "review" (one review per
# line) with the model (rv-classify, or rv-clean | rv-stem | rv-tokenize |
# rv-predict) and shows the verdict, or answers JSON (format=json, or
# Accept: application/json).
#
# What the client sends is only ever data: exactly CONTENT_LENGTH bytes are
# read and decoded into safe UTF-8 by rv-formdecode (or rv-page -s), whose
# output the model's programs read on their standard input through a pipe
# (or a socket), and everything shown is escaped by rv-page at the end.  No
# client string is evaluated or expanded unquoted.
set -u
umask 077
LC_ALL=C
PATH=/usr/local/bin:/usr/bin:/bin
export LC_ALL PATH

csp="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
json=0

# ---- responses

# headers STATUS TYPE [EXTRA-HEADER]
headers() {
	printf 'Status: %s\nContent-Type: %s; charset=utf-8\n' "$1" "$2"
	printf 'X-Content-Type-Options: nosniff\nContent-Security-Policy: %s\n' "$csp"
	printf 'Referrer-Policy: no-referrer\nCache-Control: no-store\n'
	[ $# -lt 3 ] || printf '%s\n' "$3"
	printf '\n'
}

page_top() {
	printf '%s\n' '<!DOCTYPE html>' '<html lang="en"><head><meta charset="utf-8">' \
	    '<meta name="viewport" content="width=device-width, initial-scale=1">' \
	    "<title>$1</title>" '<style>' \
	    'body{margin:0;padding:1rem;background:#f4f5f7;color:#1c2128;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}' \
	    'main{max-width:46rem;margin:0 auto}' \
	    'h1{font-size:1.5rem;margin:.3rem 0 1rem}h2{font-size:1.1rem;margin:1rem 0 .4rem}' \
	    '.card{background:#fff;border:1px solid #d8dce2;border-radius:10px;padding:1rem 1.1rem;margin:0 0 1rem}' \
	    'label{font-weight:600}textarea{box-sizing:border-box;width:100%;min-height:9rem;margin:.4rem 0 .6rem;padding:.6rem;font:inherit;border:1px solid #9aa3ad;border-radius:6px}' \
	    'button{font:inherit;font-weight:600;padding:.5rem 1.4rem;border:0;border-radius:6px;background:#2f5bd3;color:#fff}' \
	    '.hint,.note{color:#5a6472;font-size:.9rem}' \
	    '.verdict{font-size:1.9rem;font-weight:700;margin:0}' \
	    '.pos{color:#176b35}.neg{color:#b02a1f}.other{color:#2f5bd3}' \
	    '.bar{height:.9rem;background:#e4e7eb;border-radius:5px;overflow:hidden;margin:.3rem 0;min-width:5rem}' \
	    '.bar span{display:block;height:100%;background:#2f5bd3}.bar .pos{background:#2e9d55}.bar .neg{background:#d9493c}' \
	    '.words{line-height:2}.w,.unk{display:inline-block;padding:0 .35rem;margin:0 .1rem;border-radius:4px;background:#e6ecfb;line-height:1.6}' \
	    '.unk{background:#f6e3e1;color:#8a3a31;text-decoration:line-through}' \
	    'blockquote{margin:.3rem 0;padding:.5rem .8rem;border-left:4px solid #c5cbd3;background:#f8f9fa;white-space:pre-wrap;overflow-wrap:anywhere}' \
	    '.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}' \
	    'th,td{padding:.45rem .4rem;border-bottom:1px solid #e1e4e8;text-align:left;vertical-align:top}' \
	    'td.text{overflow-wrap:anywhere;width:100%}td.v{min-width:5.5rem}td.v span:first-child{font-weight:600}.small{font-size:.85rem}' \
	    '.err{color:#b02a1f;font-weight:600}' \
	    '</style></head><body><main>' '<h1>rv &middot; review sentiment</h1>'
}

page_form() {
	printf '%s\n' '<form class="card" method="post" action="">' \
	    '<label for="review">Review</label>' \
	    '<textarea id="review" name="review" rows="7" required placeholder="Type or paste a product review; one review per line for several."></textarea>' \
	    '<button type="submit">Classify</button>' \
	    '<p class="hint">One review per line gives a table with one row per review. Programs can POST <code>format=json</code>.</p>' \
	    '</form>'
	[ -z "$report" ] || printf '<p class="note"><a href="%s">The experiment report</a></p>\n' "$report"
}

page_end() {
	printf '%s\n' '</main></body></html>'
}

# fail STATUS MESSAGE [EXTRA-HEADER]: an error page (or JSON) and exit.
# MESSAGE is one of the fixed strings below, never client input.
fail() {
	if [ "$json" = 1 ]; then
		headers "$1" application/json ${3+"$3"}
		printf '{"error":"%s"}\n' "$2"
	else
		headers "$1" text/html ${3+"$3"}
		[ "${REQUEST_METHOD:-}" = HEAD ] && exit 0
		page_top "rv: ${1%% *}"
		printf '<div class="card"><p class="err">%s</p><p><a href="">Back to the form</a></p></div>\n' "$2"
		page_end
	fi
	exit 0
}

# ---- configuration: the environment, then $RV_CONF (default /etc/rv/cgi.conf)

f_model= f_bin= f_timeout= f_max= f_labels= f_report= f_pipeline= f_socket=
conf=${RV_CONF:-/etc/rv/cgi.conf}
if [ -e "$conf" ]; then
	[ -r "$conf" ] || { echo "rv.cgi: $conf: cannot read" >&2; fail "500 Internal Server Error" "The server is not configured properly."; }
	line=
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in *=*) ;; *) line=; continue ;; esac
		k=${line%%=*} v=${line#*=}
		k=${k#"${k%%[! 	]*}"} k=${k%"${k##*[! 	]}"}
		v=${v#"${v%%[! 	]*}"} v=${v%"${v##*[! 	]}"}
		case $v in \"*\") v=${v#\"} v=${v%\"} ;; esac
		case $k in
		RV_MODEL) f_model=$v ;;
		RV_BIN) f_bin=$v ;;
		RV_TIMEOUT) f_timeout=$v ;;
		RV_MAX_BYTES) f_max=$v ;;
		RV_LABELS) f_labels=$v ;;
		RV_REPORT) f_report=$v ;;
		RV_PIPELINE) f_pipeline=$v ;;
		RV_SOCKET) f_socket=$v ;;
		esac
		line=
	done < "$conf"
fi
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
model=${RV_MODEL:-$f_model}
bin=${RV_BIN:-${f_bin:-$here}}
tmo=${RV_TIMEOUT:-${f_timeout:-10}}
max=${RV_MAX_BYTES:-${f_max:-65536}}
labels=${RV_LABELS:-${f_labels:-1=negative 2=positive}}
report=${RV_REPORT:-$f_report}
pipeline=${RV_PIPELINE:-${f_pipeline:-one}}
sock=${RV_SOCKET:-$f_socket}
case $pipeline in one | programs) ;; *) echo "rv.cgi: RV_PIPELINE: not one or programs" >&2; fail "500 Internal Server Error" "The server is not configured properly." ;; esac
case $report in *[!A-Za-z0-9/._~:-]*) report= ;; esac
case $tmo in '' | *[!0-9]* | 0 | ?????*) echo "rv.cgi: RV_TIMEOUT: not a number of seconds in 1..9999" >&2; fail "500 Internal Server Error" "The server is not configured properly." ;; esac
case $max in '' | *[!0-9]* | 0 | ????????*) echo "rv.cgi: RV_MAX_BYTES: not a number in 1..9999999" >&2; fail "500 Internal Server Error" "The server is not configured properly." ;; esac

# ---- the request

case ${HTTP_ACCEPT:-} in *application/json*) json=1 ;; esac
case "&${QUERY_STRING:-}&" in *'&format=json&'*) json=1 ;; *'&format=html&'*) json=0 ;; esac

case ${REQUEST_METHOD:-} in
GET | HEAD)
	json=0
	headers "200 OK" text/html
	[ "$REQUEST_METHOD" = HEAD ] && exit 0
	page_top "rv: review sentiment"
	page_form
	page_end
	exit 0 ;;
POST) ;;
*) fail "405 Method Not Allowed" "Only GET and POST are allowed." "Allow: GET, HEAD, POST" ;;
esac

ct=${CONTENT_TYPE:-}
ct=${ct%%;*}
ct=${ct%"${ct##*[! ]}"}
case $ct in
[Aa][Pp][Pp][Ll][Ii][Cc][Aa][Tt][Ii][Oo][Nn]/[Xx]-[Ww][Ww][Ww]-[Ff][Oo][Rr][Mm]-[Uu][Rr][Ll][Ee][Nn][Cc][Oo][Dd][Ee][Dd]) ;;
*) fail "415 Unsupported Media Type" "Send the form as application/x-www-form-urlencoded." ;;
esac
cl=${CONTENT_LENGTH:-}
case $cl in
'') fail "411 Length Required" "The request has no Content-Length." ;;
*[!0-9]*) fail "400 Bad Request" "The Content-Length is not a number." ;;
esac
while :; do case $cl in 0?*) cl=${cl#0} ;; *) break ;; esac; done
if [ ${#cl} -gt 9 ] || [ "$cl" -gt "$max" ]; then
	fail "413 Content Too Large" "The review is too long: at most $max bytes."
fi
if [ -z "$model" ] || [ ! -r "$model" ]; then
	echo "rv.cgi: no readable model (RV_MODEL)" >&2
	fail "500 Internal Server Error" "The server has no model."
fi

# The body: exactly CONTENT_LENGTH bytes of standard input, read with
# read(2) and decoded by rv-formdecode into safe UTF-8: the field format on
# the first line, then the review, each line that starts with a fastText
# label indented so that it stays text.  Nothing at all when the body is
# shorter than its Content-Length.
#
# Then the model, under the time limit: by default rv-classify, which is
# rv-clean | rv-stem | rv-tokenize | rv-predict -p in one process (the same
# library code, tested to give the same output); with RV_PIPELINE=programs
# those four programs and rv-tokenize -d, stage by stage into files.  They
# read the decoded body on standard input (the format line is classified
# too, and ignored) and answer like rv-classify -r -w: a header line, then
# for each line its label, probabilities, the words read, the stems and the
# line itself; then classify adds "#status N", the exit status.  Their
# messages go to the server's error log, never to the client.  timeout(1)
# makes a process group of its own and on time-out signals all of it: a
# program that ignores SIGTERM is killed two seconds later.
#
# rv-page reads that answer, checks it, and writes the HTML section or the
# JSON.  Its exit status says what came of the request: 10 an answer, 20
# an empty review, 30 a body shorter than its Content-Length, 40 the time
# limit, 50 a failed model, 60 an answer that cannot be read; plus 1 for
# JSON (json=1, or the form's field format=json).
#
# With RV_SOCKET, rv-page -s does all of it in one process: it sends the
# decoded body to the rv-classify -s listening there, which has loaded the
# model already, has the same time limit and writes the status line
# itself.  When there is no such server (rv-page exits 3 without reading
# anything) the model runs here as without it.
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
fmt=html
[ "$json" = 0 ] || fmt=json
classify() {
	if [ "$pipeline" = programs ]; then
		timeout -k 2 "$tmo" sh -c '
			b=$1 m=$2
			d=$(mktemp -d "$3/rv-cgi.XXXXXX") || exit
			trap '\''rm -rf "$d"'\'' EXIT
			trap '\''exit 1'\'' HUP INT TERM
			cat > "$d/in" &&
			"$b/rv-clean" -m "$m" < "$d/in" > "$d/clean" &&
			"$b/rv-stem" -m "$m" < "$d/clean" > "$d/stem" &&
			"$b/rv-tokenize" -m "$m" < "$d/stem" > "$d/t" || exit
			"$b/rv-tokenize" -d -m "$m" "$d/t" > "$d/w" &
			"$b/rv-predict" -p -t 1 -m "$m" "$d/t" > "$d/p"
			rc=$?
			wait $! || exit
			[ $rc -eq 0 ] || exit $rc
			sed -n 1p "$d/w"
			sed 1d "$d/w" | cut -f 3 | paste "$d/p" - "$d/stem" "$d/in"' sh "$bin" "$model" "${TMPDIR:-/tmp}"
	else
		timeout -k 2 "$tmo" "$bin/rv-classify" -r -w -m "$model"
	fi
	echo "#status $?"
}
rc=3
if [ "$pipeline" = one ] && [ -n "$sock" ] && [ -S "$sock" ]; then
	page=$("$bin/rv-page" -f "$fmt" -l "$labels" -t "$tmo" -n "$cl" -s "$sock")
	rc=$?
fi
if [ $rc -eq 3 ]; then
	page=$("$bin/rv-formdecode" -n "$cl" -l -f format -f review | classify |
	    "$bin/rv-page" -f "$fmt" -l "$labels" -t "$tmo")
	rc=$?
fi
case $rc in
1[01]) json=${rc#1} ;;
2[01]) json=${rc#2}
	if [ "$json" = 1 ]; then
		fail "400 Bad Request" "The review is empty."
	fi
	headers "400 Bad Request" text/html
	page_top "rv: empty review"
	printf '%s\n' '<p class="err">The review is empty: type a review first.</p>'
	page_form
	page_end
	exit 0 ;;
30) fail "400 Bad Request" "The request body is shorter than its Content-Length." ;;
4[01]) json=${rc#4}; fail "500 Internal Server Error" "The model took too long to answer." ;;
5[01]) json=${rc#5}; fail "500 Internal Server Error" "The model could not classify the review." ;;
6[01]) json=${rc#6}; fail "500 Internal Server Error" "The model's answer could not be read." ;;
*) echo "rv.cgi: rv-page failed (exit $rc)" >&2
	fail "500 Internal Server Error" "The model's answer could not be read." ;;
esac

if [ "$json" = 1 ]; then
	headers "200 OK" application/json
	printf '%s\n' "$page"
else
	headers "200 OK" text/html
	page_top "rv: review sentiment"
	printf '%s\n' "$page"
	printf '%s\n' '<h2>Classify another</h2>'
	page_form
	page_end
fi
