"""Writes torchvision_models.json.gz: for each torchvision model in the ImageNet configuration (3x224x224,
1000 classes), its parameter count and every state-dict key with its shape. Run once with Debian's
python3-torchvision: /usr/bin/python3 make_torchvision_reference.py"""
import gzip, json
import torchvision

models = {
    "alexnet": lambda: torchvision.models.alexnet(),
    "googlenet": lambda: torchvision.models.googlenet(aux_logits=False, init_weights=False),
    "googlenet_aux": lambda: torchvision.models.googlenet(aux_logits=True, init_weights=False),
    "densenet121": lambda: torchvision.models.densenet121(),
    "densenet169": lambda: torchvision.models.densenet169(),
    "resnext50_32x4d": lambda: torchvision.models.resnext50_32x4d(),
    "resnext101_32x8d": lambda: torchvision.models.resnext101_32x8d(),
}
for depth in (11, 13, 16, 19):
    models[f"vgg{depth}"] = getattr(torchvision.models, f"vgg{depth}")
    models[f"vgg{depth}_bn"] = getattr(torchvision.models, f"vgg{depth}_bn")
for depth in (18, 34, 50, 101, 152):
    models[f"resnet{depth}"] = getattr(torchvision.models, f"resnet{depth}")
out = {"torchvision": torchvision.__version__, "models": {}}
for name, make in models.items():
    model = make()
    params = sum(p.numel() for p in model.parameters())
    state = [[key, list(value.shape)] for key, value in model.state_dict().items()]
    out["models"][name] = {"params": params, "state": state}
    print(name, params, len(state))
with gzip.open("torchvision_models.json.gz", "wt") as f:
    json.dump(out, f, separators=(",", ":"))
