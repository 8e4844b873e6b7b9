// Sequential bytes from a file, gunzipped on the fly when it starts with the gzip magic, so
// `.csv.gz` exports are read as a stream without unpacking them to disk. The bytes taken from
// disk are hashed as they are read: the SHA-256 every report records costs no second read.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/util/file_digest.h"

namespace moneytrail {

class ByteSource {
 public:
  /// Throws InputError (line 0) when the file cannot be opened.
  explicit ByteSource(std::string path);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  /// Reads up to `size` bytes (decompressed); returns 0 at the end. Throws InputError on a
  /// corrupt or truncated gzip stream, or on data after its last member.
  std::size_t read(char* buffer, std::size_t size);

  /// Lower-case hex SHA-256 of the whole file on disk (compressed bytes for gzip); what is not
  /// yet read is read to hash it. Call once, after reading.
  std::string sha256();

  const std::string& path() const { return path_; }
  bool compressed() const { return inflater_ != nullptr; }
  /// Size of the file on disk (compressed size for gzip), for progress display.
  std::uint64_t file_size() const { return file_size_; }
  /// Bytes of the file on disk consumed so far.
  std::uint64_t file_position() const { return raw_position_; }

 private:
  std::size_t read_raw(char* buffer, std::size_t size);
  std::size_t inflate_into(char* buffer, std::size_t size);

  struct Inflater;
  std::string path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<Inflater> inflater_;  // gzip only; zlib.h stays out of the header
  std::uint64_t file_size_ = 0;
  std::uint64_t raw_position_ = 0;
  Sha256 digest_;
};

/// True when the file starts with the given bytes (used to tell case files and gzip apart).
bool file_starts_with(const std::string& path, std::string_view magic);

}  // namespace moneytrail
