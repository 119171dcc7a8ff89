// The desktop side of platform.h: clipboard through SDL, downloads written
// to the working directory; picking files is browser-only for now.
#include <SDL.h>

#include <cstdio>
#include <fstream>

#include "app/panels/app.h"
#include "app/panels/platform.h"

namespace unroll::platform {

void set_link(const std::string& hash) { std::printf("link: #%s\n", hash.c_str()); }

// The desktop app has no address of its own: the hash, to paste after a
// playground's address.
std::string page_url(const std::string& hash) { return "#" + hash; }

bool copy_text(const std::string& text) { return SDL_SetClipboardText(text.c_str()) == 0; }

void download(const std::string& filename, const std::string&, const std::string& data) {
  std::ofstream f(filename, std::ios::binary);
  f << data;
  app::session().set_notice(f ? "Wrote " + filename + " in the working directory."
                              : "Could not write " + filename + ".");
}

void codec(bool inflate, const std::string&) {
  app::on_codec(inflate, "", "this desktop build cannot compress links (the browser's CompressionStream); "
                             "use the weights file");
}

void request_file(const std::string&, const std::string&) {
  app::session().set_notice("Loading files is available in the browser version.");
}

}  // namespace unroll::platform
