#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the data.pkl that torch.save(model.state_dict(), path) writes, with
CPython's own pickler and stand-ins for torch's classes (no PyTorch needed),
and prints it as hex. tests/support/TorchSaveFile.cpp builds the same bytes
in C++; weights_test (FixtureMatchesCPythonsPickler) runs this script and
requires both to be identical, byte for byte (it skips where there is no
python3).

The state dict is the one of weights_test: two float tensors (2x3 and 3) of
the modules '' and 'conv'. torch.save uses protocol 2, a persistent id
('storage', <storage class>, key, location, numel) for each storage, and
torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad,
backward_hooks) for each tensor, where backward_hooks is an empty
OrderedDict; a state_dict is an OrderedDict with a _metadata attribute.
"""
import collections
import io
import pickle
import sys
import types

torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


class FloatStorage:
    pass


FloatStorage.__module__ = "torch"
torch.FloatStorage = FloatStorage


def _rebuild_tensor_v2(*args):
    raise NotImplementedError


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2


class Storage:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class Tensor:
    def __init__(self, key, size, stride):
        numel = 1
        for s in size:
            numel *= s
        self.storage, self.size, self.stride = Storage(key, numel), size, stride

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2,
                (self.storage, 0, self.size, self.stride, False, collections.OrderedDict()))


def location(storage):
    return "cpu"  # torch's _cpu_tag returns this literal


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", FloatStorage, str(obj.key), location(obj), obj.numel)
        return None


state = collections.OrderedDict()
state["conv.weight"] = Tensor(0, (2, 3), (3, 1))
state["conv.bias"] = Tensor(1, (3,), (1,))
state._metadata = collections.OrderedDict()
state._metadata[""] = dict(version=1)
state._metadata["conv"] = dict(version=1)

buffer = io.BytesIO()
Pickler(buffer, protocol=2).dump(state)
print(buffer.getvalue().hex())
