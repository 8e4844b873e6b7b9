// SHA-256 of input files, recorded in case files and reports so that a result can be tied to the
// exact evidence it came from. Computed with OpenSSL's libcrypto.
#pragma once

#include <string>

namespace moneytrail {

/// Lower-case hex SHA-256 of the file's bytes. Throws std::runtime_error naming the file when it
/// cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace moneytrail
