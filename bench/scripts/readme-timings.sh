#!/usr/bin/env bash
# The README's commands at their full size on this machine: for each, the wall time, the peak memory and the last
# lines it printed, as a Markdown table for the README (ReadmeCommandsTest runs the same commands in a short form).
# Commands that read the user's own files (photos, CIFAR-10, a book, images to predict) run on files made here: a
# colour image folder from Fashion-MNIST's test images, Fashion-MNIST as an MNIST-format folder, two PNGs, README.md.
# Usage: bench/scripts/readme-timings.sh [OUT=readme-timings.md] [SKIP_LONG=1]
#   SKIP_LONG=1 times only the first epoch of the 10-epoch resnet20 runs and says so.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
out="${1:-readme-timings.md}"; skip_long="${2:-1}"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
"$root/fovea" --version >/dev/null   # builds the jar once, outside the timings
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
fashion=/usr/share/datasets/fashion-mnist
mkdir -p mnist && cp "$fashion"/* mnist/
/usr/bin/python3 - "$fashion" <<'PY'
import gzip, os, struct, sys
from PIL import Image
folder = sys.argv[1]
def images(name):
    data = gzip.open(os.path.join(folder, name)).read()
    n, rows, cols = struct.unpack('>III', data[4:16])
    return n, rows, cols, data[16:]
def labels(name):
    return gzip.open(os.path.join(folder, name)).read()[8:]
n, rows, cols, pixels = images('t10k-images-idx3-ubyte.gz'); ys = labels('t10k-labels-idx1-ubyte.gz')
names = ['tshirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'boot']
for i in range(2000):                       # photos/: 1600 training and 400 test images in colour, 10 classes
    part = 'train' if i < 1600 else 'test'
    image = Image.frombytes('L', (cols, rows), pixels[i * rows * cols:(i + 1) * rows * cols]).convert('RGB')
    path = os.path.join('photos', part, names[ys[i]]); os.makedirs(path, exist_ok=True)
    image.resize((40, 40)).save(os.path.join(path, '%d.%s' % (i, 'png' if i % 2 else 'jpg')))
for name, index in (('shirt.png', 40), ('boot.jpg', 0)):
    Image.frombytes('L', (cols, rows), pixels[index * rows * cols:(index + 1) * rows * cols]).save(name)
Image.open('photos/test/bag/1601.png' if os.path.exists('photos/test/bag/1601.png') else
           os.path.join('photos/test', os.listdir('photos/test')[0], os.listdir(os.path.join('photos/test', os.listdir('photos/test')[0]))[0])).save('my-cat.jpg')
PY
cp "$root/README.md" book.txt
run() {  # run LABEL COMMAND...: one table row
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o time.txt "$@" > output.txt 2>&1 || echo "FAILED: $*" >> output.txt
    read -r seconds kib < time.txt
    printf '| `%s` | %s s | %s MiB | %s |\n' "$label" "$seconds" "$((kib / 1024))" \
        "$( { grep -iE 'accuracy [0-9]|bits per|warning|best:|overfit check|from scratch|frozen|fine-tune' output.txt \
              || grep -v '^\s*$' output.txt | tail -n 2; } | tail -n 4 | tr '\n' ' ' | sed 's/|/\\|/g' | cut -c1-200)" \
        | tee -a "$out.tmp"
}
: > "$out.tmp"
f="$root/fovea"
run "train" "$f" train --out runs/main
run "train --model mlp ... --epochs 20 --out runs/mlp" "$f" train --model mlp --optimizer momentum --lr 0.01 --schedule step --augment flip --epochs 20 --out runs/mlp
run "train --augment flip,crop,rotate,translate,jitter" "$f" train --augment flip,crop,rotate,translate,jitter --out runs/aug
run "train --overfit-check" "$f" train --overfit-check --out runs/overfit
run "train --model mlp --epochs 1 --limit-train 2000" "$f" train --model mlp --epochs 1 --limit-train 2000 --out runs/quick
run "eval --weights runs/mlp/model.safetensors" "$f" eval --weights runs/mlp/model.safetensors
run "eval ... --tta tencrop" "$f" eval --weights runs/mlp/model.safetensors --tta tencrop
run "predict ... shirt.png boot.jpg" "$f" predict --weights runs/mlp/model.safetensors shirt.png boot.jpg
if [ "$skip_long" = 1 ]; then
    run "train --model resnet20 --augment flip,crop (1 epoch of 10)" "$f" train --model resnet20 --augment flip,crop --epochs 1 --out runs/r20
else
    run "train --model resnet20 --augment flip,crop" "$f" train --model resnet20 --augment flip,crop --out runs/r20
fi
run "train --data folder:photos --image-size 32 --model resnet20 (2000 images)" "$f" train --data folder:photos --image-size 32 --model resnet20 --validation 200 --out runs/photos
run "train --data mnist:DIR (Fashion-MNIST's files)" "$f" train --data mnist:mnist --out runs/mnist
run "train --arch [(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10" "$f" train --arch "[(CONV3x32-RELU)*2-POOL]*2-(FC128-RELU)*1-FC10" --out runs/arch
run "models" "$f" models
run "summary mlp" "$f" summary mlp
run "summary resnet50 --input 3x224x224 --classes 1000" "$f" summary resnet50 --input 3x224x224 --classes 1000
run "transfer" "$f" transfer
run "demo" "$f" demo
run "knn --k 1,5,9 --distance l1,l2" "$f" knn --k 1,5,9 --distance l1,l2 --out runs/knn
run "knn --cv --limit-train 10000" "$f" knn --cv --limit-train 10000 --out runs/knncv
run "knn --preprocess pca:50" "$f" knn --preprocess pca:50 --out runs/knnpca
run "linear --loss svm" "$f" linear --loss svm --out runs/svm
run "linear --loss svm --compare-optimizers" "$f" linear --loss svm --compare-optimizers --out runs/cmp
run "search --loss softmax" "$f" search --loss softmax --out runs/search
run "rnn gradients" "$f" rnn gradients --out runs/grad
run "charrnn train" "$f" charrnn train --out runs/charrnn-1
run "charrnn sample ..." "$f" charrnn sample --weights runs/charrnn-1/model.safetensors --temperature 0.7 --length 500 --prime "The "
run "train --model gru" "$f" train --model gru --out runs/gru
run "bench gemm" "$f" bench gemm
mv "$out.tmp" "$root/$out" 2>/dev/null || mv "$out.tmp" "$out"
