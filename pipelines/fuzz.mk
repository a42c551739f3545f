# fuzz.mk: libFuzzer targets for the parsers (included by the Makefile).
#   make fuzz FUZZ_SECONDS=60    build tests/fuzz/fuzz_*.c with clang, ASan
#                                and UBSan into build/fuzz-bin, run each for
#                                N seconds on a copy of its corpus, print a table
#   make fuzz-build              build only
#   make fuzz FUZZ_TARGETS='text form'   a subset
# Needs clang and libclang-rt-14-dev (.ci/packages).  Crash inputs are kept
# in build/fuzz-bin/crashes/NAME/; fixed ones go to tests/fuzz/regress/NAME/,
# which tests/unit/t_fuzzregress.c replays in make check.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 20
FUZZ_B        = build/fuzz-bin
FUZZ_SAN      = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_SRC      = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_ALL      = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_OBJ      = $(COMMON_SRC:%.c=$(FUZZ_B)/obj/%.o)
FUZZ_BINS     = $(FUZZ_ALL:%=$(FUZZ_B)/fuzz_%)
FUZZ_CPPFLAGS = -Icommon -I$(B)/gen -Itests/fuzz -D_GNU_SOURCE

.PHONY: fuzz fuzz-build
.PRECIOUS: $(FUZZ_B)/obj/common/%.o

fuzz-build: $(FUZZ_BINS)

$(FUZZ_B)/obj/common/%.o: common/%.c common/*.h $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer \
	    -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)
	sh tests/fuzz/run.sh $(FUZZ_B) $(FUZZ_SECONDS) $(FUZZ_TARGETS)
