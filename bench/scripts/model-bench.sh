#!/usr/bin/env bash
# Side by side on this machine, in one run: one training-mode forward+backward step of a model (cross-entropy on
# random labels, all parameter gradients, no optimizer step), Fovea vs PyTorch on the CPU, both on 2 threads.
# PyTorch runs at its fastest setting: oneDNN (mkldnn) or its native path, whichever is faster in the round, with
# OpenBLAS limited to one thread. Default: ResNet-18 in its CIFAR form (3x32x32, 10 classes, batch 64).
# Usage: bench/scripts/model-bench.sh [MODEL=resnet18] [ROUNDS=3] [ITERATIONS=5] [WARMUP=2] [CHANNELS SIZE CLASSES BATCH]
#        bench/scripts/model-bench.sh lenet5 5 50 20 1 28 10 64
# Prints each round's medians, then the median over rounds for both and the ratio Fovea/PyTorch.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
model="${1:-resnet18}"; rounds="${2:-3}"; iterations="${3:-5}"; warmup="${4:-2}"
shape=("${5:-3}" "${6:-32}" "${7:-10}" "${8:-64}")   # channels, size, classes, batch
threads=2
# shellcheck source=side-by-side.sh
. "$root/bench/scripts/side-by-side.sh" "torch, torchvision"

fovea=(); torch=()
for round in $(seq 1 "$rounds"); do
    f=$("$java" --add-modules jdk.incubator.vector ${jvm_options} ${FOVEA_JVM_ARGS:-} -cp "$jar" \
        fovea.bench.ModelStep "$model" "${shape[@]}" "$threads" "$warmup" "$iterations" 2>/dev/null | tail -n 1)
    t=$(OPENBLAS_NUM_THREADS=1 reference "$python" "$root/bench/scripts/model_torch.py" "$model" "${shape[@]}" "$threads" "$warmup" "$iterations")
    read -r fs ts line < <("$python" -c "import json,sys; f=json.loads(sys.argv[1]); t=json.loads(sys.argv[2]); \
assert f['params'] == t['params'], ('parameter counts differ', f['params'], t['params']); \
print(f['seconds'], t['seconds'], 'fovea %.1f ms   pytorch %.1f ms (%s; mkldnn %.1f, native %.1f)' % (f['seconds'] * 1e3, \
t['seconds'] * 1e3, t['setting'], t['all']['mkldnn'] * 1e3, t['all']['native'] * 1e3))" "$f" "$t")
    echo "round $round: $line"
    fovea+=("$fs"); torch+=("$ts")
done
"$python" - "$model" "${shape[*]}" "${fovea[*]}" "${torch[*]}" <<'PY'
import statistics, sys
model, shape = sys.argv[1], sys.argv[2].split()
f = statistics.median(float(v) for v in sys.argv[3].split())
t = statistics.median(float(v) for v in sys.argv[4].split())
print(f"{model} on {shape[0]}x{shape[1]}x{shape[1]}, {shape[2]} classes, batch {shape[3]}, forward+backward, 2 threads:")
print(f"median step: fovea {f * 1000:.1f} ms, pytorch {t * 1000:.1f} ms, ratio fovea/pytorch {f / t:.2f}")
PY
uptime
