#!/bin/sh
# serve.sh: lighttpd on 127.0.0.1 with rv's web form (rv.cgi) and an experiment report,
# from pipelines/lighttpd.conf.  `make serve` runs it in the foreground; the tests and
# the benchmark start it in the background.
# usage: serve.sh [-bd] [-p port|auto] [-r reportdir] [-s statedir] [-t seconds] bindir model
#   -b   start in the background: wait until the form answers, then print "PORT PID"
#        and return; stop the server with kill PID.  Without -b it runs until Ctrl-C.
#   -d   also run rv-classify -s on statedir/rv.sock, which loads the model once and
#        answers rv.cgi's requests (RV_SOCKET): several times faster per request
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
bg=0 daemon=0 port=8080 report= state= tmo=10
usage() {
	echo "usage: serve.sh [-bd] [-p port|auto] [-r reportdir] [-s statedir] [-t seconds] bindir model" >&2
	exit 2
}
die() { echo "serve: $*" >&2; exit 1; }
while getopts bdp:r:s:t: c; do
	case $c in
	b) bg=1 ;;
	d) daemon=1 ;;
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
# a model from an older rv-train is inflated whole on every request
if [ -f "$model" ] && [ -x "$bin/rv-model" ] && "$bin/rv-model" "$model" 2> /dev/null | grep -qx 'layout compressed'; then
	echo "serve: $model is compressed (an older rv-train's): each request inflates it; 'rv-model -o new.rvm $model' writes a copy that loads in place (rv-model(1))" >&2
fi
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
RV_SOCKET=
[ $daemon = 0 ] || RV_SOCKET=$state/rv.sock
[ "$port" != auto ] || RV_PORT=8080	# checked with a number, then picked below
export RV_PORT RV_CGI RV_WWW RV_REPORT_DIR RV_STATE RV_USER RV_GROUP RV_MODEL RV_TIMEOUT RV_REPORT RV_CONF
export RV_TMPDIR RV_PIPELINE RV_SOCKET
conf=$top/pipelines/lighttpd.conf
"$lighttpd" -tt -f "$conf" > "$state/check.log" 2>&1 || { cat "$state/check.log" >&2; die "$conf: lighttpd refuses it"; }

# run: lighttpd in the foreground, and with -d the model server, as the CGI's
# user, whose messages go to cgi.log; on TERM, INT or HUP both are stopped
# and waited for.  The background mode starts it as a process of its own.
#
# stop PID: TERM the process until it has gone (or is a zombie, waited for
# next), KILL after 5 s.  Once is not always enough: a TERM that arrives
# between the fork and the exec of "cmd &" is taken by the forked shell's
# copy of the trap below and lost.
stop() {
	[ -n "$1" ] || return 0
	k=0
	while kill "$1" 2> /dev/null && [ $k -lt 50 ]; do
		case $(cut -d ' ' -f 3 "/proc/$1/stat" 2> /dev/null) in
		Z | '') return 0 ;;
		esac
		sleep 0.1
		k=$((k + 1))
	done
	kill -KILL "$1" 2> /dev/null || true
}
run() {
	d= l=
	trap 'stop "$l"; stop "$d"; wait; [ -z "$RV_SOCKET" ] || rm -f "$RV_SOCKET"; exit 0' TERM INT HUP
	if [ -n "$RV_SOCKET" ]; then
		rm -f "$RV_SOCKET"
		if [ -n "$RV_USER" ]; then
			OPENBLAS_NUM_THREADS=1 setpriv --reuid="$RV_USER" --regid="$RV_GROUP" --init-groups \
			    "$bin/rv-classify" -r -w -T "$tmo" -m "$model" -s "$RV_SOCKET" 2>> "$state/cgi.log" &
		else
			OPENBLAS_NUM_THREADS=1 "$bin/rv-classify" -r -w -T "$tmo" -m "$model" -s "$RV_SOCKET" \
			    2>> "$state/cgi.log" &
		fi
		d=$!
	fi
	"$lighttpd" -D -f "$conf" &
	l=$!
	st=0
	wait $l || st=$?	# (set -e: a lighttpd that failed must not end run here)
	stop "$d"
	wait
	[ -z "$RV_SOCKET" ] || rm -f "$RV_SOCKET"
	return $st
}

if [ $bg = 0 ]; then
	echo "serve: http://127.0.0.1:$port/ (the form) and http://127.0.0.1:$port/report/ (the report); Ctrl-C stops"
	echo "serve: model $model; logs $state/error.log and $state/cgi.log"
	[ -z "$RV_SOCKET" ] || echo "serve: the model is loaded once by rv-classify -s $RV_SOCKET"
	if [ -z "$RV_SOCKET" ]; then
		exec "$lighttpd" -D -f "$conf"
	fi
	run
	exit
fi

# In the background: start, then wait for the form; a port in use makes lighttpd exit.
# Another server may already answer on that port (lighttpd failing to bind takes a
# moment to exit): only one that serves this start's random token counts as ours.
command -v curl > /dev/null || die "curl is not installed"
token=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$token" > "$state/www/serve-token.txt"
chmod a+r "$state/www/serve-token.txt"
tries=0
while [ $tries -lt 20 ]; do
	tries=$((tries + 1))
	if [ "$port" = auto ]; then
		n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		RV_PORT=$((20000 + n % 40000))
	fi
	if [ -n "$RV_SOCKET" ]; then
		(run) < /dev/null > /dev/null 2>> "$state/start.log" &
	else
		"$lighttpd" -D -f "$conf" < /dev/null > /dev/null 2>> "$state/start.log" &
	fi
	pid=$!
	i=0
	while [ $i -lt 200 ] && kill -0 $pid 2> /dev/null; do
		if [ "$(curl -s --max-time 2 "http://127.0.0.1:$RV_PORT/serve-token.txt" 2> /dev/null)" = "$token" ] &&
		    curl -s --max-time 2 "http://127.0.0.1:$RV_PORT/" 2> /dev/null |
		    grep -q 'rv &middot; review sentiment' && kill -0 $pid 2> /dev/null; then
			# and the model server's socket, until rv.cgi runs the model itself
			j=0
			while [ -n "$RV_SOCKET" ] && [ ! -S "$RV_SOCKET" ] && [ $j -lt 200 ]; do
				sleep 0.05
				j=$((j + 1))
			done
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
