// Inside the cell: what every unit of one layer does over the timesteps of a
// probe sequence. One heatmap per quantity (x = step t, y = unit): hidden
// state h, and the cell's gates (LSTM i/f/g/o + cell state c, GRU r/z/n).
// Units can be sorted so that similar units sit together; the same order is
// used in every map so one row is one unit throughout.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "app/widgets/heatmap.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/probe_pick.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

// One quantity the panel can show.
struct Quantity {
  const char* name;     // chip label, e.g. "f"
  const char* title;    // caption, e.g. "forget gate f"
  const char* meaning;  // one short line: how to read the colours
  const char* help;     // tooltip of the chip
  int source;           // 0 = gates block `block`, 1 = hidden, 2 = cell state
  int block;            // gate block index inside the gates matrix
  bool signed_range;    // [-1, 1] diverging map; else [0, 1] sequential
};

// The hidden state of an Elman ReLU cell is not bounded: auto range there.
const std::vector<Quantity>& quantities(CellKind cell) {
  static const std::vector<Quantity> lstm = {
      {"h", "hidden state h", "-1 (blue) .. +1 (red)",
       "h_t = o * tanh(c_t): the output of the cell at step t, passed to the next step and to the head.", 1, 0,
       true},
      {"c", "cell state c", "the memory, blue < 0 < red",
       "c_t = f * c_{t-1} + i * g: the long-term memory. The forget gate f keeps it; i and g write to it.", 2,
       0, true},
      {"f", "forget gate f", "1 = keep the cell state, 0 = erase it",
       "f = sigmoid(W_if x + W_hf h + b_f), in [0, 1]. Near 1 the memory c is carried forward unchanged: "
       "this is what lets gradients flow over long spans.",
       0, 1, false},
      {"i", "input gate i", "1 = write g to memory, 0 = skip",
       "i = sigmoid(...), in [0, 1]: how much of the candidate g is added to the cell state.", 0, 0, false},
      {"g", "candidate g", "value to write, -1 .. +1",
       "g = tanh(W_ig x + W_hg h + b_g), in [-1, 1]: the new content proposed for the memory.", 0, 2, true},
      {"o", "output gate o", "1 = show memory in h, 0 = hide",
       "o = sigmoid(...), in [0, 1]: how much of tanh(c) becomes the visible state h.", 0, 3, false},
  };
  static const std::vector<Quantity> gru = {
      {"h", "hidden state h", "-1 (blue) .. +1 (red)",
       "h_t = (1 - z) * n + z * h_{t-1}: the state at step t.", 1, 0, true},
      {"z", "update gate z", "1 = keep old state, 0 = take n",
       "z = sigmoid(...), in [0, 1] (PyTorch's convention): near 1 the state is carried forward unchanged.", 0,
       1, false},
      {"r", "reset gate r", "1 = n sees old state, 0 = not",
       "r = sigmoid(...), in [0, 1]: how much of h_{t-1} the candidate n may see.", 0, 0, false},
      {"n", "candidate n", "proposed new state, -1 .. +1",
       "n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), in [-1, 1].", 0, 2, true},
  };
  static const std::vector<Quantity> elman_tanh = {
      {"h", "hidden state h", "-1 (blue) .. +1 (red)",
       "The whole memory of an Elman cell: the new state is a squashed mix of input and old state.", 1, 0,
       true},
  };
  static const std::vector<Quantity> elman_relu = {
      {"h", "hidden state h", "0 = off, brighter = larger",
       "The whole memory of an Elman ReLU cell: unbounded above, 0 where the unit is off.", 1, 0, false},
  };
  switch (cell) {
    case CellKind::Lstm: return lstm;
    case CellKind::Gru: return gru;
    case CellKind::RnnRelu: return elman_relu;
    default: return elman_tanh;
  }
}

enum class Order { Model, Peak, Mean };

struct CellView {
  int layer = 0;
  Order order = Order::Model;
  // Shown quantities by name; defaults per cell on first use.
  std::vector<std::string> shown;
  CellKind shown_for = CellKind::RnnTanh;
  bool initialised = false;
  std::vector<float> buffer;  // one map's data, reordered   H x T
};

CellView& view() {
  static CellView v;
  return v;
}

void default_selection(CellView& v, CellKind cell) {
  v.shown_for = cell;
  v.initialised = true;
  if (cell == CellKind::Lstm) v.shown = {"h", "f"};
  else if (cell == CellKind::Gru) v.shown = {"h", "z"};
  else v.shown = {"h"};
}

// Unit order from the hidden state of sequence b (H x T, strided columns).
std::vector<int> unit_order(const Mat<float>& hidden, Index b, Index B, Index T, Order order) {
  const Index H = hidden.rows();
  std::vector<int> idx(static_cast<size_t>(H));
  std::iota(idx.begin(), idx.end(), 0);
  if (order == Order::Model) return idx;
  std::vector<float> key(static_cast<size_t>(H), 0.f);
  for (Index u = 0; u < H; ++u) {
    float best = -1.f, sum = 0.f;
    Index at = 0;
    for (Index t = 0; t < T; ++t) {
      const float v = hidden(u, t * B + b);
      sum += v;
      if (std::fabs(v) > best) { best = std::fabs(v); at = t; }
    }
    key[size_t(u)] = order == Order::Peak ? float(at) : sum / float(std::max<Index>(T, 1));
  }
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int c) { return key[size_t(a)] < key[size_t(c)]; });
  return idx;
}

// Copies rows [r0, r0 + H) of `m` for sequence b into buf (H x T, column-major),
// in the given unit order.
void gather(const Mat<float>& m, Index r0, Index H, Index b, Index B, Index T, const std::vector<int>& order,
            std::vector<float>& buf) {
  buf.resize(size_t(H * T));
  for (Index t = 0; t < T; ++t)
    for (Index k = 0; k < H; ++k) buf[size_t(t * H + k)] = m(r0 + order[size_t(k)], t * B + b);
}

void controls(CellView& v, const ProbeSnapshot& p, CellKind cell, int layers) {
  probe_sequence_picker(int(p.B));
  if (layers > 1) {
    ImGui::SameLine(0, 14.f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("layer"));
    ui::tooltip(tr("Which recurrent layer to look inside (1 = reads the input)."));
    for (int l = 0; l < layers; ++l) {
      ImGui::SameLine(0, l == 0 ? 6.f : 2.f);
      ImGui::PushID(100 + l);
      if (ImGui::RadioButton(std::to_string(l + 1).c_str(), v.layer == l)) v.layer = l;
      ImGui::PopID();
      char tip[64];
      std::snprintf(tip, sizeof tip, tr("Layer %d of %d."), l + 1, layers);
      ui::tooltip(tip);
    }
  }
  const char* orders[] = {tr("model order"), tr("by time of peak"), tr("by mean")};
  int o = int(v.order);
  float widest = 0;
  for (const char* name : orders) widest = std::max(widest, ImGui::CalcTextSize(name).x);
  ui::same_line_if_fits(widest + ImGui::GetFrameHeight() + 10.f, 14.f);
  ImGui::SetNextItemWidth(widest + ImGui::GetFrameHeight() + 10.f);
  if (ImGui::Combo("##order", &o, orders, 3)) v.order = Order(o);
  ui::tooltip(tr("Order of the units (rows) in every map. Model order: unit 0 at the top. "
              "By time of peak: units sorted by the step where |h| is largest on this sequence, "
              "so you see a 'wave' of units that respond one after another. By mean: by average h."));

  // Chips: which quantities to show (at least one).
  const auto& qs = quantities(cell);
  if (qs.size() > 1) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("show"));
    ui::tooltip(tr("Pick the quantities to draw; each becomes one heatmap (x = step t, y = unit)."));
    for (const Quantity& q : qs) {
      ImGui::SameLine(0, 4.f);
      auto it = std::find(v.shown.begin(), v.shown.end(), q.name);
      bool on = it != v.shown.end();
      if (ImGui::Checkbox(q.name, &on)) {
        if (on) {
          // Keep the cell's canonical order among the shown ones.
          v.shown.push_back(q.name);
          std::vector<std::string> ordered;
          for (const Quantity& o2 : qs)
            if (std::find(v.shown.begin(), v.shown.end(), o2.name) != v.shown.end()) ordered.push_back(o2.name);
          v.shown = ordered;
        } else if (v.shown.size() > 1) {
          v.shown.erase(it);
        }
      }
      ui::tooltip((std::string(tr(q.title)) + ": " + tr(q.help)).c_str());
    }
  }
}

}  // namespace

void draw_cell_panel(Session& s) {
  Run& r = s.main();
  if (!r.ok() || !r.task) {
    ImGui::TextDisabled(tr("No experiment: see the message in the run bar."));
    return;
  }
  const ProbeSnapshot& p = s.probe();
  const CellKind cell = r.spec.net.cell;
  const int layers = int(p.hidden.size());
  if (layers == 0 || p.T <= 0 || p.B <= 0) {
    ImGui::TextDisabled(tr("This model has no recurrent cell to look inside."));
    return;
  }
  CellView& v = view();
  if (!v.initialised || v.shown_for != cell) default_selection(v, cell);
  v.layer = std::clamp(v.layer, 0, layers - 1);
  controls(v, p, cell, layers);

  const Index b = std::clamp<Index>(probe_sequence(), 0, p.B - 1), B = p.B, T = p.T;
  const Mat<float>& hidden = p.hidden[size_t(v.layer)];
  const Mat<float>& gates = p.gates[size_t(v.layer)];
  const Index H = hidden.rows();
  const std::vector<int> order = unit_order(hidden, b, B, T, v.order);
  const auto& vocab = r.task->vocab();
  const Batch<float>& batch = p.batch;

  std::vector<const Quantity*> maps;
  for (const Quantity& q : quantities(cell))
    if (std::find(v.shown.begin(), v.shown.end(), q.name) != v.shown.end()) maps.push_back(&q);

  // Grid: 1 or 2 columns by the panel's width, maps share the height left.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const int cols = (maps.size() > 1 && avail.x > 420.f) ? 2 : 1;
  const int rows = int((maps.size() + size_t(cols) - 1) / size_t(cols));
  const float cell_w = (avail.x - gap * float(cols - 1)) / float(cols);
  // Every caption gets the height of the tallest one so the maps line up.
  auto caption = [](const Quantity& q) { return std::string(tr(q.title)) + ": " + tr(q.meaning); };
  float caption_h = 0;
  for (const Quantity* q : maps)
    caption_h = std::max(caption_h, ImGui::CalcTextSize(caption(*q).c_str(), nullptr, false, cell_w).y);
  caption_h += ImGui::GetStyle().ItemSpacing.y;
  const float cell_h = std::max(110.f, (avail.y - float(rows - 1) * ImGui::GetStyle().ItemSpacing.y) / float(rows));
  const float map_h = cell_h - caption_h;

  for (size_t k = 0; k < maps.size(); ++k) {
    const Quantity& q = *maps[k];
    if (k % size_t(cols) != 0) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    ImGui::PushID(q.name);
    {
      const ImVec2 c0 = ImGui::GetCursorPos();
      ImGui::PushTextWrapPos(c0.x + cell_w);
      ImGui::TextUnformatted(caption(q).c_str());
      ImGui::PopTextWrapPos();
      ui::tooltip(tr(q.help));
      ImGui::SetCursorPos(ImVec2(c0.x, c0.y + caption_h));
    }

    const Mat<float>* src = q.source == 0 ? &gates : q.source == 1 ? &hidden : nullptr;
    if (q.source == 2 && size_t(v.layer) < p.cell.size()) src = &p.cell[size_t(v.layer)];
    if (!src || src->cols() != T * B || src->rows() < (q.block + 1) * H) {
      ImGui::TextDisabled(tr("(not available)"));
    } else {
      gather(*src, Index(q.block) * H, H, b, B, T, order, v.buffer);
      HeatmapOptions o;
      o.x_label = tr("step t");
      o.y_label = v.order == Order::Model ? tr("unit") : tr("row");
      o.value_label = q.name;
      o.x_first = 0;
      o.x_last = double(T - 1);
      // Gates in [0, 1] and tanh values in [-1, 1] have fixed ranges so the
      // colours mean the same at every training step; c and ReLU h do not.
      const bool unbounded = q.source == 2 || (q.source == 1 && cell == CellKind::RnnRelu);
      o.colormap = q.signed_range ? Colormap::Diverging : Colormap::Viridis;
      o.auto_range = unbounded;
      o.range_min = q.signed_range ? -1.f : 0.f;
      o.range_max = 1.f;
      const std::vector<int>* ord = &order;
      o.hover_text = [&, ord](int row, int col, float) {
        std::string t;
        if (v.order != Order::Model) t = std::string(tr("model unit")) + " " + std::to_string((*ord)[size_t(row)]) + "\n";
        if (!vocab.empty() && batch.T == T && batch.B == B && col < T) {
          const Index c = Index(col) * B + b;
          for (Index i = 0; i < batch.I && i < Index(vocab.size()); ++i)
            if (batch.x(i, c) > 0.5f) {
              const std::string& ch = vocab[size_t(i)];
              t += std::string(tr("input at this step:")) + " '" + (ch == "\n" ? std::string("\\n") : ch) + "'";
            }
        }
        return t;
      };
      heatmap("##map", v.buffer.data(), int(H), int(T), ImVec2(cell_w, std::max(60.f, map_h)), o);
    }
    ImGui::PopID();
    ImGui::EndGroup();
  }
}

}  // namespace unroll::app
