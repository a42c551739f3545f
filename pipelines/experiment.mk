# experiment.mk: the rv experiment as make rules; the top Makefile includes it.
#
#   make experiment      data -> cleaned -> stemmed -> vocabulary -> tensors -> model
#                        -> predictions -> metrics -> charts -> $(EXP)/report.html
#   make demo            build the programs, run the experiment with DEMO_EPOCHS epochs
#                        in $(B)/exp/demo, print the metrics and the report's path;
#                        FULL=1 runs the full default configuration ($(B)/exp/default)
#   make learning-curve  also train on the first 1k, 2k, 4k, 8k training reviews and
#                        chart test accuracy against training-set size
#   make exp-eda         only the data charts (no training)
#
# Options are make variables, recorded in the report:
#   SPLIT      directory with train.ft.txt, valid.ft.txt, test.ft.txt
#              (default ../shared/data/split, else a split of samples/reviews.ft.txt)
#   NAME, EXP  the experiment's directory, $(B)/exp/$(NAME) (NAME default "default")
#   RVBIN      where the rv programs are (default $(B)/bin)
#   TRAIN_N    train on the first N training reviews only (default: all)
#   PREP       preparation profile for rv-clean, rv-stem and rv-vocab, such as
#              'stemmer=english stopwords=default' (default 'stemmer=none
#              stopwords=none': the best on validation data, see rv-train(1))
#   VOCAB, MINCOUNT   rv-vocab -n and -m (30000, 1)
#   SEQLEN, KEEP      rv-tokenize -n and -k (256, head)
#   ARCH, EPOCHS, THREADS, TRAIN_OPTS   rv-train --arch, -e, -t and more options
#                     (default, the architecture's own epochs, 2, none)
#   CHART_SIZE        width,height of every chart in pixels (1000,620)
#   CLOUD_OPTS        rv-wordcloud options (-r -n 150)
#   LC_SIZES          training-set sizes of the learning curve (1000 2000 4000 8000)
#   DEMO_EPOCHS       epochs of `make demo` (3)
#   TOOLDEPS=no       a rebuilt rv program does not re-run the stages using it
#
# Each stage depends on a small file in $(EXP)/opts holding that stage's options,
# rewritten only when they change, so `make experiment VOCAB=5000` re-runs from the
# vocabulary on and running it again re-runs nothing.

EXP_REAL   ?= ../shared/data/split
SAMPLE     ?= samples/reviews.ft.txt
SPLIT      ?= $(if $(wildcard $(EXP_REAL)/train.ft.txt),$(EXP_REAL))
NAME       ?= default
EXP        ?= $(B)/exp/$(NAME)
RVBIN      ?= $(B)/bin
TRAIN_N    ?=
PREP       ?= stemmer=none stopwords=none
VOCAB      ?= 30000
MINCOUNT   ?= 1
SEQLEN     ?= 256
KEEP       ?= head
ARCH       ?= default
EPOCHS     ?=
THREADS    ?= 2
TRAIN_OPTS ?=
CHART_SIZE ?= 1000,620
CLOUD_OPTS ?= -r -n 150
LC_SIZES   ?= 1000 2000 4000 8000
DEMO_EPOCHS ?= 3
GNUPLOT    ?= gnuplot

.PHONY: experiment exp-eda exp-charts learning-curve demo

# Where the three splits come from: the given directory, or samples/ split 3:1:1.
X_DATA    = $(if $(SPLIT),$(SPLIT),$(EXP)/data)
X_SPLITS  = train valid test
X_TRAIN_ARGS = $(if $(ARCH),--arch $(ARCH)) $(if $(EPOCHS),-e $(EPOCHS)) \
	$(if $(THREADS),-t $(THREADS)) $(TRAIN_OPTS)
X_PREP_P  = $(if $(strip $(PREP)),-p $(EXP)/opts/prep)
X_GP      = pipelines
# Stages depend on the programs they run, so a rebuilt program re-runs them;
# TOOLDEPS=no makes the programs order-only prerequisites (built, never newer).
TOOLDEPS  ?= yes
X_TOOL    = $(if $(filter no,$(TOOLDEPS)),|)

# Class names, sorted (the class-id order of the vocabulary), from the training data.
X_CLASS_SRC = $(if $(SPLIT),$(SPLIT)/train.ft.txt,$(SAMPLE))
x_classes = $(sort $(shell sed -n 's/^__label__\([^ 	]*\).*/\1/p' '$(X_CLASS_SRC)' | sort -u))

# $(call x_stamp,name,printf arguments): keep $(EXP)/opts/name holding that text,
# rewriting it only when the text changes.  Run when make reads this file, and only
# when an experiment target is wanted.
x_q = '$(subst ','\'',$(1))'
x_stamp = $(shell mkdir -p '$(EXP)/opts' && printf $(2) > '$(EXP)/opts/$(1).new' && \
	if cmp -s '$(EXP)/opts/$(1).new' '$(EXP)/opts/$(1)'; then rm -f '$(EXP)/opts/$(1).new'; \
	else mv -f '$(EXP)/opts/$(1).new' '$(EXP)/opts/$(1)'; fi)

X_GOALS = $(filter experiment exp-% learning-curve $(EXP)/%,$(MAKECMDGOALS))
ifneq ($(X_GOALS),)
X_CLASSES := $(x_classes)
$(call x_stamp,data,'%s\n' $(call x_q,split=$(X_DATA) train_n=$(TRAIN_N)))
$(call x_stamp,prep,'%s\n' $(call x_q,$(PREP)))
$(call x_stamp,vocab,'%s\n' $(call x_q,-n $(VOCAB) -m $(MINCOUNT)))
$(call x_stamp,tensor,'%s\n' $(call x_q,-n $(SEQLEN) -k $(KEEP)))
$(call x_stamp,train,'%s\n' $(call x_q,$(strip $(X_TRAIN_ARGS))))
$(call x_stamp,chart,'%s\n' $(call x_q,size=$(CHART_SIZE) cloud=$(CLOUD_OPTS)))
$(call x_stamp,config,'%s\t%s\n' \
	data $(call x_q,$(if $(SPLIT),$(SPLIT),$(SAMPLE) (split 3:1:1))) \
	TRAIN_N $(call x_q,$(if $(TRAIN_N),$(TRAIN_N),all)) \
	PREP $(call x_q,$(if $(strip $(PREP)),$(PREP),default)) \
	VOCAB $(call x_q,$(VOCAB)) MINCOUNT $(call x_q,$(MINCOUNT)) \
	SEQLEN $(call x_q,$(SEQLEN)) KEEP $(call x_q,$(KEEP)) \
	ARCH $(call x_q,$(if $(ARCH),$(ARCH),default)) \
	EPOCHS $(call x_q,$(if $(EPOCHS),$(EPOCHS),the architecture's default)) \
	THREADS $(call x_q,$(THREADS)) TRAIN_OPTS $(call x_q,$(TRAIN_OPTS)) \
	CHART_SIZE $(call x_q,$(CHART_SIZE)) CLOUD_OPTS $(call x_q,$(CLOUD_OPTS)))
endif

comma := ,
X_EDA_CHARTS = balance lengths topwords $(X_CLASSES:%=wordcloud-%)
X_CHARTS     = $(X_EDA_CHARTS) training confusion roc

experiment: $(EXP)/report.html

# Files made by pattern rules that make would otherwise delete as intermediate.
.SECONDARY: $(X_SPLITS:%=$(EXP)/clean/%.txt) $(X_SPLITS:%=$(EXP)/stem/%.txt) \
	$(X_CLASSES:%=$(EXP)/eda/wordcloud-%.tsv) $(LC_SIZES:%=$(EXP)/lc/%/stem-train.txt)
exp-eda: $(X_EDA_CHARTS:%=$(EXP)/charts/%.png)
exp-charts: $(X_CHARTS:%=$(EXP)/charts/%.png)

# ---- data: the given split, or samples/ split by line number (3 train, 1 valid, 1 test)
$(EXP)/data/train.ft.txt $(EXP)/data/valid.ft.txt $(EXP)/data/test.ft.txt &: $(SAMPLE)
	@echo "experiment: $(if $(wildcard $(EXP_REAL)/train.ft.txt),SPLIT is empty,no $(EXP_REAL)/train.ft.txt);" \
	    "using $(SAMPLE) split 3:1:1" >&2
	@mkdir -p $(@D)
	awk -v d='$(@D)' '{ f = NR % 5 == 4 ? "valid" : NR % 5 == 0 ? "test" : "train"; \
	    print > (d "/" f ".ft.txt") }' $(SAMPLE)

# ---- cleaned and stemmed text, one line per review, labels kept
# With TRAIN_N, the first TRAIN_N training reviews (the file is in random order).
x_subset = $(and $(TRAIN_N),$(filter train,$*))
$(EXP)/clean/%.txt: $(X_DATA)/%.ft.txt $(EXP)/opts/data $(EXP)/opts/prep $(X_TOOL) $(RVBIN)/rv-clean
	@mkdir -p $(@D)
	$(if $(x_subset),head -n $(TRAIN_N) $< > $@.in && $(RVBIN)/rv-clean $(X_PREP_P) $@.in > $@.tmp && rm $@.in, \
	    $(RVBIN)/rv-clean $(X_PREP_P) $< > $@.tmp) && mv $@.tmp $@

$(EXP)/stem/%.txt: $(EXP)/clean/%.txt $(EXP)/opts/prep $(X_TOOL) $(RVBIN)/rv-stem
	@mkdir -p $(@D)
	$(RVBIN)/rv-stem $(X_PREP_P) $< > $@.tmp && mv $@.tmp $@

# ---- vocabulary, tensors, model, predictions and metrics, for the experiment and
# for each training-set size of the learning curve:
# $(call x_model,dir,stemmed training text)
define x_model
$(1)/vocab.txt: $(2) $$(EXP)/opts/vocab $$(EXP)/opts/prep $$(X_TOOL) $$(RVBIN)/rv-vocab
	$$(RVBIN)/rv-vocab -n $$(VOCAB) -m $$(MINCOUNT) $$(X_PREP_P) $$< > $$@.tmp && mv $$@.tmp $$@

$(1)/tensors/train.rvt: $(2) $(1)/vocab.txt $$(EXP)/opts/tensor $$(X_TOOL) $$(RVBIN)/rv-tokenize
	@mkdir -p $$(@D)
	$$(RVBIN)/rv-tokenize -n $$(SEQLEN) -k $$(KEEP) -v $(1)/vocab.txt $$< > $$@.tmp && mv $$@.tmp $$@

$(1)/tensors/valid.rvt $(1)/tensors/test.rvt: $(1)/tensors/%.rvt: $$(EXP)/stem/%.txt $(1)/vocab.txt \
    $$(EXP)/opts/tensor $$(X_TOOL) $$(RVBIN)/rv-tokenize
	@mkdir -p $$(@D)
	$$(RVBIN)/rv-tokenize -n $$(SEQLEN) -k $$(KEEP) -v $(1)/vocab.txt $$< > $$@.tmp && mv $$@.tmp $$@

$(1)/model.rvm $(1)/train-log.tsv &: $(1)/tensors/train.rvt $(1)/tensors/valid.rvt $(1)/vocab.txt \
    $$(EXP)/opts/train $$(X_TOOL) $$(RVBIN)/rv-train
	$$(RVBIN)/rv-train $$(strip $$(X_TRAIN_ARGS)) -v $(1)/vocab.txt -V $(1)/tensors/valid.rvt \
	    --log $(1)/train-log.tsv -o $(1)/model.rvm $(1)/tensors/train.rvt

$(1)/metrics.json: $(1)/model.rvm $(1)/tensors/test.rvt $$(X_TOOL) $$(RVBIN)/rv-predict
	$$(RVBIN)/rv-predict -e --json -m $(1)/model.rvm $(1)/tensors/test.rvt > $$@.tmp && mv $$@.tmp $$@
endef

$(eval $(call x_model,$(EXP),$(EXP)/stem/train.txt))

$(EXP)/metrics.txt: $(EXP)/model.rvm $(EXP)/tensors/test.rvt $(X_TOOL) $(RVBIN)/rv-predict
	$(RVBIN)/rv-predict -e -m $(EXP)/model.rvm $(EXP)/tensors/test.rvt > $@.tmp && mv $@.tmp $@

$(EXP)/metrics-valid.json: $(EXP)/model.rvm $(EXP)/tensors/valid.rvt $(X_TOOL) $(RVBIN)/rv-predict
	$(RVBIN)/rv-predict -e --json -m $(EXP)/model.rvm $(EXP)/tensors/valid.rvt > $@.tmp && mv $@.tmp $@

# Every class's probability per test review, for the ROC curve.
$(EXP)/predictions.tsv: $(EXP)/model.rvm $(EXP)/tensors/test.rvt $(X_TOOL) $(RVBIN)/rv-predict
	$(RVBIN)/rv-predict -p -m $(EXP)/model.rvm $(EXP)/tensors/test.rvt > $@.tmp && mv $@.tmp $@

# ---- what the charts draw
$(EXP)/eda/balance.tsv: $(X_SPLITS:%=$(X_DATA)/%.ft.txt) $(EXP)/opts/data
	@mkdir -p $(@D)
	awk -f $(X_GP)/balance.awk -v classes='$(X_CLASSES)' -v train_n='$(TRAIN_N)' \
	    $(X_SPLITS:%=$(X_DATA)/%.ft.txt) > $@.tmp && mv $@.tmp $@

$(EXP)/eda/lengths.tsv: $(EXP)/clean/train.txt $(X_TOOL) $(RVBIN)/rv-wordfreq
	@mkdir -p $(@D)
	$(RVBIN)/rv-wordfreq -l $< > $@.tmp && mv $@.tmp $@

$(EXP)/eda/words.tsv: $(EXP)/stem/train.txt $(X_TOOL) $(RVBIN)/rv-wordfreq
	@mkdir -p $(@D)
	$(RVBIN)/rv-wordfreq $< > $@.tmp && mv $@.tmp $@

$(EXP)/eda/wordcloud-%.tsv: $(EXP)/eda/words.tsv $(EXP)/opts/chart $(X_TOOL) $(RVBIN)/rv-wordcloud
	$(RVBIN)/rv-wordcloud $(CLOUD_OPTS) -c $* -s $(word 1,$(subst $(comma), ,$(CHART_SIZE))),$$(( \
	    $(word 2,$(subst $(comma), ,$(CHART_SIZE))) - 50 )) $< > $@.tmp && mv $@.tmp $@

$(EXP)/eda/test-labels.txt: $(EXP)/stem/test.txt
	@mkdir -p $(@D)
	awk '{ print substr($$1, 1, 9) == "__label__" ? substr($$1, 10) : "" }' $< > $@.tmp && mv $@.tmp $@

$(EXP)/eda/roc.tsv: $(EXP)/eda/test-labels.txt $(EXP)/predictions.tsv $(X_GP)/roc.sh
	sh $(X_GP)/roc.sh $(lastword $(X_CLASSES)) $(EXP)/eda/test-labels.txt $(EXP)/predictions.tsv \
	    > $@.tmp && mv $@.tmp $@

$(EXP)/eda/confusion.tsv: $(EXP)/metrics.json $(X_GP)/confusion.awk
	awk -f $(X_GP)/confusion.awk $< > $@.tmp && mv $@.tmp $@

# ---- charts: $(call x_plot,script,variables) writes $@ (PNG) and the SVG beside it
x_plot = @mkdir -p $(@D) && $(GNUPLOT) -e "gpdir='$(X_GP)'; out='$(basename $@).tmp'; \
	size='$(CHART_SIZE)'; $(2)" $(X_GP)/$(1).gp && mv $(basename $@).tmp.svg $(basename $@).svg && \
	mv $(basename $@).tmp.png $@ && echo "chart $@"
X_GPDEPS = $(X_GP)/style.gp $(EXP)/opts/chart

$(EXP)/charts/balance.png: $(EXP)/eda/balance.tsv $(X_GP)/balance.gp $(X_GPDEPS)
	$(call x_plot,balance,in='$<')
$(EXP)/charts/lengths.png: $(EXP)/eda/lengths.tsv $(X_GP)/lengths.gp $(X_GPDEPS)
	$(call x_plot,lengths,in='$<')
$(EXP)/charts/topwords.png: $(EXP)/eda/words.tsv $(X_GP)/topwords.gp $(X_GPDEPS)
	$(call x_plot,topwords,in='$<')
$(EXP)/charts/wordcloud-%.png: $(EXP)/eda/wordcloud-%.tsv $(X_GP)/wordcloud.gp $(X_GPDEPS)
	$(call x_plot,wordcloud,in='$<'; class='$*')
$(EXP)/charts/training.png: $(EXP)/train-log.tsv $(X_GP)/training.gp $(X_GPDEPS)
	$(call x_plot,training,in='$<')
$(EXP)/charts/confusion.png: $(EXP)/eda/confusion.tsv $(X_GP)/confusion.gp $(X_GPDEPS)
	$(call x_plot,confusion,in='$<')
$(EXP)/charts/roc.png: $(EXP)/eda/roc.tsv $(EXP)/metrics.json $(X_GP)/roc.gp $(X_GPDEPS)
	$(call x_plot,roc,in='$<'; class='$(lastword $(X_CLASSES))'; \
	    auc=$(or $(shell sed -n 's/.*"roc_auc":\([0-9.]*\).*/\1/p' $(EXP)/metrics.json),NaN))

# ---- the report
$(EXP)/report.html: $(X_CHARTS:%=$(EXP)/charts/%.png) $(EXP)/metrics.json $(EXP)/metrics-valid.json \
    $(EXP)/metrics.txt $(EXP)/train-log.tsv $(EXP)/opts/config $(X_GP)/report.sh
	sh $(X_GP)/report.sh $(EXP) > $@.tmp && mv $@.tmp $@
	@echo "report: $@"

# ---- the learning curve: the first N training reviews for each N in LC_SIZES,
# with the experiment's own valid and test sets and options; "all" is the experiment.
$(foreach n,$(LC_SIZES),$(eval $(call x_model,$(EXP)/lc/$(n),$(EXP)/lc/$(n)/stem-train.txt)))

$(EXP)/lc/%/stem-train.txt: $(EXP)/stem/train.txt
	@mkdir -p $(@D)
	head -n $* $< > $@.tmp && mv $@.tmp $@

$(EXP)/eda/learning.tsv: $(LC_SIZES:%=$(EXP)/lc/%/metrics.json) $(EXP)/metrics.json
	@mkdir -p $(@D)
	{ printf 'n\taccuracy\n'; for d in $(LC_SIZES:%=$(EXP)/lc/%) $(EXP); do \
	    t=$$d/stem-train.txt; [ -f $$t ] || t=$$d/stem/train.txt; \
	    printf '%s\t%s\n' $$(wc -l < $$t) $$(sed -n 's/.*"accuracy":\([0-9.]*\).*/\1/p' $$d/metrics.json); \
	done | sort -n | uniq; } > $@.tmp && mv $@.tmp $@ && cat $@

$(EXP)/charts/learning.png: $(EXP)/eda/learning.tsv $(X_GP)/learning.gp $(X_GPDEPS)
	$(call x_plot,learning,in='$<'; note='each model: the first N training reviews$(comma) \
	    $(if $(EPOCHS),$(EPOCHS) epochs,early stopping)$(comma) vocabulary $(VOCAB)$(comma) length $(SEQLEN)')

learning-curve: $(EXP)/charts/learning.png $(EXP)/report.html

# Asked for, the learning curve joins the report (report.sh leaves out one older
# than the model).
ifneq ($(filter learning-curve,$(MAKECMDGOALS)),)
$(EXP)/report.html: $(EXP)/charts/learning.png
endif

# ---- the demo: build, run, show.  FULL=1 runs the default experiment instead
# ($(B)/exp/default: the architecture's own epochs with early stopping).
X_DEMO = $(if $(filter command line,$(origin EXP)),$(EXP),$(B)/exp/$(if $(FULL),default,demo))
demo:
	$(MAKE) all
	@$(if $(SPLIT),echo "demo: data $(SPLIT)",echo "demo: no $(EXP_REAL)/train.ft.txt: running on $(SAMPLE) instead")
	$(MAKE) experiment EXP=$(X_DEMO) $(if $(FULL),,EPOCHS=$(if $(EPOCHS),$(EPOCHS),$(DEMO_EPOCHS)))
	@echo
	@cat $(X_DEMO)/metrics.txt
	@echo
	@echo "report: $(X_DEMO)/report.html"
