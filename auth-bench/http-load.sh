#!/usr/bin/env bash
# HTTP load run of the Bearer filter: a hello servlet in Jetty with and without BearerTokenFilter
# (warm verification cache), at 2 and 16 connections, with wrk (apt-get install wrk) as the load
# generator in its own process. Both targets get the same request, Authorization header included,
# so the difference is the filter's work alone. Runs them alternately (A B B A), prints wrk's figures.
# Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk), or use: java -cp auth-bench/target/benchmarks.jar dev.lanyard.auth.bench.HttpLoad" >&2; exit 2; }
seconds=${1:-10}
info=$(mktemp)
java -cp auth-bench/target/benchmarks.jar dev.lanyard.auth.bench.HttpLoad serve "$info" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$info"' EXIT
for _ in $(seq 1 60); do [ -s "$info" ] && break; sleep 0.5; done
base=$(sed -n 1p "$info"); token=$(sed -n 2p "$info")
run() { # label connections path [token]
  local extra=()
  [ -n "${4:-}" ] && extra=(-H "Authorization: Bearer $4")
  local out
  out=$(wrk -t 2 -c "$2" -d "${seconds}s" --latency "${extra[@]}" "$base$3")
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
wrk -t 2 -c 16 -d 5s -H "Authorization: Bearer $token" "$base/open/hello" >/dev/null   # warm-up
wrk -t 2 -c 16 -d 5s -H "Authorization: Bearer $token" "$base/api/hello" >/dev/null
echo "| target | connections | requests/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- |"
for c in 2 16; do
  run "no filter" "$c" /open/hello "$token"
  run "BearerTokenFilter" "$c" /api/hello "$token"
  run "BearerTokenFilter" "$c" /api/hello "$token"
  run "no filter" "$c" /open/hello "$token"
done
