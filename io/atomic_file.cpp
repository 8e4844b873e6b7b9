#include "io/atomic_file.h"

#include <stdexcept>
#include <system_error>

namespace moneytrail {

AtomicOutputFile::AtomicOutputFile(std::filesystem::path path)
    : path_(std::move(path)), partial_(path_.string() + ".partial") {
  out_.open(partial_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error(path_.string() + ": cannot open for writing");
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(partial_, ignored);
}

void AtomicOutputFile::commit() {
  out_.flush();
  const bool written = static_cast<bool>(out_);
  out_.close();
  if (!written) throw std::runtime_error(path_.string() + ": write failed (disk full?)");
  std::error_code error;
  std::filesystem::rename(partial_, path_, error);
  if (error)
    throw std::runtime_error(path_.string() + ": cannot rename into place: " + error.message());
  committed_ = true;
}

}  // namespace moneytrail
