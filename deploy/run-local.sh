#!/usr/bin/env bash
# Several app processes behind HAProxy on one machine, sharing one data directory; Ctrl-C stops them all.
#   deploy/run-local.sh [REPLICAS=2] [PORT=8500]       (needs: apt-get install haproxy)
# Reads GEO_DATA_DIR (default: the shipped data/). Every replica signs cookies with the same secret.
set -euo pipefail
cd "$(dirname "$0")/.."
replicas="${1:-2}" port="${2:-8500}"
py="${PYTHON:-.venv/bin/python}"
export STREAMLIT_SERVER_COOKIE_SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
args=()
for i in $(seq 1 "$replicas"); do
  p=$((port + i))
  "$py" -m streamlit run serve.py --server.port "$p" --server.address 127.0.0.1 --server.headless true &
  pids+=($!)
  args+=(--replica "127.0.0.1:$p")
done
cfg="$(mktemp)"
"$py" deploy/balancer.py --listen "0.0.0.0:$port" "${args[@]}" > "$cfg"
haproxy -db -f "$cfg" &
pids+=($!)
echo "map on http://localhost:$port ($replicas replicas); Ctrl-C stops everything"
wait
