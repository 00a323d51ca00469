# Two commands matter: `make run` and `make test`. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test lint unit clean screenshots

install: $(STAMP) $(CHROMIUM) $(CJK_FONT)

# The browser tests drive Debian's chromium (never a downloaded browser); a Chinese font
# makes the pages it renders (and the screenshots) legible.
$(CHROMIUM) $(CJK_FONT):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
		chromium chromium-driver fonts-wqy-zenhei

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Where `make run` serves: `make run PORT=8080`, or `HOST=0.0.0.0` for other machines too.
HOST ?= 127.0.0.1
PORT ?= 8000

run: install
	$(BIN)/kaohe demo
	$(BIN)/kaohe serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: install
	$(BIN)/pytest -n auto --dist loadfile

test: lint unit

# The screenshots in docs/screenshots/, taken by the browser tests.
screenshots: install
	KAOHE_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/browser

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache .hypothesis

# Benchmarks of the core and the read models (see bench/RESULTS.md). PostgreSQL runs when reachable,
# in throwaway schemas the scripts create and drop; the generated histories (kaohe_bench_history_N)
# are kept and reused, since a million events take long to make.
.PHONY: bench
bench: install
	$(BIN)/python -m bench.core --backend sqlite
	$(BIN)/python -m bench.rss --backend sqlite
	$(BIN)/python -m bench.core --backend postgres --url postgresql://postgres@127.0.0.1:5432/test
	$(BIN)/python -m bench.rss --backend postgres --url postgresql://postgres@127.0.0.1:5432/test
	$(BIN)/python -m bench.rebuild --events 1000000 --rounds 1 --parallel 1,2
	$(BIN)/python -m bench.live_lag --seconds 30 --history 20000
	$(BIN)/python -m bench.as_of --events 20000 --rounds 20
	$(BIN)/python -m bench.ledger
	$(BIN)/python -m bench.api_load --backend sqlite
	$(BIN)/python -m bench.api_load --backend postgres --url postgresql://postgres@127.0.0.1:5432/test --rounds 50
	$(BIN)/python -m bench.api_concurrency --url postgresql://postgres@127.0.0.1:5432/test
