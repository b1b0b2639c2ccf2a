#!/usr/bin/env bash
# Open-data benchmark (issue 6): the HSDS API under load, and export and import of N
# services as HSDS JSON, as an HSDS tabular data package (CSV) and as a flat CSV, with
# wall time and peak memory, plus the round-trip checks.
#
#   bench/open-data.sh [N]        (default N = 100000)
#
# Needs GNU time (Debian `time`) and wrk (Debian `wrk`); installs them when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
DURATION=${DURATION:-30s}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for tool in time wrk; do
  command -v "$tool" >/dev/null || [ -x "/usr/bin/$tool" ] ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

. bench/lib.sh

$bin --database-url "sqlite:$work/a.db" demo --scale "$N" 2>/dev/null

echo "## $N services, $(nproc) cores, $(date -u +%F)"
echo
echo "| step | wall time | peak memory |"
echo "|---|---|---|"
measure "export HSDS JSON" $bin --database-url "sqlite:$work/a.db" export hsds --output "$work/a.json"
measure "export HSDS tabular package (folder of CSV)" $bin --database-url "sqlite:$work/a.db" export datapackage --output "$work/a-package"
measure "export HSDS tabular package (.zip)" $bin --database-url "sqlite:$work/a.db" export datapackage --output "$work/a-package.zip"
measure "export flat CSV" $bin --database-url "sqlite:$work/a.db" export csv --output "$work/a.csv"
measure "import HSDS JSON into empty SQLite" $bin --database-url "sqlite:$work/b.db" import hsds "$work/a.json"
measure "import HSDS tabular package into empty SQLite" $bin --database-url "sqlite:$work/c.db" import datapackage "$work/a-package"
measure "import HSDS tabular .zip, dry run" $bin --database-url "sqlite:$work/d.db" import datapackage --dry-run "$work/a-package.zip"
measure "re-import the same package (no changes)" $bin --database-url "sqlite:$work/c.db" import datapackage "$work/a-package"
grep -E "services: " "$work/err" | sed 's/^/re-import: /'
$bin --database-url "sqlite:$work/b.db" export hsds --output "$work/b.json" 2>/dev/null
$bin --database-url "sqlite:$work/c.db" export hsds --output "$work/c.json" 2>/dev/null
echo
echo "sizes: JSON $(du -h "$work/a.json" | cut -f1), package $(du -sh "$work/a-package" | cut -f1), zip $(du -h "$work/a-package.zip" | cut -f1), flat CSV $(du -h "$work/a.csv" | cut -f1)"
cmp -s "$work/a.json" "$work/b.json" && echo "round trip JSON → import → JSON: identical" || echo "round trip JSON: DIFFERENT"
cmp -s "$work/a.json" "$work/c.json" && echo "round trip package → import → JSON: identical" || echo "round trip package: DIFFERENT"

# The API: a server on the exported data, loaded by wrk from a second process.
port=18686
$bin --database-url "sqlite:$work/a.db" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 1; done
echo
echo "| request (wrk -t2 -c16 -d$DURATION) | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
for path in "/api/hsds/services?per_page=50" "/api/hsds/services?per_page=50&page=1000" \
  "/api/hsds/services?per_page=50&search=schulden" "/api/hsds/services?per_page=50&full=true" \
  "/api/hsds/organizations?per_page=50"; do
  wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$port$path" >"$work/wrk"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
  printf '| `%s` | %s | %s | %s |\n' "$path" "$rps" "$p50" "$p99"
done
