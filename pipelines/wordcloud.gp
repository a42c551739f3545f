# wordcloud.gp: draw a layout made by rv-wordcloud(1) as labels.
# Variables: in (layout TSV: word x y fontsize width height, pixels, origin
# bottom left), class (name, picks the colour), title, out, size (the PNG
# size; the layout must have been made for width,height-top).
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
if (!exists("top")) top = 50
if (!exists("title")) title = 'Word cloud: '.classname(class)
unset border; unset tics; unset grid
set xrange [0:W]
set yrange [0:H-top]
set lmargin at screen 0; set rmargin at screen 1
set bmargin at screen 0; set tmargin at screen 1.0*(H-top)/H
# Darker and larger for heavier words: shade from light to the class colour.
col = classcolor(class)
r0 = int('0x'.col[2:3]); g0 = int('0x'.col[4:5]); b0 = int('0x'.col[6:7])
set palette model RGB functions (0.45+0.55*(1-gray))*(1-gray)*0+ (r0/255.0)*(0.55+0.45*gray) + (1-gray)*0.35*(1-r0/255.0), \
    (g0/255.0)*(0.55+0.45*gray) + (1-gray)*0.35*(1-g0/255.0), \
    (b0/255.0)*(0.55+0.45*gray) + (1-gray)*0.35*(1-b0/255.0)
unset colorbox
stats in using 4 nooutput
fmax = STATS_max; fmin = STATS_min
set cbrange [fmin:fmax+0.001]
# An enhanced-text label at the word's own size (points = pixels * 3/4).
lab(w, px) = sprintf('{/=%.1f %s}', px*0.75, w)
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	set title title font ',16' offset 0,0
	set label 1 title at screen 0.5, screen 1.0-25.0/H center font ',16' front
	unset title
	plot in using 2:3:(lab(strcol(1), $4)):4 every ::1 with labels center tc palette
	set output
}
