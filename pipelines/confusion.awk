# confusion.awk: the confusion matrix of rv-predict -e --json as one row per cell:
# "true<TAB>pred<TAB>count<TAB>share", share being count / the true class's total.
{
	s = $0
	# class names, in order: every "name":"..." in "classes"
	k = 0
	t = s
	while (match(t, /"name":"([^"\\]|\\.)*"/)) {
		name[k++] = substr(t, RSTART + 8, RLENGTH - 9)
		t = substr(t, RSTART + RLENGTH)
	}
	if (!match(s, /"confusion":\[\[[-0-9,\[\]]*\]\]/)) {
		print "confusion.awk: " FILENAME ": no confusion matrix" > "/dev/stderr"
		exit 1
	}
	m = substr(s, RSTART + 14, RLENGTH - 16)
	nr = split(m, row, /\],\[/)
	if (nr != k) {
		print "confusion.awk: " FILENAME ": " nr " rows for " k " classes" > "/dev/stderr"
		exit 1
	}
	print "true\tpred\tcount\tshare"
	for (i = 1; i <= nr; i++) {
		split(row[i], c, ",")
		tot = 0
		for (j = 1; j <= k; j++)
			tot += c[j]
		for (j = 1; j <= k; j++)
			printf "%s\t%s\t%d\t%.6f\n", name[i - 1], name[j - 1], c[j], tot ? c[j] / tot : 0
	}
	done = 1
}
END { if (!done) exit 1 }
