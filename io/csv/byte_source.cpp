#include "io/csv/byte_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>

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

// zlib's inflate over the raw bytes we read ourselves (gzread would read the file behind our
// back, and the hash must see the bytes on disk). Concatenated members are read as one stream,
// as gzip -d does.
struct ByteSource::Inflater {
  z_stream stream{};
  std::vector<char> input = std::vector<char>(1 << 20);
  bool in_member = true;  // false between members: the next bytes must start one, or end
  Inflater() {
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw std::bad_alloc();
  }
  ~Inflater() { inflateEnd(&stream); }
};

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
  if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) inflater_ = std::make_unique<Inflater>();
}

ByteSource::~ByteSource() {
  if (file_) std::fclose(file_);
}

std::size_t ByteSource::read_raw(char* buffer, std::size_t size) {
  const std::size_t got = std::fread(buffer, 1, size, file_);
  if (got == 0 && std::ferror(file_)) {
    throw InputError(path_, 0, "", std::string("read failed: ") + std::strerror(errno));
  }
  digest_.update(buffer, got);
  raw_position_ += got;
  return got;
}

std::size_t ByteSource::read(char* buffer, std::size_t size) {
  return inflater_ ? inflate_into(buffer, size) : read_raw(buffer, size);
}

std::size_t ByteSource::inflate_into(char* buffer, std::size_t size) {
  z_stream& z = inflater_->stream;
  z.next_out = reinterpret_cast<Bytef*>(buffer);
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, UINT_MAX));
  const uInt wanted = z.avail_out;
  while (z.avail_out == wanted) {
    if (z.avail_in == 0) {
      const std::size_t got = read_raw(inflater_->input.data(), inflater_->input.size());
      if (got == 0) {
        if (inflater_->in_member)
          throw InputError(path_, 0, "", "truncated gzip stream (the file ends mid-member)");
        break;  // the end, between members
      }
      z.next_in = reinterpret_cast<Bytef*>(inflater_->input.data());
      z.avail_in = static_cast<uInt>(got);
    }
    if (!inflater_->in_member) {
      // Another member follows, or something that is not gzip: refuse it rather than drop it.
      if (z.avail_in >= 1 && z.next_in[0] != 0x1f)
        throw InputError(path_, 0, "", "data after the end of the gzip stream");
      inflater_->in_member = true;
    }
    const int code = inflate(&z, Z_NO_FLUSH);
    if (code == Z_STREAM_END) {
      inflateReset(&z);
      inflater_->in_member = false;
    } else if (code != Z_OK && !(code == Z_BUF_ERROR && z.avail_in == 0)) {
      throw InputError(path_, 0, "",
                       std::string("corrupt gzip stream: ") + (z.msg ? z.msg : "inflate failed"));
    }
  }
  return wanted - z.avail_out;
}

std::string ByteSource::sha256() {
  std::vector<char> rest(1 << 20);
  while (read_raw(rest.data(), rest.size()) > 0) {
  }
  return digest_.hex();
}

}  // namespace moneytrail
