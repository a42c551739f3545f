# serve.mk: `make serve` runs lighttpd on 127.0.0.1 with the web form (rv.cgi) and the
# experiment report until Ctrl-C (pipelines/serve.sh, pipelines/lighttpd.conf, rv.cgi(8));
# By default a model server (rv-classify -s) loads the model once and rv.cgi asks it
# (rv-page -s); DAEMON=0 has rv.cgi start rv-classify for every request instead.
# Logs: $(B)/serve/error.log and cgi.log.  The top Makefile includes it.
#   PORT     the port (8080)
#   DAEMON   1 (the default): also run rv-classify -s, the model server that loads the
#            model once for all of rv.cgi's requests; 0: rv.cgi runs the model itself
#   MODEL    the model the form uses (default the experiment's, $(EXP)/model.rvm)
#   EXP      the experiment whose report is served under /report/ (experiment.mk)
#   TIMEOUT  rv.cgi's time limit per request in seconds (10)

PORT    ?= 8080
S_EXP    = $(or $(EXP),$(B)/exp/default)
MODEL   ?= $(S_EXP)/model.rvm
TIMEOUT ?= 10
DAEMON  ?= 1

.PHONY: serve
serve: all
	sh pipelines/serve.sh $(if $(filter 1 yes,$(DAEMON)),-d) -p $(PORT) -t $(TIMEOUT) -s $(B)/serve $(if $(wildcard $(S_EXP)/.),-r $(S_EXP)) \
	    $(B)/bin $(MODEL)
