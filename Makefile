# jiceng: `make run` and `make test` do everything on a fresh Debian 12 machine.
BUILD_DIR ?= build
DB ?= var/jiceng.db
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: all deps build run test db db-reset bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release > /dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The Qinghai demo database, created once; `make db-reset` starts it again.
$(DB): | build
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/jiceng init --db $(DB) --province 63 --demo

db: build $(DB)

db-reset: build
	$(BUILD_DIR)/jiceng init --db $(DB) --province 63 --demo --force

run: build $(DB)
	$(BUILD_DIR)/jiceng serve --db $(DB) --port $(PORT)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

bench: build
	bash bench/init.sh

format:
	find src -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
