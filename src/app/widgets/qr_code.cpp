#include "app/widgets/qr_code.h"

#include <imgui.h>

#include "app/state/i18n.h"
#include "app/widgets/qr_matrix.h"

namespace unroll::app {

void draw_qr_code(const std::string& text, float size_px) {
  // Encoding a long link takes a while: once per text, not once per frame.
  static std::string cached_text;
  static QrMatrix cached;
  if (cached.size == 0 || text != cached_text) {
    cached_text = text;
    cached = qr_matrix(text);
  }
  const QrPicture pic = qr_picture(cached, size_px);
  if (pic.module_px == 0) {
    ImGui::TextWrapped("%s", tr("This link is too long for a QR code."));
    return;
  }
  const ImVec2 at = ImGui::GetCursorScreenPos();
  // Whole-pixel origin: module edges fall on pixel edges (no blur to scan through).
  const float pad = (size_px - pic.side_px) / 2;
  const ImVec2 o(float(int(at.x + pad)), float(int(at.y + pad)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + pic.side_px, o.y + pic.side_px), IM_COL32_WHITE);
  for (const QrRect& r : pic.dark)
    dl->AddRectFilled(ImVec2(o.x + r.x0, o.y + r.y0), ImVec2(o.x + r.x1, o.y + r.y1), IM_COL32_BLACK);
  ImGui::Dummy(ImVec2(size_px, size_px));
}

}  // namespace unroll::app
