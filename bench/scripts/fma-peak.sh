#!/usr/bin/env bash
# This machine's ceilings: the FMA peak of one core (the limit for the SGEMM figures of `fovea bench gemm`), from
# bench/peak/fma_peak.c compiled with gcc -O2 -march=native and run on one core, and the cost of a page's first touch
# (bench/peak/first_touch.c), which a growing heap pays for every new page.
# Usage: bench/scripts/fma-peak.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
command -v gcc >/dev/null || { echo "needs gcc (apt-get install gcc)" >&2; exit 1; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
gcc -O2 -march=native -o "$work/fma_peak" "$root/bench/peak/fma_peak.c"
gcc -O2 -o "$work/first_touch" "$root/bench/peak/first_touch.c"
taskset -c 0 "$work/fma_peak" 2>/dev/null || "$work/fma_peak"
"$work/first_touch"
