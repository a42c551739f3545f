# A tensor stream with one byte changed, at 100 positions (one per trial,
# from fixed seeds), plain and gzip: rv-predict and rv-tokenize -d refuse it
# with a one-line message and exit 1, or read it; never a crash.  What they
# print is right: before a refusal, the lines of the records before the
# damage; when read, the lines of every record but the damaged one.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 20 < "$T/s.txt" > "$T/s.rvt"
gzip -n -c "$T/s.rvt" > "$T/s.rvt.gz"
rv-train -q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v "$T/v.txt" \
    -o "$T/m.rvm" "$T/s.rvt"
rv-predict -m "$T/m.rvm" "$T/s.rvt" > "$T/want.predict"
rv-tokenize -d -v "$T/v.txt" "$T/s.rvt" > "$T/want.dump"
n=$(wc -l < "$T/s.txt")
[ "$(wc -l < "$T/want.predict")" -eq "$n" ] || fail "rv-predict: $(wc -l < "$T/want.predict") lines"

# flip FILE SEED OUT: OUT is FILE with the byte at a position drawn from
# SEED xor-ed with a non-zero value drawn from it too; prints the position.
flip() {
	x=$(( ($2 * 1103515245 + 12345) % 2147483648 ))
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	pos=$(( x % $(wc -c < "$1") ))
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	mask=$(( x / 65536 % 255 + 1 ))
	old=$(od -An -tu1 -j "$pos" -N 1 "$1" | tr -d ' ')
	cp "$1" "$3"
	printf "\\$(printf %03o $(( old ^ mask )))" |
		dd of="$3" bs=1 seek="$pos" conv=notrunc 2> /dev/null
	echo "$pos"
}

# check WHAT PROG WANT: the last run ($rc, $T/out, $T/err) of PROG exited
# 0 with all lines but at most one as in WANT, or 1 with one message and a
# first part of WANT.
check() {
	case $rc in
	0)
		[ ! -s "$T/err" ] || fail "$1: exit 0 with: $(cat "$T/err")"
		[ "$(wc -l < "$T/out")" -eq "$(wc -l < "$3")" ] ||
			fail "$1: $(wc -l < "$T/out") lines, not $(wc -l < "$3")"
		d=$(diff "$3" "$T/out" | grep -c '^>' || true)
		[ "$d" -le 1 ] || fail "$1: $d lines differ"
		;;
	1)
		err_lines 1
		grep -q "^$2: " "$T/err" || fail "$1: message: $(cat "$T/err")"
		k=$(wc -l < "$T/out")
		head -n "$k" "$3" | cmp -s - "$T/out" ||
			fail "$1: printed what the good stream does not: $(diff "$3" "$T/out" | head -n 5)"
		;;
	*) fail "$1: exit $rc: $(head -c 500 "$T/err")" ;;
	esac
}

run() {
	set +e
	"$@" > "$T/out" 2> "$T/err"
	rc=$?
	set -e
}

for f in s.rvt s.rvt.gz; do
	refused=0
	seed=1
	while [ "$seed" -le 100 ]; do
		pos=$(flip "$T/$f" "$seed" "$T/bad")
		what="$f, seed $seed, byte $pos"
		run rv-predict -m "$T/m.rvm" "$T/bad"
		check "rv-predict: $what" rv-predict "$T/want.predict"
		[ $rc -eq 0 ] || refused=$((refused + 1))
		if [ $((seed % 2)) -eq 0 ]; then
			run rv-tokenize -d -v "$T/v.txt" "$T/bad"
			check "rv-tokenize -d: $what" rv-tokenize "$T/want.dump"
		fi
		seed=$((seed + 1))
	done
	# most bytes are ids, most changed ids are out of range
	[ "$refused" -ge 50 ] || fail "$f: only $refused of 100 refused"
done
exit 0
