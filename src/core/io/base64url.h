// base64url (RFC 4648 section 5: A-Z a-z 0-9 - _, no padding): how a weights
// link's bytes travel in a page address's #hash.
#pragma once
#include <string>
#include <string_view>

namespace unroll {

std::string base64url_encode(std::string_view bytes);

// Strict: only the 64 characters, no padding, a length that whole bytes
// give, and zero unused bits in the last character (so each byte string
// has exactly one spelling and a changed character is never ignored).
// False and *error naming the character or the length otherwise.
bool base64url_decode(std::string_view text, std::string* bytes, std::string* error);

// Where `text` has a character outside the alphabet, or npos.
size_t base64url_bad_char(std::string_view text);

}  // namespace unroll
