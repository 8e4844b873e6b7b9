#include "io/csv/csv_reader.h"

#include <algorithm>
#include <cstring>

#include "graph/input_error.h"
#include "io/util/text_safety.h"

namespace moneytrail {

CsvReader::CsvReader(const std::string& path, Options options) : source_(path), options_(options) {
  // 4 MiB keeps reads large; a small plain file needs no more than its own size.
  std::size_t size = std::size_t{4} << 20;
  if (!source_.compressed() && source_.file_size() > 0) {
    size = std::clamp<std::size_t>(source_.file_size() + 1, 4096, size);
  }
  buffer_.resize(size);
}

bool CsvReader::refill() {
  if (eof_) return false;
  // Keep the unfinished record at the front, then fill the rest.
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= options_.max_record_bytes) {
      throw InputError(path(), line_, "",
                       "record longer than " + std::to_string(options_.max_record_bytes >> 20) +
                           " MiB (an unterminated quote?)");
    }
    buffer_.resize(std::min(buffer_.size() * 2, options_.max_record_bytes));
  }
  const std::size_t got = source_.read(buffer_.data() + end_, buffer_.size() - end_);
  if (got == 0) eof_ = true;
  end_ += got;
  if (at_start_ && end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
    pos_ = 3;
  }
  if (end_ >= 3 || eof_) at_start_ = false;
  return got > 0;
}

bool CsvReader::parse_record(CsvRecord& record, std::size_t& lines_in_record) {
  const char delimiter = options_.delimiter;
  const char* data = buffer_.data();
  std::size_t i = pos_;
  spans_.clear();
  record.error.clear();
  lines_in_record = 0;
  for (;;) {
    // One field starting at i.
    if (i < end_ && data[i] == '"') {
      const std::size_t begin = i + 1;
      std::size_t j = begin;
      bool closed = false;
      while (j < end_) {
        const char c = data[j];
        if (c == '"') {
          if (j + 1 < end_ && data[j + 1] == '"') {
            j += 2;
            continue;
          }
          if (j + 1 >= end_ && !eof_) return false;  // cannot tell "" from " yet
          closed = true;
          break;
        }
        if (c == '\n') ++lines_in_record;
        ++j;
      }
      if (!closed) {
        if (!eof_) return false;
        throw InputError(path(), line_, "", "quoted field not closed before the end of the file");
      }
      spans_.push_back({begin, j, true});
      i = j + 1;
      // After the closing quote: delimiter, end of line, or stray text (malformed).
      while (i < end_ && data[i] != delimiter && data[i] != '\n') {
        if (data[i] != '\r' && record.error.empty()) {
          record.error = "text after a closing quote in field " + std::to_string(spans_.size());
        }
        ++i;
      }
    } else {
      const std::size_t begin = i;
      while (i < end_ && data[i] != delimiter && data[i] != '\n') {
        if (data[i] == '"' && record.error.empty()) {
          record.error = "quote inside an unquoted field " + std::to_string(spans_.size() + 1);
        }
        ++i;
      }
      std::size_t field_end = i;
      // A CR before the record's LF (or before the end of the file) is part of the line break.
      const bool at_line_end = (i < end_ && data[i] == '\n') || (i >= end_ && eof_);
      if (at_line_end && field_end > begin && data[field_end - 1] == '\r') --field_end;
      spans_.push_back({begin, field_end, false});
    }
    if (i >= end_) {
      if (!eof_) return false;
      pos_ = end_;
      break;
    }
    if (data[i] == '\n') {
      ++lines_in_record;
      pos_ = i + 1;
      break;
    }
    ++i;  // delimiter: next field
  }
  // The record is complete: unescape quoted fields in place and hand out views.
  record.fields.clear();
  char* mutable_data = buffer_.data();
  for (const FieldSpan& span : spans_) {
    if (!span.quoted) {
      record.fields.emplace_back(mutable_data + span.begin, span.end - span.begin);
      continue;
    }
    std::size_t out = span.begin;
    for (std::size_t k = span.begin; k < span.end; ++k) {
      mutable_data[out++] = mutable_data[k];
      if (mutable_data[k] == '"') ++k;  // "" -> "
    }
    record.fields.emplace_back(mutable_data + span.begin, out - span.begin);
  }
  return true;
}

bool CsvReader::next(CsvRecord& record) {
  for (;;) {
    if (pos_ >= end_ && !refill()) {
      if (pos_ >= end_) return false;
    }
    std::size_t lines = 0;
    const std::size_t start = pos_;
    if (!parse_record(record, lines)) {
      // Restart this record after more bytes arrive; nothing was modified yet.
      pos_ = start;
      refill();
      continue;
    }
    record.line = line_;
    line_ += lines;
    const bool blank =
        record.fields.size() == 1 && record.fields[0].empty() && record.error.empty();
    if (!blank) return true;
  }
}

std::vector<std::string> split_csv_line(std::string_view line, char delimiter) {
  std::string copy(line);
  std::vector<std::string_view> fields;
  split_csv_line_in_place(copy.data(), copy.size(), fields, delimiter);
  return {fields.begin(), fields.end()};
}

void split_csv_line_in_place(char* line, std::size_t size, std::vector<std::string_view>& fields,
                             char delimiter) {
  fields.clear();
  // Most lines have no quote and no line break: fields are the text between delimiters.
  if (!std::memchr(line, '"', size) && !std::memchr(line, '\r', size) &&
      !std::memchr(line, '\n', size)) {
    const std::string_view text(line, size);
    for (std::size_t start = 0;;) {
      const std::size_t at = text.find(delimiter, start);
      if (at == std::string_view::npos) {
        fields.push_back(text.substr(start));
        return;
      }
      fields.push_back(text.substr(start, at - start));
      start = at + 1;
    }
  }
  char* field = line;
  char* out = line;
  bool quoted = false;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < size && line[i + 1] == '"') {
        *out++ = '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        *out++ = c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      fields.emplace_back(field, static_cast<std::size_t>(out - field));
      field = out = line + i + 1;
    } else if (c != '\r' && c != '\n') {
      *out++ = c;
    }
  }
  fields.emplace_back(field, static_cast<std::size_t>(out - field));
}

std::string csv_escape(std::string_view field, char delimiter) {
  return csv_cell(field, delimiter);
}

std::string join_csv_fields(const std::vector<std::string_view>& fields, char delimiter) {
  // The row as it was read (quoted where needed, no formula guard: it is one cell's content).
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    if (fields[i].find_first_of(std::string{delimiter} + "\"\r\n") == std::string_view::npos) {
      out += fields[i];
      continue;
    }
    out += '"';
    for (char c : fields[i]) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

}  // namespace moneytrail
