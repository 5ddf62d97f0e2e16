# jiceng: `make run` and `make test` do everything on a fresh Debian 12 machine.
BUILD_DIR ?= build
DB ?= var/jiceng.db
PORT ?= 8080
JOBS ?= $(shell nproc)
# For demos only: one known password for every demo account, no forced change.
DEMO_PASSWORD ?=
DEMO_FLAGS = $(if $(DEMO_PASSWORD),--demo-password '$(DEMO_PASSWORD)',)

.PHONY: all deps build web run test test-standby e2e db db-reset bench bench-http bench-rollup bench-import bench-pages bench-sheet format clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release > /dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@npm run --silent build:web -- --logLevel warn

# The browser UI alone (web/ → web/dist/), which `jiceng serve` serves.
web: deps
	@npm run --silent build:web -- --logLevel warn

# The Qinghai demo database, created once; `make db-reset` starts it again.
$(DB): | build
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/jiceng init --db $(DB) --province 63 --demo $(DEMO_FLAGS)

db: build $(DB)

db-reset: build
	$(BUILD_DIR)/jiceng init --db $(DB) --province 63 --demo --force $(DEMO_FLAGS)

run: build $(DB)
	$(BUILD_DIR)/jiceng serve --db $(DB) --port $(PORT)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	bash scripts/test-postgres.sh $(BUILD_DIR) $(JOBS)
	JICENG_BIN=$(BUILD_DIR)/jiceng npm run --silent e2e

# Failover to a synchronous streaming standby with no acknowledged write lost (2–4 minutes here, so not in `make
# test`): PostgreSQL primary and standby on ports 18600–18603 unless PORT_BASE says otherwise; doc/scale.md.
test-standby: build
	bash scripts/test-standby.sh $(BUILD_DIR)

# The browser tests alone (headless chromium against `jiceng serve`); screenshots in build/e2e-screenshots/.
e2e: build
	JICENG_BIN=$(BUILD_DIR)/jiceng npm run --silent e2e

bench: build
	bash bench/init.sh

bench-http: build
	bash bench/http/run.sh

# A 100,000-row roster .xlsx previewed and imported into a fresh demo database (JSON: seconds, peak RSS).
bench-import: build
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target make_roster > /dev/null
	bash bench/import.sh $(BUILD_DIR)/jiceng $(BUILD_DIR)/make_roster

# The spreadsheet reader on a generated 100,000-row × 15-column .xlsx; one JSON line.
bench-sheet: build
	bash bench/sheet.sh
# How soon each page shows its data in headless chromium: median of 5 warm-cache loads per page and role, JSON.
bench-pages: build
	JICENG_BIN=$(BUILD_DIR)/jiceng node bench/pages/run.mjs

# National scale (≥10M members): several minutes and a few GB under $$TMPDIR; see README.
bench-rollup: build
	bash bench/rollup.sh

format:
	find src -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
