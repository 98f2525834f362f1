#!/usr/bin/env bash
# Side by side on this machine, in one run: one conv2d forward+backward step (gradients of input, weight and
# bias) on input [64, 32, 28, 28] with 64 filters 3x3, padding 1, Fovea vs PyTorch on the CPU, both on 2 threads.
# PyTorch runs at its fastest setting here: oneDNN (mkldnn) or its native path, whichever is faster in the round,
# with OpenBLAS limited to one thread. Fovea runs on the newest JDK with the Vector API.
# Usage: bench/scripts/conv-bench.sh [ROUNDS=5] [ITERATIONS=20] [WARMUP=10]
# Prints each round's medians, then the median over rounds for both and the ratio Fovea/PyTorch.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
rounds="${1:-5}"; iterations="${2:-20}"; warmup="${3:-10}"
threads=2
shape=(64 32 28 64 3 1)          # batch, channels, size, filters, kernel, padding
# shellcheck source=side-by-side.sh
. "$root/bench/scripts/side-by-side.sh" torch

fovea=(); torch=()
for round in $(seq 1 "$rounds"); do
    f=$("$java" --add-modules jdk.incubator.vector ${jvm_options} ${FOVEA_JVM_ARGS:-} -cp "$jar" \
        fovea.bench.ConvStep "${shape[@]}" "$threads" "$warmup" "$iterations" 2>/dev/null | tail -n 1)
    t=$(OPENBLAS_NUM_THREADS=1 reference "$python" "$root/bench/scripts/conv_torch.py" "${shape[@]}" "$threads" "$warmup" "$iterations")
    read -r fs ts line < <("$python" -c "import json,sys; f=json.loads(sys.argv[1]); t=json.loads(sys.argv[2]); \
print(f['seconds'], t['seconds'], 'fovea %.1f ms   pytorch %.1f ms (%s; mkldnn %.1f, native %.1f)' % (f['seconds'] * 1e3, \
t['seconds'] * 1e3, t['setting'], t['all']['mkldnn'] * 1e3, t['all']['native'] * 1e3))" "$f" "$t")
    echo "round $round: $line"
    fovea+=("$fs"); torch+=("$ts")
done
"$python" - "${fovea[*]}" "${torch[*]}" <<'PY'
import statistics, sys
f = statistics.median(float(v) for v in sys.argv[1].split())
t = statistics.median(float(v) for v in sys.argv[2].split())
print(f"conv2d [64, 32, 28, 28] * [64, 32, 3, 3], padding 1, forward+backward, 2 threads:")
print(f"median step: fovea {f * 1000:.1f} ms, pytorch {t * 1000:.1f} ms, ratio fovea/pytorch {f / t:.2f}")
PY
uptime
