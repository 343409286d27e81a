# Client Base: the commands a developer needs. Each works wherever python3 can
# import Odoo 18.0 and PostgreSQL is installed (see README.md).
SCALE ?= 333

.PHONY: demo test lint test-install test-replica test-load bench-data bench bench-scaling i18n

demo:            ## database client_base_demo with the demo story, served on :8069
	scripts/demo

test:            ## lint, Odoo's test runner on a fresh database, then pytest over tests/
	scripts/test

lint:            ## ruff and pylint-odoo, configured as OCA's 18.0 template
	scripts/lint

test-install:    ## each addon installs, uninstalls and installs again
	scripts/test-install

i18n:            ## translation templates exported by Odoo, ru.po and ro.po brought in line
	scripts/i18n-export "$$(scripts/odoo-env)" $(DB)

test-replica:    ## the suite served with a streaming read replica and 2 workers (not in make test)
	scripts/test-replica

test-load:       ## 20 users for 60 s on the bench base, 4 workers and a replica (not in make test)
	scripts/test-load

bench-data:      ## large generated base for benchmarks: make bench-data SCALE=333
	scripts/bench-data $(SCALE)

bench:           ## benchmarks on the base made by bench-data: the table of targets; fails on a miss
	python3 -m pytest tests/bench -s -p no:cacheprovider \
	    --odoo-config "$$(scripts/odoo-env)" --odoo-database "$${BENCH_DB:-client_base_bench}"

bench-scaling:   ## make bench at SCALE 33, 111 and 333 (bases made when missing): cost per 1,000 clients
	scripts/bench-scaling --run 33 111 333
