#!/usr/bin/env bash
# Side by side on this machine, in one run: training-epoch time (and images/s) and peak memory (RSS) of a model on
# Fashion-MNIST (Adam, cosine schedule, batch 64, all 60000 images), Fovea vs PyTorch on the CPU.
# PyTorch runs at its fastest setting here: torch.set_num_threads(2) with OpenBLAS limited to one thread.
# Usage: bench/scripts/train-epoch.sh [MODEL=mlp|lenet5] [ROUNDS=3] [EPOCHS=3] [DATA=/usr/share/datasets/fashion-mnist]
# Prints each round, then the medians of the per-epoch times and of the peak RSS, and the ratios Fovea/PyTorch.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
model="${1:-mlp}"; rounds="${2:-3}"; epochs="${3:-3}"; data="${4:-/usr/share/datasets/fashion-mnist}"
threads=2
python=/usr/bin/python3
"$python" -c "import torch, numpy" 2>/dev/null || { echo "needs Debian's python3-torch (apt-get install python3-torch)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
"$root/fovea" --version >/dev/null   # builds the jar once, outside the timings
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

fovea_times=(); torch_times=(); fovea_rss=(); torch_rss=()
for round in $(seq 1 "$rounds"); do
    /usr/bin/time -f "%M" -o "$work/fovea.rss" "$root/fovea" train --model "$model" --data "$data" --epochs "$epochs" \
        --validation 0 --batch-size 64 --optimizer adam --lr 0.001 --schedule cosine --threads "$threads" \
        --out "$work/run" > "$work/fovea.log" 2>&1
    f_epoch=$("$python" -c "import json,statistics; r=json.load(open('$work/run/results.json')); print(statistics.median(r['epoch_seconds']))")
    f_acc=$("$python" -c "import json; print(json.load(open('$work/run/results.json'))['test_accuracy'])")
    OPENBLAS_NUM_THREADS=1 /usr/bin/time -f "%M" -o "$work/torch.rss" "$python" "$root/bench/scripts/train_epoch_torch.py" \
        "$data" "$epochs" "$threads" "$model" > "$work/torch.json"
    t_epoch=$("$python" -c "import json,statistics; print(statistics.median(json.load(open('$work/torch.json'))['epoch_seconds']))")
    t_acc=$("$python" -c "import json; print(json.load(open('$work/torch.json'))['test_accuracy'])")
    f_rss=$(tail -n 1 "$work/fovea.rss"); t_rss=$(tail -n 1 "$work/torch.rss")
    printf "round %d: fovea %.3f s/epoch (acc %.4f, rss %d MiB)   pytorch %.3f s/epoch (acc %.4f, rss %d MiB)\n" \
        "$round" "$f_epoch" "$f_acc" $((f_rss / 1024)) "$t_epoch" "$t_acc" $((t_rss / 1024))
    fovea_times+=("$f_epoch"); torch_times+=("$t_epoch"); fovea_rss+=("$f_rss"); torch_rss+=("$t_rss")
done
"$python" - "${fovea_times[*]}" "${torch_times[*]}" "${fovea_rss[*]}" "${torch_rss[*]}" <<'PY'
import statistics, sys
ft, tt, fr, tr = ([float(v) for v in a.split()] for a in sys.argv[1:5])
f, t = statistics.median(ft), statistics.median(tt)
fm, tm = statistics.median(fr) / 1024, statistics.median(tr) / 1024
print(f"median epoch time: fovea {f:.3f} s ({60000 / f:.0f} images/s), pytorch {t:.3f} s ({60000 / t:.0f} images/s), "
      f"ratio fovea/pytorch {f / t:.2f}")
print(f"median peak RSS:   fovea {fm:.0f} MiB, pytorch {tm:.0f} MiB, ratio fovea/pytorch {fm / tm:.2f}")
PY
