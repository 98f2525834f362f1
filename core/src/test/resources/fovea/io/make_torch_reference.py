"""Makes torch_reference.safetensors and torch_reference.json for SafetensorsTorchTest; run once, output committed.

Run: PYTHONPATH=<safetensors package> /usr/bin/python3 make_torch_reference.py   (torch from Debian's python3-torch)
The state dict of Sequential(Linear(4, 3), BatchNorm1d(3)) after one training-mode forward (so the running
statistics and the I64 num_batches_tracked are not their defaults), plus one small tensor of every other dtype
Fovea converts. The JSON holds each tensor's dtype, shape and tensor.float() as float32 bit patterns (exact, and plain JSON even
for infinities and -0.0), with the values beside them for people (non-finite ones as strings).
"""
import json
import math
import struct

import torch
from safetensors.torch import save_file

torch.manual_seed(231)
model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3))
model.train()
model(torch.randn(5, 4))
tensors = {name: value.detach().clone() for name, value in model.state_dict().items()}
special = [0.0, -0.0, 1.0, -2.5, 65504.0, 6.1e-05, 6e-08, float("inf"), float("-inf")]
tensors["extra.f16"] = torch.tensor(special, dtype=torch.float16)
tensors["extra.bf16"] = torch.tensor([1.0, -3.140625, 1e38, 1e-38, float("-inf")], dtype=torch.bfloat16)
tensors["extra.f64"] = torch.tensor([[0.1, -1e-10], [1e30, 3.0000001]], dtype=torch.float64)
tensors["extra.i64"] = torch.tensor([-(2 ** 40) - 1, 0, 16777217, 2 ** 62], dtype=torch.int64)
tensors["extra.i32"] = torch.tensor([-(2 ** 31), -1, 2 ** 31 - 1], dtype=torch.int32)
tensors["extra.i16"] = torch.tensor([-32768, 7, 32767], dtype=torch.int16)
tensors["extra.i8"] = torch.tensor([-128, -1, 127], dtype=torch.int8)
tensors["extra.u8"] = torch.tensor([0, 128, 255], dtype=torch.uint8)
tensors["extra.bool"] = torch.tensor([[True, False], [False, True]])
tensors["extra.scalar"] = torch.tensor(2.75)
tensors["extra.empty"] = torch.zeros(0, 3)
save_file(tensors, "torch_reference.safetensors", metadata={"format": "pt", "made by": "make_torch_reference.py"})


def describe(value):
    floats = value.float().flatten().tolist()
    return {"dtype": str(value.dtype), "shape": list(value.shape),
            "bits": [struct.unpack("<I", struct.pack("<f", x))[0] for x in floats],
            "values": [x if math.isfinite(x) else str(x) for x in floats]}


with open("torch_reference.json", "w") as out:
    json.dump({name: describe(value) for name, value in tensors.items()}, out, indent=1, allow_nan=False)
    out.write("\n")
