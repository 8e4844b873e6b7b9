#include "io/util/whole_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "graph/input_error.h"

namespace moneytrail {

std::string read_whole_file(const std::string& path, std::uint64_t max_bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) throw InputError(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get())) {
    if (bytes.size() + n > max_bytes)
      throw InputError(path, 0, "",
                       "larger than " + std::to_string(max_bytes >> 20) + " MiB, the limit here");
    bytes.append(buffer, n);
  }
  if (std::ferror(file.get())) throw InputError(path, 0, "", "cannot read the file");
  return bytes;
}

}  // namespace moneytrail
