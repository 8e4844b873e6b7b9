// What an input file is, found once from its first bytes: a case file, a bank statement or
// payment-platform export, or a transaction CSV with its layout. Like DuckDB's CSV sniffer, the
// answer is the configuration the reader then uses (and the bytes already read), not a yes or
// no that the reader would have to work out again.
#pragma once

#include <string>
#include <string_view>

namespace moneytrail {

enum class InputKind { case_file, statement, transactions };

struct SniffedInput {
  InputKind kind = InputKind::transactions;
  /// transactions: native, amlworld, amlsim, paysim or trc20 ("auto" for gzip, whose header the
  /// reader detects as it decompresses); statement: cn-bank-statement or payment-platform.
  std::string layout;
  /// Statements: the file's first bytes as read here, handed to the reader (empty for gzip and
  /// workbooks).
  std::string head;
};

/// `format` is what the user asked for (--input-format; "auto" to detect). Throws InputError
/// naming the file when it cannot be opened, or when `format` is auto and a CSV header matches
/// no layout.
SniffedInput sniff_input(const std::string& path, std::string_view format);

}  // namespace moneytrail
