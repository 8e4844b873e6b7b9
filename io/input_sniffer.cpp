#include "io/input_sniffer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "graph/input_error.h"
#include "io/case/case_file.h"
#include "io/csv/csv_reader.h"
#include "io/formats/transaction_formats.h"
#include "io/statements/statement_reader.h"
#include "io/statements/xlsx_sheet.h"

namespace moneytrail {
namespace {

std::string read_head(const std::string& path, std::size_t size) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, 0, "", "is a directory, not a file");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) throw InputError(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
  std::string head(size, '\0');
  head.resize(std::fread(head.data(), 1, size, file.get()));
  if (std::ferror(file.get())) throw InputError(path, 0, "", "cannot read the file");
  return head;
}

bool is_gzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b;
}

// The layout of a plain CSV from its header, the first non-blank line of the bytes already read;
// "auto" (the reader detects it) when the header does not fit in them or spans lines in quotes.
std::string csv_layout(const std::string& path, std::string_view head, bool whole_file) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view line;
  std::uint64_t number = 0;
  while (!head.empty()) {
    ++number;
    const std::size_t end = head.find('\n');
    if (end == std::string_view::npos && !whole_file) return "auto";
    line = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view() : head.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) break;
    line = {};
  }
  if (line.empty() || std::count(line.begin(), line.end(), '"') % 2 != 0) return "auto";
  const std::vector<std::string> fields = split_csv_line(line);
  const auto layout = detect_transaction_layout({fields.begin(), fields.end()}, path);
  if (!layout)
    throw InputError(path, number, "",
                     "header matches no known transaction layout (native needs "
                     "id,timestamp,from,to,amount,currency; see docs/formats.md)");
  return std::string(*layout);
}

}  // namespace

SniffedInput sniff_input(const std::string& path, std::string_view format) {
  SniffedInput sniffed;
  if (is_xlsx(path)) {  // workbooks reach moneytrail only as statements
    sniffed.kind = InputKind::statement;
    sniffed.layout = format == "payment-platform" ? "payment-platform" : "cn-bank-statement";
    return sniffed;
  }
  std::string head = read_head(path, kStatementSniffBytes);
  const bool whole_file = head.size() < kStatementSniffBytes;
  if (std::string_view(head).substr(0, kCaseMagic.size()) == kCaseMagic) {
    sniffed.kind = InputKind::case_file;
    sniffed.layout = "case";
    return sniffed;
  }
  const bool statement =
      format == "cn-bank-statement" || format == "payment-platform" ||
      (format == "auto" && !is_gzip(head) && has_statement_header(head, whole_file));
  if (statement) {
    sniffed.kind = InputKind::statement;
    sniffed.layout = format == "payment-platform" ? "payment-platform" : "cn-bank-statement";
    if (!is_gzip(head)) sniffed.head = std::move(head);
    return sniffed;
  }
  sniffed.kind = InputKind::transactions;
  sniffed.layout =
      format != "auto" || is_gzip(head) ? std::string(format) : csv_layout(path, head, whole_file);
  return sniffed;
}

}  // namespace moneytrail
