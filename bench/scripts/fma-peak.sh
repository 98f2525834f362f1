#!/usr/bin/env bash
# The FMA peak of one core of this machine (the ceiling for the SGEMM figures of `fovea bench gemm`): compiles
# bench/peak/fma_peak.c with gcc -O2 -march=native and runs it on one core.
# Usage: bench/scripts/fma-peak.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
command -v gcc >/dev/null || { echo "needs gcc (apt-get install gcc)" >&2; exit 1; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
gcc -O2 -march=native -o "$work/fma_peak" "$root/bench/peak/fma_peak.c"
taskset -c 0 "$work/fma_peak" 2>/dev/null || "$work/fma_peak"
