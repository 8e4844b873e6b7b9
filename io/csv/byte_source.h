// Sequential bytes from a file, gunzipped on the fly when it starts with the gzip magic, so
// `.csv.gz` exports are read as a stream without unpacking them to disk.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace moneytrail {

class ByteSource {
 public:
  /// Throws InputError (line 0) when the file cannot be opened.
  explicit ByteSource(std::string path);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  /// Reads up to `size` bytes; returns 0 at the end. Throws InputError on a corrupt stream.
  std::size_t read(char* buffer, std::size_t size);

  const std::string& path() const { return path_; }
  bool compressed() const { return gz_ != nullptr; }
  /// Size of the file on disk (compressed size for gzip), for progress display.
  std::uint64_t file_size() const { return file_size_; }
  /// Bytes of the file on disk consumed so far.
  std::uint64_t file_position() const;

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  void* gz_ = nullptr;  // gzFile, kept opaque so zlib.h stays out of the header
  std::uint64_t file_size_ = 0;
  std::uint64_t plain_position_ = 0;
};

/// True when the file starts with the given bytes (used to tell case files and gzip apart).
bool file_starts_with(const std::string& path, std::string_view magic);

}  // namespace moneytrail
