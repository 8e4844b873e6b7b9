#include "io/csv/byte_source.h"

#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "graph/input_error.h"

namespace moneytrail {

bool file_starts_with(const std::string& path, std::string_view magic) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::string head(magic.size(), '\0');
  const std::size_t got = std::fread(head.data(), 1, head.size(), f);
  std::fclose(f);
  return got == magic.size() && head == magic;
}

ByteSource::ByteSource(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  if (std::filesystem::is_directory(path_, ec)) {
    throw InputError(path_, 0, "", "is a directory, not a file");
  }
  file_ = std::fopen(path_.c_str(), "rb");
  if (!file_) throw InputError(path_, 0, "", std::string("cannot open: ") + std::strerror(errno));
  file_size_ = std::filesystem::file_size(path_, ec);
  if (ec) file_size_ = 0;
  unsigned char magic[2] = {0, 0};
  const std::size_t got = std::fread(magic, 1, 2, file_);
  std::rewind(file_);
  if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    // gzdopen takes over a duplicate descriptor; our FILE* stays for position queries.
    int fd = dup(fileno(file_));
    gz_ = gzdopen(fd, "rb");
    if (!gz_) throw InputError(path_, 0, "", "cannot start gzip decompression");
    gzbuffer(static_cast<gzFile>(gz_), 1 << 20);
  }
}

ByteSource::~ByteSource() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
  if (file_) std::fclose(file_);
}

std::size_t ByteSource::read(char* buffer, std::size_t size) {
  if (gz_) {
    const int chunk = static_cast<int>(std::min<std::size_t>(size, 1u << 30));
    const int got = gzread(static_cast<gzFile>(gz_), buffer, static_cast<unsigned>(chunk));
    int code = Z_OK;
    const char* message = gzerror(static_cast<gzFile>(gz_), &code);
    // A truncated stream reads as a short end with Z_BUF_ERROR, not as got < 0.
    if (got < 0 || (code != Z_OK && code != Z_STREAM_END)) {
      throw InputError(path_, 0, "", std::string("corrupt or truncated gzip stream: ") + message);
    }
    return static_cast<std::size_t>(got);
  }
  const std::size_t got = std::fread(buffer, 1, size, file_);
  if (got == 0 && std::ferror(file_)) {
    throw InputError(path_, 0, "", std::string("read failed: ") + std::strerror(errno));
  }
  plain_position_ += got;
  return got;
}

std::uint64_t ByteSource::file_position() const {
  if (gz_) return static_cast<std::uint64_t>(gzoffset(static_cast<gzFile>(gz_)));
  return plain_position_;
}

}  // namespace moneytrail
