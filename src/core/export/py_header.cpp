// The script's opening: what it is, how to run it, every key of the link,
// the imports; and the dispatch of the task and model sections.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kHeader = R"PY(#!/usr/bin/env python3
"""Unroll's experiment {{CONFIG}}
exported to PyTorch by `unroll export-torch`: {{DESCRIBE}}.

The model (Unroll's parameter names and shapes), the task's data, the loss
and metric, the initialisation, the optimiser, clipping and truncated BPTT
are Unroll's definitions; the random numbers are torch's, so a run here is
another seed of the same experiment. From Unroll's own starting weights and
batches it retraces Unroll's losses:

  unroll train --config '{{CONFIG}}' --steps 0 --save-weights w0.json
  unroll train --config '{{CONFIG}}' --steps 20 --dump-batches b.jsonl --jsonl unroll.jsonl
  python3 {{FILE}} --weights w0.json --batches b.jsonl --steps 20 --jsonl torch.jsonl

Usage:
  python3 {{FILE}} [--steps N] [--device cpu|cuda] [--save model.pt] [--weights W.json]
      [--batches FILE] [--jsonl FILE] [--seed N] [--threads N]
  python3 -m torch.distributed.run --standalone --nproc_per_node 2 --redirects 1 --tee 1 {{FILE}} [...]
      (torchrun: data parallel, each rank a share of every batch; gloo on CPU, nccl on GPUs.
      "--redirects 1 --tee 1": Debian's torch 1.13 launcher cannot parse its own default
      "--redirects 0" under Python 3.11; elsewhere they may go.)

Per-step metrics are `unroll train --jsonl`'s JSON lines (step, loss, metric,
grad_norm, applied_grad_norm, clipped, update_ratio), then a JSON summary.
Shapes are time-major like nn.RNN: [T, B, features].
"""
# The link's keys, as Unroll resolved them:
{{KEYS}}
import argparse
import base64
import json
import math
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
)PY";

}  // namespace

std::string py_header(const Context& c) {
  std::string describe = c.net.describe() + " on task " + c.task.info().name;
  return fill(kHeader, {{"CONFIG", c.config.empty() ? "(all defaults)" : c.config},
                        {"DESCRIBE", describe},
                        {"FILE", c.file},
                        {"KEYS", c.keys}});
}

std::string py_task(const Context& c) {
  switch (c.spec.task.kind) {
    case TaskKind::Adding:
    case TaskKind::Sine: return py_task_signal(c);
    case TaskKind::Copy:
    case TaskKind::Parity: return py_task_tokens(c);
    case TaskKind::Reber: return py_task_reber(c);
    case TaskKind::Text: return py_task_text(c);
    case TaskKind::Reverse:
    case TaskKind::Repeat:
    case TaskKind::Sort:
    case TaskKind::Addition: return py_task_digits(c);
  }
  return "";
}

std::string py_model(const Context& c) {
  switch (c.spec.net.kind) {
    case ModelKind::Recurrent:
      return py_model_recurrent(c) + "\n\ndef make_model(task):\n    return RecurrentNet(task)\n";
    case ModelKind::EncoderDecoder:
      return py_model_seq2seq(c) + "\n\ndef make_model(task):\n    return EncoderDecoder(task)\n";
    case ModelKind::Transformer: break;
  }
  return py_model_transformer(c) + "\n\ndef make_model(task):\n    return TransformerNet(task)\n";
}

}  // namespace unroll::torch_export
