// Errors in input data, located by file, line and field so an investigator can open the row.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace moneytrail {

/// A bad input that stops the run (under --strict, or when a file cannot be read at all).
class InputError : public std::runtime_error {
 public:
  /// `line` 0 means the error concerns the file as a whole; `column` may be empty.
  InputError(std::string file, std::uint64_t line, std::string column, std::string reason);

  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }
  const std::string& column() const { return column_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::string column_;
  std::string reason_;
};

/// "file:line: column: reason", the form every rejected row and error is reported in.
std::string format_location(const std::string& file, std::uint64_t line, const std::string& column,
                            const std::string& reason);

}  // namespace moneytrail
