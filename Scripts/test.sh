#!/usr/bin/env bash
# Runs the whole test suite: the Swift tests (under a throwaway PostgreSQL server, which the
# PostgresWarehouse tests need), then a check that the committed Jinja2 fixture outputs still
# match what Python's Jinja2 renders.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
bash Scripts/with_postgres.sh swift test --skip-build
python3 Scripts/generate_jinja_fixtures.py --check
