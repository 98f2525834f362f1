"""PyTorch side of conv-bench.sh: median seconds of one conv2d forward+backward step on the CPU.

Usage: conv_torch.py BATCH CHANNELS SIZE FILTERS KERNEL PADDING THREADS WARMUP ITERATIONS
Runs the step with oneDNN (mkldnn) on and off and reports both and the faster, as JSON on stdout.
"""
import json
import sys

import torch

from timing import median_seconds


def median_step(x, weight, bias, padding, upstream, warmup, iterations):
    def step():
        x.grad = None
        weight.grad = None
        bias.grad = None
        out = torch.nn.functional.conv2d(x, weight, bias, padding=padding)
        out.backward(upstream)

    return median_seconds(step, warmup, iterations)


def main():
    batch, channels, size, filters, kernel, padding, threads, warmup, iterations = (int(a) for a in sys.argv[1:10])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.randn(batch, channels, size, size, requires_grad=True)
    weight = torch.randn(filters, channels, kernel, kernel, requires_grad=True)
    bias = torch.randn(filters, requires_grad=True)
    out_size = size + 2 * padding - kernel + 1
    upstream = torch.randn(batch, filters, out_size, out_size)
    results = {}
    for mkldnn in (True, False):
        torch.backends.mkldnn.enabled = mkldnn
        results["mkldnn" if mkldnn else "native"] = median_step(x, weight, bias, padding, upstream, warmup, iterations)
    best = min(results, key=results.get)
    print(json.dumps({"seconds": results[best], "setting": best, "all": results, "threads": threads}))


if __name__ == "__main__":
    main()
