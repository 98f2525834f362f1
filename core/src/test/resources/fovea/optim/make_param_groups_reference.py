"""Makes param_groups.json for ParamGroupsReferenceTest; run once, output committed.

Run: /usr/bin/python3 make_param_groups_reference.py   (torch from Debian's python3-torch)
Each case minimizes the mean squared error of a tiny linear model, loss = mean((x W^T + c - y)^2) with W [2, 3] and
c [2], for 10 steps with a PyTorch optimizer over two parameter groups, [{'params': [W], ...}, {'params': [c], ...}],
that differ in lr and weight_decay (a group that leaves a setting out takes the optimizer's). Cases with a "schedule"
step it after every optimizer step. Computed in float64 from inputs that are exactly float32; "trajectory[k]" holds W
and c after step k+1 and "lrs[k]" each group's lr after the schedule's step k+1 (the rate of step k+2).
"""
import json

import torch

torch.manual_seed(231)
x = torch.randn(4, 3).double()
y = torch.randn(4, 2).double()
w0 = torch.randn(2, 3).double()
c0 = torch.randn(2).double()
STEPS = 10

CASES = [
    # name, optimizer, the optimizer's settings, group 0's (W) and group 1's (c) overrides, schedule
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9, "weight_decay": 1e-3},
     {"lr": 0.1, "weight_decay": 0.01}, {}, None),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.02},
     {"weight_decay": 0.0}, {"lr": 0.2}, None),
    ("adam", "Adam", {"lr": 0.01, "betas": (0.8, 0.99)},
     {"weight_decay": 0.1}, {"lr": 0.05}, None),
    ("adamw", "AdamW", {"lr": 0.01, "weight_decay": 0.05},
     {}, {"lr": 0.003, "weight_decay": 0.0}, None),
    ("rmsprop", "RMSprop", {"lr": 0.01, "momentum": 0.5, "weight_decay": 0.01},
     {"lr": 0.003}, {"weight_decay": 0.0}, None),
    ("adagrad", "Adagrad", {"lr": 0.1, "weight_decay": 0.01},
     {"weight_decay": 0.0}, {"lr": 0.3}, None),
    ("adadelta", "Adadelta", {"lr": 1.0},
     {"lr": 0.5, "weight_decay": 0.1}, {}, None),
    ("sgd_momentum_step_lr", "SGD", {"lr": 0.05, "momentum": 0.9, "weight_decay": 1e-3},
     {"lr": 0.1, "weight_decay": 0.01}, {}, {"name": "StepLR", "step_size": 3, "gamma": 0.5}),
    ("adamw_cosine", "AdamW", {"lr": 0.01, "weight_decay": 0.05},
     {}, {"lr": 0.003, "weight_decay": 0.0}, {"name": "CosineAnnealingLR", "T_max": 6, "eta_min": 0.002}),
]


def tensor(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


def run(name, optimizer, settings, group0, group1, schedule):
    w = w0.clone().requires_grad_(True)
    c = c0.clone().requires_grad_(True)
    groups = [dict({"params": [w]}, **group0), dict({"params": [c]}, **group1)]
    opt = getattr(torch.optim, optimizer)(groups, **settings)
    scheduler = None
    if schedule is not None:
        kind = dict(schedule)
        scheduler = getattr(torch.optim.lr_scheduler, kind.pop("name"))(opt, **kind)
    trajectory, lrs = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = ((x @ w.t() + c - y) ** 2).mean()
        loss.backward()
        opt.step()
        if scheduler is not None:
            scheduler.step()
        trajectory.append({"weight": [float(v) for v in w.detach().flatten().tolist()],
                           "bias": [float(v) for v in c.detach().flatten().tolist()]})
        lrs.append([g["lr"] for g in opt.param_groups])
    hyper = {k: (list(v) if isinstance(v, tuple) else v) for k, v in settings.items()}
    return {"name": name, "optimizer": optimizer, "hyper": hyper, "groups": [group0, group1], "schedule": schedule,
            "trajectory": trajectory, "lrs": lrs}


out = {"generator": "make_param_groups_reference.py, PyTorch " + torch.__version__ + ", float64, seed 231",
       "objective": "mean((x W^T + c - y)^2); group 0 holds W, group 1 holds c",
       "x": tensor(x), "y": tensor(y), "weight0": tensor(w0), "bias0": tensor(c0),
       "cases": [run(*case) for case in CASES]}
with open("param_groups.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
