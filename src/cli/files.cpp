#include "cli/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace unroll::cli {
namespace {

// Temporary files to remove if a signal ends the process before they are
// renamed (async-signal-safe: fixed buffers, unlink only).
constexpr int kMaxTemps = 4;
char g_temp_names[kMaxTemps][PATH_MAX + 32];
volatile sig_atomic_t g_temp_used[kMaxTemps];

#ifndef __EMSCRIPTEN__
void remove_temps_and_die(int sig) {
  for (int k = 0; k < kMaxTemps; ++k)
    if (g_temp_used[k]) unlink(g_temp_names[k]);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void install_signal_cleanup() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;  // keep an ignore
    struct sigaction sa {};
    sa.sa_handler = remove_temps_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}
#else
void install_signal_cleanup() {}
#endif

int register_temp(const std::string& name) {
  if (name.size() >= sizeof g_temp_names[0]) return -1;
  for (int k = 0; k < kMaxTemps; ++k)
    if (!g_temp_used[k]) {
      std::memcpy(g_temp_names[k], name.c_str(), name.size() + 1);
      g_temp_used[k] = 1;
      install_signal_cleanup();
      return k;
    }
  return -1;
}

void unregister_temp(const std::string& name) {
  for (int k = 0; k < kMaxTemps; ++k)
    if (g_temp_used[k] && name == g_temp_names[k]) g_temp_used[k] = 0;
}

std::string folder_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string size_text(size_t bytes) {
  const std::string exact = std::to_string(bytes) + " bytes";
  if (bytes >= (size_t(1) << 20) && bytes % (size_t(1) << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB (" + exact + ")";
  return exact;
}

bool read_bounded(const std::string& path, size_t limit, const std::string& limit_name,
                  std::string* out, std::string* error) {
  const std::string limit_text = limit_name + " of " + size_text(limit);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot open '" + path + "' for reading: " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      *error = "'" + path + "' is a folder, not a file";
      return false;
    }
    // A regular file says its size: refuse before reading any of it.
    if (S_ISREG(st.st_mode) && uint64_t(st.st_size) > uint64_t(limit)) {
      ::close(fd);
      *error = "'" + path + "' is " + std::to_string(uint64_t(st.st_size)) + " bytes, more than " +
               limit_text;
      return false;
    }
  }
  out->clear();
  // Streams say nothing: read at most limit + 1 bytes, enough to know.
  char buf[1 << 16];
  for (;;) {
    const size_t want = std::min(sizeof buf, limit + 1 - out->size());
    const ssize_t n = ::read(fd, buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      *error = "cannot read '" + path + "': " + std::strerror(err);
      return false;
    }
    if (n == 0) break;
    out->append(buf, size_t(n));
    if (out->size() > limit) {
      ::close(fd);
      out->clear();
      *error = "'" + path + "' holds more than " + limit_text + " (stopped reading there)";
      return false;
    }
  }
  ::close(fd);
  return true;
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() {
  if (f_ && f_ != stdout) std::fclose(f_);
  f_ = nullptr;
  if (!temp_.empty()) {
    ::unlink(temp_.c_str());
    unregister_temp(temp_);
    temp_.clear();
  }
}

bool OutputFile::fail(std::string* error, const std::string& what, int err) {
  const bool replacing = !temp_.empty();
  if (f_ == stdout) std::clearerr(stdout);  // reported here, not again by main()
  discard();
  *error = "cannot write " + shown() + ": " + what + ": " + std::strerror(err) +
           (replacing ? "; the file there before (if any) is unchanged" : "");
  return false;
}

bool OutputFile::open(const std::string& path, std::string* error) {
  discard();
  path_ = target_ = path;
  write_errno_ = 0;
  if (path == "-") {
    f_ = stdout;
    return true;
  }
  mode_t mode = 0;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      *error = "cannot write '" + path + "': it is a folder";
      return false;
    }
    if (!S_ISREG(st.st_mode)) {
      // A device or a pipe: nothing to replace, write to it directly.
      f_ = std::fopen(path.c_str(), "wb");
      if (!f_) return fail(error, "cannot open it", errno);
      return true;
    }
    mode = st.st_mode & 07777;  // the replacement keeps the old file's mode
    // Through a symlink: replace the file it points to, not the link.
    if (char* real = ::realpath(path.c_str(), nullptr)) {
      target_ = real;
      std::free(real);
    }
  } else {
#ifdef __EMSCRIPTEN__
    mode = 0644;  // Node's umask is not the wasm runtime's (which reads as 0777)
#else
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
#endif
  }
  const std::string folder = folder_of(target_);
  std::string name = folder + "/." + base_of(target_) + ".tmp-XXXXXX";
  const int fd = ::mkstemp(&name[0]);
  if (fd < 0) return fail(error, "cannot create a temporary file in '" + folder + "'", errno);
  temp_ = name;
  register_temp(temp_);
  ::fchmod(fd, mode);  // best effort: the data matters more than the mode
  f_ = ::fdopen(fd, "wb");
  if (!f_) {
    const int err = errno;
    ::close(fd);
    return fail(error, "cannot open the temporary file", err);
  }
  return true;
}

bool OutputFile::write(std::string_view data) {
  if (!f_ || write_errno_) return false;
  if (std::fwrite(data.data(), 1, data.size(), f_) != data.size()) {
    write_errno_ = errno ? errno : EIO;
    return false;
  }
  return true;
}

bool OutputFile::commit(std::string* error) {
  if (!f_) {
    *error = "cannot write " + shown() + ": it is not open";
    return false;
  }
  if (write_errno_) return fail(error, "a write failed", write_errno_);
  if (std::fflush(f_) != 0 || std::ferror(f_)) return fail(error, "flushing failed", errno ? errno : EIO);
  if (f_ == stdout) {
    f_ = nullptr;  // main() closes stdout and checks it once more
    return true;
  }
  if (!temp_.empty() && ::fsync(fileno(f_)) != 0) return fail(error, "fsync failed", errno);
  const int closed = std::fclose(f_);
  f_ = nullptr;
  if (closed != 0) return fail(error, "closing failed", errno);
  if (temp_.empty()) return true;
  if (::rename(temp_.c_str(), target_.c_str()) != 0)
    return fail(error, "renaming the temporary file over it failed", errno);
  unregister_temp(temp_);
  temp_.clear();
  // The rename itself reaches the disk with the folder (best effort: some
  // file systems cannot fsync a folder, and the data is already safe).
  const int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

bool write_file(const std::string& path, std::string_view text, std::string* error) {
  OutputFile f;
  return f.open(path, error) && (f.write(text), true) && f.commit(error);
}

bool finish_stdout(std::string* error) {
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    *error = std::string("cannot write to stdout: ") +
             (errno ? std::strerror(errno) : "an earlier write failed") + "; output was lost";
    return false;
  }
  return true;
}

}  // namespace unroll::cli
