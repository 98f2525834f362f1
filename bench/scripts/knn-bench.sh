#!/usr/bin/env bash
# Side by side on this machine, in one run: k-nearest neighbours on Fashion-MNIST raw pixels (60 000 training images,
# 10 000 test images unless LIMIT_TEST is given), k in 1,5,9, L1 and L2 distances, Fovea vs scikit-learn's
# brute-force KNeighborsClassifier (Debian's python3-sklearn, n_jobs=2, OpenMP and OpenBLAS on 2 threads).
# Both do one neighbour search per distance for the largest k and vote for each k from it.
# Usage: bench/scripts/knn-bench.sh [LIMIT_TEST]
# Prints each accuracy side by side, both wall times (the classification, without reading the files) and the ratio.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
limit="${1:-}"
python=/usr/bin/python3
data="${FOVEA_DATA_FOLDER:-/usr/share/datasets/fashion-mnist}"
"$python" -c "import sklearn, scipy" 2>/dev/null || { echo "needs Debian's python3-sklearn (apt-get install python3-sklearn)" >&2; exit 1; }
[ -d "$data" ] || { echo "needs Fashion-MNIST in $data (apt-get install dataset-fashion-mnist, or set FOVEA_DATA_FOLDER)" >&2; exit 1; }
limit_args=(); [ -n "$limit" ] && limit_args=(--limit-test "$limit")
# shellcheck source=reference.sh
. "$root/bench/scripts/reference.sh" sklearn numpy
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

echo "fovea: ./fovea knn --k 1,5,9 --distance l1,l2 --json ${limit_args[*]:-}" >&2
f=$("$root/fovea" knn --data "$data" --k 1,5,9 --distance l1,l2 --json --threads 2 --out "$out/run" "${limit_args[@]}" 2>/dev/null)
echo "scikit-learn: knn_sklearn.py $data 1,5,9 l1,l2 $limit" >&2
s=$(cd "$out" && OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 reference "$python" "$root/bench/scripts/knn_sklearn.py" "$data" 1,5,9 l1,l2 $limit)
"$python" - "$f" "$s" <<'PY'
import json, sys
f, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sk = {(r['k'], r['distance']): r['accuracy'] for r in s['results']}
print(f"k-nearest neighbours, Fashion-MNIST raw pixels, {f['train_size']} training / {f['test_size']} test images")
print("   k  distance  fovea    scikit-learn  difference")
for r in f['results']:
    other = sk[(r['k'], r['distance'])]
    print(f"  {r['k']:2d}  {r['distance']:8s}  {r['accuracy']:.4f}   {other:.4f}        {r['accuracy'] - other:+.4f}")
print(f"wall time: fovea {f['seconds']:.1f} s (l1 {f['distance_seconds'].get('l1', 0):.1f} s, l2 {f['distance_seconds'].get('l2', 0):.1f} s), scikit-learn {s['seconds']:.1f} s "
      f"(l1 {s['distance_seconds'].get('l1', 0):.1f} s, l2 {s['distance_seconds'].get('l2', 0):.1f} s), "
      f"ratio fovea/scikit-learn {f['seconds'] / s['seconds']:.2f}")
PY
uptime
