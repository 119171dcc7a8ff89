// A QR code of a text, drawn with ImGui's draw list at the cursor (for the
// "Copy link" menu: students scan the teacher's projected link). Takes
// size_px x size_px of layout like any item (an ImGui::Dummy). Dark modules
// on a white square with the quiet zone; modules are whole pixels, so the
// code may be a little smaller than size_px, centred in it. A text too long
// for any QR code (kQrMaxBytes) draws a short message instead.
// Scanning from a projected screen wants modules of ~4 px or more: a
// 300-character link is a 61-module code, 69 with the quiet zone, so ask for
// size_px >= ~280.
#pragma once
#include <string>

namespace unroll::app {

// `text` as it should open on the phone: the full URL (origin, path, '#'
// and the link), not only the hash.
void draw_qr_code(const std::string& text, float size_px);

}  // namespace unroll::app
