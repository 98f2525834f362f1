"""PyTorch side of rnn-bench.sh: median seconds of one forward+backward pass of a one-layer LSTM or GRU on the CPU.

Usage: rnn_torch.py lstm|gru BATCH STEPS INPUT HIDDEN WARMUP ITERATIONS
Runs the pass on 1 and 2 threads, with oneDNN (mkldnn) on and off, and reports every setting and the fastest,
as JSON on stdout. The pass: out, _ = rnn(x) for x [STEPS, BATCH, INPUT]; out.backward(upstream), filling the
gradients of x and of every parameter, as RnnStep does.
"""
import json
import sys

import torch

from timing import median_seconds


def median_step(rnn, x, upstream, warmup, iterations):
    def step():
        x.grad = None
        for p in rnn.parameters():
            p.grad = None
        out, _ = rnn(x)
        out.backward(upstream)

    return median_seconds(step, warmup, iterations)


def main():
    kind = sys.argv[1]
    batch, steps, inputs, hidden, warmup, iterations = (int(a) for a in sys.argv[2:8])
    torch.manual_seed(0)
    rnn = (torch.nn.LSTM if kind == "lstm" else torch.nn.GRU)(inputs, hidden)
    x = torch.randn(steps, batch, inputs, requires_grad=True)
    upstream = torch.randn(steps, batch, hidden)
    results = {}
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for mkldnn in (True, False):
            torch.backends.mkldnn.enabled = mkldnn
            key = "%d thread%s, %s" % (threads, "" if threads == 1 else "s", "mkldnn" if mkldnn else "native")
            results[key] = median_step(rnn, x, upstream, warmup, iterations)
    best = min(results, key=results.get)
    print(json.dumps({"seconds": results[best], "setting": best, "all": results}))


if __name__ == "__main__":
    main()
