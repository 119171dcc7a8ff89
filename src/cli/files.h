// Files the CLI reads and writes.
//
// Reads are bounded before they start: a regular file larger than its
// limit is refused from its size alone, and anything else (a pipe,
// /dev/zero) is read at most up to the limit + 1 byte, then refused.
//
// Writes cannot lose data: OutputFile writes to a temporary file in the
// target's folder, checks every write, flushes, fsyncs, and only then
// renames it over the target. A failure at any point (a full disk, a kill,
// Ctrl-C) leaves the previous file exactly as it was. Targets that are not
// regular files ("-" for stdout, /dev/full, a pipe) cannot be replaced, so
// they are written directly, still with every write checked.
#pragma once
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace unroll::cli {

// "1 MiB (1048576 bytes)"
std::string size_text(size_t bytes);

// Reads all of `path` into *out if it holds at most `limit` bytes. On
// failure *error names the path and the reason; `limit_name` ("the corpus
// limit") names the limit in the message.
bool read_bounded(const std::string& path, size_t limit, const std::string& limit_name,
                  std::string* out, std::string* error);

class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();  // without a successful commit(): the temporary file goes, the target stays

  // "-" is stdout. False (and *error) if the target cannot be written at all.
  bool open(const std::string& path, std::string* error);
  // False once any write failed (the reason is kept for commit()).
  bool write(std::string_view data);
  // Flushes, fsyncs, closes and renames over the target. False and *error
  // ("cannot write 'w.json': No space left on device; ...") on any failure.
  bool commit(std::string* error);

  bool is_open() const { return f_ != nullptr; }
  const std::string& path() const { return path_; }

 private:
  bool fail(std::string* error, const std::string& what, int err);
  std::string shown() const { return path_ == "-" ? "stdout" : "'" + path_ + "'"; }
  void discard();

  std::string path_;    // as given (for messages)
  std::string target_;  // what gets replaced (symlinks resolved)
  std::string temp_;    // "" when writing directly
  FILE* f_ = nullptr;
  int write_errno_ = 0;  // first failed write
};

// The whole text to `path` through an OutputFile.
bool write_file(const std::string& path, std::string_view text, std::string* error);

// Flushes and checks stdout (a full disk or a closed pipe loses output
// silently otherwise); false and *error if anything written was lost.
bool finish_stdout(std::string* error);

}  // namespace unroll::cli
