#!/usr/bin/python3
"""Writes ops.json, optimizers.json, vision.json and lbfgs.json: the PyTorch reference cases the tests read.

The formats are those of ../shared/reference/README.md (the same case names, ops and params as the shared files).
Run with Debian's python3-torch 1.13 and python3-torchvision 0.14 (the `python3` first on PATH may lack them):

    /usr/bin/python3 core/src/test/resources/fovea/reference/make_reference.py            # writes the four files here
    /usr/bin/python3 core/src/test/resources/fovea/reference/make_reference.py --check DIR

--check recomputes every case of DIR's four files from that case's own inputs with this script's definitions and
fails on a difference beyond 1e-6 relative + 1e-7 (what 9 written digits allow; a convention that differs, a biased
variance or a mean over another dim, is off by far more), so this script is checked against any other set of cases.

Inputs are float32 values (drawn in float32 and widened), computed on in float64 and written with 9 significant
digits (which read back as the same float32); LBFGS results with 12. Each case draws from its own generator, seeded
from SEED and the case name, so adding a case leaves the others as they are. Draws near a kink of the op (a ReLU at
0, a tie under a max, a hinge at its margin, an IoU at the NMS threshold) are drawn again: there float32 and float64
could take different branches.
"""
import json
import math
import os
import sys
import zlib

import torch
import torch.nn.functional as F
import torchvision
import torchvision.ops as tv

SEED = 20261124
HERE = os.path.dirname(os.path.abspath(__file__))
KINK = 1e-3   # how far a draw stays from a kink, in the op's own units

torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------------------------------------------------------
# Drawing inputs

class Draw:
    """The random inputs of one case, from a generator seeded by SEED and the case name."""

    def __init__(self, name):
        self.g = torch.Generator().manual_seed(SEED + zlib.crc32(name.encode()))

    def randn(self, *shape, scale=1.0):
        return (torch.randn(tuple(shape), generator=self.g, dtype=torch.float32) * scale).double()

    def uniform(self, low, high, *shape):
        return (torch.rand(tuple(shape), generator=self.g, dtype=torch.float32) * (high - low) + low).double()

    def integers(self, low, high, *shape):
        """Whole numbers in [low, high)."""
        return torch.randint(low, high, shape, generator=self.g).double()

    def spaced(self, *shape):
        """Distinct values at least 1/64 apart, shuffled: no near-ties under a max."""
        n = math.prod(shape)
        return (torch.randperm(n, generator=self.g).double() / 64 - n / 128).reshape(shape)

    def boxes(self, n, low=0.0, high=15.0, smallest=1.0, largest=8.0):
        """[n, 4] boxes (x1, y1, x2, y2) with x2 > x1 and y2 > y1."""
        corner = self.uniform(low, high, n, 2)
        size = self.uniform(smallest, largest, n, 2)
        return torch.cat([corner, (corner.float() + size.float()).double()], 1)


# ---------------------------------------------------------------------------------------------------------------
# The ops: inputs by name (float64 tensors; integer inputs hold whole numbers) and params to the list of outputs

def svm_hinge(scores, target, delta):
    n = scores.shape[0]
    correct = scores.gather(1, target.long().view(-1, 1))
    margins = (scores - correct + delta).clamp(min=0)
    mask = torch.ones_like(scores).scatter(1, target.long().view(-1, 1), 0.0)
    return (margins * mask).sum() / n


def recurrent(mode, t):
    """One layer over x [T, N, I], written out so that autograd reaches the weights, and checked against torch.nn."""
    x, h = t["x"], t["h0"]
    c = t.get("c0")
    outputs = []
    for step in x:
        gi = step @ t["w_ih"].T + t["b_ih"]
        gh = h @ t["w_hh"].T + t["b_hh"]
        if mode == "rnn_tanh":
            h = torch.tanh(gi + gh)
        elif mode == "lstm":
            i, f, g, o = (gi + gh).chunk(4, 1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
        else:
            r = torch.sigmoid(gi.chunk(3, 1)[0] + gh.chunk(3, 1)[0])
            z = torch.sigmoid(gi.chunk(3, 1)[1] + gh.chunk(3, 1)[1])
            n = torch.tanh(gi.chunk(3, 1)[2] + r * gh.chunk(3, 1)[2])
            h = (1 - z) * n + z * h
        outputs.append(h)
    result = [torch.stack(outputs), h] + ([c] if mode == "lstm" else [])
    check_against_torch_nn(mode, t, result)
    return result


def check_against_torch_nn(mode, t, result):
    """The written-out layer gives what torch.nn.RNN, LSTM and GRU give with the same weights (gate orders included)."""
    size_in, hidden = t["x"].shape[2], t["h0"].shape[1]
    module = {"rnn_tanh": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[mode](size_in, hidden).double()
    with torch.no_grad():
        for name, key in [("weight_ih_l0", "w_ih"), ("weight_hh_l0", "w_hh"), ("bias_ih_l0", "b_ih"), ("bias_hh_l0", "b_hh")]:
            getattr(module, name).copy_(t[key])
        state = (t["h0"].unsqueeze(0), t["c0"].unsqueeze(0)) if mode == "lstm" else t["h0"].unsqueeze(0)
        out, last = module(t["x"], state)
        expected = [out, last[0][0], last[1][0]] if mode == "lstm" else [out, last[0]]
    for mine, theirs in zip(result, expected):
        if not torch.allclose(mine.detach(), theirs, rtol=1e-12, atol=1e-12):
            raise AssertionError("%s: the written-out layer differs from torch.nn's" % mode)


def batch_norm_train(t, p):
    channels = t["gamma"].shape[0]
    mean, var = torch.zeros(channels), torch.ones(channels)
    y = F.batch_norm(t["x"], mean, var, t["gamma"], t["beta"], training=True, momentum=p["momentum"], eps=p["eps"])
    return [y], {"running_mean_after": mean, "running_var_after": var}


def interpolate(t, p):
    size = tuple(p["size"]) if "size" in p else None
    scale = p.get("scale_factor")
    if p["mode"] == "bilinear":
        return [F.interpolate(t["x"], size=size, scale_factor=scale, mode="bilinear", align_corners=p["align_corners"])]
    return [F.interpolate(t["x"], size=size, scale_factor=scale, mode="nearest")]


def attention(t, p):
    scores = t["q"] @ t["k"].transpose(1, 2) / math.sqrt(t["q"].shape[-1])
    if "mask" in t:
        scores = scores + t["mask"].detach()
    return [torch.softmax(scores, -1) @ t["v"]]


def total_variation(x):
    return ((x[:, :, 1:, :] - x[:, :, :-1, :]) ** 2).sum() + ((x[:, :, :, 1:] - x[:, :, :, :-1]) ** 2).sum()


def gram(x):
    n, c, h, w = x.shape
    features = x.reshape(n, c, h * w)
    return features @ features.transpose(1, 2) / (c * h * w)


OPS = {
    "add": lambda t, p: [t["a"] + t["b"]],
    "mul": lambda t, p: [t["a"] * t["b"]],
    "div": lambda t, p: [t["a"] / t["b"]],
    "pow": lambda t, p: [t["a"] ** p["exponent"]],
    "exp_log": lambda t, p: [torch.log(torch.exp(t["a"]) + 1)],
    "sqrt": lambda t, p: [torch.sqrt(t["a"])],
    "sum": lambda t, p: [t["a"].sum(p["dim"], keepdim=p["keepdim"])],
    "mean": lambda t, p: [t["a"].mean(p["dim"], keepdim=p["keepdim"])],
    "max": lambda t, p: [t["a"].max(p["dim"], keepdim=p["keepdim"]).values],
    "matmul": lambda t, p: [t["a"] @ t["b"]],
    "permute": lambda t, p: [t["a"].permute(*p["dims"])],
    "cat": lambda t, p: [torch.cat([t["a"], t["b"]], p["dim"])],
    "relu": lambda t, p: [F.relu(t["x"])],
    "leaky_relu": lambda t, p: [F.leaky_relu(t["x"], p["negative_slope"])],
    "elu": lambda t, p: [F.elu(t["x"], p["alpha"])],
    "sigmoid": lambda t, p: [torch.sigmoid(t["x"])],
    "tanh": lambda t, p: [torch.tanh(t["x"])],
    "prelu": lambda t, p: [F.prelu(t["x"], t["weight"])],
    "maxout": lambda t, p: [t["x"].reshape(t["x"].shape[0], -1, p["pieces"]).max(-1).values],
    "softmax": lambda t, p: [torch.softmax(t["x"], p["dim"])],
    "log_softmax": lambda t, p: [torch.log_softmax(t["x"], p["dim"])],
    "cross_entropy": lambda t, p: [F.cross_entropy(t["logits"], t["target"].long())],
    "svm_hinge": lambda t, p: [svm_hinge(t["scores"], t["target"], p["delta"])],
    "bce_with_logits": lambda t, p: [F.binary_cross_entropy_with_logits(t["logits"], t["target"])],
    "mse": lambda t, p: [F.mse_loss(t["pred"], t["target"])],
    "l1": lambda t, p: [F.l1_loss(t["pred"], t["target"])],
    "smooth_l1": lambda t, p: [F.smooth_l1_loss(t["pred"], t["target"], beta=p["beta"])],
    "kl_std_normal": lambda t, p: [-0.5 * (1 + t["logvar"] - t["mu"] ** 2 - torch.exp(t["logvar"])).sum()
                                   / t["mu"].shape[0]],
    "conv2d": lambda t, p: [F.conv2d(t["x"], t["weight"], t["bias"], stride=p["stride"], padding=p["padding"],
                                     dilation=p.get("dilation", 1), groups=p.get("groups", 1))],
    "conv_transpose2d": lambda t, p: [F.conv_transpose2d(t["x"], t["weight"], t["bias"], stride=p["stride"],
                                                         padding=p["padding"], output_padding=p.get("output_padding", 0))],
    # average pooling counts the padding, PyTorch's default
    "max_pool2d": lambda t, p: [F.max_pool2d(t["x"], p["kernel"], p["stride"], p["padding"])],
    "avg_pool2d": lambda t, p: [F.avg_pool2d(t["x"], p["kernel"], p["stride"], p["padding"])],
    "adaptive_avg_pool2d": lambda t, p: [F.adaptive_avg_pool2d(t["x"], tuple(p["output"]))],
    "batch_norm_train": batch_norm_train,
    "embedding": lambda t, p: [F.embedding(t["idx"].long(), t["weight"])],
    "rnn_tanh": lambda t, p: recurrent("rnn_tanh", t),
    "lstm": lambda t, p: recurrent("lstm", t),
    "gru": lambda t, p: recurrent("gru", t),
    # vision.json
    "interpolate": interpolate,
    "cross_entropy_2d": lambda t, p: [F.cross_entropy(t["logits"], t["target"].long(), ignore_index=p["ignore_index"])],
    "box_iou": lambda t, p: [tv.box_iou(t["a"], t["b"])],
    "generalized_box_iou": lambda t, p: [tv.generalized_box_iou(t["a"], t["b"])],
    "nms": lambda t, p: [tv.nms(t["boxes"], t["scores"], p["iou_threshold"])],
    "batched_nms": lambda t, p: [tv.batched_nms(t["boxes"], t["scores"], t["idxs"].long(), p["iou_threshold"])],
    "roi_align": lambda t, p: [tv.roi_align(t["x"], t["rois"], tuple(p["output_size"]), p["spatial_scale"],
                                            p["sampling_ratio"], p["aligned"])],
    "roi_pool": lambda t, p: [tv.roi_pool(t["x"], t["rois"], tuple(p["output_size"]), p["spatial_scale"])],
    "gram": lambda t, p: [gram(t["x"])],
    "total_variation": lambda t, p: [total_variation(t["x"])],
    "bce": lambda t, p: [F.binary_cross_entropy(t["p"], t["target"], reduction=p["reduction"])],
    "huber": lambda t, p: [F.huber_loss(t["pred"], t["target"], delta=p["delta"])],
    "layer_norm": lambda t, p: [F.layer_norm(t["x"], tuple(p["normalized_shape"]), t["weight"], t["bias"], p["eps"])],
    "instance_norm": lambda t, p: [F.instance_norm(t["x"], weight=t["weight"], bias=t["bias"], eps=p["eps"])],
    "group_norm": lambda t, p: [F.group_norm(t["x"], p["groups"], t["weight"], t["bias"], p["eps"])],
    "scaled_dot_product_attention": attention,
}


def run(op, params, inputs, grads, upstream=None, draw=None):
    """Outputs, extra tensors, upstream gradients and input gradients of one case, all float64."""
    leaves = {k: v.clone().requires_grad_(k in grads) for k, v in inputs.items()}
    result = OPS[op](leaves, params)
    outputs, extra = result if isinstance(result, tuple) else (result, {})
    if not grads:
        return outputs, extra, None, {}
    if upstream is None:
        upstream = [draw.randn(*o.shape) for o in outputs]
    total = sum((o * u).sum() for o, u in zip(outputs, upstream))
    total.backward()
    return outputs, extra, upstream, {k: leaves[k].grad for k in grads}


# ---------------------------------------------------------------------------------------------------------------
# Away from kinks: each returns True when the draw is safe for float32

def gap_to_max(x, dim):
    top = x.topk(2, dim).values
    return (top.select(dim, 0) - top.select(dim, 1)).min().item()


def away_from_zero(key):
    return lambda t: t[key].abs().min().item() > KINK


def hinge_margins_away(t):
    s, y = t["scores"], t["target"].long()
    margins = s - s.gather(1, y.view(-1, 1)) + 1.0
    margins = margins.scatter(1, y.view(-1, 1), 1.0)   # the correct class has no hinge
    return margins.abs().min().item() > KINK


def coordinates_apart(*keys):
    """Box corners pairwise apart along each axis, so every min and max in an IoU has a clear winner."""
    def check(t):
        boxes = torch.cat([t[k] for k in keys])
        for axis in (0, 1):
            values = torch.cat([boxes[:, axis], boxes[:, axis + 2]]).sort().values
            if (values[1:] - values[:-1]).min().item() <= KINK:
                return False
        return True
    return check


def iou_away_from(threshold, key="boxes"):
    def check(t):
        iou = tv.box_iou(t[key], t[key])
        off = ~torch.eye(len(iou), dtype=torch.bool)
        scores = t["scores"].sort().values
        return ((iou[off] - threshold).abs().min().item() > KINK and (scores[1:] - scores[:-1]).min().item() > KINK)
    return check


def corners_away_from_half(scale):
    """roi_pool rounds each corner times the scale; a corner near .5 could round either way in float32."""
    def check(t):
        scaled = t["rois"][:, 1:] * scale
        return ((scaled - scaled.floor() - 0.5).abs().min().item() > KINK)
    return check


# ---------------------------------------------------------------------------------------------------------------
# The cases

def op_cases():
    """(name, op, params, inputs from a Draw, grads, safe) for ops.json, in the shared file's order."""
    rnn = lambda gates: lambda d: {"x": d.randn(4, 3, 5), "h0": d.randn(3, 6, scale=0.5),
                                   "w_ih": d.randn(gates * 6, 5, scale=0.4), "w_hh": d.randn(gates * 6, 6, scale=0.4),
                                   "b_ih": d.randn(gates * 6, scale=0.3), "b_hh": d.randn(gates * 6, scale=0.3)}
    rnn_grads = ["x", "h0", "w_ih", "w_hh", "b_ih", "b_hh"]

    def lstm_inputs(d):
        t = rnn(4)(d)
        t["c0"] = d.randn(3, 6, scale=0.5)
        return t

    conv = lambda c, k, f, groups=1: lambda d: {"x": d.randn(2, c, 6, 6), "weight": d.randn(k, c // groups, f, f, scale=0.4),
                                                 "bias": d.randn(k, scale=0.8)}
    conv_t = lambda d: {"x": d.randn(2, 3, 4, 3), "weight": d.randn(3, 4, 3, 3, scale=0.4), "bias": d.randn(4, scale=0.8)}
    return [
        ("add_broadcast", "add", {}, lambda d: {"a": d.randn(2, 1, 4), "b": d.randn(3, 1)}, ["a", "b"], None),
        ("mul_broadcast", "mul", {}, lambda d: {"a": d.randn(2, 3, 1), "b": d.randn(1, 4)}, ["a", "b"], None),
        ("div", "div", {}, lambda d: {"a": d.randn(3, 4), "b": d.uniform(0.5, 2.5, 3, 4)}, ["a", "b"], None),
        ("sub_scalar_pow", "pow", {"exponent": 3.0}, lambda d: {"a": d.randn(2, 5)}, ["a"], None),
        ("exp_log", "exp_log", {"note": "log(exp(a) + 1)"}, lambda d: {"a": d.randn(4, 3)}, ["a"], None),
        ("sqrt", "sqrt", {}, lambda d: {"a": d.uniform(0.1, 2.5, 3, 3)}, ["a"], None),
        ("sum_dim1_keepdim", "sum", {"dim": 1, "keepdim": True}, lambda d: {"a": d.randn(2, 3, 4)}, ["a"], None),
        ("mean_dim0", "mean", {"dim": 0, "keepdim": False}, lambda d: {"a": d.randn(3, 5)}, ["a"], None),
        ("max_dim2", "max", {"dim": 2, "keepdim": False}, lambda d: {"a": d.randn(2, 3, 4)}, ["a"],
         lambda t: gap_to_max(t["a"], 2) > KINK),
        ("matmul_2d", "matmul", {}, lambda d: {"a": d.randn(3, 4), "b": d.randn(4, 5)}, ["a", "b"], None),
        ("matmul_batched_broadcast", "matmul", {}, lambda d: {"a": d.randn(2, 3, 4), "b": d.randn(4, 2)}, ["a", "b"], None),
        ("permute", "permute", {"dims": [2, 0, 1]}, lambda d: {"a": d.randn(2, 3, 4)}, ["a"], None),
        ("cat_dim1", "cat", {"dim": 1}, lambda d: {"a": d.randn(2, 3), "b": d.randn(2, 2)}, ["a", "b"], None),
        ("relu", "relu", {}, lambda d: {"x": d.randn(3, 5)}, ["x"], away_from_zero("x")),
        ("leaky_relu", "leaky_relu", {"negative_slope": 0.01}, lambda d: {"x": d.randn(3, 5)}, ["x"], away_from_zero("x")),
        ("elu", "elu", {"alpha": 1.0}, lambda d: {"x": d.randn(3, 5)}, ["x"], away_from_zero("x")),
        ("sigmoid", "sigmoid", {}, lambda d: {"x": d.randn(3, 5, scale=2.0)}, ["x"], None),
        ("tanh", "tanh", {}, lambda d: {"x": d.randn(3, 5, scale=1.5)}, ["x"], None),
        ("prelu", "prelu", {"note": "one slope per channel (dim 1)"},
         lambda d: {"x": d.randn(2, 3, 3, 3), "weight": d.uniform(0.03, 0.5, 3)}, ["x", "weight"], away_from_zero("x")),
        ("maxout", "maxout", {"pieces": 2, "note": "features [N, units*pieces] grouped as (units, pieces), max over pieces"},
         lambda d: {"x": d.randn(3, 8)}, ["x"], lambda t: gap_to_max(t["x"].reshape(3, 4, 2), 2) > KINK),
        ("softmax", "softmax", {"dim": -1}, lambda d: {"x": d.randn(3, 6, scale=2.0)}, ["x"], None),
        ("log_softmax", "log_softmax", {"dim": -1}, lambda d: {"x": d.randn(3, 6, scale=2.0)}, ["x"], None),
        ("cross_entropy", "cross_entropy", {"reduction": "mean"},
         lambda d: {"logits": d.randn(4, 5, scale=2.0), "target": d.integers(0, 5, 4)}, ["logits"], None),
        ("svm_hinge", "svm_hinge", {"delta": 1.0, "reduction": "mean"},
         lambda d: {"scores": d.randn(4, 5), "target": d.integers(0, 5, 4)}, ["scores"], hinge_margins_away),
        ("bce_with_logits", "bce_with_logits", {"reduction": "mean"},
         lambda d: {"logits": d.randn(4, 3, scale=2.0), "target": d.integers(0, 2, 4, 3)}, ["logits", "target"], None),
        ("mse", "mse", {"reduction": "mean"}, lambda d: {"pred": d.randn(3, 4), "target": d.randn(3, 4)},
         ["pred", "target"], None),
        ("l1", "l1", {"reduction": "mean"}, lambda d: {"pred": d.randn(3, 4), "target": d.randn(3, 4)},
         ["pred", "target"], lambda t: (t["pred"] - t["target"]).abs().min().item() > KINK),
        ("smooth_l1", "smooth_l1", {"beta": 1.0, "reduction": "mean"},
         lambda d: {"pred": d.randn(3, 4, scale=2.0), "target": d.randn(3, 4)}, ["pred", "target"],
         lambda t: ((t["pred"] - t["target"]).abs() - 1.0).abs().min().item() > KINK),
        ("kl_std_normal", "kl_std_normal", {"note": "VAE: -0.5*sum(1+logvar-mu^2-exp(logvar)) / N"},
         lambda d: {"mu": d.randn(4, 3), "logvar": d.randn(4, 3, scale=0.5)}, ["mu", "logvar"], None),
        ("conv2d_0", "conv2d", {"stride": 1, "padding": 1, "dilation": 1, "groups": 1}, conv(3, 4, 3),
         ["x", "weight", "bias"], None),
        ("conv2d_1", "conv2d", {"stride": 2, "padding": 0, "dilation": 1, "groups": 1}, conv(3, 4, 3),
         ["x", "weight", "bias"], None),
        ("conv2d_2", "conv2d", {"stride": 1, "padding": 0, "dilation": 1, "groups": 1}, conv(3, 4, 1),
         ["x", "weight", "bias"], None),
        ("conv2d_3", "conv2d", {"stride": 1, "padding": 2, "dilation": 1, "groups": 1}, conv(3, 4, 5),
         ["x", "weight", "bias"], None),
        ("conv2d_groups", "conv2d", {"stride": 1, "padding": 1, "dilation": 1, "groups": 2}, conv(4, 6, 3, groups=2),
         ["x", "weight", "bias"], None),
        ("conv_transpose2d_0", "conv_transpose2d", {"stride": 2, "padding": 1, "output_padding": 1}, conv_t,
         ["x", "weight", "bias"], None),
        ("conv_transpose2d_1", "conv_transpose2d", {"stride": 2, "padding": 0, "output_padding": 0}, conv_t,
         ["x", "weight", "bias"], None),
        ("max_pool2d_2x2", "max_pool2d", {"kernel": 2, "stride": 2, "padding": 0}, lambda d: {"x": d.spaced(2, 3, 6, 6)},
         ["x"], None),
        ("max_pool2d_3s2p1", "max_pool2d", {"kernel": 3, "stride": 2, "padding": 1}, lambda d: {"x": d.spaced(2, 3, 6, 6)},
         ["x"], None),
        ("avg_pool2d_2x2", "avg_pool2d", {"kernel": 2, "stride": 2, "padding": 0}, lambda d: {"x": d.randn(2, 3, 6, 6)},
         ["x"], None),
        ("global_avg_pool", "adaptive_avg_pool2d", {"output": [1, 1]}, lambda d: {"x": d.randn(2, 3, 6, 6)}, ["x"], None),
        ("batch_norm_2d", "batch_norm_train", {"eps": 1e-05, "momentum": 0.1},
         lambda d: {"x": d.randn(3, 3, 4, 3), "gamma": d.uniform(0.5, 2.0, 3), "beta": d.randn(3, scale=0.5)},
         ["x", "gamma", "beta"], None),
        ("batch_norm_1d", "batch_norm_train", {"eps": 1e-05, "momentum": 0.1},
         lambda d: {"x": d.randn(5, 5), "gamma": d.uniform(0.5, 2.0, 5), "beta": d.randn(5, scale=0.5)},
         ["x", "gamma", "beta"], None),
        ("embedding", "embedding", {}, lambda d: {"weight": d.randn(7, 4), "idx": d.integers(0, 7, 2, 3)}, ["weight"], None),
        ("rnn_tanh", "rnn_tanh", {"layout": "x[T,N,I]; outputs: all h [T,N,H], last h"}, rnn(1), rnn_grads, None),
        ("lstm", "lstm", {"layout": "x[T,N,I]; gates i,f,g,o; outputs: all h, last h, last c"}, lstm_inputs,
         rnn_grads + ["c0"], None),
        ("gru", "gru", {"layout": "x[T,N,I]; gates r,z,n; outputs: all h, last h"}, rnn(3), rnn_grads, None),
    ]


def vision_cases():
    """(name, op, params, inputs from a Draw, grads, safe) for vision.json, in the shared file's order."""
    def rois(d, count, high, scale):
        """count boxes within an image of 6x7 at this scale, each with its batch index (of 2) first."""
        boxes = d.boxes(count, low=-1.0 / scale, high=high / scale, smallest=1.0 / scale, largest=4.0 / scale)
        return torch.cat([d.integers(0, 2, count, 1), boxes], 1)

    def roi_case(count, scale):
        return lambda d: {"x": d.randn(2, 3, 6, 7), "rois": rois(d, count, 5.0, scale)}

    def ce_2d(ignore):
        def inputs(d):
            target = d.integers(0, 4, 2, 5, 6)
            if ignore != -100:
                target[d.uniform(0, 1, 2, 5, 6) < 0.1] = ignore   # about one pixel in ten ignored
            return {"logits": d.randn(2, 4, 5, 6, scale=2.0), "target": target}
        return inputs

    def masked_attention(d):
        t = {"q": d.randn(2, 3, 5), "k": d.randn(2, 4, 5), "v": d.randn(2, 4, 5)}
        mask = torch.zeros(3, 4)
        mask[d.uniform(0, 1, 3, 4) < 0.25] = -math.inf
        mask[:, 0] = 0.0   # every query sees at least one key
        t["mask"] = mask
        return t

    bilinear = lambda size, corners: ({"mode": "bilinear", "size": size, "align_corners": corners},
                                      lambda d: {"x": d.randn(2, 3, 4, 5)})
    cases = []
    for i, (size, corners) in enumerate([([8, 10], False), ([8, 10], True), ([5, 3], False), ([9, 4], True)]):
        params, inputs = bilinear(size, corners)
        cases.append(("interpolate_bilinear_%d" % i, "interpolate", params, inputs, ["x"], None))
    return cases + [
        ("interpolate_bilinear_scale2", "interpolate", {"mode": "bilinear", "scale_factor": 2, "align_corners": False},
         lambda d: {"x": d.randn(2, 3, 3, 4)}, ["x"], None),
        ("interpolate_nearest_scale2", "interpolate", {"mode": "nearest", "scale_factor": 2},
         lambda d: {"x": d.randn(2, 3, 3, 4)}, ["x"], None),
        ("interpolate_nearest_size", "interpolate", {"mode": "nearest", "size": [7, 5]},
         lambda d: {"x": d.randn(2, 3, 4, 3)}, ["x"], None),
        ("cross_entropy_2d", "cross_entropy_2d", {"reduction": "mean", "ignore_index": -100}, ce_2d(-100), ["logits"], None),
        ("cross_entropy_2d_ignore", "cross_entropy_2d", {"reduction": "mean", "ignore_index": 255}, ce_2d(255),
         ["logits"], None),
        ("box_iou", "box_iou", {"format": "xyxy"}, lambda d: {"a": d.boxes(4, high=14.0, largest=10.0),
                                                              "b": d.boxes(5, high=14.0, largest=10.0)},
         ["a", "b"], coordinates_apart("a", "b")),
        ("generalized_box_iou", "generalized_box_iou", {"format": "xyxy"},
         lambda d: {"a": d.boxes(3, high=14.0, largest=10.0), "b": d.boxes(4, high=14.0, largest=10.0)},
         ["a", "b"], coordinates_apart("a", "b")),
        ("nms_0", "nms", {"iou_threshold": 0.5}, lambda d: {"boxes": d.boxes(12, high=5.0, smallest=2.0, largest=5.0),
                                                            "scores": d.uniform(0, 1, 12)}, [], iou_away_from(0.5)),
        ("nms_1", "nms", {"iou_threshold": 0.3}, lambda d: {"boxes": d.boxes(12, high=5.0, smallest=2.0, largest=5.0),
                                                            "scores": d.uniform(0, 1, 12)}, [], iou_away_from(0.3)),
        ("batched_nms", "batched_nms", {"iou_threshold": 0.5},
         lambda d: {"boxes": d.boxes(14, high=5.0, smallest=2.0, largest=5.0), "scores": d.uniform(0, 1, 14),
                    "idxs": d.integers(0, 3, 14)}, [], iou_away_from(0.5)),
        ("roi_align_0", "roi_align", {"output_size": [3, 3], "spatial_scale": 1.0, "sampling_ratio": 2, "aligned": True},
         roi_case(5, 1.0), ["x"], None),
        ("roi_align_1", "roi_align", {"output_size": [2, 2], "spatial_scale": 0.5, "sampling_ratio": 0, "aligned": False},
         roi_case(5, 0.5), ["x"], None),
        ("roi_align_2", "roi_align", {"output_size": [2, 3], "spatial_scale": 0.5, "sampling_ratio": -1, "aligned": True},
         roi_case(5, 0.5), ["x"], None),
        ("roi_align_3", "roi_align", {"output_size": [4, 4], "spatial_scale": 1.0, "sampling_ratio": 1, "aligned": False},
         roi_case(5, 1.0), ["x"], None),
        ("roi_pool_0", "roi_pool", {"output_size": [2, 2], "spatial_scale": 1.0},
         lambda d: {"x": d.spaced(2, 3, 6, 7), "rois": rois(d, 4, 5.0, 1.0)}, ["x"], corners_away_from_half(1.0)),
        ("roi_pool_1", "roi_pool", {"output_size": [3, 2], "spatial_scale": 0.5},
         lambda d: {"x": d.spaced(2, 3, 6, 7), "rois": rois(d, 4, 5.0, 0.5)}, ["x"], corners_away_from_half(0.5)),
        ("gram", "gram", {"normalization": "divide by C*H*W"}, lambda d: {"x": d.randn(2, 4, 4, 5)}, ["x"], None),
        ("total_variation", "total_variation", {"note": "sum of squared differences of neighbouring pixels, both axes"},
         lambda d: {"x": d.randn(2, 3, 5, 6)}, ["x"], None),
        ("bce_sum", "bce", {"reduction": "sum"}, lambda d: {"p": d.uniform(0.02, 0.98, 3, 5),
                                                            "target": d.uniform(0.05, 0.95, 3, 5)}, ["p"], None),
        ("bce_mean", "bce", {"reduction": "mean"}, lambda d: {"p": d.uniform(0.02, 0.98, 4, 3),
                                                              "target": d.integers(0, 2, 4, 3)}, ["p"], None),
        ("huber", "huber", {"delta": 1.0, "reduction": "mean"},
         lambda d: {"pred": d.randn(4, 3, scale=2.0), "target": d.randn(4, 3)}, ["pred", "target"],
         lambda t: ((t["pred"] - t["target"]).abs() - 1.0).abs().min().item() > KINK),
        ("layer_norm", "layer_norm", {"normalized_shape": [6], "eps": 1e-05},
         lambda d: {"x": d.randn(2, 4, 6), "weight": d.uniform(0.5, 2.5, 6), "bias": d.randn(6, scale=0.5)},
         ["x", "weight", "bias"], None),
        ("instance_norm", "instance_norm", {"eps": 1e-05, "affine": True},
         lambda d: {"x": d.randn(2, 3, 4, 5), "weight": d.uniform(0.5, 2.0, 3), "bias": d.randn(3, scale=0.5)},
         ["x", "weight", "bias"], None),
        ("group_norm", "group_norm", {"groups": 2, "eps": 1e-05},
         lambda d: {"x": d.randn(2, 4, 3, 5), "weight": d.uniform(0.5, 2.0, 4), "bias": d.randn(4, scale=0.5)},
         ["x", "weight", "bias"], None),
        ("attention", "scaled_dot_product_attention", {"note": "softmax(q k^T / sqrt(d)) v"},
         lambda d: {"q": d.randn(2, 3, 5), "k": d.randn(2, 4, 5), "v": d.randn(2, 4, 6)}, ["q", "k", "v"], None),
        ("attention_masked", "scaled_dot_product_attention",
         {"note": "softmax(q k^T / sqrt(d) + mask) v; mask -inf = not allowed"}, masked_attention, ["q", "k", "v"], None),
    ]


OPTIMIZERS = [
    ("sgd", torch.optim.SGD, {"lr": 0.1}),
    ("sgd_momentum", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9}),
    ("sgd_nesterov", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", torch.optim.SGD, {"lr": 0.1, "weight_decay": 0.01}),
    ("adagrad", torch.optim.Adagrad, {"lr": 0.1}),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.99, "eps": 1e-08}),
    ("adam", torch.optim.Adam, {"lr": 0.1, "betas": [0.9, 0.999], "eps": 1e-08}),
    ("adamw", torch.optim.AdamW, {"lr": 0.1, "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.01}),
    ("adadelta", torch.optim.Adadelta, {"lr": 1.0, "rho": 0.9, "eps": 1e-06}),
]
OPTIMIZER_CLASSES = {name: cls for name, cls, _ in OPTIMIZERS}
QUADRATIC = "sum(a * p^2 + b * p)"

OBJECTIVES = {"rosenbrock": "sum_i (1 - p_i)^2 + 10 (p_{i+1} - p_i^2)^2",
              "quartic": "sum(a * p^2 + b * p) + 0.25 * sum(p^4)"}
LBFGS_HYPER = [("defaults", {}), ("max_iter4", {"max_iter": 4}),
               ("strong_wolfe_max_iter4", {"line_search_fn": "strong_wolfe", "max_iter": 4}),
               ("small_history", {"history_size": 3, "max_iter": 5, "lr": 0.8})]


def objective(name, p, a=None, b=None):
    if name == "rosenbrock":
        return ((1 - p[:-1]) ** 2).sum() + 10 * ((p[1:] - p[:-1] ** 2) ** 2).sum()
    return (a * p * p + b * p).sum() + 0.25 * (p ** 4).sum()


def optimize(cls, hyper, a, b, p0):
    """p after each of 10 steps minimizing sum(a p^2 + b p) from p0."""
    p = p0.clone().requires_grad_(True)
    settings = dict(hyper)
    if "betas" in settings:
        settings["betas"] = tuple(settings["betas"])
    optimizer = cls([p], **settings)
    trajectory = []
    for _ in range(10):
        optimizer.zero_grad()
        (a * p * p + b * p).sum().backward()
        optimizer.step()
        trajectory.append(p.detach().clone())
    return trajectory


def lbfgs(name, hyper, p0, a=None, b=None):
    """Three LBFGS step(closure) calls: the loss each returned, p after it and how often it called the closure."""
    p = p0.clone().requires_grad_(True)
    optimizer = torch.optim.LBFGS([p], **hyper)
    calls = [0]

    def closure():
        calls[0] += 1
        optimizer.zero_grad()
        loss = objective(name, p, a, b)
        loss.backward()
        return loss

    steps = []
    for _ in range(3):
        calls[0] = 0
        returned = optimizer.step(closure)
        steps.append((float(returned), p.detach().clone(), calls[0]))
    return steps


# ---------------------------------------------------------------------------------------------------------------
# Writing

def number(v, digits=9):
    if math.isinf(v) or math.isnan(v):
        return v   # json writes -Infinity, as the shared vision.json holds in its attention mask
    return float("%.*g" % (digits, v))


def spec(t, whole=False):
    values = t.detach().reshape(-1).tolist()
    return {"shape": list(t.shape), "data": [int(v) for v in values] if whole else [number(v) for v in values]}


WHOLE_OUTPUTS = {"nms", "batched_nms"}


def is_whole(op, key):
    """Class targets and indices are written as whole numbers; a binary target is a float, as the loss reads it."""
    return key in ("idx", "idxs") or (key == "target" and op in ("cross_entropy", "svm_hinge", "cross_entropy_2d"))


def make_case(name, op, params, make_inputs, grads, safe):
    draw = Draw(name)
    for _ in range(1000):
        inputs = make_inputs(draw)
        if safe is None or safe(inputs):
            break
    else:
        raise RuntimeError("%s: no draw away from the kinks in 1000 tries" % name)
    outputs, extra, upstream, gradients = run(op, params, inputs, grads, draw=draw)
    entry = {"name": name, "op": op, "params": params,
             "inputs": {k: spec(v, whole=is_whole(op, k)) for k, v in inputs.items()},
             "outputs": [spec(o, whole=op in WHOLE_OUTPUTS) for o in outputs]}
    if grads:
        entry["upstream"] = [spec(u) for u in upstream]
        entry["grads"] = {k: spec(gradients[k]) for k in grads}
    entry.update({k: spec(v) for k, v in extra.items()})
    return entry


def generate():
    version = "PyTorch %s" % torch.__version__
    files = {
        "ops.json": {"generator": "%s, float64, seed %d (make_reference.py)" % (version, SEED),
                     "cases": [make_case(*c) for c in op_cases()]},
        "vision.json": {"generator": "%s, torchvision %s, float64, seed %d (make_reference.py)"
                                     % (version, torchvision.__version__, SEED),
                        "cases": [make_case(*c) for c in vision_cases()]},
        "optimizers.json": {"generator": "%s, float64, seed %d (make_reference.py)" % (version, SEED),
                            "objective": QUADRATIC, "cases": []},
        "lbfgs.json": {"generator": "%s torch.optim.LBFGS, float64, seed %d (make_reference.py)" % (version, SEED),
                       "objectives": OBJECTIVES, "cases": []},
    }
    for name, cls, hyper in OPTIMIZERS:
        d = Draw(name)
        a, b, p0 = d.uniform(0.2, 1.2, 6), d.randn(6), d.randn(6)
        files["optimizers.json"]["cases"].append({
            "name": name, "hyper": hyper, "a": spec(a), "b": spec(b), "p0": spec(p0),
            "trajectory": [[number(v) for v in p.tolist()] for p in optimize(cls, hyper, a, b, p0)]})
    for goal in OBJECTIVES:
        d = Draw(goal)
        # far enough from the minimum that the later step calls still iterate
        p0 = d.uniform(0.3, 1.4, 4) if goal == "rosenbrock" else d.randn(5, scale=2.0)
        ab = {} if goal == "rosenbrock" else {"a": d.uniform(0.2, 1.5, 5), "b": d.randn(5)}
        for suffix, hyper in LBFGS_HYPER:
            case = {"name": "%s_%s" % (goal, suffix), "objective": goal, "hyper": hyper, "p0": spec(p0)}
            case.update({k: spec(v) for k, v in ab.items()})
            case["steps"] = [{"returned_loss": number(loss, 12), "p": [number(v, 12) for v in p.tolist()],
                              "closure_calls": calls} for loss, p, calls in lbfgs(goal, hyper, p0, **ab)]
            files["lbfgs.json"]["cases"].append(case)
    for file, content in files.items():
        path = os.path.join(HERE, file)
        with open(path, "w") as out:
            json.dump(content, out)
            out.write("\n")
        print("wrote %d cases to %s" % (len(content["cases"]), path))


# ---------------------------------------------------------------------------------------------------------------
# Checking another set of cases against these definitions

def tensor(s):
    # The written decimals, not their float32 rounding: a float32 input's 9 digits are within 5e-10 of it, while a
    # derived input that was never float32 (the shared files' boxes and rois) is 6e-8 from its float32 rounding.
    return torch.tensor(s["data"], dtype=torch.float64).reshape(s["shape"])


def compare(where, expected, actual, rtol, atol, problems):
    if actual is None:
        problems.append("%s: no value (no gradient reached it)" % where)
        return
    expected = torch.as_tensor(expected, dtype=torch.float64)
    actual = torch.as_tensor(actual, dtype=torch.float64).detach()
    if list(expected.shape) != list(actual.shape):
        problems.append("%s: shape %s, expected %s" % (where, list(actual.shape), list(expected.shape)))
        return
    if not torch.allclose(actual, expected, rtol=rtol, atol=atol):
        diff = ((actual - expected).abs() - rtol * expected.abs()).reshape(-1).argmax().item()
        problems.append("%s: element %d is %r, expected %r" % (where, diff, actual.reshape(-1)[diff].item(),
                                                              expected.reshape(-1)[diff].item()))


def check(folder):
    # Loose enough for inputs written with 9 digits (within 5e-10 relative of what was computed on; sums that cancel
    # lose more), far tighter than any difference of convention (a biased variance, a mean over another dim) makes.
    rtol, atol = 1e-6, 1e-7
    problems, count = [], 0
    for file in ["ops.json", "vision.json"]:
        for c in json.load(open(os.path.join(folder, file)))["cases"]:
            count += 1
            where = "%s %s" % (file, c["name"])
            inputs = {k: tensor(v) for k, v in c["inputs"].items()}
            grads = list(c.get("grads", {}))
            upstream = [tensor(u) for u in c["upstream"]] if grads else None
            outputs, extra, _, gradients = run(c["op"], c["params"], inputs, grads, upstream=upstream)
            if len(outputs) != len(c["outputs"]):
                problems.append("%s: %d outputs, expected %d" % (where, len(outputs), len(c["outputs"])))
                continue
            for k, (o, e) in enumerate(zip(outputs, c["outputs"])):
                compare("%s output %d" % (where, k), torch.tensor(e["data"], dtype=torch.float64).reshape(e["shape"]),
                        o, rtol, atol, problems)
            for k in grads:
                e = c["grads"][k]
                compare("%s grad of %s" % (where, k), torch.tensor(e["data"]).reshape(e["shape"]), gradients[k], rtol,
                        atol, problems)
            for k, v in extra.items():
                compare("%s %s" % (where, k), torch.tensor(c[k]["data"]).reshape(c[k]["shape"]), v, rtol, atol, problems)
    for c in json.load(open(os.path.join(folder, "optimizers.json")))["cases"]:
        count += 1
        trajectory = optimize(OPTIMIZER_CLASSES[c["name"]], c["hyper"], tensor(c["a"]), tensor(c["b"]), tensor(c["p0"]))
        for k, (p, e) in enumerate(zip(trajectory, c["trajectory"])):
            compare("optimizers.json %s step %d" % (c["name"], k + 1), e, p, rtol, atol, problems)
    for c in json.load(open(os.path.join(folder, "lbfgs.json")))["cases"]:
        count += 1
        ab = {k: tensor(c[k]) for k in ("a", "b") if k in c}
        for k, ((loss, p, calls), e) in enumerate(zip(lbfgs(c["objective"], c["hyper"], tensor(c["p0"]), **ab), c["steps"])):
            where = "lbfgs.json %s step %d" % (c["name"], k + 1)
            compare(where + " loss", e["returned_loss"], loss, rtol, atol, problems)
            compare(where + " p", e["p"], p, rtol, atol, problems)
            if calls != e["closure_calls"]:
                problems.append("%s: %d closure calls, expected %d" % (where, calls, e["closure_calls"]))
    for problem in problems:
        print(problem)
    print("%d cases of %s: %s" % (count, folder, "%d differences" % len(problems) if problems else "all agree"))
    return not problems


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    if len(sys.argv) != 1:
        sys.exit(__doc__)
    generate()
