// A QR code of a text as a module matrix, and the picture the widget draws
// of it: ImGui-free, so a native test can render the very same rectangles
// and decode them (tests/qr). The encoder is nayuki's QR Code generator
// (Debian source package qr-code-generator, fetched at build time).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace unroll::app {

// The most bytes a QR code holds (version 40, low error correction, byte
// mode). Longer texts get no code: the encoder would throw, and wasm builds
// abort on a throw.
constexpr size_t kQrMaxBytes = 2953;

struct QrMatrix {
  int size = 0;                // modules per side (21..177); 0: the text does not fit
  std::vector<uint8_t> dark;   // size * size, row by row, 1 = dark
  bool at(int x, int y) const { return dark[size_t(y) * size_t(size) + size_t(x)] != 0; }
};

// Low error correction (raised by the encoder when the same size allows):
// the fewest modules, so the biggest ones on a projected screen.
QrMatrix qr_matrix(const std::string& text);

struct QrRect {
  float x0, y0, x1, y1;  // pixels from the picture's top-left corner
};
struct QrPicture {
  float module_px = 0;  // whole pixels per module (crisp edges); 0: does not fit
  float side_px = 0;    // the light square, quiet zone included (<= the size asked for)
  std::vector<QrRect> dark;  // dark runs, one rectangle per run of a row
};

// The code drawn in a square of at most size_px: a light square with the
// 4-module quiet zone scanners need, dark modules as merged row runs.
QrPicture qr_picture(const QrMatrix& m, float size_px);

}  // namespace unroll::app
