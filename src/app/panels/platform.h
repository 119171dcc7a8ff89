// What the app needs from its host (browser or desktop), implemented in
// src/platform/*_platform.cpp. All calls return at once; a file the user
// picks arrives later through app::on_file().
#pragma once
#include <string>

namespace unroll::platform {

// Rewrite the address's #hash without adding a history entry.
void set_link(const std::string& hash);
// The address that opens this page with that #hash (what "Copy link" copies
// and the QR code holds): the page's own URL in a browser.
std::string page_url(const std::string& hash);
// Put text on the clipboard; false if the host cannot.
bool copy_text(const std::string& text);
// Offer data as a file download (browser) or write it next to the program.
void download(const std::string& filename, const std::string& mime, const std::string& data);
// Ask the user for a file; `purpose` is echoed back to app::on_file.
void request_file(const std::string& purpose, const std::string& accept);
// Compress (deflate-raw) or decompress a weights link's bytes; the result
// arrives later through app::on_codec (the browser's CompressionStream is
// asynchronous; the desktop answers at once that it cannot).
void codec(bool inflate, const std::string& bytes);

}  // namespace unroll::platform
