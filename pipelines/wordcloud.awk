# wordcloud.awk: gnuplot "set label" commands for an rv-wordcloud layout.
# Usage: awk -F '\t' -v col='#rrggbb' -f wordcloud.awk layout.tsv
function hex(s,   i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
	return v
}
NR == 1 { next }
{ w[NR] = $1; x[NR] = $2; y[NR] = $3; fs[NR] = $4; if (NR == 2 || $4 > mx) mx = $4; if (NR == 2 || $4 < mn) mn = $4 }
END {
	r = hex(substr(col, 2, 2)); g = hex(substr(col, 4, 2)); b = hex(substr(col, 6, 2))
	for (i = 2; i <= NR; i++) {
		t = mx > mn ? (fs[i] - mn) / (mx - mn) : 1
		k = 0.45 + 0.55 * t	# share of the class colour, the rest a light grey
		s = w[i]
		gsub(/\\/, "\\\\", s)
		gsub(/"/, "\\\"", s)
		printf "set label %d \"%s\" at %s,%s center font \",%.2f\" tc rgb \"#%02x%02x%02x\" noenhanced front\n", \
		    i + 10, s, x[i], y[i], fs[i] * 0.75, \
		    k * r + (1 - k) * 150, k * g + (1 - k) * 160, k * b + (1 - k) * 170
	}
}
