# Every program answers -h with a usage line on stderr and exit 2, and an
# unknown option the same way; the usage names the program.
. "$RV_TOP/tests/lib.sh"
for t in "$RV_TOP"/tools/rv-*.c; do
	n=${t##*/}; n=${n%.c}
	expect_exit 2 "$n" -h
	err_has "usage: $n"
	[ ! -s "$T/out" ] || fail "$n -h wrote to stdout"
	expect_exit 2 "$n" --no-such-option-xyz
	[ ! -s "$T/out" ] || fail "$n with a bad option wrote to stdout"
done
