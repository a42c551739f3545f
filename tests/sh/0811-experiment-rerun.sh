#!/bin/sh
# make experiment again re-runs nothing; a new vocabulary size re-runs the
# vocabulary and what follows it, and nothing before it.
. "$RV_TOP/tests/lib.sh"
command -v gnuplot > /dev/null || skip "no gnuplot"

xmake() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$RV_TOP" --no-print-directory \
	    RVBIN="$RV_BIN" SPLIT= EXP="$T/exp" CHART_SIZE=480,320 SEQLEN=40 EPOCHS=1 THREADS=1 \
	    TRAIN_OPTS='--embed 8 --hidden 8 --dense 8' "$@"
}
expect_exit 0 xmake VOCAB=300 experiment
[ -f "$T/exp/report.html" ] || fail "no report"

# Up to date: make -q agrees, and a real run touches nothing.
expect_exit 0 xmake -q VOCAB=300 experiment
sleep 1
touch "$T/mark"
expect_exit 0 xmake VOCAB=300 experiment
find "$T/exp" -newer "$T/mark" -type f > "$T/newer"
[ ! -s "$T/newer" ] || fail "a second run remade: $(cat "$T/newer")"

# A new vocabulary size: make -q says so (reading the makefile already records the
# new option in opts/vocab), then exactly the later stages re-run.
expect_exit 1 xmake -q VOCAB=200 experiment
sleep 1
touch "$T/mark"
expect_exit 0 xmake VOCAB=200 experiment
grep -q -- '-n 200' "$T/exp/opts/vocab" || fail "opts/vocab: $(cat "$T/exp/opts/vocab")"
for f in vocab.txt tensors/train.rvt tensors/valid.rvt tensors/test.rvt model.rvm \
    train-log.tsv metrics.json predictions.tsv charts/training.png charts/confusion.png \
    charts/roc.png report.html; do
	[ "$T/exp/$f" -nt "$T/mark" ] || fail "$f was not remade after VOCAB changed"
done
for f in opts/prep opts/tensor opts/train clean/train.txt clean/test.txt stem/train.txt \
    stem/valid.txt eda/words.tsv eda/lengths.tsv eda/balance.tsv charts/balance.png \
    charts/lengths.png charts/topwords.png charts/wordcloud-1.png charts/wordcloud-2.png; do
	[ -f "$T/exp/$f" ] || fail "no $f"
	[ "$T/exp/$f" -nt "$T/mark" ] && fail "$f was remade, but it comes before the vocabulary"
done
[ "$(grep -cv '^#\|^__label__' "$T/exp/vocab.txt")" -le 200 ] || fail "vocab.txt has more than 200 words"
expect_exit 0 xmake -q VOCAB=200 experiment
