// A small file's bytes in one string: model files, the HTML report's script library, converted
// workbooks. Large inputs are streamed by their readers instead.
#pragma once

#include <cstdint>
#include <string>

namespace moneytrail {

/// The file's bytes. Throws InputError naming the file when it cannot be opened or read, or holds
/// more than `max_bytes`.
std::string read_whole_file(const std::string& path, std::uint64_t max_bytes = 1ull << 30);

}  // namespace moneytrail
