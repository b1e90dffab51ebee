#!/bin/bash
# usage: scripts/compare_run_fixtures.sh GLOB
# Quick check while developing: runs target/release/pyvm on tests/fixtures/run/GLOB.pyc
# and compares stdout, exit status and the last stderr line with the committed
# CPython output (the cargo test run_conformance is the authoritative check).
cd "$(dirname "$0")/.."
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
pass=0; fail=0; failed=""
for py in tests/fixtures/run/$1.py; do
  b=${py%.py}
  exp_out=$(cat $b.stdout)
  exp_exit=$(cat $b.exit)
  exp_err=$(tail -n1 $b.stderr)
  out=$(timeout 10 ./target/release/pyvm $b.pyc 2>"$tmp" </dev/null); code=$?
  err=$(tail -n1 "$tmp")
  if [ "$out" == "$exp_out" ] && [ "$code" == "$exp_exit" ] && [ "$err" == "$exp_err" ]; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $(basename $b)"; fi
done
echo "pass=$pass fail=$fail"
for f in $failed; do echo "  $f"; done
