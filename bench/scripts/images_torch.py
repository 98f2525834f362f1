#!/usr/bin/python3
"""PyTorch's side of ImagesBenchmark: max pooling and batch norm on [64, 64, 28, 28], forward and forward+backward.

Prints the median milliseconds of several timed rounds; run with Debian's python3-torch:
    /usr/bin/python3 bench/scripts/images_torch.py [threads]
"""
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(1)
x = torch.randn(64, 64, 28, 28, requires_grad=True)
weight = torch.ones(64, requires_grad=True)
bias = torch.zeros(64, requires_grad=True)
running_mean, running_var = torch.zeros(64), torch.ones(64)


def max_pool_forward():
    with torch.no_grad():
        F.max_pool2d(x, 2)


def max_pool_forward_backward():
    x.grad = None
    F.max_pool2d(x, 2).backward(torch.ones(64, 64, 14, 14))


def batch_norm_forward():
    with torch.no_grad():
        F.batch_norm(x, running_mean, running_var, weight, bias, training=True)


def batch_norm_forward_backward():
    x.grad = weight.grad = bias.grad = None
    F.batch_norm(x, running_mean, running_var, weight, bias, training=True).backward(torch.ones(64, 64, 28, 28))


def median_ms(fn, rounds=7, seconds=1.0):
    for _ in range(5):
        fn()
    times = []
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            fn()
            count += 1
        times.append((time.perf_counter() - start) / count * 1000)
    return statistics.median(times)


print("torch %s, %d threads" % (torch.__version__, torch.get_num_threads()))
for name, fn in [("maxPool2dForward", max_pool_forward), ("maxPool2dForwardBackward", max_pool_forward_backward),
                 ("batchNorm2dForward", batch_norm_forward), ("batchNorm2dForwardBackward", batch_norm_forward_backward)]:
    print("%-28s %8.3f ms" % (name, median_ms(fn)))
