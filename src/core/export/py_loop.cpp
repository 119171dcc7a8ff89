// The script's main(): options, data parallelism under torchrun, Unroll's
// weights and batch files, the loop writing `unroll train`'s JSON lines,
// the summary.
#include <cstdint>
#include <cstring>

#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kWeights = R"PY(
# ---- Unroll's weights file <-> this model ------------------------------------

# The starting weights `unroll export-torch --weights` embedded: name ->
# (shape, float32 little-endian bytes in base64, row-major); None = initialise.
EMBEDDED_WEIGHTS = {{EMBEDDED}}


def load_unroll_weights(model, params):
    """Copies Unroll's weights ({name: {"shape": [...], "data": row-major
    numbers}}, the "params" of a weights file) into the model; every name
    and shape must match. Unroll writes a one-column tensor [n, 1] as [n]."""
    state = model.state_dict()
    missing = [n for n in state if n not in params]
    extra = [n for n in params if n not in state]
    if missing or extra:
        sys.exit(f"the weights do not fit this model: missing {missing}, unexpected {extra}")
    with torch.no_grad():
        for name, t in state.items():
            shape, file_shape = list(t.shape), list(params[name]["shape"])
            if file_shape != shape and not (len(shape) == 2 and shape[1] == 1 and file_shape == shape[:1]):
                sys.exit(f"{name} is {file_shape} in the weights file but {shape} in this model")
            t.copy_(torch.as_tensor(params[name]["data"], dtype=torch.float32).reshape(shape))


def embedded_weights():
    out = {}
    for name, (shape, data) in EMBEDDED_WEIGHTS.items():
        values = torch.frombuffer(bytearray(base64.b64decode(data)), dtype=torch.float32)
        out[name] = {"shape": shape, "data": values if sys.byteorder == "little" else values.byteswap()}
    return out


def dumped_batches(path):
    """The batches `unroll train --dump-batches FILE` drew, one JSON line per
    step: {"step", "x": [T][B][I], "weight": [T][B], "y": [T][B][O] or
    "targets": [T][B], and "src": [Ts][B][I] for pair models}."""
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            real = lambda k: torch.tensor(d[k], dtype=torch.float32) if k in d else None
            yield Batch(real("x"), real("weight"), y=real("y"), src=real("src"),
                        target=torch.tensor(d["targets"], dtype=torch.long) if "targets" in d else None)
)PY";

const char* kMain = R"PY(
# ---- the loop: options, ranks, the JSON lines of `unroll train` --------------

CONFIG = {{CONFIG}}
SEED, BATCH, STEPS = {{SEED}}, {{BATCH}}, 1000


def parse_args():
    p = argparse.ArgumentParser(description="Train Unroll's experiment " + CONFIG + " in PyTorch.")
    p.add_argument("--steps", type=int, default=STEPS, help="training steps (default %(default)s)")
    p.add_argument("--device", choices=["cpu", "cuda"], help="default: cuda when present, else cpu")
    p.add_argument("--save", metavar="FILE", help="write the trained model's state_dict (torch.save)")
    p.add_argument("--weights", metavar="W.json", help="start from Unroll's weights file")
    p.add_argument("--batches", metavar="FILE", help="train on `unroll train --dump-batches FILE`'s batches")
    p.add_argument("--jsonl", metavar="FILE", default="-", help="per-step metrics ('-' = stdout, the default)")
    p.add_argument("--seed", type=int, default=SEED, help="seed of torch's streams (default %(default)s)")
    p.add_argument("--threads", type=int, default=1,
                   help="CPU threads per process (default 1: these small models run faster on one)")
    return p.parse_args()


def start_ranks(device):
    """Alone, or one rank of a torchrun job (WORLD_SIZE > 1): gloo on CPUs,
    nccl on GPUs, one GPU per rank. Returns the device to run on."""
    global WORLD, RANK, DEVICE
    WORLD, RANK = int(os.environ.get("WORLD_SIZE", "1")), int(os.environ.get("RANK", "0"))
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cuda" and WORLD > 1:
        device = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
        torch.cuda.set_device(device)
    DEVICE = torch.device(device)
    if WORLD > 1:
        dist.init_process_group("nccl" if DEVICE.type == "cuda" else "gloo")
    if BATCH < WORLD:
        sys.exit(f"batch={BATCH} cannot be shared by {WORLD} ranks")


def finite(v):
    """JSON has no NaN or infinity: Unroll writes them as null."""
    return v if not isinstance(v, float) or math.isfinite(v) else None


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    start_ranks(args.device)
    lo, hi = RANK * BATCH // WORLD, (RANK + 1) * BATCH // WORLD  # this rank's sequences of each batch
    task = make_task()
    model = make_model(task)
    initialise(model, torch.Generator().manual_seed(args.seed))
    if args.weights:
        with open(args.weights) as f:
            load_unroll_weights(model, json.load(f)["params"])
    elif EMBEDDED_WEIGHTS is not None:
        load_unroll_weights(model, embedded_weights())
    model.to(DEVICE)
    # Every rank starts from rank 0's weights; DDP averages the gradients.
    net = DDP(model) if WORLD > 1 else model
    params = list(model.parameters())
    opt = make_optimizer(params)
    data = torch.Generator().manual_seed(args.seed * 1000003 + 17 + RANK)  # each rank its own data
    batches = dumped_batches(args.batches) if args.batches else None
    out = None
    if RANK == 0:
        out = sys.stdout if args.jsonl == "-" else open(args.jsonl, "w")
    divergence = Divergence(task.chance_loss())
    losses, metrics, reason, start = [], [], None, time.time()
    for step in range(1, args.steps + 1):
        if batches is not None:
            batch = next(batches, None)
            if batch is None:
                break  # the file's batches are used up
            batch = batch.sequences(lo, hi)
        else:
            batch = draw_batch(task, data, hi - lo)
        m, bad = train_step(net, params, opt, task, batch.to(DEVICE))
        if out is not None:
            out.write(json.dumps({"step": step, **{k: finite(v) for k, v in m.items()}}) + "\n")
        losses.append(m["loss"])
        metrics.append(m["metric"])
        reason = divergence.reason(step, m["loss"], bad, params)
        if reason:
            break
    seconds = time.time() - start
    if out is not None and out is not sys.stdout:
        out.close()
    if RANK == 0:
        last = lambda v: sum(v[-100:]) / len(v[-100:]) if v else float("nan")
        summary = {"config": CONFIG, "steps": len(losses), "final_loss": losses[-1] if losses else None,
                   "loss_last100": last(losses), task.metric_name: last(metrics),
                   "chance_loss": task.chance_loss(), "params": sum(p.numel() for p in params),
                   "seconds": seconds, "steps_per_second": len(losses) / seconds if seconds > 0 else 0.0,
                   "diverged": reason is not None, "ranks": WORLD}
        evals = evaluations(model, args.seed)  # pair models: greedy decoding at T (and eval_T)
        if evals is not None:
            summary["eval"] = [{k: finite(v) for k, v in e.items()} for e in evals]
        print(json.dumps({k: finite(v) for k, v in summary.items()}))
        if reason:
            print("training stopped: " + reason, file=sys.stderr)
        if args.save:
            torch.save(model.state_dict(), args.save)
    if WORLD > 1:
        dist.destroy_process_group()
    sys.exit(1 if reason else 0)


if __name__ == "__main__":
    main()
)PY";

// Base64 of the values' float32 little-endian bytes, row-major.
std::string base64_f32(const Mat<float>& m) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  for (Index r = 0; r < m.rows(); ++r)
    for (Index c = 0; c < m.cols(); ++c) {
      uint32_t u = 0;
      const float f = m(r, c);
      std::memcpy(&u, &f, 4);
      for (int k = 0; k < 4; ++k) bytes += char((u >> (8 * k)) & 0xff);
    }
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t b0 = uint8_t(bytes[i]);
    const uint32_t b1 = i + 1 < bytes.size() ? uint8_t(bytes[i + 1]) : 0;
    const uint32_t b2 = i + 2 < bytes.size() ? uint8_t(bytes[i + 2]) : 0;
    const uint32_t v = (b0 << 16) | (b1 << 8) | b2;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

std::string embedded(const ParamList<float>* weights) {
  if (!weights) return "None";
  std::string s = "{\n";
  for (const Param<float>& p : *weights) {
    const std::string shape = p.value.cols() == 1
                                  ? "[" + std::to_string(p.value.rows()) + "]"
                                  : "[" + std::to_string(p.value.rows()) + ", " + std::to_string(p.value.cols()) + "]";
    s += "    " + py_str(p.name) + ": (" + shape + ", \"" + base64_f32(p.value) + "\"),\n";
  }
  return s + "}";
}

}  // namespace

std::string py_loop(const Context& c) {
  const std::string sample = std::string("\n\ndef draw_batch(task, gen, B):\n") +
                             (c.pairs ? "    \"\"\"B fresh source/target pairs (this model reads pairs).\"\"\"\n"
                                        "    return task.sample_pairs(gen, B)\n"
                                      : "    \"\"\"B fresh sequences of the task's one stream.\"\"\"\n"
                                        "    return task.sample(gen, B)\n");
  std::string main = fill(kMain, {{"CONFIG", py_str(c.config)},
                                  {"SEED", std::to_string(c.spec.seed)},
                                  {"BATCH", std::to_string(c.spec.batch)}});
  return fill(kWeights, {{"EMBEDDED", embedded(c.weights)}}) + sample + main;
}

}  // namespace unroll::torch_export
