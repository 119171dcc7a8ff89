// The optimiser (train/optimizer.cpp) and gradient clipping (train/clip.cpp).
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kOptim = R"PY(
# ---- the optimiser and clipping (Unroll's train/optimizer.cpp, clip.cpp) ----

OPTIM = "{{OPTIM}}"  # sgd, momentum, rmsprop or adam
LR = {{LR}}
MOMENTUM = {{MOMENTUM}}  # optim=momentum only: Adam's and RMSProp's decays are fixed
WEIGHT_DECAY = {{WD}}
RMS_ALPHA, ADAM_BETAS, EPS = {{ALPHA}}, ({{BETA1}}, {{BETA2}}), {{EPS}}  # fixed in Unroll (PyTorch's defaults)
CLIP = "{{CLIP}}"  # off, norm or value
CLIP_AT = {{CLIP_AT}}


def make_optimizer(params):
    """torch.optim's rules are Unroll's, step for step (with g = grad + wd * w,
    weight decay as L2 folded into the gradient):
      sgd       w -= lr * g
      momentum  buf = mu * buf + g (buf = g at step 1);  w -= lr * buf
      rmsprop   v = a v + (1 - a) g^2;  w -= lr * g / (sqrt(v) + eps)
      adam      m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
                w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
    (bias-corrected moments, t = the number of updates so far)."""
    if OPTIM == "sgd":
        return torch.optim.SGD(params, lr=LR, weight_decay=WEIGHT_DECAY)
    if OPTIM == "momentum":
        return torch.optim.SGD(params, lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    if OPTIM == "rmsprop":
        return torch.optim.RMSprop(params, lr=LR, alpha=RMS_ALPHA, eps=EPS, weight_decay=WEIGHT_DECAY)
    return torch.optim.Adam(params, lr=LR, betas=ADAM_BETAS, eps=EPS, weight_decay=WEIGHT_DECAY)


def global_norm(grads):
    """sqrt of the sum of every squared gradient entry, summed in float64
    (a float32 sum could misjudge the threshold)."""
    return math.sqrt(sum(g.double().pow(2).sum().item() for g in grads))


@torch.no_grad()
def clip_gradients(params):
    """clip=norm: if the global norm exceeds CLIP_AT, scale every gradient
    by CLIP_AT / (norm + 1e-6) (torch.nn.utils.clip_grad_norm_'s factor,
    shrunk by 1e-6 relative as Unroll does so rounding never pushes the
    applied norm above CLIP_AT): direction kept. clip=value: clamp every
    entry to [-CLIP_AT, CLIP_AT] (clip_grad_value_): the direction may
    change. Returns (norm before, norm after, clipped)."""
    grads = [p.grad for p in params if p.grad is not None]
    norm = global_norm(grads)
    if CLIP == "norm" and norm > CLIP_AT:
        scale = CLIP_AT / (norm + 1e-6) * (1.0 - 1e-6)
        for g in grads:
            g.mul_(scale)
        return norm, global_norm(grads), True
    if CLIP == "value":
        clipped = False
        for g in grads:
            if g.abs().max().item() > CLIP_AT:
                g.clamp_(-CLIP_AT, CLIP_AT)
                clipped = True
        if clipped:
            return norm, global_norm(grads), True
    return norm, norm, False
)PY";

const char* optim_name(OptimKind k) {
  switch (k) {
    case OptimKind::Sgd: return "sgd";
    case OptimKind::Momentum: return "momentum";
    case OptimKind::RmsProp: return "rmsprop";
    case OptimKind::Adam: return "adam";
  }
  return "?";
}

const char* clip_name(ClipKind k) {
  switch (k) {
    case ClipKind::Off: return "off";
    case ClipKind::Norm: return "norm";
    case ClipKind::Value: return "value";
  }
  return "?";
}

}  // namespace

std::string py_optim(const Context& c) {
  const OptimSpec& o = c.spec.optim;
  return fill(kOptim, {{"OPTIM", optim_name(o.kind)},
                       {"LR", py_float(o.lr)},
                       {"MOMENTUM", py_float(o.momentum)},
                       {"WD", py_float(o.weight_decay)},
                       {"ALPHA", py_float(o.rms_alpha)},
                       {"BETA1", py_float(o.adam_beta1)},
                       {"BETA2", py_float(o.adam_beta2)},
                       {"EPS", py_float(o.eps)},
                       {"CLIP", clip_name(c.spec.clip)},
                       {"CLIP_AT", py_float(c.spec.clip_at)}});
}

}  // namespace unroll::torch_export
