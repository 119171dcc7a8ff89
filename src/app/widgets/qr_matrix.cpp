#include "app/widgets/qr_matrix.h"

#include <qrcodegen.hpp>

#include <cmath>

namespace unroll::app {

namespace {
constexpr int kQuietModules = 4;  // the light border the QR standard asks for
}

QrMatrix qr_matrix(const std::string& text) {
  QrMatrix m;
  // Byte mode is the least dense the encoder picks: kQrMaxBytes always fits,
  // so encodeText cannot throw (data_too_long) below.
  if (text.size() > kQrMaxBytes || text.find('\0') != std::string::npos) return m;
  const auto qr = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::LOW);
  m.size = qr.getSize();
  m.dark.resize(size_t(m.size) * size_t(m.size));
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size; ++x) m.dark[size_t(y) * size_t(m.size) + size_t(x)] = qr.getModule(x, y) ? 1 : 0;
  return m;
}

QrPicture qr_picture(const QrMatrix& m, float size_px) {
  QrPicture p;
  if (m.size == 0) return p;
  const int cells = m.size + 2 * kQuietModules;
  p.module_px = std::floor(size_px / float(cells));
  if (p.module_px < 1) {
    p.module_px = 0;
    return p;
  }
  p.side_px = p.module_px * float(cells);
  const float q = p.module_px * kQuietModules;
  for (int y = 0; y < m.size; ++y) {
    for (int x = 0; x < m.size;) {
      if (!m.at(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < m.size && m.at(x, y)) ++x;
      p.dark.push_back({q + float(start) * p.module_px, q + float(y) * p.module_px, q + float(x) * p.module_px,
                        q + float(y + 1) * p.module_px});
    }
  }
  return p;
}

}  // namespace unroll::app
