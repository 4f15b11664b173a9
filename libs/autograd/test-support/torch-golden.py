#!/usr/bin/python3
"""Golden values for src/spiking/torch-golden.test.ts, computed by PyTorch (Debian python3-torch) with hxtorch's
own step functions transcribed: cuba_lif_step + refractory_update + SuperSpike (hxtorch/spiking/functional,
reference section 6) and cuba_li_integration. float64 throughout. Run with Debian's interpreter:

    /usr/bin/python3 libs/autograd/test-support/torch-golden.py

and paste the printed JSON into the test when the model changes.
"""
import json

import torch

torch.set_default_dtype(torch.float64)


class SuperSpike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.save_for_backward(x)
        ctx.alpha = alpha
        return torch.gt(x, 0.0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (ctx.alpha * torch.abs(x) + 1.0).pow(2), None


def lif(inp, leak, reset, threshold, tau_mem, tau_syn, refractory_time, alpha, dt):
    T, bs, ps = inp.shape
    z = torch.zeros(bs, ps)
    v = torch.full((bs, ps), leak)
    i = torch.zeros(bs, ps)
    ref_state = torch.zeros(bs, ps)
    spikes, membrane = [], []
    for ts in range(T):
        dv = dt / tau_mem * (leak - v + i)
        i = i * (1 - dt / tau_syn) + inp[ts]
        v = dv + v
        z = SuperSpike.apply(v - threshold, alpha)
        v = (1 - z.detach()) * v + z.detach() * reset
        ref_mask = (ref_state > 0).to(v.dtype)
        v = (1 - ref_mask) * v + ref_mask * reset
        z = (1 - ref_mask) * z
        ref_state = (1 - z) * torch.nn.functional.relu(ref_state - ref_mask) + z * refractory_time / dt
        spikes.append(z)
        membrane.append(v)
    return torch.stack(spikes), torch.stack(membrane)


def li(inp, leak, tau_mem, tau_syn, dt):
    T, bs, ps = inp.shape
    v = torch.full((bs, ps), leak)
    i = torch.zeros(bs, ps)
    membrane = []
    for ts in range(T):
        dv = dt / tau_mem * (leak - v + i)
        v = v + dv
        i = i - dt / tau_syn * i + inp[ts]
        membrane.append(v)
    return torch.stack(membrane)


T, B, N = 10, 1, 3
values = [((k * 37) % 11) / 11 * 3.0 - 0.6 if k % 3 != 1 else 0.0 for k in range(T * B * N)]
weights_z = [((k * 13) % 7) / 7 - 0.5 for k in range(T * B * N)]
weights_v = [((k * 5) % 9) / 9 - 0.4 for k in range(T * B * N)]
out = {"values": values, "weightsZ": weights_z, "weightsV": weights_v}
for name, refractory in (("plain", 0.0), ("refractory", 2.0)):
    x = torch.tensor(values).reshape(T, B, N).requires_grad_(True)
    z, v = lif(x, leak=0.1, reset=-0.1, threshold=1.0, tau_mem=6.0, tau_syn=4.0, refractory_time=refractory, alpha=50.0, dt=1.0)
    loss = (z.flatten() * torch.tensor(weights_z)).sum() + (v.flatten() * torch.tensor(weights_v)).sum()
    loss.backward()
    out[name] = {"spikes": z.flatten().tolist(), "membrane": v.flatten().tolist(), "grad": x.grad.flatten().tolist()}
x = torch.tensor(values).reshape(T, B, N).requires_grad_(True)
v = li(x, leak=0.1, tau_mem=6.0, tau_syn=4.0, dt=1.0)
(v.flatten() * torch.tensor(weights_v)).sum().backward()
out["li"] = {"membrane": v.flatten().tolist(), "grad": x.grad.flatten().tolist()}
print(json.dumps(out))
