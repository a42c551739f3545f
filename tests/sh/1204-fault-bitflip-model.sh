# A model with one byte changed, at 100 positions (one per trial, chosen
# from fixed seeds): every tool that reads models refuses it with a one-line
# message and exit 1 and prints nothing, or reads it correctly; never a
# crash, never a prediction from a damaged model.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 20 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v "$T/v.txt" \
    -o "$T/m.rvm" "$T/s.rvt"
rv-predict -m "$T/m.rvm" "$T/s.rvt" > "$T/want"
[ -s "$T/want" ] || fail "no predictions from the good model"
size=$(wc -c < "$T/m.rvm")

# flip FILE SEED OUT [POS]: OUT is FILE with the byte at a position drawn
# from SEED (or POS) xor-ed with a non-zero value drawn from SEED; prints
# the position.
flip() {
	x=$(( ($2 * 1103515245 + 12345) % 2147483648 ))
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	pos=${4:-$(( x % $(wc -c < "$1") ))}
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	mask=$(( x / 65536 % 255 + 1 ))
	old=$(od -An -tu1 -j "$pos" -N 1 "$1" | tr -d ' ')
	cp "$1" "$3"
	printf "\\$(printf %03o $(( old ^ mask )))" |
		dd of="$3" bs=1 seek="$pos" conv=notrunc 2> /dev/null
	echo "$pos"
}

# check WHAT RC PROG: the last run refused the model with one line from
# PROG, exit 1 and nothing on stdout, or did its work (exit 0).
check() {
	what=$1 rc=$2
	case $rc in
	0) ;;
	1)
		[ ! -s "$T/out" ] || fail "$what: exit 1 but printed: $(head -c 200 "$T/out")"
		err_lines 1
		grep -q "^$3: " "$T/err" || fail "$what: message: $(cat "$T/err")"
		;;
	*) fail "$what: exit $rc: $(head -c 500 "$T/err")" ;;
	esac
}

run() {
	set +e
	"$@" > "$T/out" 2> "$T/err"
	rc=$?
	set -e
}

# 100 positions from seeds 1..100, then one in each field of the header
# and in the checksum at the end
refused=0
seed=1
while [ "$seed" -le 110 ]; do
	case $seed in
	10[1-9] | 110) at=$(echo 0 7 8 12 16 20 24 28 $((size - 4)) $((size - 1)) |
	    cut -d' ' -f$((seed - 100))) ;;
	*) at= ;;
	esac
	pos=$(flip "$T/m.rvm" "$seed" "$T/bad.rvm" $at)
	cmp -s "$T/m.rvm" "$T/bad.rvm" && fail "seed $seed: nothing changed"
	what="seed $seed, byte $pos of $size"

	run rv-predict -m "$T/bad.rvm" "$T/s.rvt"
	check "rv-predict: $what" $rc rv-predict
	if [ $rc -eq 0 ]; then
		same "$T/want" "$T/out"
	else
		refused=$((refused + 1))
	fi
	run rv-tokenize -m "$T/bad.rvm" "$T/s.txt"
	check "rv-tokenize: $what" $rc rv-tokenize
	# the text tools read the same frame: every fourth trial is enough
	if [ $((seed % 4)) -eq 0 ]; then
		run rv-clean -m "$T/bad.rvm" "$S/reviews.ft.txt"
		check "rv-clean: $what" $rc rv-clean
		run rv-stem -m "$T/bad.rvm" "$T/s.txt"
		check "rv-stem: $what" $rc rv-stem
	fi
	seed=$((seed + 1))
done
# the checksum covers every byte: each of these is refused
[ "$refused" -eq 110 ] || fail "only $refused of 110 damaged models refused"
exit 0
