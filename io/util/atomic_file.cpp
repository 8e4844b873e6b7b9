#include "io/util/atomic_file.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <streambuf>
#include <vector>

namespace moneytrail {
namespace {

// Temporary files to remove if the process is interrupted: fixed slots, so the signal handler
// touches no allocator (unlink is async-signal-safe).
constexpr std::size_t kSlots = 64;
constexpr std::size_t kPathBytes = 4096;
struct Slot {
  std::atomic<bool> used{false};
  char path[kPathBytes];
};
std::array<Slot, kSlots> g_pending;
std::once_flag g_handlers;

extern "C" void remove_pending_and_reraise(int signal) {
  for (Slot& slot : g_pending)
    if (slot.used.load()) ::unlink(slot.path);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_handlers() {
  std::call_once(g_handlers, [] {
    for (int s : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      if (sigaction(s, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
      struct sigaction action {};
      action.sa_handler = remove_pending_and_reraise;
      sigemptyset(&action.sa_mask);
      sigaction(s, &action, nullptr);
    }
  });
}

// Registers `path` for removal on a signal; returns its slot (kSlots when none is free: the file
// is then still removed by its owner, just not on a signal).
std::size_t register_pending(const std::string& path) {
  install_handlers();
  if (path.size() >= kPathBytes) return kSlots;
  for (std::size_t i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (g_pending[i].used.load() || !g_pending[i].used.compare_exchange_strong(expected, true))
      continue;
    std::memcpy(g_pending[i].path, path.c_str(), path.size() + 1);
    return i;
  }
  return kSlots;
}

void release_pending(std::size_t slot) {
  if (slot < kSlots) g_pending[slot].used.store(false);
}

mode_t current_umask() {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

std::string failure(const std::filesystem::path& path, const std::string& what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

// Holds SIGINT, SIGTERM and SIGHUP back while a temporary file is created and registered, so
// that a signal in between cannot leave it behind; they are delivered when this ends.
class HoldSignals {
 public:
  HoldSignals() {
    install_handlers();
    sigset_t held;
    sigemptyset(&held);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, s);
    pthread_sigmask(SIG_BLOCK, &held, &previous_);
  }
  ~HoldSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_;
};

// mkstemp in `directory` with a name beginning ".NAME." (NAME cut to keep under 255 bytes).
int create_exclusive(const std::filesystem::path& directory, const std::string& name,
                     std::string_view suffix, std::filesystem::path& created) {
  std::string base = "." + name.substr(0, 200) + ".";
  std::string pattern = (directory / base).string() + "XXXXXX" + std::string(suffix);
  std::vector<char> text(pattern.begin(), pattern.end());
  text.push_back('\0');
  const int fd = ::mkostemps(text.data(), static_cast<int>(suffix.size()), O_CLOEXEC);
  if (fd >= 0) created = std::string(text.data());
  return fd;
}

}  // namespace

// A write buffer over the temporary file's descriptor.
class AtomicOutputFile::Buffer : public std::streambuf {
 public:
  Buffer(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)), data_(1 << 20) {
    setp(data_.data(), data_.data() + data_.size());
  }
  ~Buffer() override {
    if (fd_ >= 0) ::close(fd_);
  }
  void write(std::string_view bytes) {
    if (bytes.size() <= static_cast<std::size_t>(epptr() - pptr())) {
      std::memcpy(pptr(), bytes.data(), bytes.size());
      pbump(static_cast<int>(bytes.size()));
      return;
    }
    drain();
    if (bytes.size() >= data_.size()) {
      put(bytes.data(), bytes.size());
    } else {
      std::memcpy(pptr(), bytes.data(), bytes.size());
      pbump(static_cast<int>(bytes.size()));
    }
  }
  void drain() {
    put(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(data_.data(), data_.data() + data_.size());
  }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  int fd() const { return fd_; }
  std::uint64_t written() const { return written_ + static_cast<std::uint64_t>(pptr() - pbase()); }

 protected:
  int_type overflow(int_type c) override {
    drain();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    write(std::string_view(s, static_cast<std::size_t>(n)));
    return n;
  }
  int sync() override {
    drain();
    return 0;
  }

 private:
  void put(const char* p, std::size_t n) {
    while (n > 0) {
      const ssize_t done = ::write(fd_, p, n);
      if (done < 0 && errno == EINTR) continue;
      if (done <= 0) throw std::runtime_error(failure(path_, "write failed"));
      p += done;
      n -= static_cast<std::size_t>(done);
      written_ += static_cast<std::uint64_t>(done);
    }
  }
  int fd_;
  std::filesystem::path path_;
  std::vector<char> data_;
  std::uint64_t written_ = 0;
};

AtomicOutputFile::AtomicOutputFile(std::filesystem::path path) : path_(std::move(path)) {
  if (path_.empty()) throw std::runtime_error("empty output path");
  std::filesystem::path directory = path_.parent_path();
  if (directory.empty()) directory = ".";
  {
    const HoldSignals hold;
    const int fd = create_exclusive(directory, path_.filename().string(), ".partial", temporary_);
    if (fd < 0) throw std::runtime_error(failure(path_, "cannot open for writing"));
    buffer_ = std::make_unique<Buffer>(fd, path_);
    slot_ = register_pending(temporary_.string());
  }
  stream_ = std::make_unique<std::ostream>(buffer_.get());
  stream_->exceptions(std::ios::badbit);
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed_) return;
  stream_.reset();
  buffer_.reset();  // closes the descriptor
  ::unlink(temporary_.c_str());
  release_pending(slot_);
}

std::ostream& AtomicOutputFile::stream() { return *stream_; }

void AtomicOutputFile::write(std::string_view bytes) { buffer_->write(bytes); }

std::uint64_t AtomicOutputFile::size() const { return buffer_->written(); }

void AtomicOutputFile::commit() {
  stream_->flush();
  buffer_->drain();
  const int fd = buffer_->fd();
  struct stat target {};
  const mode_t mode = ::stat(path_.c_str(), &target) == 0 && S_ISREG(target.st_mode)
                          ? (target.st_mode & 07777)
                          : (0666 & ~current_umask());
  if (::fchmod(fd, mode) != 0) throw std::runtime_error(failure(path_, "cannot set the mode"));
  if (::fsync(fd) != 0) throw std::runtime_error(failure(path_, "write failed (disk full?)"));
  if (::close(buffer_->release()) != 0)
    throw std::runtime_error(failure(path_, "write failed (disk full?)"));
  if (::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw std::runtime_error(failure(path_, "cannot rename into place"));
  committed_ = true;
  release_pending(slot_);
  // The rename itself is durable once the directory is synced (best effort).
  std::filesystem::path directory = path_.parent_path();
  if (directory.empty()) directory = ".";
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

TemporaryFile::TemporaryFile(std::string_view suffix) {
  const char* base = std::getenv("TMPDIR");
  const std::filesystem::path directory = base && *base ? base : "/tmp";
  const HoldSignals hold;
  const int fd = create_exclusive(directory, "moneytrail", suffix, path_);
  if (fd < 0) throw std::runtime_error(failure(directory, "cannot create a temporary file"));
  ::close(fd);
  slot_ = register_pending(path_.string());
}

TemporaryFile::~TemporaryFile() {
  ::unlink(path_.c_str());
  release_pending(slot_);
}

}  // namespace moneytrail
