"""PyTorch side of model-bench.sh: median seconds of one training-mode forward+backward step of a model.

Usage: model_torch.py MODEL CHANNELS SIZE CLASSES BATCH THREADS WARMUP ITERATIONS
MODEL is resnet18 (torchvision's, with the CIFAR stem Fovea uses below 64 pixels: a 3x3 stride-1 conv1 and no
max pool) or lenet5 (Fovea's LeNet-5 layout). Runs with oneDNN (mkldnn) on and off and reports both and the
faster, as JSON on stdout.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn


def build(name, channels, size, classes):
    if name == "resnet18":
        import torchvision
        model = torchvision.models.resnet18(num_classes=classes)
        model.conv1 = nn.Conv2d(channels, 64, 3, 1, 1, bias=False)
        model.maxpool = nn.Identity()
        return model
    if name == "lenet5":
        side = (size // 2 - 4) // 2
        return nn.Sequential(nn.Conv2d(channels, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5),
                             nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * side * side, 120), nn.ReLU(),
                             nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, classes))
    raise SystemExit(f"model_torch.py: unknown model {name!r}; expected resnet18 or lenet5")


def median_step(model, x, y, warmup, iterations):
    loss_fn = nn.CrossEntropyLoss()

    def step():
        model.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()

    for _ in range(warmup):
        step()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    name = sys.argv[1]
    channels, size, classes, batch, threads, warmup, iterations = (int(a) for a in sys.argv[2:9])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = build(name, channels, size, classes).train()
    x = torch.randn(batch, channels, size, size)
    y = torch.randint(0, classes, (batch,))
    results = {}
    for mkldnn in (True, False):
        torch.backends.mkldnn.enabled = mkldnn
        results["mkldnn" if mkldnn else "native"] = median_step(model, x, y, warmup, iterations)
    best = min(results, key=results.get)
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({"seconds": results[best], "setting": best, "all": results, "threads": threads, "params": params}))


if __name__ == "__main__":
    main()
