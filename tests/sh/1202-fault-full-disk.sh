# A full disk while rv-train writes its model, or its checkpoint: a one-line
# message naming the file and the reason, exit 1, no temporary file left, and
# the previous model byte-identical.  The disk is a 64 KiB tmpfs in a mount
# namespace of this test's own (as root), else a file size limit (ulimit -f).
if [ -z "${RV_FAULT_NS:-}" ] && [ "$(id -u)" -eq 0 ] &&
    unshare -m true 2> /dev/null; then
	RV_FAULT_NS=1 exec unshare -m sh "$0" "$@"
fi
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
mkdir "$T/disk"
small="-q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v $T/v.txt"
big="-q -e 1 -b 8 --embed 64 --hidden 64 --dense 16 -t 1 -v $T/v.txt"
d=$T/disk
if [ -n "${RV_FAULT_NS:-}" ] && mount -t tmpfs -o size=64k rv-test "$d" 2> /dev/null; then
	limit=
	reason="No space left on device"
else
	limit="ulimit -f 128;"	# 128 blocks of 512 bytes
	reason="File too large"
fi
# run rv-train under the limit, the signal of a too large file ignored
train() {
	want=$1
	shift
	expect_exit "$want" sh -c "trap '' XFSZ; $limit exec rv-train \"\$@\"" rv-train "$@"
}

# the previous model fits
train 0 $small --checkpoint "$T/ck" -o "$d/m.rvm" "$T/s.rvt"
cp "$d/m.rvm" "$T/before.rvm"
[ "$(wc -c < "$d/m.rvm")" -lt 16384 ] || fail "the small model is too big: $(wc -c < "$d/m.rvm")"

# a bigger one does not: the model write fails (with the checkpoint
# elsewhere, so only on the tmpfs: a size limit holds for every file)
if [ -z "$limit" ]; then
	train 1 $big --checkpoint "$T/ck" -o "$d/m.rvm" "$T/s.rvt"
	err_has "rv-train: $d/m.rvm: $reason"
	err_lines 1
	same "$T/before.rvm" "$d/m.rvm"
	ls "$d" | grep -q tmp && fail "temporary file left: $(ls "$d")"
fi

# nor does its checkpoint, written after the first epoch
train 1 $big -o "$d/m.rvm" "$T/s.rvt"
err_has "rv-train: $d/m.rvm.ckpt: $reason"
err_lines 1
same "$T/before.rvm" "$d/m.rvm"
ls "$d" | grep -q tmp && fail "temporary file left: $(ls "$d")"
[ ! -e "$d/m.rvm.ckpt" ] || fail "a checkpoint was left"

if [ -z "$limit" ]; then
	umount "$d"
fi
exit 0
