# A block that fails, or answers fewer lines than it was given, fails its
# file: a message, exit 1, and no output that looks complete.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/res" "$T/wrap" "$T/tmp"
for i in 1 2 3 4 5; do cat "$S/reviews.ft.txt"; done > "$T/in/a.txt"
# rv-predict as usual, except for the third block (the first call checks the model)
cat > "$T/wrap/rv-predict" <<- EOF2
	#!/bin/sh
	n=\$(cat "$T/calls" 2> /dev/null || echo 0)
	n=\$((n + 1))
	echo \$n > "$T/calls"
	if [ \$n -eq 4 ]; then
		case \$RV_FAIL in
		exit) echo "rv-predict: injected failure" >&2; exit 1 ;;
		short) "$RV_BIN/rv-predict" "\$@" | sed 1d; exit 0 ;;
		esac
	fi
	exec "$RV_BIN/rv-predict" "\$@"
EOF2
chmod +x "$T/wrap/rv-predict"

RV_FAIL=exit TMPDIR=$T/tmp PATH=$T/wrap:$PATH expect_exit 1 rv-batch -b 8k -j 1 -m "$T/m.rvm" "$T/in" "$T/res"
err_has "rv-predict: injected failure"
err_has "rv-batch: $T/in/a.txt: failed (parallel exit 1); no output written"
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"
[ -z "$(ls -A "$T/tmp")" ] || fail "temporary files left: $(ls -A "$T/tmp")"

rm "$T/calls"
RV_FAIL=short TMPDIR=$T/tmp PATH=$T/wrap:$PATH expect_exit 1 rv-batch -b 8k -j 1 -m "$T/m.rvm" "$T/in" "$T/res"
err_has "rv-batch: $(hostname): a block of "
err_has "rv-batch: $T/in/a.txt: failed (parallel exit 1); no output written"
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"
[ -z "$(ls -A "$T/tmp")" ] || fail "temporary files left: $(ls -A "$T/tmp")"

# and without the fault, the same run succeeds
TMPDIR=$T/tmp PATH=$T/wrap:$PATH expect_exit 0 rv-batch -b 8k -j 1 -m "$T/m.rvm" "$T/in" "$T/res"
[ "$(wc -l < "$T/res/a.txt.tsv")" -eq 205 ] || fail "a.txt.tsv"
