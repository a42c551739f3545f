# rv: one non-recursive Makefile.
#   make                 build every program into $(B)/bin
#   make check           run every test; ends with "N passed, N failed"
#   make check-sanitize  the whole suite again under ASan+UBSan (in build/asan)
#   make install PREFIX=/usr/local DESTDIR=
#   make bench, make demo, make clean
# Overrides: make CFLAGS='-O1 -g' B=build/dbg, make check EXEC=valgrind

PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
DATADIR   = $(PREFIX)/share/rv
B        ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra
ALL_CPPFLAGS = -Icommon -I$(B)/gen -D_GNU_SOURCE $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(CFLAGS)
# --as-needed: a program gets only the libraries it uses; the text filters
# do not link the network code (common/modelnet.c), so not OpenBLAS either,
# whose start-up runs a thread per core for a while on every exec
LDLIBS    = -Wl,--as-needed -lstemmer -lutf8proc -lopenblas -lz -lm -lpthread
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

COMMON_SRC = $(sort $(wildcard common/*.c))
COMMON_OBJ = $(COMMON_SRC:%.c=$(B)/%.o)
LIB        = $(B)/librv.a
TOOL_SRC   = $(sort $(wildcard tools/rv-*.c))
TOOLS      = $(TOOL_SRC:tools/%.c=$(B)/bin/%)
SCRIPTS    = $(sort $(wildcard tools/rv-*.sh))
CGI        = $(B)/bin/rv.cgi
UNIT_SRC   = $(sort $(wildcard tests/unit/t_*.c))
UNITS      = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MAN1       = $(sort $(wildcard man/*.1))
MAN5       = $(sort $(wildcard man/*.5))
MAN7       = $(sort $(wildcard man/*.7))
MAN8       = $(sort $(wildcard man/*.8))
DATA       = $(sort $(wildcard data/*.txt))
GEN        = $(B)/gen/stopwords_en.h

.PHONY: all deps check check-sanitize test install uninstall clean bench lint-man
.SUFFIXES:

all: $(TOOLS) $(UNITS) $(SCRIPTS:tools/%.sh=$(B)/bin/%) $(CGI)

$(B)/gen/stopwords_en.h: data/stopwords-en.txt
	@mkdir -p $(@D)
	{ echo '/* generated from data/stopwords-en.txt */'; \
	  echo 'static const char *const stopwords_en[] = {'; \
	  grep -v '^#' data/stopwords-en.txt | grep . | sed 's/.*/	"&",/'; \
	  echo '	0'; echo '};'; } > $@.tmp && mv $@.tmp $@

$(B)/common/%.o: common/%.c common/*.h $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(COMMON_OBJ)
	rm -f $@
	ar rcs $@ $(COMMON_OBJ)

$(B)/bin/%: tools/%.c $(LIB) common/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# without a model server rv.cgi runs rv-classify once per request: link
# OpenBLAS into rv-classify statically when its
# archive is installed (the dynamic loader's and OpenBLAS's start-up were
# a good part of each request; pipelines/bench-web.sh)
# $(call ARCHIVES,libx.a liby.a): "yes" when the compiler finds every archive
ARCHIVES = $(if $(strip $(foreach a,$(1),$(if $(filter /%,$(shell $(CC) -print-file-name=$(a))),,no))),,yes)
BLAS_STATIC := $(if $(call ARCHIVES,libopenblas.a libgfortran.a libquadmath.a),static)
BLAS_STATIC_LIBS = -Wl,-Bstatic -lopenblas -lgfortran -lquadmath -Wl,-Bdynamic
$(B)/bin/rv-classify: LDLIBS := -Wl,--as-needed -lstemmer -lutf8proc $(if $(BLAS_STATIC),$(BLAS_STATIC_LIBS),-lopenblas) -lz -lm -lpthread

# With the model server rv.cgi starts rv-page for every request: linked
# statically where libc.a is installed, which saves the dynamic loader's
# start-up, a tenth of a request (not under the sanitizers, which need it)
STATIC_LIBC := $(if $(call ARCHIVES,libc.a),-static)
NO_SAN = $(if $(findstring -fsanitize,$(CFLAGS) $(LDFLAGS)),,$(1))
$(B)/bin/rv-page: LDLIBS := $(call NO_SAN,$(STATIC_LIBC))

# The text filters too, where the archives of libc and of every library
# they use are installed: a pipeline starts five programs, and the dynamic
# loader was half of rv-clean's start-up (2 of 4 CPU-ms)
TEXT_STATIC := $(if $(call ARCHIVES,libc.a libstemmer.a libutf8proc.a libz.a),-static)
TEXT_FILTERS = rv-clean rv-stem rv-vocab rv-tokenize rv-wordfreq
$(TEXT_FILTERS:%=$(B)/bin/%): LDLIBS := $(LDLIBS) $(call NO_SAN,$(TEXT_STATIC))

$(B)/bin/%: tools/%.sh
	@mkdir -p $(@D)
	cp $< $@ && chmod +x $@

$(CGI): tools/rv.cgi
	@mkdir -p $(@D)
	cp tools/rv.cgi $@ && chmod +x $@

$(B)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB) common/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# t_fuzzregress includes the fuzz targets
$(B)/tests/t_fuzzregress: tests/fuzz/*.c tests/fuzz/fuzz.h

# deps: install the Debian packages in .ci/packages that are missing (root or sudo)
deps:
	sh pipelines/install-deps.sh

# The network's speed benchmark (not part of check): $(B)/bench/nnbench -h
$(B)/bench/nnbench: tests/bench/nnbench.c $(LIB) common/*.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

check test: all
	RV_BUILD=$(B) EXEC='$(EXEC)' sh tests/run.sh

# The whole suite rebuilt and run under AddressSanitizer and UBSan.
check-sanitize:
	$(MAKE) B=build/asan CFLAGS='$(SAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined' check

lint-man:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7) $(MAN8)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DATADIR)
	cp $(TOOLS) $(SCRIPTS:tools/%.sh=$(B)/bin/%) $(CGI) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	cp $(MAN8) $(DESTDIR)$(MANDIR)/man8/
	cp $(DATA) $(DESTDIR)$(DATADIR)/

uninstall:
	for f in $(TOOLS) $(SCRIPTS:tools/%.sh=$(B)/bin/%) $(CGI); do rm -f $(DESTDIR)$(BINDIR)/$${f##*/}; done
	for f in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${f##*/}; done
	for f in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${f##*/}; done
	for f in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${f##*/}; done
	for f in $(MAN8); do rm -f $(DESTDIR)$(MANDIR)/man8/$${f##*/}; done
	rm -rf $(DESTDIR)$(DATADIR)

bench: all $(B)/bench/nnbench
	sh pipelines/bench.sh $(B)

clean:
	rm -rf build

-include pipelines/experiment.mk
-include pipelines/serve.mk
-include pipelines/fuzz.mk
