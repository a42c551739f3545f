#!/bin/sh
# rv.cgi: the rv web form, a CGI program (rv.cgi(8)).
# GET shows the form; POST classifies the field "review" (one review per
# line) with the model (rv-classify, or rv-clean | rv-stem | rv-tokenize |
# rv-predict) and shows the verdict, or answers JSON (format=json, or
# Accept: application/json).
#
# What the client sends is only ever data: exactly CONTENT_LENGTH bytes are
# read and decoded into safe UTF-8 by rv-formdecode, whose output the
# model's programs read on their standard input through a pipe, and
# everything shown is escaped by the awk program at the end.  No client
# string is evaluated or expanded unquoted.
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
# program that ignores SIGTERM is killed two seconds later.  With
# RV_SOCKET, rv-ask has the rv-classify -s listening there answer, which
# has loaded the model already and writes the status line itself; when
# there is no such server (rv-ask exits 3 without reading anything) the
# model runs here as without it.
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
classify() {
	if [ "$pipeline" = one ] && [ -n "$sock" ] && [ -S "$sock" ]; then
		"$bin/rv-ask" -t "$tmo" "$sock"
		ask=$?
		case $ask in
		0) return 0 ;;
		3) ;;
		*) echo "#status $ask"; return 0 ;;
		esac
	fi
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

# ---- the answer: awk reads what the model made of each line (the label
# and probabilities, the words it read, <unk> for unknown ones, the stemmed
# words, the line), checks it, and writes the HTML section or the JSON.  Its
# exit status says what came of the request: 10 an answer, 20 an empty
# review, 30 a body shorter than its Content-Length, 40 the time limit, 50 a
# failed model, 60 an answer that cannot be read; plus 1 for JSON (json=1,
# or the form's field format=json).
page=$("$bin/rv-formdecode" -n "$cl" -l -f format -f review | classify |
    awk -v json="$json" -v labels="$labels" -v tmo="$tmo" '
function repl(s, from, to,    r, i) {
	r = ""
	while ((i = index(s, from)) > 0) {
		r = r substr(s, 1, i - 1) to
		s = substr(s, i + length(from))
	}
	return r s
}
function html(s) {
	s = repl(s, "&", "&amp;"); s = repl(s, "<", "&lt;"); s = repl(s, ">", "&gt;")
	s = repl(s, "\"", "&quot;"); return repl(s, "\047", "&#39;")
}
function js(s,    r, i, c) {
	s = repl(s, "\\", "\\\\"); s = repl(s, "\"", "\\\""); s = repl(s, "\t", "\\t")
	s = repl(s, "<", "\\u003c"); s = repl(s, ">", "\\u003e"); s = repl(s, "&", "\\u0026")
	if (s ~ /[\001-\037\177]/) {
		r = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			r = r ((c in ord) ? sprintf("\\u%04x", ord[c]) : c)
		}
		s = r
	}
	return "\"" s "\""
}
function kind(c) {
	return name[c] == "positive" ? "pos" : name[c] == "negative" ? "neg" : "other"
}
function pct(p) { return sprintf("%.1f%%", 100 * p) }
function bad(what) { printf "rv.cgi: %s\n", what > "/dev/stderr"; failed = 60 + json; exit failed }
function rest(s, n,    i) {	# s after its first n tabs
	while (n-- > 0) {
		if (!(i = index(s, "\t"))) return ""
		s = substr(s, i + 1)
	}
	return s
}
function record(pr,    c, j, rd, st, line) {
	if (split(pr, pa, "\t") < nc + 4) bad("bad output line")
	if (!(pa[1] in idx)) bad("unknown label")
	rd = pa[nc + 2]; st = pa[nc + 3]; line = rest(pr, nc + 3)
	if (++nrec == 1) {	# the format field
		if (line == "json") json = 1
		else if (line == "html") json = 0
		return
	}
	if (line !~ /[^ \t]/)
		return
	if (substr(line, 1, 10) == " __label__")
		line = substr(line, 2)
	rows++
	text[rows] = line
	c = idx[pa[1]]
	lab[rows] = c
	count[c]++
	for (j = 1; j <= nc; j++) {
		if (pa[j + 1] !~ /^[0-9]+(\.[0-9]+)?$/) bad("bad probability")
		prob[rows, j] = pa[j + 1]
	}
	nw[rows] = split(rd, dw, " ")
	ns = split(st, sw, " ")
	if (ns < nw[rows]) bad("words do not match")
	more[rows] = ns - nw[rows]
	for (j = 1; j <= nw[rows]; j++) {
		word[rows, j] = sw[j]
		unk[rows, j] = dw[j] == "<unk>"
	}
}
function header(hdr,    h, n, i, j, c) {
	n = split(hdr, h, " ")
	if (h[1] != "#") bad("no header")
	for (i = 1; i <= n; i++)
		if (h[i] == "classes") {
			for (j = i + 1; j <= n; j++) { cls[++nc] = h[j]; idx[h[j]] = nc }
			break
		}
	if (nc < 1) bad("no classes in the header")
	for (c = 1; c <= nc; c++) {
		name[c] = (cls[c] in map) ? map[cls[c]] : cls[c]
		count[c] = 0
	}
}
BEGIN {
	for (i = 1; i < 32; i++) ord[sprintf("%c", i)] = i
	ord[sprintf("%c", 127)] = 127
	n = split(labels, lp, " ")
	for (i = 1; i <= n; i++)
		if ((j = index(lp[i], "=")) > 1)
			map[substr(lp[i], 1, j - 1)] = substr(lp[i], j + 1)
	rows = nrec = nc = 0
}
# each line is handled when the next one comes: the last one is the status
NR > 1 {
	if (NR == 2 && prev !~ /^#status /) header(prev)
	else record(prev)
}
{ prev = $0 }
END {
	if (failed) exit failed
	if (prev !~ /^#status [0-9]+$/) bad("no exit status")
	status = substr(prev, 9) + 0
	if (status == 124 || status == 137 || status == 142) {
		printf "rv.cgi: the model took more than %d s\n", tmo > "/dev/stderr"
		exit 40 + json
	}
	if (status) {
		printf "rv.cgi: the model failed (exit %d)\n", status > "/dev/stderr"
		exit 50 + json
	}
	if (NR < 2) bad("no header")
	if (nrec == 0) exit 30
	if (rows == 0) exit 20 + json
	if (json) {
		printf "{\"reviews\":["
		for (i = 1; i <= rows; i++) {
			c = lab[i]
			printf "%s{\"review\":%s,\"label\":%s,\"verdict\":%s,\"probability\":%s,\"probabilities\":{", \
			    (i > 1 ? "," : ""), js(text[i]), js(cls[c]), js(name[c]), prob[i, c]
			for (j = 1; j <= nc; j++)
				printf "%s%s:%s", (j > 1 ? "," : ""), js(cls[j]), prob[i, j]
			printf "},\"words\":["
			for (j = 1; j <= nw[i]; j++)
				printf "%s%s", (j > 1 ? "," : ""), js(word[i, j])
			printf "],\"unknown\":["
			k = 0
			for (j = 1; j <= nw[i]; j++)
				if (unk[i, j])
					printf "%s%s", (k++ ? "," : ""), js(word[i, j])
			printf "],\"unread\":%d}", more[i]
		}
		printf "],\"counts\":{"
		for (c = 1; c <= nc; c++)
			printf "%s%s:%d", (c > 1 ? "," : ""), js(cls[c]), count[c]
		printf "},\"names\":{"
		for (c = 1; c <= nc; c++)
			printf "%s%s:%s", (c > 1 ? "," : ""), js(cls[c]), js(name[c])
		printf "}}\n"
		exit 11
	}
	if (rows == 1) {
		c = lab[1]
		printf "<section class=\"card\" id=\"result\">\n"
		printf "<p class=\"verdict %s\" id=\"verdict\">%s</p>\n", kind(c), html(name[c])
		printf "<p>Probability %s</p>\n", pct(prob[1, c])
		printf "<div class=\"bar\" title=\"%s\"><span class=\"%s\" style=\"width:%s\"></span></div>\n", \
		    pct(prob[1, c]), kind(c), pct(prob[1, c])
		if (nc > 1) {
			printf "<p class=\"note\">"
			for (j = 1; j <= nc; j++)
				printf "%s%s %s", (j > 1 ? " &middot; " : ""), html(name[j]), pct(prob[1, j])
			printf "</p>\n"
		}
		printf "<h2>The words the model read</h2>\n<p class=\"words\">"
		words(1)
		printf "</p>\n"
		if (more[1])
			printf "<p class=\"note\">The model reads the first %d words; %d more were not read.</p>\n", nw[1], more[1]
		printf "<p class=\"note\">After cleaning and stemming; <span class=\"unk\">crossed out</span>: not in the model&#39;s vocabulary, read as unknown.</p>\n"
		printf "<h2>Your review</h2>\n<blockquote id=\"review-echo\">%s</blockquote>\n</section>\n", html(text[1])
		exit 10
	}
	printf "<section class=\"card\" id=\"result\">\n<h2>%d reviews</h2>\n<p id=\"counts\">", rows
	for (c = 1; c <= nc; c++)
		printf "%s<span class=\"%s\">%s</span>: %d", (c > 1 ? " &middot; " : ""), kind(c), html(name[c]), count[c]
	printf "</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>#</th><th>Review</th><th>Verdict</th></tr></thead>\n<tbody>\n"
	for (i = 1; i <= rows; i++) {
		c = lab[i]
		printf "<tr><td>%d</td><td class=\"text\">%s<div class=\"words small\">", i, html(text[i])
		words(i)
		printf "</div></td><td class=\"v\"><span class=\"%s\">%s</span> <span class=\"small\">%s</span>", \
		    kind(c), html(name[c]), pct(prob[i, c])
		printf "<div class=\"bar\"><span class=\"%s\" style=\"width:%s\"></span></div></td></tr>\n", kind(c), pct(prob[i, c])
	}
	printf "</tbody></table></div>\n"
	printf "<p class=\"note\">Under each review, the words the model read after cleaning and stemming; <span class=\"unk\">crossed out</span>: unknown to the model.</p>\n</section>\n"
	exit 10
}
function words(i,    j) {
	for (j = 1; j <= nw[i]; j++)
		printf "%s<span class=\"%s\">%s</span>", (j > 1 ? " " : ""), (unk[i, j] ? "unk" : "w"), html(word[i, j])
	if (!nw[i])
		printf "<span class=\"note\">(none)</span>"
}')
rc=$?
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
*) echo "rv.cgi: awk failed (exit $rc)" >&2
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
