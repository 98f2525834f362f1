#!/usr/bin/env bash
# Side by side on this machine, in one run: training-epoch time (and images/s) and peak memory (RSS) of a model on
# Fashion-MNIST (Adam, cosine schedule, batch 64, all 60000 images), Fovea vs PyTorch on the CPU. Fovea runs twice a
# round: through the launcher (./fovea, its heap and collector options) and on the JVM's defaults (java with only
# --add-modules jdk.incubator.vector, as inside a user's application).
# PyTorch runs at its fastest setting here: torch.set_num_threads(2) with OpenBLAS limited to one thread.
# Usage: bench/scripts/train-epoch.sh [MODEL=mlp|lenet5] [ROUNDS=3] [EPOCHS=3] [DATA=/usr/share/datasets/fashion-mnist]
# Prints each round, then the medians over rounds of the epoch time (the median of the epochs after the first: the
# steady state) and of the first epoch (Fovea's includes the JIT compiling its kernels, about 2-3 s), of the peak
# RSS, and the ratios Fovea/PyTorch.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
model="${1:-mlp}"; rounds="${2:-3}"; epochs="${3:-3}"; data="${4:-/usr/share/datasets/fashion-mnist}"
threads=2
python=/usr/bin/python3
"$python" -c "import torch, numpy" 2>/dev/null || { echo "needs Debian's python3-torch (apt-get install python3-torch)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
"$root/fovea" --version >/dev/null   # builds the jar once, outside the timings
# shellcheck source=reference.sh
. "$root/bench/scripts/reference.sh" torch numpy
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

java_bin="$("$root/fovea" --java)"
fovea_times=(); torch_times=(); fovea_first=(); torch_first=(); fovea_rss=(); torch_rss=()
plain_times=(); plain_first=(); plain_rss=()
# "first later" epoch seconds of a list: the first epoch, and the median of the others (the first when alone)
epochs_py='import json,statistics,sys; e=json.load(open(sys.argv[1]))["epoch_seconds"]; print(e[0], statistics.median(e[1:] or e))'
for round in $(seq 1 "$rounds"); do
    /usr/bin/time -f "%M" -o "$work/fovea.rss" "$root/fovea" train --model "$model" --data "$data" --epochs "$epochs" \
        --validation 0 --batch-size 64 --optimizer adam --lr 0.001 --schedule cosine --threads "$threads" \
        --out "$work/run" > "$work/fovea.log" 2>&1
    read -r f_first f_epoch < <("$python" -c "$epochs_py" "$work/run/results.json")
    f_acc=$("$python" -c "import json; print(json.load(open('$work/run/results.json'))['test_accuracy'])")
    /usr/bin/time -f "%M" -o "$work/plain.rss" "$java_bin" --add-modules jdk.incubator.vector -jar "$root/cli/target/fovea.jar" \
        train --model "$model" --data "$data" --epochs "$epochs" --validation 0 --batch-size 64 --optimizer adam \
        --lr 0.001 --schedule cosine --threads "$threads" --out "$work/plain" > "$work/plain.log" 2>&1
    read -r p_first p_epoch < <("$python" -c "$epochs_py" "$work/plain/results.json")
    OPENBLAS_NUM_THREADS=1 reference /usr/bin/time -f "%M" -o "$work/torch.rss" "$python" "$root/bench/scripts/train_epoch_torch.py" \
        "$data" "$epochs" "$threads" "$model" > "$work/torch.json"
    read -r t_first t_epoch < <("$python" -c "$epochs_py" "$work/torch.json")
    t_acc=$("$python" -c "import json; print(json.load(open('$work/torch.json'))['test_accuracy'])")
    f_rss=$(tail -n 1 "$work/fovea.rss"); t_rss=$(tail -n 1 "$work/torch.rss"); p_rss=$(tail -n 1 "$work/plain.rss")
    printf "round %d: fovea %.3f s/epoch, first %.3f (acc %.4f, rss %d MiB)   JVM defaults %.3f s/epoch, first %.3f (rss %d MiB)   pytorch %.3f s/epoch, first %.3f (acc %.4f, rss %d MiB)\n" \
        "$round" "$f_epoch" "$f_first" "$f_acc" $((f_rss / 1024)) "$p_epoch" "$p_first" $((p_rss / 1024)) \
        "$t_epoch" "$t_first" "$t_acc" $((t_rss / 1024))
    fovea_times+=("$f_epoch"); torch_times+=("$t_epoch"); fovea_first+=("$f_first"); torch_first+=("$t_first")
    fovea_rss+=("$f_rss"); torch_rss+=("$t_rss"); plain_times+=("$p_epoch"); plain_first+=("$p_first"); plain_rss+=("$p_rss")
done
"$python" - "${fovea_times[*]}" "${torch_times[*]}" "${fovea_first[*]}" "${torch_first[*]}" "${fovea_rss[*]}" "${torch_rss[*]}" "$epochs" \
    "${plain_times[*]}" "${plain_first[*]}" "${plain_rss[*]}" <<'PY'
import statistics, sys
ft, tt, ff, tf, fr, tr = ([float(v) for v in a.split()] for a in sys.argv[1:7])
pt, pf, pr = ([float(v) for v in a.split()] for a in sys.argv[8:11])
later = "epochs after the first" if int(sys.argv[7]) > 1 else "the only epoch"
f, t = statistics.median(ft), statistics.median(tt)
f1, t1 = statistics.median(ff), statistics.median(tf)
fm, tm = statistics.median(fr) / 1024, statistics.median(tr) / 1024
print(f"median epoch time ({later}): fovea {f:.3f} s ({60000 / f:.0f} images/s), pytorch {t:.3f} s "
      f"({60000 / t:.0f} images/s), ratio fovea/pytorch {f / t:.2f}")
print(f"median first epoch (JIT warm-up included): fovea {f1:.3f} s ({60000 / f1:.0f} images/s), pytorch {t1:.3f} s "
      f"({60000 / t1:.0f} images/s), ratio fovea/pytorch {f1 / t1:.2f}")
print(f"median peak RSS:   fovea {fm:.0f} MiB, pytorch {tm:.0f} MiB, ratio fovea/pytorch {fm / tm:.2f}")
p, p1, pm = statistics.median(pt), statistics.median(pf), statistics.median(pr) / 1024
print(f"JVM defaults (java --add-modules jdk.incubator.vector only): epoch {p:.3f} s, first {p1:.3f} s, peak RSS {pm:.0f} MiB;"
      f" epoch ratio to the launcher's {p / f:.2f}")
print(f"first epoch / later epochs: fovea {f1 / f:.2f}, JVM defaults {p1 / p:.2f}, pytorch {t1 / t:.2f}")
PY
