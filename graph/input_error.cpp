#include "graph/input_error.h"

namespace moneytrail {

std::string format_location(const std::string& file, std::uint64_t line, const std::string& column,
                            const std::string& reason) {
  std::string text;
  text.append(file);
  if (line > 0) text.append(":").append(std::to_string(line));
  text.append(": ");
  if (!column.empty()) text.append(column).append(": ");
  text.append(reason);
  return text;
}

InputError::InputError(std::string file, std::uint64_t line, std::string column, std::string reason)
    : std::runtime_error(format_location(file, line, column, reason)),
      file_(std::move(file)),
      line_(line),
      column_(std::move(column)),
      reason_(std::move(reason)) {}

}  // namespace moneytrail
