# nokchwi: `make demo` runs the pipeline on generated calls; `make test` runs the tests.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)
APT_PACKAGES := libsndfile1-dev libopus-dev libogg-dev libsoxr-dev libsqlite3-dev pkg-config \
	asterisk-core-sounds-en-wav asterisk-moh-opsound-wav
DEMO_DIR ?= demo
DEMO_CALLS ?= 80
BIN_RELEASE := .build/release/nokchwi

.PHONY: deps build release test demo interop clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product nokchwi

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@# The web pages in a real browser (docs/web.md): Debian's chromium + chromedriver, when installed (.ci/run does).
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		python3 Tests/e2e/browser_test.py .build/debug/nokchwi .build/e2e; \
	else echo "browser test skipped: apt-get install chromium chromium-driver to run it"; fi

demo: release
	rm -rf $(DEMO_DIR)
	$(BIN_RELEASE) demo-data $(DEMO_DIR)/input --calls $(DEMO_CALLS)
	@echo "== a data home: catalog, encryption key, audit signing key, users (demo passwords; real ones are asked):"
	@eval "$$(bash .ci/demo-home.sh $(BIN_RELEASE) $(DEMO_DIR)/home)" && set -e && \
	$(BIN_RELEASE) ingest $(DEMO_DIR)/input/drop --pipeline Pipelines/default.yaml --home $(DEMO_DIR)/home && \
	echo && echo "== a second run archives nothing twice:" && \
	$(BIN_RELEASE) ingest $(DEMO_DIR)/input/drop --pipeline Pipelines/default.yaml --home $(DEMO_DIR)/home 2>/dev/null | sed -n '2,6p' && \
	echo && echo "== the first calls of the day (as the supervisor of every team):" && \
	NOKCHWI_TOKEN=$$NK_SUPERVISOR $(BIN_RELEASE) calls list --home $(DEMO_DIR)/home --limit 8 && \
	echo && echo "== quarantined inputs (left untouched in the drop folder):" && \
	$(BIN_RELEASE) quarantine list --home $(DEMO_DIR)/home && \
	echo && echo "== an evaluator sees only calls the QA queue assigned to them (none yet):" && \
	NOKCHWI_TOKEN=$$NK_EVALUATOR $(BIN_RELEASE) calls list --home $(DEMO_DIR)/home | tail -1 && \
	echo && echo "== the audit trail (every access above left an entry):" && \
	NOKCHWI_TOKEN=$$NK_ADMIN $(BIN_RELEASE) audit verify --home $(DEMO_DIR)/home && \
	echo && echo "== summary:" && \
	$(BIN_RELEASE) status --home $(DEMO_DIR)/home && \
	echo && echo "== QA (docs/qa.md): a qa-lead imports the rubric and draws November's sample, saying why each call was picked:" && \
	NOKCHWI_TOKEN=$$NK_ADMIN NOKCHWI_NEW_PASSWORD='demo qa lead passphrase' $(BIN_RELEASE) users add qalead --role qa-lead --home $(DEMO_DIR)/home >/dev/null && \
	NK_QALEAD=$$(NOKCHWI_PASSWORD='demo qa lead passphrase' $(BIN_RELEASE) login --user qalead --home $(DEMO_DIR)/home) && \
	NOKCHWI_TOKEN=$$NK_QALEAD $(BIN_RELEASE) rubrics import Pipelines/rubrics/municipal-call.yaml --home $(DEMO_DIR)/home && \
	NOKCHWI_TOKEN=$$NK_QALEAD $(BIN_RELEASE) qa sample --plan monthly --period 2026-11 --pipeline Pipelines/default.yaml --home $(DEMO_DIR)/home | tail -8 && \
	echo && echo "== the evaluator claims the next call and submits the bundled answer file:" && \
	QA_CALL=$$(NOKCHWI_TOKEN=$$NK_EVALUATOR $(BIN_RELEASE) qa next --pipeline Pipelines/default.yaml --home $(DEMO_DIR)/home --json | sed -n 's/.*"call_id" : "\(.*\)".*/\1/p') && \
	NOKCHWI_TOKEN=$$NK_EVALUATOR $(BIN_RELEASE) qa score $$QA_CALL --answers Fixtures/qa/municipal-call-answers.yaml --submit --home $(DEMO_DIR)/home && \
	echo && echo "== the QA report by agent:" && \
	NOKCHWI_TOKEN=$$NK_QALEAD $(BIN_RELEASE) report qa --by agent --from 2026-11-01 --to $$(TZ=Asia/Seoul date +%F) --pipeline Pipelines/default.yaml --home $(DEMO_DIR)/home
	@echo && echo "== supervisor reports: the ACD queue log, consultation records and surveys of the demo day (input/acd):"
	@set -e; H=$(DEMO_DIR)/home; B=$(BIN_RELEASE); A=$(DEMO_DIR)/input/acd; \
	arch=$$(NOKCHWI_PASSWORD='demo retention passphrase' $$B login --user archivist --home $$H); \
	adm=$$(NOKCHWI_PASSWORD='demo keys and users passphrase' $$B login --user admin --home $$H); \
	sup=$$(NOKCHWI_PASSWORD='demo team lead passphrase' $$B login --user supervisor --home $$H); \
	NOKCHWI_TOKEN=$$arch $$B import queue-log $$A/queue_log --home $$H; \
	NOKCHWI_TOKEN=$$arch $$B import consultations $$A/consultations.csv --home $$H; \
	NOKCHWI_TOKEN=$$arch $$B import surveys $$A/surveys.csv --home $$H; \
	NOKCHWI_TOKEN=$$adm $$B agents import $$A/agents.csv --home $$H; \
	NOKCHWI_TOKEN=$$sup $$B report queue --by total --from 2026-11-23 --to 2026-11-23 --home $$H; \
	NOKCHWI_TOKEN=$$sup $$B report talk --by team --from 2026-11-23 --to 2026-11-23 --home $$H
	@echo
	@echo "To go on in your shell: put nokchwi on PATH and name the demo home:"
	@echo "  export PATH=\"$(CURDIR)/.build/release:\$$PATH\" NOKCHWI_HOME=\"$(CURDIR)/$(DEMO_DIR)/home\""
	@echo "then act as one of the four demo users (demo passwords from .ci/demo-home.sh; a real deployment asks them):"
	@echo "  # supervisor of every team: calls list/show/analyze (talk metrics), status"
	@echo "  export NOKCHWI_TOKEN=\$$(NOKCHWI_PASSWORD='demo team lead passphrase' nokchwi login --user supervisor)"
	@echo "  # archivist: ingest, calls list/show (no metrics), export --reason, holds, retention, purge, scrub, quarantine, audit"
	@echo "  export NOKCHWI_TOKEN=\$$(NOKCHWI_PASSWORD='demo retention passphrase' nokchwi login --user archivist)"
	@echo "  # evaluator: qa next, qa score; calls show/analyze of the calls the QA queue assigned (the demo claimed one)"
	@echo "  export NOKCHWI_TOKEN=\$$(NOKCHWI_PASSWORD='demo rubric passphrase' nokchwi login --user evaluator)"
	@echo "  # admin: users, keys, audit"
	@echo "  export NOKCHWI_TOKEN=\$$(NOKCHWI_PASSWORD='demo keys and users passphrase' nokchwi login --user admin)"
	@echo "e.g. as the supervisor: nokchwi calls list --limit 5; nokchwi calls analyze ID. A refusal names the role that may."
	@echo
	@echo "== the web application (docs/web.md) on the demo home: start it, then open http://127.0.0.1:8080/ in a browser:"
	@echo "  $(BIN_RELEASE) serve --home $(DEMO_DIR)/home"
	@echo "  sign in as evaluator ('demo rubric passphrase'): the QA queue, 'take the next call', player, timeline, rubric form"
	@echo "  sign in as supervisor ('demo team lead passphrase'): the dashboard (from 2026-11-01), an agent's calls, the yearbook"
	@echo "  sign in as archivist ('demo retention passphrase'): retention classes, the purge (type the count due), holds, certificates, quarantine, audit and scrub status"

interop: release
	bash .ci/interop-check.sh $(BIN_RELEASE)

clean:
	rm -rf .build $(DEMO_DIR)
