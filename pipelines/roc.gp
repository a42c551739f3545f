# roc.gp: the ROC curve of the positive (last) class, with its AUC.
# in: TSV "fpr<TAB>tpr<TAB>threshold", points in order of falling threshold;
# auc: the area under the curve; class: the positive class's name.
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
if (!exists("class")) class = '2'
# The point where the threshold crosses 0.5: the classifier's operating point.
op = system("awk -F '\t' 'NR > 1 && $3 >= 0.5 { x = $1; y = $2 } END { print x + 0, y + 0 }' '".in."'")
set size ratio -1
set xrange [0:1]
set yrange [0:1]
set xtics 0.2
set ytics 0.2
set xlabel 'false positive rate (1 - specificity)'
set ylabel 'true positive rate (recall)'
set key bottom right font ',12'
set title sprintf('ROC curve, %s class (test set)', classname(class))
set style fill transparent solid 0.12 noborder
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	plot in using 1:2 every ::1 with filledcurves y1=0 lc rgb classcolor(class) notitle, \
	     in using 1:2 every ::1 with lines lw 2 lc rgb classcolor(class) title sprintf('%s (AUC = %.4f)', classname(class), auc), \
	     x with lines dt 2 lc rgb '#888888' title 'chance (AUC = 0.5)', \
	     '+' using (real(word(op, 1))):(real(word(op, 2))) every ::0::0 with points pt 7 ps 1.5 lc rgb '#222222' \
	        title sprintf('threshold 0.5 (FPR %.3f, TPR %.3f)', real(word(op, 1)), real(word(op, 2)))
	set output
}
