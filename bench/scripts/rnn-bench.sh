#!/usr/bin/env bash
# Side by side on this machine, in one run: one forward+backward pass of a one-layer LSTM and of a one-layer GRU
# (batch 64, 32 steps, input 128, hidden 256; gradients of the input and every parameter), Fovea vs PyTorch on
# the CPU. PyTorch runs at its fastest setting here: 1 or 2 threads, oneDNN (mkldnn) on or off, whichever is
# faster in the round, with OpenBLAS limited to one thread. Fovea likewise runs on 1 and on 2 threads (on the
# newest JDK with the Vector API) and counts the faster: on a shared, busy machine one thread can beat two.
# Usage: bench/scripts/rnn-bench.sh [ROUNDS=5] [ITERATIONS=20] [WARMUP=10]
# Prints each round's medians, then the median over rounds for both and the ratio Fovea/PyTorch, per cell.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
rounds="${1:-5}"; iterations="${2:-20}"; warmup="${3:-10}"
threads=2
shape=(64 32 128 256)            # batch, steps, input, hidden
# shellcheck source=side-by-side.sh
. "$root/bench/scripts/side-by-side.sh" torch

for cell in lstm gru; do
    fovea=(); torch=()
    for round in $(seq 1 "$rounds"); do
        f=$("$java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmx2g ${FOVEA_JVM_ARGS:-} -cp "$jar" \
            fovea.bench.RnnStep "$cell" "${shape[@]}" "$threads" "$warmup" "$iterations" 2>/dev/null | tail -n 1)
        t=$(OPENBLAS_NUM_THREADS=1 reference "$python" "$root/bench/scripts/rnn_torch.py" "$cell" "${shape[@]}" "$warmup" "$iterations")
        read -r fs ts line < <("$python" -c "import json,sys; f=json.loads(sys.argv[1]); t=json.loads(sys.argv[2]); \
print(f['seconds'], t['seconds'], 'fovea %.1f ms (%s)   pytorch %.1f ms (%s)   [fovea: %s; pytorch: %s]' % ( \
f['seconds'] * 1e3, f['setting'], t['seconds'] * 1e3, t['setting'], \
', '.join('%s %.1f' % (k, v * 1e3) for k, v in f['all'].items()), \
', '.join('%s %.1f' % (k, v * 1e3) for k, v in t['all'].items())))" "$f" "$t")
        echo "$cell round $round: $line"
        fovea+=("$fs"); torch+=("$ts")
    done
    "$python" - "$cell" "${fovea[*]}" "${torch[*]}" <<'PY'
import statistics, sys
f = statistics.median(float(v) for v in sys.argv[2].split())
t = statistics.median(float(v) for v in sys.argv[3].split())
print(f"{sys.argv[1]}: batch 64, 32 steps, input 128, hidden 256, forward+backward:")
print(f"median pass: fovea {f * 1000:.1f} ms, pytorch {t * 1000:.1f} ms, ratio fovea/pytorch {f / t:.2f}")
PY
done
uptime
