#!/bin/sh
# serve.sh: lighttpd on 127.0.0.1 with rv's web form (rv.cgi) and an experiment report,
# from pipelines/lighttpd.conf.  `make serve` runs it in the foreground; the tests and
# the benchmark start it in the background.
# usage: serve.sh [-b] [-p port|auto] [-r reportdir] [-s statedir] [-t seconds] bindir model
#   -b   start in the background: wait until the form answers, then print "PORT PID"
#        and return; stop the server with kill PID.  Without -b it runs until Ctrl-C.
#   -p   the port (default 8080); "auto" tries random free ones (with -b)
#   -r   the experiment directory served under /report/ (its report.html)
#   -s   where the logs go (default a new temporary directory): error.log, and cgi.log
#        with the messages of rv.cgi and the rv programs
#   -t   rv.cgi's time limit per request (RV_TIMEOUT, default 10)
# Started by root, lighttpd and the CGI run as the user nobody (RV_SERVE_USER changes
# it): bindir, the model and the report must then be readable by that user.
# Environment: RV_CONF (rv.cgi's configuration file, default none), RV_TMPDIR (the
# CGI's TMPDIR, default /tmp), RV_PIPELINE (one or programs, rv.cgi(8)).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bg=0 port=8080 report= state= tmo=10
usage() {
	echo "usage: serve.sh [-b] [-p port|auto] [-r reportdir] [-s statedir] [-t seconds] bindir model" >&2
	exit 2
}
die() { echo "serve: $*" >&2; exit 1; }
while getopts bp:r:s:t: c; do
	case $c in
	b) bg=1 ;;
	p) port=$OPTARG ;;
	r) report=$OPTARG ;;
	s) state=$OPTARG ;;
	t) tmo=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
case $port in auto) [ $bg = 1 ] || die "-p auto needs -b" ;; '' | *[!0-9]*) die "-p: '$port' is not a port" ;; esac

lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
[ -x "$lighttpd" ] || die "lighttpd is not installed (Debian package lighttpd)"
bin=$(cd "$1" && pwd) || die "$1: no such directory"
[ -x "$bin/rv.cgi" ] || die "$bin/rv.cgi: not found (run make first)"
case $2 in /*) model=$2 ;; *) model=$PWD/$2 ;; esac
[ -f "$model" ] || echo "serve: $model: no such model yet; the form answers 500 until there is one" >&2
if [ -z "$state" ]; then
	state=$(mktemp -d "${TMPDIR:-/tmp}/rv-serve.XXXXXX")
else
	mkdir -p "$state"
fi
state=$(cd "$state" && pwd)
mkdir -p "$state/www"

RV_REPORT=
if [ -n "$report" ]; then
	[ -d "$report" ] || die "$report: no such directory"
	report=$(cd "$report" && pwd)/
	if [ -f "$report/report.html" ]; then
		RV_REPORT=/report/report.html
	else
		echo "serve: $report has no report.html yet (make experiment); /report/ shows it once made" >&2
	fi
else
	report=$state/www/
fi

RV_USER= RV_GROUP=
if [ "$(id -u)" -eq 0 ]; then
	RV_USER=${RV_SERVE_USER:-nobody}
	RV_GROUP=$(id -gn "$RV_USER") || die "$RV_USER: no such user"
	chmod 755 "$state" "$state/www"
	: >> "$state/error.log"
	: >> "$state/cgi.log"
	chown "$RV_USER:$RV_GROUP" "$state" "$state/error.log" "$state/cgi.log"
	if command -v runuser > /dev/null; then
		# programs or model out of the CGI user's reach (a private build
		# directory, say): serve copies of them from the state directory
		if ! runuser -u "$RV_USER" -- test -x "$bin/rv.cgi"; then
			echo "serve: $bin: not reachable by $RV_USER, who runs the CGI; serving a copy in $state/bin" >&2
			rm -rf "$state/bin"
			cp -R "$bin" "$state/bin"
			chmod -R a+rX "$state/bin"
			bin=$state/bin
		fi
		if [ -e "$model" ] && ! runuser -u "$RV_USER" -- test -r "$model"; then
			echo "serve: $model: not readable by $RV_USER; serving a copy in $state" >&2
			cp "$model" "$state/model.rvm"
			chmod a+r "$state/model.rvm"
			model=$state/model.rvm
		fi
		for f in "$bin/rv.cgi" "$bin/rv-predict" "$model"; do
			[ ! -e "$f" ] || runuser -u "$RV_USER" -- test -r "$f" ||
			    echo "serve: $f: not readable by $RV_USER, who runs the CGI" >&2
		done
	fi
fi
RV_PORT=$port RV_CGI=$bin/rv.cgi RV_WWW=$state/www RV_REPORT_DIR=$report RV_STATE=$state
RV_MODEL=$model RV_TIMEOUT=$tmo RV_CONF=${RV_CONF:-/dev/null} RV_TMPDIR=${RV_TMPDIR:-/tmp}
RV_PIPELINE=${RV_PIPELINE:-one}
[ "$port" != auto ] || RV_PORT=8080	# checked with a number, then picked below
export RV_PORT RV_CGI RV_WWW RV_REPORT_DIR RV_STATE RV_USER RV_GROUP RV_MODEL RV_TIMEOUT RV_REPORT RV_CONF
export RV_TMPDIR RV_PIPELINE
conf=$top/pipelines/lighttpd.conf
"$lighttpd" -tt -f "$conf" > "$state/check.log" 2>&1 || { cat "$state/check.log" >&2; die "$conf: lighttpd refuses it"; }

if [ $bg = 0 ]; then
	echo "serve: http://127.0.0.1:$port/ (the form) and http://127.0.0.1:$port/report/ (the report); Ctrl-C stops"
	echo "serve: model $model; logs $state/error.log and $state/cgi.log"
	exec "$lighttpd" -D -f "$conf"
fi

# In the background: start, then wait for the form; a port in use makes lighttpd exit.
command -v curl > /dev/null || die "curl is not installed"
tries=0
while [ $tries -lt 20 ]; do
	tries=$((tries + 1))
	if [ "$port" = auto ]; then
		n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		RV_PORT=$((20000 + n % 40000))
	fi
	"$lighttpd" -D -f "$conf" < /dev/null > /dev/null 2>> "$state/start.log" &
	pid=$!
	i=0
	while [ $i -lt 200 ] && kill -0 $pid 2> /dev/null; do
		if curl -s --max-time 2 "http://127.0.0.1:$RV_PORT/" 2> /dev/null |
		    grep -q 'rv &middot; review sentiment' && kill -0 $pid 2> /dev/null; then
			echo "$RV_PORT $pid"
			exit 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	kill $pid 2> /dev/null || true
	wait $pid 2> /dev/null || true
	[ "$port" = auto ] || break
done
die "lighttpd did not start; see $state/start.log and $state/error.log"
