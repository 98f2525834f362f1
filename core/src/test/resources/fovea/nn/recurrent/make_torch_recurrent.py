"""Makes torch_recurrent.safetensors for TorchWeightsTest; run once, output committed.

Run: PYTHONPATH=<safetensors package> /usr/bin/python3 make_torch_recurrent.py   (torch from Debian's python3-torch)
PyTorch's own LSTM and GRU (input 3, hidden 4, 2 layers, bidirectional, batch_first) save their state dicts under
lstm.* and gru.*, beside an input x [2, 5, 3], initial states and PyTorch's float32 outputs (expected.*).
"""
import torch
from safetensors.torch import save_file

torch.manual_seed(7)
lstm = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
gru = torch.nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True)
x = torch.randn(2, 5, 3)
h0 = torch.randn(4, 2, 4)
c0 = torch.randn(4, 2, 4)
tensors = {}
for prefix, module in (("lstm.", lstm), ("gru.", gru)):
    for name, value in module.state_dict().items():
        tensors[prefix + name] = value.detach().clone()
with torch.no_grad():
    out, (h, c) = lstm(x, (h0, c0))
    tensors.update({"expected.lstm.output": out, "expected.lstm.h_n": h, "expected.lstm.c_n": c})
    out, h = gru(x, h0)
    tensors.update({"expected.gru.output": out, "expected.gru.h_n": h})
tensors.update({"input.x": x, "input.h0": h0, "input.c0": c0})
save_file({k: v.contiguous() for k, v in tensors.items()}, "torch_recurrent.safetensors",
          metadata={"format": "pt", "made by": "make_torch_recurrent.py"})
