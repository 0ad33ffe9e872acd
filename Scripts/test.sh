#!/usr/bin/env bash
# Runs the whole test suite: the Swift tests, then a check that the committed Jinja2 fixture
# outputs still match what Python's Jinja2 renders.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
python3 Scripts/generate_jinja_fixtures.py --check
