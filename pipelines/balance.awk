# balance.awk: reviews per class in each split, from fastText files.
# Usage: awk -f balance.awk -v classes='1 2' [-v train_n=N] train.ft.txt valid.ft.txt test.ft.txt
# Writes "split<TAB>CLASS..." then one row per file, named by its base name
# without .ft.txt; with train_n only the first N lines of the train file count.
BEGIN {
	nc = split(classes, cl, " ")
	printf "split"
	for (i = 1; i <= nc; i++)
		printf "\t%s", cl[i]
	printf "\n"
}
FNR == 1 {
	nf++
	name[nf] = FILENAME
	sub(/.*\//, "", name[nf])
	sub(/\.ft\.txt$/, "", name[nf])
}
name[nf] == "train" && train_n != "" && FNR > train_n + 0 { next }
substr($1, 1, 9) == "__label__" { n[nf, substr($1, 10)]++ }
END {
	for (f = 1; f <= nf; f++) {
		printf "%s", name[f]
		for (i = 1; i <= nc; i++)
			printf "\t%d", n[f, cl[i]]
		printf "\n"
	}
}
