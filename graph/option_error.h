// The one error for a parameter out of range, anywhere in the library: the option (a field of an
// options struct, snake_case) and what is wrong with it ("max_hops", "must be at least 1"). The
// library names fields, never command-line flags; the command line maps each field to its flag
// and decides the exit code, in one place (cli/main.cpp). Bad data is InputError (io/), with
// file, line and column.
#pragma once

#include <stdexcept>
#include <string>

namespace moneytrail {

class OptionError : public std::invalid_argument {
 public:
  OptionError(std::string field, std::string message)
      : std::invalid_argument(field + " " + message),
        field_(std::move(field)),
        message_(std::move(message)) {}
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }

 private:
  std::string field_;
  std::string message_;
};

}  // namespace moneytrail
