# confusion.gp: the confusion matrix as a heat map with the counts in the cells.
# in: TSV "true<TAB>pred<TAB>count<TAB>share", one row per cell, K*K rows in
# class order (true class major); share is count over the true class's total.
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
N = int(system("awk 'END { print NR - 1 }' '".in."'"))
K = int(sqrt(N) + 0.5)
# Class names in order: the true column of rows 1, K+1, 2K+1, ...
names = system(sprintf("awk -F '\t' 'NR > 1 && (NR - 2) %% %d == 0 { printf \"%%s \", $1 }' '%s'", K, in))
unset grid
set border 0
set size ratio -1
set xrange [-0.5:K - 0.5]
set yrange [K - 0.5:-0.5]
set cbrange [0:100]
set palette defined (0 '#f4f6f8', 40 '#9ab3cf', 100 '#1b3a5c')
set cblabel 'share of the true class (%)'
set colorbox vertical user origin graph 1.05, graph 0 size graph 0.04, graph 1
set xlabel 'predicted class' font ',12'
set ylabel 'true class' font ',12'
set xtics scale 0 font ',12' ()
set ytics scale 0 font ',12' ()
do for [i=1:K] {
	set xtics add (classname(word(names, i)) i - 1)
	set ytics add (classname(word(names, i)) i - 1)
}
unset x2tics; unset y2tics
set title 'Confusion matrix (test set)'
set style fill solid 1.0 border lc rgb 'white'
cell(t) = sprintf('{/:Bold %d}\n%.1f%%', column(3), 100 * column(4))
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	plot in using (int($0) % K):(int($0) / K):(0.5):(0.5):(100 * $4) every ::1 with boxxyerror fc palette, \
	     in using (int($0) % K):(int($0) / K):(cell(0)):($4 > 0.55 ? 0xffffff : 0x1b2631) every ::1 \
	        with labels font ',16' tc rgb variable
	set output
}
