// SHA-256 of input files, recorded in case files and reports so that a result can be tied to the
// exact evidence it came from. Computed with OpenSSL's libcrypto, as the readers read (ByteSource
// hashes the bytes it takes from disk), so an input is not read a second time to hash it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace moneytrail {

/// An incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(const void* data, std::size_t size);
  /// Lower-case hex of the digest of everything given so far; ends the hash (update no more).
  std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// Lower-case hex SHA-256 of the file's bytes. Throws std::runtime_error naming the file when it
/// cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace moneytrail
