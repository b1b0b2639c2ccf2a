#!/usr/bin/env bash
# Foundation benchmark: demo generation and import of N services on SQLite and
# PostgreSQL, with wall time and peak memory, plus the round-trip check
# export -> import into an empty database -> export gives the same bytes.
#
#   bench/foundation.sh [N]        (default N = 100000)
#
# Needs GNU time (/usr/bin/time, Debian package `time`) and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
PG=postgres://postgres@127.0.0.1:5432
work=$(mktemp -d)
trap 'rm -rf "$work"; for db in wegwijs_bench_a wegwijs_bench_b; do psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done' EXIT
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

. bench/lib.sh

for db in wegwijs_bench_a wegwijs_bench_b; do
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
done

echo "| step ($N services, $(nproc) cores) | wall time | peak memory |"
echo "|---|---|---|"
WEGWIJS_LOG=info measure "demo: generate + write, SQLite" $bin --database-url "sqlite:$work/a.db" demo --scale "$N"
generation_ms=$(grep -o 'elapsed_ms=[0-9]*' "$work/err" | head -n 1 | cut -d= -f2 || true)
echo "| of which generation alone | $((generation_ms / 1000)).$(printf '%03d' $((generation_ms % 1000)) | cut -c1-2) s | |"
measure "demo: generate + write, PostgreSQL" $bin --database-url "$PG/wegwijs_bench_a" demo --scale "$N"
measure "export HSDS JSON, SQLite" $bin --database-url "sqlite:$work/a.db" export hsds --output "$work/a.json"
measure "import HSDS JSON into empty SQLite" $bin --database-url "sqlite:$work/b.db" import hsds "$work/a.json"
measure "import HSDS JSON into empty PostgreSQL" $bin --database-url "$PG/wegwijs_bench_b" import hsds "$work/a.json"
measure "re-import same file, SQLite (no changes)" $bin --database-url "sqlite:$work/b.db" import hsds "$work/a.json"
$bin --database-url "sqlite:$work/b.db" export hsds --output "$work/b.json" 2>/dev/null
$bin --database-url "$PG/wegwijs_bench_b" export hsds --output "$work/c.json" 2>/dev/null
echo
echo "export file: $(du -h "$work/a.json" | cut -f1)"
cmp -s "$work/a.json" "$work/b.json" && echo "round trip SQLite: identical" || { echo "round trip SQLite: DIFFERENT"; exit 1; }
cmp -s "$work/a.json" "$work/c.json" && echo "round trip PostgreSQL: identical" || { echo "round trip PostgreSQL: DIFFERENT"; exit 1; }
