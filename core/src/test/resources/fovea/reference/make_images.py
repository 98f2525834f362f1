#!/usr/bin/python3
"""Writes images.json: PyTorch reference cases for the image ops that ../shared/reference/ops.json lacks.

Same format as ops.json (see ../shared/reference/README.md). Run with Debian's python3-torch:
    /usr/bin/python3 core/src/test/resources/fovea/reference/make_images.py
Inputs are float32-representable, the computation is float64.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261123)


def rand(*shape, low=-2.0, high=2.0):
    """Uniform values rounded to float32, then widened: exactly representable in float32."""
    return (torch.rand(*shape) * (high - low) + low).float().double()


def spaced(*shape):
    """Distinct values in shuffled order, at least 1/64 apart: max pooling stays away from ties."""
    n = 1
    for s in shape:
        n *= s
    return (torch.randperm(n).double() / 64 - n / 128).reshape(shape)


def spec(t):
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]}


cases = []


def case(name, op, params, inputs, fn, grads, extra=None):
    leaves = {k: v.clone().requires_grad_(k in grads) for k, v in inputs.items()}
    outputs = fn(leaves)
    upstream = [rand(*o.shape) for o in outputs]
    total = sum((o * u).sum() for o, u in zip(outputs, upstream))
    total.backward()
    entry = {"name": name, "op": op, "params": params, "inputs": {k: spec(v) for k, v in inputs.items()},
             "outputs": [spec(o) for o in outputs], "upstream": [spec(u) for u in upstream],
             "grads": {k: spec(leaves[k].grad) for k in grads}}
    if extra:
        entry.update({k: spec(v) for k, v in extra(leaves).items()})
    cases.append(entry)


# pooling beyond ops.json: dilation, ceil mode, rectangular inputs, padding not counted, adaptive to odd sizes
case("max_pool2d_dilated_ceil", "max_pool2d", {"kernel": 3, "stride": 2, "padding": 1, "dilation": 2, "ceil_mode": True},
     {"x": spaced(2, 2, 9, 8)},
     lambda t: [F.max_pool2d(t["x"], 3, 2, 1, dilation=2, ceil_mode=True)], ["x"])
case("max_pool2d_3s1", "max_pool2d", {"kernel": 3, "stride": 1, "padding": 0},
     {"x": spaced(1, 3, 5, 11)}, lambda t: [F.max_pool2d(t["x"], 3, 1, 0)], ["x"])
case("avg_pool2d_3s2p1", "avg_pool2d", {"kernel": 3, "stride": 2, "padding": 1},
     {"x": rand(2, 2, 7, 5)}, lambda t: [F.avg_pool2d(t["x"], 3, 2, 1)], ["x"])
case("avg_pool2d_exclude_pad_ceil", "avg_pool2d",
     {"kernel": 3, "stride": 2, "padding": 1, "count_include_pad": False, "ceil_mode": True},
     {"x": rand(1, 3, 6, 9)},
     lambda t: [F.avg_pool2d(t["x"], 3, 2, 1, ceil_mode=True, count_include_pad=False)], ["x"])
case("adaptive_avg_pool2d_7x5_to_3x2", "adaptive_avg_pool2d", {"output": [3, 2]},
     {"x": rand(2, 2, 7, 5)}, lambda t: [F.adaptive_avg_pool2d(t["x"], (3, 2))], ["x"])
case("adaptive_avg_pool2d_5x6_to_4x4", "adaptive_avg_pool2d", {"output": [4, 4]},
     {"x": rand(1, 3, 5, 6)}, lambda t: [F.adaptive_avg_pool2d(t["x"], (4, 4))], ["x"])

# batch norm on images: training on an odd shape, and evaluation with running statistics
def bn_train(t):
    rm, rv = torch.zeros(4, dtype=torch.float64), torch.ones(4, dtype=torch.float64)
    return [F.batch_norm(t["x"], rm, rv, t["gamma"], t["beta"], training=True, momentum=0.1, eps=1e-5)]


def bn_train_stats(t):
    rm, rv = torch.zeros(4, dtype=torch.float64), torch.ones(4, dtype=torch.float64)
    F.batch_norm(t["x"].detach(), rm, rv, training=True, momentum=0.1, eps=1e-5)
    return {"running_mean_after": rm, "running_var_after": rv}


case("batch_norm_2d_odd", "batch_norm_train", {"eps": 1e-5, "momentum": 0.1},
     {"x": rand(3, 4, 5, 7, low=-3.5, high=4.5), "gamma": rand(4), "beta": rand(4)}, bn_train, ["x", "gamma", "beta"],
     bn_train_stats)
case("batch_norm_2d_eval", "batch_norm_eval", {"eps": 1e-3},
     {"x": rand(2, 3, 4, 5), "gamma": rand(3), "beta": rand(3), "running_mean": rand(3),
      "running_var": rand(3, low=0.5, high=2.0)},
     lambda t: [F.batch_norm(t["x"], t["running_mean"], t["running_var"], t["gamma"], t["beta"], training=False,
                             eps=1e-3)], ["x", "gamma", "beta"])

# local response normalization (alpha larger than AlexNet's 1e-4 so the normalization shows in the values)
for name, size, alpha, beta, k, shape in [("lrn_3", 3, 0.5, 0.75, 1.0, (2, 5, 3, 3)),
                                          ("lrn_4_even", 4, 0.3, 0.6, 2.0, (1, 6, 2, 3)),
                                          ("lrn_5_alexnet", 5, 1e-4, 0.75, 1.0, (1, 7, 2, 3))]:
    case(name, "local_response_norm", {"size": size, "alpha": alpha, "beta": beta, "k": k},
         {"x": rand(*shape) * 2}, lambda t, s=size, a=alpha, b=beta, kk=k: [F.local_response_norm(t["x"], s, a, b, kk)],
         ["x"])

# upsampling by a scale factor or to a size
for mode in ["nearest", "bilinear"]:
    extra = {"align_corners": False} if mode == "bilinear" else {}
    case("upsample_%s_x2" % mode, "upsample_" + mode, {"scale_factor": 2.0}, {"x": rand(1, 2, 3, 4)},
         lambda t, m=mode, e=extra: [F.interpolate(t["x"], scale_factor=2.0, mode=m, **e)], ["x"])
    case("upsample_%s_x1_5" % mode, "upsample_" + mode, {"scale_factor": 1.5}, {"x": rand(2, 1, 3, 5)},
         lambda t, m=mode, e=extra: [F.interpolate(t["x"], scale_factor=1.5, mode=m, **e)], ["x"])
    case("upsample_%s_size_5x7" % mode, "upsample_" + mode, {"size": [5, 7]}, {"x": rand(1, 2, 3, 4)},
         lambda t, m=mode, e=extra: [F.interpolate(t["x"], size=(5, 7), mode=m, **e)], ["x"])
    case("upsample_%s_size_down_2x3" % mode, "upsample_" + mode, {"size": [2, 3]}, {"x": rand(1, 2, 5, 7)},
         lambda t, m=mode, e=extra: [F.interpolate(t["x"], size=(2, 3), mode=m, **e)], ["x"])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "images.json")
with open(out, "w") as f:
    json.dump({"generator": "PyTorch %s, float64, seed 20261123 (make_images.py)" % torch.__version__, "cases": cases},
              f, separators=(",", ":"))
    f.write("\n")
print("wrote %d cases to %s" % (len(cases), out))
