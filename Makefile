# tuyengiao — the two commands of the README:
#   make run   builds and runs the job on the embedded Input/ demo
#   make test  runs every test (unit, workbook read-back, independent checks)
SWIFT ?= swift
BIN := .build/release/tuyengiao

.PHONY: setup build run test test-swift check-workbooks check-documents check-peers check-plans check-template check-feedback check-levels check-reference demo-logs bench bench-growth bench-units fuzz mutate clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product tuyengiao
	$(SWIFT) build -c release --product tuyengiao-xls

# Exit 2 means "done, some rows rejected" (the demo has a few bad rows on purpose).
run: build
	@$(BIN) run; code=$$?; [ $$code -eq 0 ] || [ $$code -eq 2 ] || exit $$code

test: setup
	@bash scripts/setup.sh --python
	$(SWIFT) build --build-tests
	$(SWIFT) test
	python3 scripts/mutate.py --check-table
	$(MAKE) --no-print-directory check-workbooks check-documents check-peers check-reference check-plans check-template check-feedback check-levels

# An independent reader (openpyxl) opens the demo workbooks and checks sheets and figures.
check-workbooks: build
	python3 scripts/check-workbooks.py $(BIN)

# An independent reader (python-docx) opens the demo's Word reports: layout and figures.
check-documents: build
	python3 scripts/check-documents.py $(BIN)

# summary agrees with ../shared/bench/peers.py (duckdb) on generated data.
check-peers: build
	python3 scripts/compare-with-peers.py $(BIN)

# The same comparison with every fast path's plain twin (TUYENGIAO_REFERENCE=1): the peers'
# figures, and byte-identical outputs of summary and run either way.
check-reference: build
	python3 scripts/compare-with-peers.py $(BIN) --reference

# plan draft scored by ../shared/plans/score.py on the real documents (bar: mean 0.95).
check-plans: build
	python3 scripts/check-plan-drafts.py $(BIN)

# The log template filled in by openpyxl (and LibreOffice when installed) is read back by run.
check-template: build
	python3 scripts/check-template-roundtrip.py $(BIN)

# The units' feedback workbook fixed in place by openpyxl and sent back; the reminder letter.
check-feedback: build
	python3 scripts/check-feedback.py $(BIN)

# Three levels on the demo (issue 20): its tree split into committees that run on their own and
# send summaries up; the superior's totals and grassroots coverage equal one run over the raw logs.
check-levels: build
	python3 scripts/three_levels.py $(BIN)

# Benchmarks (not tests): tuyengiao against DuckDB, Polars and pandas on 1M and 10M rows,
# one file and 600 files; data in $$BENCH_DATA (default /tmp/tuyengiao-bench), ~2.2 GB.
bench: build
	$(SWIFT) build -c release --product bench-ingest
	@bash scripts/setup.sh --python --bench
	python3 scripts/bench.py
	python3 scripts/bench_growth.py

# The growth axes alone (issue 21): units, files, phases, months; run and summary, with
# DuckDB's figures alongside. BENCH_GROWTH_ARGS=--quick for the smaller points only.
bench-growth: build
	@bash scripts/setup.sh --python --bench
	python3 scripts/bench_growth.py $(BENCH_GROWTH_ARGS)

# The units' workbooks stage by stage on one thread (model, fingerprint, bytes, file): µs per
# unit of CPU time, steadier than whole runs on a shared VM. 10,000 units' data made once.
BENCH_DATA ?= /tmp/tuyengiao-bench
bench-units: build
	$(SWIFT) build -c release --product bench-units
	@[ -f $(BENCH_DATA)/growth/units-10000/plan.yaml ] || python3 scripts/gen_growth.py --out $(BENCH_DATA)/growth/units-10000 \
		--units 10000 --months 1 --phases 5 --rows-per-unit-month 20 >/dev/null
	.build/release/bench-units $(BENCH_DATA)/growth/units-10000 --units 3000

# Fuzzing (not a test): libFuzzer on the CSV and XLSX readers, FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 120
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Mutation testing (not a test): one-line mutations of the monthly rules and the fast paths,
# each built and tested in a scratch copy; every one must be killed.
mutate: setup
	python3 scripts/mutate.py

demo-logs:
	python3 scripts/make-demo-logs.py

clean:
	rm -rf .build Output/*.xlsx Output/*.json Output/*.csv Reports/*.txt
