# wordcloud.gp: draw a layout made by rv-wordcloud(1), one label per word.
# Variables: in (the layout: word x y fontsize width height, in pixels, origin
# bottom left), class (its name picks the colour), out, size, and top (the
# height of the title band, default 50): the layout must have been made for
# width,height-top of the chart's size.
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
if (!exists("top")) top = 50
if (!exists("title")) title = 'Word cloud: '.classname(class).' reviews'
unset border; unset tics; unset grid
set xrange [0:W]
set yrange [0:H-top]
set lmargin at screen 0; set rmargin at screen 1
set bmargin at screen 0; set tmargin at screen 1.0*(H-top)/H
set label 1 title at screen 0.5, screen 1.0-25.0/H center font ',16' front
# One "set label" per word: plain text (enhanced text would centre the words on
# the default font, not their own), font size in points = pixels * 3/4, colour
# from a pale shade of the class colour for the lightest word to the full colour.
labels = sprintf("< awk -F '\t' -v col='%s' -f '%s/wordcloud.awk' '%s'", classcolor(class), gpdir, in)
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	load labels
	plot NaN notitle
	set output
}
