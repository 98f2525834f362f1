"""PyTorch side of model-bench.sh: median seconds of one training-mode forward+backward step of a model.

Usage: model_torch.py MODEL CHANNELS SIZE CLASSES BATCH THREADS WARMUP ITERATIONS
MODEL is resnet18 (torchvision's, with the CIFAR stem Fovea uses below 64 pixels: a 3x3 stride-1 conv1 and no
max pool), lenet5 (Fovea's LeNet-5 layout) or resnet20/56/110 (He et al.'s CIFAR ResNets with option-A
shortcuts, Fovea's CifarResNet layout). Runs with oneDNN (mkldnn) on and off and reports both and the
faster, as JSON on stdout.
"""
import json
import sys

import torch
import torch.nn as nn

from timing import median_seconds


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
    if name in ("resnet20", "resnet56", "resnet110"):
        return cifar_resnet((int(name[6:]) - 2) // 6, channels, classes)
    raise SystemExit(f"model_torch.py: unknown model {name!r}; expected resnet18, lenet5, resnet20, resnet56 or resnet110")


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.stride, self.pad = stride, cout - cin

    def forward(self, x):
        y = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        shortcut = x
        if self.stride != 1 or self.pad:
            shortcut = nn.functional.pad(x[:, :, ::self.stride, ::self.stride],
                                         (0, 0, 0, 0, self.pad // 2, self.pad - self.pad // 2))
        return torch.relu(y + shortcut)


def cifar_resnet(n, channels, classes):
    layers = [nn.Conv2d(channels, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    for cin, cout, stride in ((16, 16, 1), (16, 32, 2), (32, 64, 2)):
        layers += [Block(cin if b == 0 else cout, cout, stride if b == 0 else 1) for b in range(n)]
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, classes))


def median_step(model, x, y, warmup, iterations):
    loss_fn = nn.CrossEntropyLoss()

    def step():
        model.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()

    return median_seconds(step, warmup, iterations)


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
