// Recurrent matrix panel: eigenvalues of W_hh (one H x H gate block of one
// layer) in the complex plane, with the unit circle and the spectral radius.
// Backpropagation multiplies dL/dh by W_hh^T once per timestep, so
// eigenvalues outside the unit circle can make gradients explode and a
// spectrum well inside it makes them vanish.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <string>
#include <vector>

#include "core/rnn/spectrum.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

// Eigenvalues cost ~1 ms at H = 64 and tens of ms at H = 256, on the page's
// thread: at most 4 times a second, and never more than ~2 % of the time.
constexpr double kRefreshMs = 250;
constexpr double kMaxShare = 0.02;

struct MatrixPanelState {
  int matrix = 0;  // index among the weight_hh tensors
  int gate = 0;    // gate block within it
  // cache
  int build = -1;  // the run's build the cache is for
  double cost_ms = 0;  // how long the last eigenvalues took
  int cached_matrix = -1, cached_gate = -1;
  long cached_step = -1;
  double cached_at = -1e18;
  std::vector<std::complex<double>> eig;
  double radius = 0;
  int outside = 0;
};

MatrixPanelState& panel_state() {
  static MatrixPanelState s;
  return s;
}

const char* const kLstmGates[] = {"i: input gate", "f: forget gate", "g: candidate", "o: output gate"};
const char* const kGruGates[] = {"r: reset gate", "z: update gate", "n: candidate"};

std::string pretty_name(const std::string& param) {
  // "rnn.weight_hh_l0" -> "layer 1"; "encoder.weight_hh_l1" -> "encoder layer 2".
  const size_t at = param.rfind("weight_hh_l");
  if (at == std::string::npos) return param;
  std::string prefix = param.substr(0, at);
  if (!prefix.empty() && prefix.back() == '.') prefix.pop_back();
  const std::string number = std::to_string(std::atoi(param.c_str() + at + 11) + 1);
  if (prefix.empty() || prefix == "rnn") return std::string(tr("layer")) + " " + number;
  // "encoder layer" / "decoder layer" as one phrase: Portuguese puts the side after the layer.
  return tr(prefix + " layer") + " " + number;
}

// w: a recurrent matrix of the latest probe (name, gH x H), at `step`.
void refresh(MatrixPanelState& ps, int build, long step, const std::pair<std::string, Mat<float>>& w, int gates) {
  const double now = now_ms();
  const bool selection_changed = ps.build != build || ps.cached_matrix != ps.matrix || ps.cached_gate != ps.gate;
  const double wait = std::max(kRefreshMs, ps.cost_ms / kMaxShare);
  if (!selection_changed && (step == ps.cached_step || now - ps.cached_at < wait)) return;
  const Index H = w.second.cols();
  // The gate block: rows [gate*H, (gate+1)*H) of W_hh (gH x H).
  const Mat<float> block = w.second.block(Index(ps.gate) * H, 0, H, H);
  ps.eig = eigenvalues(block);
  ps.cost_ms = now_ms() - now;
  ps.radius = 0;
  ps.outside = 0;
  for (const auto& l : ps.eig) {
    ps.radius = std::max(ps.radius, std::abs(l));
    if (std::abs(l) > 1.0) ++ps.outside;
  }
  ps.build = build;
  ps.cached_matrix = ps.matrix;
  ps.cached_gate = ps.gate;
  ps.cached_step = step;
  ps.cached_at = now;
  (void)gates;
}

void dashed_circle(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  const int n = std::max(24, int(r * 0.6f)) & ~1;
  for (int k = 0; k < n; k += 2) {
    const float a0 = 6.2831853f * float(k) / float(n), a1 = 6.2831853f * float(k + 1) / float(n);
    dl->AddLine(ImVec2(c.x + r * std::cos(a0), c.y - r * std::sin(a0)),
                ImVec2(c.x + r * std::cos(a1), c.y - r * std::sin(a1)), col, 1.2f);
  }
}

// The complex plane: axes, unit circle, radius circle, eigenvalues; hover = nearest one.
void draw_plane(const MatrixPanelState& ps, float side) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plane", ImVec2(side, side));
  const bool hovered = ImGui::IsItemHovered();
  const float fh = ImGui::GetFontSize();
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  // Plot square inside, with room for tick labels below and left.
  const float pad_l = ImGui::CalcTextSize("-1.5").x + 6, pad_b = fh + 4;
  const float s = std::max(20.f, std::min(side - pad_l - 4, side - pad_b - 4));
  const ImVec2 a(p0.x + pad_l, p0.y + 2), b(a.x + s, a.y + s);
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  // Axis range: the unit circle always in view, plus every eigenvalue.
  const double R = std::max(1.25, ps.radius * 1.08);
  const float scale = s * 0.5f / float(R);
  auto to_screen = [&](std::complex<double> z) {
    return ImVec2(c.x + float(z.real()) * scale, c.y - float(z.imag()) * scale);
  };
  dl->AddRectFilled(a, b, IM_COL32(0, 0, 0, 40));
  dl->AddLine(ImVec2(a.x, c.y), ImVec2(b.x, c.y), IM_COL32(255, 255, 255, 60));
  dl->AddLine(ImVec2(c.x, a.y), ImVec2(c.x, b.y), IM_COL32(255, 255, 255, 60));
  for (double v : {-1.0, 1.0}) {
    const float x = c.x + float(v) * scale, y = c.y - float(v) * scale;
    dl->AddLine(ImVec2(x, b.y - 4), ImVec2(x, b.y), muted);
    dl->AddLine(ImVec2(a.x, y), ImVec2(a.x + 4, y), muted);
    const char* t = v < 0 ? "-1" : "1";
    dl->AddText(ImVec2(x - ImGui::CalcTextSize(t).x * 0.5f, b.y + 2), muted, t);
    dl->AddText(ImVec2(a.x - 4 - ImGui::CalcTextSize(t).x, y - fh * 0.5f), muted, t);
  }
  dl->AddText(ImVec2(b.x - ImGui::CalcTextSize("Re").x - 3, c.y + 2), muted, "Re");
  dl->AddText(ImVec2(c.x + 4, a.y + 2), muted, "Im");
  dl->AddCircle(c, scale, IM_COL32(235, 235, 235, 170), 96, 1.4f);
  if (ps.radius > 0) dashed_circle(dl, c, float(ps.radius) * scale, IM_COL32(255, 170, 90, 190));
  const ImU32 inside = ui::run_color(0), outside = IM_COL32(255, 120, 90, 255);
  dl->PushClipRect(a, b, true);
  for (const auto& l : ps.eig) dl->AddCircleFilled(to_screen(l), 2.6f, std::abs(l) > 1 ? outside : inside);
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(255, 255, 255, 40));

  if (hovered && !ps.eig.empty()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    size_t best = 0;
    float best_d = 1e30f;
    for (size_t k = 0; k < ps.eig.size(); ++k) {
      const ImVec2 q = to_screen(ps.eig[k]);
      const float d = (q.x - m.x) * (q.x - m.x) + (q.y - m.y) * (q.y - m.y);
      if (d < best_d) {
        best_d = d;
        best = k;
      }
    }
    const std::complex<double> z{(m.x - c.x) / scale, (c.y - m.y) / scale};
    ImGui::BeginTooltip();
    if (best_d < 100.f) {
      const auto& l = ps.eig[best];
      dl->AddCircle(to_screen(l), 6.f, IM_COL32(255, 255, 255, 220), 16, 1.5f);
      ImGui::Text(tr("eigenvalue %s %s %si"), ui::fmt(l.real()).c_str(), l.imag() < 0 ? "-" : "+",
                  ui::fmt(std::fabs(l.imag())).c_str());
      ImGui::Text(tr("|lambda| = %s: a component along it is scaled by this per timestep"), ui::fmt(std::abs(l)).c_str());
    } else {
      ImGui::Text(tr("Re %s, Im %s"), ui::fmt(z.real()).c_str(), ui::fmt(z.imag()).c_str());
    }
    ImGui::EndTooltip();
  }
}

}  // namespace

void draw_matrix_panel(Session& s) {
  MatrixPanelState& ps = panel_state();
  Run& run = s.main();
  if (!run.ok()) {
    ImGui::TextDisabled(tr("No experiment: fix the settings in the Experiment panel."));
    return;
  }
  const ProbeSnapshot& probe = s.probe();  // the matrices come with the probe
  std::vector<const std::pair<std::string, Mat<float>>*> mats;
  for (const auto& m : probe.recurrent_weights)
    if (m.second.cols() > 0) mats.push_back(&m);
  if (mats.empty() && run.spec.net.kind != ModelKind::Transformer) {
    ImGui::TextDisabled(tr("Waiting for the engine's first snapshot..."));
    return;
  }
  if (mats.empty()) {
    ImGui::TextWrapped(tr("This model has no recurrent matrix W_hh (model=transformer uses attention "
                       "instead of recurrence): nothing is multiplied step after step, so there is "
                       "no spectrum to show."));
    return;
  }
  ps.matrix = std::clamp(ps.matrix, 0, int(mats.size()) - 1);
  const std::pair<std::string, Mat<float>>& w = *mats[size_t(ps.matrix)];
  const Index H = w.second.cols();
  const int gates = int(std::max<Index>(1, w.second.rows() / H));
  ps.gate = std::clamp(ps.gate, 0, gates - 1);
  const CellKind cell = s.running_spec().net.cell;
  const char* const* gate_names = cell == CellKind::Gru ? kGruGates : kLstmGates;
  refresh(ps, run.build_id, run.report.probe_step, w, gates);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // A tall panel (a phone) puts the legend under the plane, not beside it.
  const bool stacked = avail.y > avail.x * 1.4f;
  const float side = stacked ? std::max(60.f, std::min(avail.x, avail.y * 0.6f))
                             : std::max(60.f, std::min(avail.y, avail.x * 0.55f));
  draw_plane(ps, side);
  if (!stacked) ImGui::SameLine(0, 12);
  ImGui::BeginGroup();
  const float col_w = std::max(80.f, ImGui::GetContentRegionAvail().x);
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + col_w);

  if (mats.size() > 1) {
    ImGui::SetNextItemWidth(std::min(col_w, 170.f));
    if (ImGui::BeginCombo("##matrix", pretty_name(w.first).c_str())) {
      for (size_t k = 0; k < mats.size(); ++k)
        if (ImGui::Selectable(pretty_name(mats[k]->first).c_str(), int(k) == ps.matrix)) ps.matrix = int(k);
      ImGui::EndCombo();
    }
    ui::tooltip(tr("Which layer's recurrent matrix W_hh to show. Each layer has its own; the "
                "gradient passes through all of them on its way back in time."));
  }
  if (gates > 1) {
    ImGui::SetNextItemWidth(std::min(col_w, 170.f));
    if (ImGui::BeginCombo("##gate", tr(gate_names[ps.gate]))) {
      for (int g = 0; g < gates; ++g)
        if (ImGui::Selectable(tr(gate_names[g]), g == ps.gate)) ps.gate = g;
      ImGui::EndCombo();
    }
    ui::tooltip(cell == CellKind::Gru
                    ? tr("GRU's W_hh stacks one H x H block per gate (r, z, n). The gates decide how "
                      "much of h passes on, so the path of the gradient depends on the update "
                      "gate z more than on any block's spectrum.")
                    : tr("LSTM's W_hh stacks one H x H block per gate (i, f, g, o). The cell state "
                      "carries the gradient additively through the forget gate, so these spectra "
                      "matter less than in a plain RNN."));
  }

  ImGui::Text(tr("spectral radius"));
  ImGui::SameLine();
  ImGui::TextColored(ps.radius > 1 ? ImVec4(1.f, 0.67f, 0.35f, 1.f) : ui::kGood, "%s", ui::fmt(ps.radius).c_str());
  ui::tooltip(tr("rho = the largest |eigenvalue| (the dashed circle). Going back k timesteps "
              "multiplies the gradient by W_hh^T (and the activation slopes) k times: with "
              "rho < 1 it shrinks roughly like rho^k (vanishing), with rho > 1 it can grow like "
              "rho^k (exploding) unless the activation slopes damp it."));
  ImGui::TextColored(ui::kMuted, tr("%d of %d outside |lambda| = 1"), ps.outside, int(ps.eig.size()));
  const double rho_key = s.running_config().f("rho");
  if (rho_key > 0) ImGui::TextColored(ui::kMuted, tr("init rho = %s"), ui::fmt(rho_key).c_str());
  ImGui::TextColored(ui::kMuted, tr("%s, H = %d, step %ld"), pretty_name(w.first).c_str(), int(H), ps.cached_step);
  // Legend of the plane's marks.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fh = ImGui::GetFontSize();
  auto legend_row = [&](const char* text, auto draw_mark) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_mark(ImVec2(p.x + 9, p.y + fh * 0.5f + 1));
    ImGui::SetCursorScreenPos(ImVec2(p.x + 24, p.y));
    ImGui::TextColored(ui::kMuted, "%s", text);
  };
  legend_row(tr("unit circle |lambda| = 1"), [&](ImVec2 c) {
    dl->AddLine(ImVec2(c.x - 8, c.y), ImVec2(c.x + 8, c.y), IM_COL32(235, 235, 235, 170), 1.4f);
  });
  legend_row(tr("spectral radius"), [&](ImVec2 c) {
    dl->AddLine(ImVec2(c.x - 8, c.y), ImVec2(c.x - 2, c.y), IM_COL32(255, 170, 90, 190), 1.2f);
    dl->AddLine(ImVec2(c.x + 2, c.y), ImVec2(c.x + 8, c.y), IM_COL32(255, 170, 90, 190), 1.2f);
  });
  legend_row(tr("eigenvalue, |lambda| <= 1"), [&](ImVec2 c) { dl->AddCircleFilled(c, 2.6f, ui::run_color(0)); });
  legend_row(tr("eigenvalue, |lambda| > 1"), [&](ImVec2 c) { dl->AddCircleFilled(c, 2.6f, IM_COL32(255, 120, 90, 255)); });
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace unroll::app
