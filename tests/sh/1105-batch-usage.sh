# Usage errors exit 2 with a message; missing directories exit 1.
. "$RV_TOP/tests/lib.sh"
mkdir "$T/in" "$T/res"
: > "$T/m.rvm"
u="usage: rv-batch [-b size] [-j jobs] [-l logfile] [-S host,...] -m model indir outdir"

expect_exit 2 rv-batch -h
err_has "$u"
err_lines 1
expect_exit 2 rv-batch "$T/in" "$T/res"
err_has "$u"
expect_exit 2 rv-batch -m "$T/m.rvm" "$T/in"
err_has "$u"
expect_exit 2 rv-batch -m "$T/m.rvm" "$T/in" "$T/res" "$T/res"
err_has "$u"
expect_exit 2 rv-batch -x -m "$T/m.rvm" "$T/in" "$T/res"
err_has "$u"
for j in 0 -1 x 1025 99999999999999999999 007; do
	expect_exit 2 rv-batch -j "$j" -m "$T/m.rvm" "$T/in" "$T/res"
	err_has "rv-batch: -j: '$j' is not a whole number in 1..1024"
	err_lines 1
done
for b in x 1x 1kk k -5 01k; do
	expect_exit 2 rv-batch -b "$b" -m "$T/m.rvm" "$T/in" "$T/res"
	err_has "rv-batch: -b: '$b' is not a size (digits, then k, K, m or M)"
done
for b in 999 2000M 99999999999999999999k; do
	expect_exit 2 rv-batch -b "$b" -m "$T/m.rvm" "$T/in" "$T/res"
	err_has "rv-batch: -b: '$b' is out of range (1k..1024M)"
done
[ -z "$(ls -A "$T/res")" ] || fail "usage errors touched outdir: $(ls -A "$T/res")"

expect_exit 1 rv-batch -m "$T/m.rvm" "$T/nodir" "$T/res"
err_has "rv-batch: $T/nodir: not a directory"
expect_exit 1 rv-batch -m "$T/m.rvm" "$T/in" "$T/nodir"
err_has "rv-batch: $T/nodir: not a directory"
expect_exit 1 rv-batch -m "$T/m.rvm" "$T/in" "$T/in/."
err_has "rv-batch: $T/in/.: the same directory as $T/in"
expect_exit 1 rv-batch -l "$T/nodir/log" -m "$T/m.rvm" "$T/in" "$T/res"
err_has "rv-batch: $T/nodir/log: cannot append"
