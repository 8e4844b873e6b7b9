// The one way moneytrail writes a file: into a temporary file created exclusively (O_CREAT |
// O_EXCL, so a planted file or symlink is never opened, with a random name, mode 0600) in the
// target's own directory, synced, given the mode of the file it replaces (or 0666 less the
// umask), then renamed over the target. An interrupted run never leaves a truncated report,
// export or case file, two runs writing the same output each rename a whole file, and a symlink
// planted at the target is replaced, not followed. Temporary files are removed when the object
// dies without commit(), and on SIGINT, SIGTERM and SIGHUP.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace moneytrail {

class AtomicOutputFile {
 public:
  /// Creates the temporary file; throws std::runtime_error naming `path` when it cannot.
  explicit AtomicOutputFile(std::filesystem::path path);
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  std::ostream& stream();
  /// Appends raw bytes; throws std::runtime_error when the write fails (disk full).
  void write(std::string_view bytes);
  /// Bytes written so far.
  std::uint64_t size() const;
  /// Flushes, syncs, sets the mode and renames; throws std::runtime_error when any step fails.
  void commit();
  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& temporary_path() const { return temporary_; }

 private:
  class Buffer;
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  std::size_t slot_ = 0;  // in the signal handler's list
  bool committed_ = false;
};

/// A private temporary file under $TMPDIR (else /tmp): created exclusively, mode 0600, removed
/// when the object dies and on SIGINT, SIGTERM and SIGHUP. For files another program writes
/// (xlsx2csv's output).
class TemporaryFile {
 public:
  /// `suffix` ends the name (".csv"). Throws std::runtime_error when it cannot be created.
  explicit TemporaryFile(std::string_view suffix);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::size_t slot_ = 0;
};

}  // namespace moneytrail
