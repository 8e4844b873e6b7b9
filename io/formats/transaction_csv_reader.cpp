// Transaction CSVs are read by two threads in a pipeline, because on two cores neither half alone
// keeps up with the other: a reader thread tokenizes and parses rows into batches (copying the
// few strings a row needs), and the calling thread interns accounts, detects duplicate ids and
// appends columns. Batches keep input order, and rejects are written by the consuming thread only,
// so the graph and the rejects file are the same as a sequential read.
#include <array>
#include <filesystem>
#include <thread>

#include "graph/input_error.h"
#include "io/csv/bounded_queue.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"
#include "io/side/csv_inputs.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

constexpr std::size_t kRowsPerBatch = 8192;
constexpr std::size_t kBatchesInFlight = 4;

// A string field stored in the batch arena.
struct Slice {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// The string fields of a TransactionInput, which must be copied out of the reader's buffer.
constexpr std::array<std::string_view TransactionInput::*, 8> kStringFields = {
    &TransactionInput::id,
    &TransactionInput::from,
    &TransactionInput::to,
    &TransactionInput::currency,
    &TransactionInput::received_currency,
    &TransactionInput::from_institution,
    &TransactionInput::to_institution,
    &TransactionInput::typology};

struct ParsedRow {
  std::uint64_t line = 0;
  bool rejected = false;
  std::int8_t repaired = -1;  // the first string field whose ill-formed UTF-8 was replaced
  // For accepted rows: the scalar fields plus slices for the strings.
  TransactionInput input;
  std::array<Slice, kStringFields.size()> strings;
  // For rejected rows: the error and the original record (encoded into the arena).
  RowError error;
  Slice encoded_row;
};

struct Batch {
  std::string arena;
  std::vector<ParsedRow> rows;
  std::uint64_t estimated_rows = 0;  // set on the first batch: file size / bytes per row so far

  Slice keep(std::string_view text) {
    Slice slice{static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(text.size())};
    arena.append(text);
    return slice;
  }
  std::string_view view(Slice s) const { return {arena.data() + s.offset, s.length}; }
};

using BatchQueue = BoundedQueue<Batch>;

constexpr std::array<const char*, kStringFields.size()> kStringFieldNames = {
    "id",      "from", "to", "currency", "received_currency", "from_institution", "to_institution",
    "typology"};

// Ids must be readable and distinct in every output: no control characters, not blank (only
// spaces, no-break or ideographic spaces). Ill-formed UTF-8 is replaced (U+FFFD, or in ids the
// text \xNN so that two ids stay two accounts) with a warning naming the row, or, under strict,
// rejects the row.
std::optional<RowError> check_text(const TransactionInput& in, bool strict, std::int8_t& repaired) {
  for (std::size_t i = 0; i < kStringFields.size(); ++i) {
    const std::string_view text = in.*kStringFields[i];
    if (is_valid_utf8(text)) continue;
    if (strict) return RowError{kStringFieldNames[i], RejectReason::invalid_text, "invalid UTF-8"};
    if (repaired < 0) repaired = static_cast<std::int8_t>(i);
  }
  for (std::size_t i = 0; i < 3; ++i) {  // id, from, to
    const std::string_view text = in.*kStringFields[i];
    if (has_control_characters(text))
      return RowError{kStringFieldNames[i], RejectReason::invalid_text,
                      "control character in an id"};
    if (i > 0 && is_blank(text))
      return RowError{kStringFieldNames[i], RejectReason::empty_account,
                      "account id of white space only"};
  }
  return std::nullopt;
}

// Runs on the reader thread.
void produce(CsvReader& reader, TransactionRowParser& parser, const CsvReadOptions& options,
             BatchQueue& queue, std::uint64_t& rows_seen) {
  CsvRecord record;
  TransactionInput input;
  Batch batch;
  while (reader.next(record)) {
    ++rows_seen;
    ParsedRow row;
    row.line = record.line;
    std::optional<RowError> error;
    if (!record.error.empty()) {
      error = RowError{"", RejectReason::malformed_row, record.error};
    } else {
      error = parser.parse(record, input);
    }
    if (!error) error = check_text(input, options.strict, row.repaired);
    if (error) {
      row.rejected = true;
      row.error = std::move(*error);
      row.encoded_row = batch.keep(join_csv_fields(record.fields));
    } else {
      row.input = input;
      for (std::size_t i = 0; i < kStringFields.size(); ++i) {
        const std::string_view text = input.*kStringFields[i];
        row.strings[i] = is_valid_utf8(text) ? batch.keep(text)
                         : i < 3             ? batch.keep(repair_utf8_visibly(text))  // ids
                                             : batch.keep(repair_utf8(text));
      }
    }
    batch.rows.push_back(std::move(row));
    if (options.progress) options.progress->advance(reader.file_position());
    if (batch.rows.size() == kRowsPerBatch) {
      if (rows_seen == kRowsPerBatch && !reader.compressed() && reader.consumed_bytes() > 0) {
        batch.estimated_rows = reader.file_size() * rows_seen / reader.consumed_bytes();
      }
      if (!queue.push(std::move(batch))) return;  // the consumer gave up
      batch = Batch{};
    }
    // Under strict, nothing after the first bad row matters.
    if (options.strict && batch.rows.size() > 0 && batch.rows.back().rejected) break;
  }
  if (!batch.rows.empty()) queue.push(std::move(batch));
  if (options.progress) options.progress->end();
}

std::string encode_input(const TransactionInput& in) {
  const std::string timestamp = std::to_string(in.timestamp);
  const std::string amount = std::to_string(in.amount);
  return join_csv_fields({in.id, timestamp, in.from, in.to, amount, in.currency});
}

}  // namespace

FileReadReport read_transactions_csv(const std::string& path, const CsvReadOptions& options,
                                     GraphBuilder& builder, RejectLog& rejects) {
  CsvReader reader(path);
  CsvRecord record;
  if (!reader.next(record)) throw InputError(path, 0, "", "the file is empty (no header row)");
  if (!record.error.empty()) throw InputError(path, record.line, "", "header: " + record.error);
  const std::vector<std::string> header(record.fields.begin(), record.fields.end());
  std::unique_ptr<TransactionRowParser> parser = make_transaction_row_parser(
      options.format, std::vector<std::string_view>(header.begin(), header.end()), path);
  if (options.progress)
    options.progress->begin("reading " + std::filesystem::path(path).filename().string(),
                            reader.file_size(), "bytes");

  FileReadReport report;
  report.path = path;
  report.format = std::string(parser->format_name());
  BatchQueue queue(kBatchesInFlight);
  std::uint64_t rows_seen = 0;
  std::thread producer([&] {
    try {
      produce(reader, *parser, options, queue, rows_seen);
      report.sha256 = reader.sha256();  // the consumer reads report only after join()
      queue.close();
    } catch (...) {
      queue.close(std::current_exception());
    }
  });

  auto reject = [&](const ParsedRow& row, const RowError& error, std::string_view encoded) {
    if (options.strict) throw InputError(path, row.line, error.column, error.detail);
    rejects.add_encoded(path, row.line, error, encoded);
    ++report.rejected;
  };
  try {
    Batch batch;
    while (queue.pop(batch)) {
      // Sizing the columns once avoids copying them as they double (plain files; for gzip the
      // estimate is low and growth takes over).
      if (batch.estimated_rows > 0) {
        builder.reserve_transactions(builder.num_transactions() + batch.estimated_rows * 21 / 20);
      }
      for (ParsedRow& row : batch.rows) {
        ++report.rows;
        if (row.rejected) {
          reject(row, row.error, batch.view(row.encoded_row));
          continue;
        }
        TransactionInput& in = row.input;
        for (std::size_t i = 0; i < kStringFields.size(); ++i)
          in.*kStringFields[i] = batch.view(row.strings[i]);
        if (row.repaired >= 0) {
          ++report.repaired;
          if (report.repair_examples.size() < 5)
            report.repair_examples.push_back(format_location(path, row.line,
                                                             kStringFieldNames[row.repaired],
                                                             "invalid UTF-8 replaced with U+FFFD"));
        }
        if (builder.add_transaction(in) == GraphBuilder::AddResult::duplicate_id) {
          reject(row,
                 RowError{"id", RejectReason::duplicate_id,
                          "duplicate transaction id '" + std::string(in.id) + "'"},
                 encode_input(in));
          continue;
        }
        ++report.loaded;
      }
    }
  } catch (...) {
    queue.cancel();
    producer.join();
    throw;
  }
  producer.join();
  if (report.rows == 0) throw InputError(path, 0, "", "the file has a header but no data rows");
  return report;
}

}  // namespace moneytrail
