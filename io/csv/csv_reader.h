// Streaming RFC 4180 reader that knows where every record starts.
//
// Written here rather than taken from libcsv or fast-cpp-csv-parser (both in Debian) because
// neither reports the physical line a record starts on when quoted fields hold newlines, and
// evidence-grade errors must say `file:line`. Fields are views into the read buffer (no copy per
// field); quoted fields are unescaped in place. Handles a UTF-8 BOM, CRLF, blank lines, quoted
// commas, quotes and newlines, and reads gzip transparently through ByteSource.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv/byte_source.h"

namespace moneytrail {

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the next call to next()
  std::uint64_t line = 0;                // physical line the record starts on (1-based)
  std::string error;  // non-empty when the record is malformed (e.g. stray quote)
};

class CsvReader {
 public:
  struct Options {
    char delimiter = ',';
    /// A record longer than this is reported as an error instead of growing the buffer without
    /// bound (an unterminated quote would otherwise swallow the rest of a multi-GB file).
    std::size_t max_record_bytes = std::size_t{64} << 20;
  };

  explicit CsvReader(const std::string& path) : CsvReader(path, Options{}) {}
  CsvReader(const std::string& path, Options options);

  /// Reads the next non-blank record; false at the end of input. Throws InputError for a record
  /// that exceeds max_record_bytes or a quote left open at the end of the file.
  bool next(CsvRecord& record);

  const std::string& path() const { return source_.path(); }
  std::uint64_t file_size() const { return source_.file_size(); }
  std::uint64_t file_position() const { return source_.file_position(); }
  /// Bytes of the file parsed so far; exact for plain files (gzip: use file_position()).
  std::uint64_t consumed_bytes() const { return source_.file_position() - (end_ - pos_); }
  bool compressed() const { return source_.compressed(); }
  /// SHA-256 of the whole file on disk (reads what is left); call after the last record.
  std::string sha256() { return source_.sha256(); }

 private:
  struct FieldSpan {
    std::size_t begin;
    std::size_t end;
    bool quoted;
  };
  // Parses one record starting at pos_; returns false when the buffer ends before the record does.
  bool parse_record(CsvRecord& record, std::size_t& lines_in_record);
  bool refill();

  ByteSource source_;
  Options options_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool at_start_ = true;
  std::uint64_t line_ = 1;
  std::vector<FieldSpan> spans_;
};

/// Splits one line of text as CSV (for tests and small inputs such as command-line lists).
std::vector<std::string> split_csv_line(std::string_view line, char delimiter = ',');
/// The same into views of `line` itself: quoted fields are unescaped in place, inside their own
/// bytes (never longer unescaped), so a whole file's text can be split without a copy per field.
void split_csv_line_in_place(char* line, std::size_t size, std::vector<std::string_view>& fields,
                             char delimiter = ',');

/// Encodes fields as one CSV line (quoting where needed), without the newline.
std::string join_csv_fields(const std::vector<std::string_view>& fields, char delimiter = ',');
/// One CSV cell as every output writes it (csv_cell in text_safety.h): quoted when it holds the
/// delimiter, a quote or a line break, formula cells defused unless --csv-raw.
std::string csv_escape(std::string_view field, char delimiter = ',');

}  // namespace moneytrail
