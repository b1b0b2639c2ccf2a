# Shared by the bench/*.sh scripts: the release binary and a timed run of one command.
# Source it after setting `work` (a scratch folder).

cargo build --release -q -p wegwijs-cli
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/wegwijs
export WEGWIJS_LOG=warn

# Runs a command and prints a Markdown table row with its wall time and peak memory
# (maximum resident set, from GNU time).
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err"; exit 1; }
  read -r secs kb <"$work/time"
  printf '| %s | %s s | %s MB |\n' "$label" "$secs" "$((kb / 1024))"
}
