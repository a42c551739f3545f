# Pipelines cut short (| head): every stage stops, quietly and soon, with
# SIGPIPE as usual or, when SIGPIPE is ignored, on EPIPE; the lines that got
# through are right.
. "$RV_TOP/tests/lib.sh"
i=0
while [ $i -lt 400 ]; do cat "$S/reviews.ft.txt"; i=$((i + 1)); done > "$T/big.txt"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-clean "$T/big.txt" | rv-stem | rv-tokenize -v "$T/v.txt" -n 30 > "$T/big.rvt"
rv-train -q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v "$T/v.txt" \
    -o "$T/m.rvm" "$T/big.rvt"

# cutshort CMD...: run "CMD | cut-command" ($cut), stage by stage with their own
# stderr and exit status; each stage quiet, none timed out (124), none
# failing for another reason than the closed pipe.  $ign: 1 ignores SIGPIPE.
cutshort() {
	set +e
	{ timeout 60 sh -c "[ $ign -eq 0 ] || trap '' PIPE; exec \"\$@\"" sh "$@" \
	    2> "$T/e1"; echo $? > "$T/rc1"; } | $cut > "$T/out" 2> "$T/e2"
	set -e
	rc=$(cat "$T/rc1")
	[ ! -s "$T/e1" ] || fail "$* | $cut: stderr: $(head -c 300 "$T/e1")"
	[ ! -s "$T/e2" ] || fail "$* | $cut: $cut: $(head -c 300 "$T/e2")"
	case $rc in
	0 | 1 | 141) ;;
	124) fail "$* | $cut: timed out" ;;
	*) fail "$* | $cut: exit $rc" ;;
	esac
	if [ "$ign" -eq 1 ] && [ "$rc" -eq 141 ]; then
		fail "$*: killed by SIGPIPE though it was ignored"
	fi
}

for ign in 0 1; do
	cut="head -n 1"
	cutshort rv-clean "$T/big.txt"
	head -n 1 "$S/reviews.ft.txt" | rv-clean | same - "$T/out"
	cutshort sh -c 'rv-clean "$1" | rv-stem' sh "$T/big.txt"
	head -n 1 "$T/s.txt" | same - "$T/out"
	cutshort rv-stem "$T/big.txt"
	cutshort rv-predict -m "$T/m.rvm" "$T/big.rvt"
	rv-predict -m "$T/m.rvm" "$T/big.rvt" | head -n 1 | same - "$T/out"
	cutshort rv-predict -p -m "$T/m.rvm" "$T/big.rvt"
	cutshort rv-tokenize -d -v "$T/v.txt" "$T/big.rvt"
	cut="head -c 10"
	cutshort rv-tokenize -v "$T/v.txt" -n 30 "$T/big.txt"
	head -c 10 "$T/big.rvt" | same - "$T/out"
	cutshort rv-tokenize -z -v "$T/v.txt" -n 30 "$T/big.txt"
	cutshort rv-wordfreq "$T/big.txt"
done
exit 0
