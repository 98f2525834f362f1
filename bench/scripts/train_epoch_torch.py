"""PyTorch's side of bench/scripts/train-epoch.sh: a model (mlp: 784-512-ReLU-10, or lenet5) trained on
Fashion-MNIST exactly as `fovea train --model MODEL --validation 0` does it (Adam lr 1e-3, cosine schedule over
the epochs, batch 64, a fresh shuffle each epoch), printing one JSON line with the training seconds per epoch."""
import gzip, json, sys, time
import numpy as np
import torch
import torch.nn.functional as F

folder, epochs, threads, name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
torch.set_num_threads(threads)
torch.manual_seed(42)

def idx(name, offset):
    with gzip.open(f"{folder}/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)

x = torch.from_numpy(idx("train-images-idx3-ubyte.gz", 16).astype(np.float32) / 255).reshape(-1, 1, 28, 28)
y = torch.from_numpy(idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
nn = torch.nn
if name == "mlp":
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10))
elif name == "lenet5":
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
else:
    sys.exit(f"unknown model {name}; expected mlp or lenet5")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
seconds = []
for epoch in range(epochs):
    start = time.perf_counter()
    order = torch.randperm(len(y))
    for i in range(0, len(y), 64):
        batch = order[i:i + 64]
        loss = F.cross_entropy(model(x[batch]), y[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    seconds.append(time.perf_counter() - start)
    schedule.step()
with torch.no_grad():
    xt = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz", 16).astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    yt = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
    accuracy = (model(xt).argmax(1) == yt).float().mean().item()
print(json.dumps({"model": name, "epoch_seconds": seconds, "test_accuracy": accuracy, "torch": torch.__version__, "threads": threads}))
