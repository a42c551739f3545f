#!/bin/sh
# roc.sh: ROC curve points of one class from rv-predict -p output.
# Usage: sh roc.sh CLASS labels.txt predictions.tsv
# labels.txt has the true class of each review (one a line, empty when
# unlabelled); predictions.tsv has "label<TAB>prob<TAB>p(class 1)...": the
# score is the last column, the probability of the last class, which must be
# CLASS.  Writes "fpr<TAB>tpr<TAB>threshold" from (0,0) to (1,1), one point per
# distinct score.
set -eu
[ $# -eq 3 ] || { echo "usage: roc.sh class labels predictions" >&2; exit 2; }
class=$1
n1=$(wc -l < "$2")
n2=$(wc -l < "$3")
[ "$n1" -eq "$n2" ] || { echo "roc.sh: $2 has $n1 lines, $3 has $n2" >&2; exit 1; }
paste "$2" "$3" | awk -F '\t' -v c="$class" '$1 != "" { print $NF "\t" ($1 == c) }' |
sort -t "$(printf '\t')" -k1,1gr |
awk -F '\t' '
{ s[NR] = $1; y[NR] = $2; p += $2; n += !$2 }
END {
	if (!p || !n) { print "roc.sh: need reviews of both kinds" > "/dev/stderr"; exit 1 }
	print "fpr\ttpr\tthreshold"
	t0 = s[1] < 1 ? 1 : s[1]
	printf "0\t0\t%s\n", t0
	for (i = 1; i <= NR; i++) {
		tp += y[i]; fp += !y[i]
		if (i < NR && s[i + 1] == s[i])
			continue
		px = fp / n; py = tp / p
		printf "%.6f\t%.6f\t%s\n", px, py, s[i]
	}
}'
