// The QR widget's code decodes back to its text: the encoder's matrix, laid
// out by qr_picture() exactly as draw_qr_code() draws it, is rendered to an
// image and read by a real decoder, zbarimg (Debian's zbar-tools).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include "app/widgets/qr_matrix.h"

namespace unroll::app {
namespace {

// A link as a teacher sends it: a lesson step with a full experiment and compare runs.
const std::string kLink =
    "https://unroll.example.org/playground/#v=1&arch=lstm&task=adding&T=50&hidden=64&layers=1&batch=32"
    "&optim=adam&lr=0.003&clip=norm&clip_value=1&tbptt=0&seed=7&compare=gru,rnn_tanh&lesson=lstm&step=3&lang=pt";

// The picture as a binary PGM (what the widget draws: white square, black runs).
std::string render_pgm(const QrPicture& p) {
  const int side = int(p.side_px);
  std::string px(size_t(side) * size_t(side), char(255));
  for (const QrRect& r : p.dark)
    for (int y = int(r.y0); y < int(r.y1); ++y)
      for (int x = int(r.x0); x < int(r.x1); ++x) px[size_t(y) * size_t(side) + size_t(x)] = 0;
  return "P5\n" + std::to_string(side) + " " + std::to_string(side) + "\n255\n" + px;
}

// zbarimg's reading of an image: the decoded text, or "" when none (its
// stderr, dbus chatter in a container, is dropped).
std::string zbar_decode(const std::string& image) {
  char path[] = "/tmp/unroll_qr_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "<mkstemp failed>";
  close(fd);
  const std::string pgm = std::string(path) + ".pgm";
  std::rename(path, pgm.c_str());
  std::ofstream(pgm, std::ios::binary) << image;
  FILE* f = popen(("zbarimg --quiet --raw -Sdisable -Sqrcode.enable " + pgm + " 2>/dev/null").c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; f && (n = fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  if (f) pclose(f);
  std::remove(pgm.c_str());
  if (!out.empty() && out.back() == '\n') out.pop_back();  // --raw ends each code with a newline
  return out;
}

TEST(QrCode, ALinkDecodesToTheSameLink) {
  const QrMatrix m = qr_matrix(kLink);
  ASSERT_GT(m.size, 0);
  const QrPicture p = qr_picture(m, 300);
  ASSERT_GT(p.module_px, 0);
  EXPECT_EQ(zbar_decode(render_pgm(p)), kLink) << "(is zbar-tools installed? scripts/deps.sh installs it)";
}

TEST(QrCode, ShortAndPlainTextsDecodeToo) {
  for (const std::string t : {"https://a.b/#v=1", "v=1&arch=gru&task=copy&T=20", "0123456789"}) {
    const QrPicture p = qr_picture(qr_matrix(t), 200);
    EXPECT_EQ(zbar_decode(render_pgm(p)), t);
  }
}

TEST(QrCode, ADamagedPictureDoesNotDecodeToTheLink) {
  // The decoder is really reading the modules: without the dark runs of the
  // top half (finder patterns included) nothing comes back.
  QrPicture p = qr_picture(qr_matrix(kLink), 300);
  std::vector<QrRect> kept;
  for (const QrRect& r : p.dark)
    if (r.y0 > p.side_px / 2) kept.push_back(r);
  p.dark = kept;
  EXPECT_NE(zbar_decode(render_pgm(p)), kLink);
}

TEST(QrCode, ATeachersLinkHasModulesBigEnoughToScanFromAProjector) {
  // qr_code.h promises ~4 px modules for a 300-character link at 280 px.
  std::string link = kLink;
  while (link.size() < 300) link += "&x=1";
  const QrMatrix m = qr_matrix(link);
  EXPECT_LE(m.size, 61);
  const QrPicture p = qr_picture(m, 280);
  EXPECT_GE(p.module_px, 4);
  EXPECT_LE(p.side_px, 280);
  EXPECT_EQ(p.side_px, p.module_px * float(m.size + 8));  // the 4-module quiet zone on each side
}

TEST(QrCode, TheLongestTextFitsAndOneByteMoreGetsNoCode) {
  EXPECT_EQ(qr_matrix(std::string(kQrMaxBytes, 'a')).size, 177);  // version 40, without throwing
  EXPECT_EQ(qr_matrix(std::string(kQrMaxBytes + 1, 'a')).size, 0);
  EXPECT_EQ(qr_picture(QrMatrix{}, 300).module_px, 0);
  EXPECT_EQ(qr_picture(qr_matrix(kLink), 20).module_px, 0);  // under a pixel a module: no picture
}

}  // namespace
}  // namespace unroll::app
