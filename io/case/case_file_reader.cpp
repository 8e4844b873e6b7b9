#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <thread>

#include "graph/input_error.h"
#include "io/case/case_file.h"
#include "io/csv/bounded_queue.h"
#include "io/csv/byte_source.h"
#include "io/moneytrail.pb.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

std::uint32_t minus_one(std::uint32_t stored) { return stored == 0 ? kNoSymbol : stored - 1; }

class CaseReader {
 public:
  explicit CaseReader(const std::string& path) : path_(path), source_(path) {}

  CaseFile read() {
    std::string magic(kCaseMagic.size(), '\0');
    if (read_exact(magic.data(), magic.size()) != magic.size() || magic != kCaseMagic) {
      fail("not a moneytrail case file (bad magic bytes)");
    }
    pb::CaseHeader header;
    if (!next_frame() || !header.ParseFromString(payload_)) fail("unreadable case file header");
    if (header.format_version() > kCaseFormatVersion) {
      fail("case file format version " + std::to_string(header.format_version()) +
           " is newer than this moneytrail reads (" + std::to_string(kCaseFormatVersion) +
           "); upgrade moneytrail");
    }
    if (header.format_version() == 0) fail("case file header has no format version");
    CaseFile result;
    result.format_version = header.format_version();
    result.producer = header.producer();
    result.provenance.command_line = header.command_line();
    for (const pb::InputFile& f : header.inputs()) {
      result.provenance.inputs.push_back(
          {f.path(), f.bytes(), f.format(), f.rows(), f.rejected(), f.sha256()});
    }
    // The header's counts are claims: a row takes at least 8 bytes of the file, so reserve no
    // more than the file can hold (a forged header claiming 2^62 rows must not allocate).
    if (header.transactions() > std::numeric_limits<TxIndex>::max() ||
        header.accounts() > std::numeric_limits<VertexId>::max())
      fail("header claims more rows than a case holds");
    std::error_code size_error;
    const std::uint64_t bytes = std::filesystem::file_size(path_, size_error);
    const std::uint64_t most = size_error ? 0 : bytes / 8;
    parts_.transactions.reserve(std::min<std::uint64_t>(header.transactions(), most));
    parts_.accounts.ids.reserve(std::min<std::uint64_t>(header.accounts(), most));

    // Two stages: a reader thread reads, checksums and parses chunks; this thread copies them
    // into the columns. Each stage is about half of the work.
    BoundedQueue<std::unique_ptr<pb::Chunk>> queue(8);
    std::thread reader([&] {
      try {
        std::uint64_t index = 0;
        while (next_frame()) {
          auto chunk = std::make_unique<pb::Chunk>();
          if (!chunk->ParseFromString(payload_))
            fail("chunk " + std::to_string(index) + " does not parse");
          ++index;
          if (!queue.push(std::move(chunk))) return;
        }
        sha256_ = source_.sha256();  // published to this thread by close()
        queue.close();
      } catch (...) {
        queue.close(std::current_exception());
      }
    });
    struct StopReader {
      BoundedQueue<std::unique_ptr<pb::Chunk>>& queue;
      std::thread& thread;
      ~StopReader() {
        queue.cancel();
        thread.join();
      }
    } stop_reader{queue, reader};

    std::uint64_t chunks = 0;
    bool ended = false;
    std::unique_ptr<pb::Chunk> next;
    while (queue.pop(next)) {
      const pb::Chunk& chunk = *next;
      chunk_ = chunks + 1;  // the header is frame 0
      if (ended) fail("data after the end marker");
      switch (chunk.body_case()) {
        case pb::Chunk::kSymbols: add_symbols(chunk.symbols()); break;
        case pb::Chunk::kAccounts: add_accounts(chunk.accounts()); break;
        case pb::Chunk::kTransactions: add_transactions(chunk.transactions()); break;
        case pb::Chunk::kLinks: add_links(chunk.links()); break;
        case pb::Chunk::kRates: add_rates(chunk.rates()); break;
        case pb::Chunk::kEnd:
          ended = true;
          if (chunk.end().chunks() != chunks || chunk.end().accounts() != parts_.accounts.size() ||
              chunk.end().transactions() != parts_.transactions.size()) {
            fail("end marker counts do not match the chunks read");
          }
          break;
        default: fail("chunk " + std::to_string(chunks) + " has an unknown type");
      }
      ++chunks;
    }
    if (!ended) fail("truncated: the end marker is missing");
    chunk_ = 0;
    if (header.transactions() != parts_.transactions.size() ||
        header.accounts() != parts_.accounts.size())
      fail("header counts do not match the rows (the end marker counts do)");
    // Account ids were unique when written and every chunk is checksummed, so the id index is
    // left to be built on the first lookup instead of costing every load.
    parts_.accounts.freeze();
    validate_references();
    validate_unique_ids();
    parts_.rates.finalize();
    try {
      result.graph = TransactionGraph(std::move(parts_));
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
    result.sha256 = sha256_;
    return result;
  }

 private:
  // Errors name the chunk (frames counted from the header, 0) where one was being read.
  [[noreturn]] void fail(const std::string& reason) {
    const std::uint64_t chunk = chunk_.load();
    throw InputError(path_, 0, "",
                     chunk ? "chunk " + std::to_string(chunk) + ": " + reason : reason);
  }

  // An id as CSV input would accept it: not empty, valid UTF-8, no control characters.
  void check_id(std::string_view id, const char* what) {
    if (id.empty()) fail(std::string("empty ") + what + " id");
    if (!is_valid_utf8(id)) fail(std::string(what) + " id with invalid UTF-8");
    if (has_control_characters(id)) fail(std::string(what) + " id with a control character");
  }

  // Account and transaction ids were unique when moneytrail wrote the file; an edited file,
  // re-checksummed, may not be. 64-bit hashes sorted, equal neighbours compared in full.
  template <typename Ids>
  void check_unique(const Ids& ids, std::size_t count, const char* what,
                    const std::vector<std::pair<std::uint32_t, std::uint64_t>>& chunk_starts) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> hashed(count);
    for (std::size_t i = 0; i < count; ++i)
      hashed[i] = {std::hash<std::string_view>{}(ids[static_cast<std::uint32_t>(i)]),
                   static_cast<std::uint32_t>(i)};
    std::sort(hashed.begin(), hashed.end());
    for (std::size_t i = 1; i < hashed.size(); ++i) {
      if (hashed[i].first != hashed[i - 1].first) continue;
      const std::string_view a = ids[hashed[i].second], b = ids[hashed[i - 1].second];
      if (a != b) continue;
      // Name the chunk of the later copy.
      const std::uint32_t later = std::max(hashed[i].second, hashed[i - 1].second);
      auto in = std::upper_bound(chunk_starts.begin(), chunk_starts.end(),
                                 std::pair<std::uint32_t, std::uint64_t>{later, ~0ull});
      chunk_ = in == chunk_starts.begin() ? 0 : std::prev(in)->second;
      fail(std::string("duplicate ") + what + " id '" + terminal_text(a) + "'");
    }
  }
  void validate_unique_ids() {
    check_unique(parts_.accounts.ids, parts_.accounts.size(), "account", account_chunks_);
    check_unique(parts_.transactions.ids, parts_.transactions.size(), "transaction",
                 transaction_chunks_);
  }

  std::size_t read_exact(char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
      const std::size_t got = source_.read(out + done, size - done);
      if (got == 0) break;
      done += got;
    }
    return done;
  }

  // Reads one frame into payload_; false at a clean end of file.
  bool next_frame() {
    unsigned char head[8];
    const std::size_t got = read_exact(reinterpret_cast<char*>(head), sizeof head);
    if (got == 0) return false;
    if (got != sizeof head) fail("truncated in a frame header");
    const std::uint32_t length = std::uint32_t{head[0]} | std::uint32_t{head[1]} << 8 |
                                 std::uint32_t{head[2]} << 16 | std::uint32_t{head[3]} << 24;
    const std::uint32_t crc = std::uint32_t{head[4]} | std::uint32_t{head[5]} << 8 |
                              std::uint32_t{head[6]} << 16 | std::uint32_t{head[7]} << 24;
    if (length > kMaxCaseFrameBytes) fail("corrupt frame length " + std::to_string(length));
    // Grow the buffer as bytes arrive instead of trusting the length: a corrupt 12-byte file
    // claiming a 1 GiB frame must not allocate 1 GiB.
    constexpr std::size_t kStep = std::size_t{16} << 20;
    payload_.clear();
    while (payload_.size() < length) {
      const std::size_t have = payload_.size();
      const std::size_t want = std::min<std::size_t>(length - have, kStep);
      payload_.resize(have + want);
      if (read_exact(payload_.data() + have, want) != want) fail("truncated inside a chunk");
    }
    if (crc32(0L, reinterpret_cast<const Bytef*>(payload_.data()), length) != crc) {
      fail("checksum mismatch: the file is corrupted");
    }
    return true;
  }

  // Splits concatenated strings; calls add(string_view) for each.
  template <typename Add>
  void each_string(const std::string& text,
                   const google::protobuf::RepeatedField<std::uint32_t>& lengths, Add&& add) {
    std::size_t offset = 0;
    for (std::uint32_t length : lengths) {
      if (offset + length > text.size()) fail("string lengths exceed the chunk's text");
      add(std::string_view(text.data() + offset, length));
      offset += length;
    }
    if (offset != text.size()) fail("string lengths do not cover the chunk's text");
  }

  void add_symbols(const pb::SymbolChunk& c) {
    StringInterner* table = c.table() == 0   ? &parts_.currencies
                            : c.table() == 1 ? &parts_.typologies
                            : c.table() == 2 ? &parts_.names
                                             : nullptr;
    if (!table) fail("unknown symbol table " + std::to_string(c.table()));
    if (c.first() != table->size()) fail("symbol chunks out of order");
    // Symbols were unique when written; like account ids, they are indexed on first lookup.
    each_string(c.text(), c.lengths(), [&](std::string_view s) { table->append_new(s); });
  }

  void add_accounts(const pb::AccountChunk& c) {
    AccountTable& a = parts_.accounts;
    if (c.first() != a.size()) fail("account chunks out of order");
    account_chunks_.emplace_back(a.size(), chunk_.load());
    const std::size_t n = static_cast<std::size_t>(c.id_lengths_size());
    if (c.kind().size() != n || c.institution_size() != int(n) || c.holder_size() != int(n) ||
        c.phone_size() != int(n) || c.device_size() != int(n) || c.opened_size() != int(n) ||
        c.opening_balance_size() != int(n) || c.labels().size() != n || c.tags_size() != int(n)) {
      fail("account chunk columns differ in length");
    }
    std::size_t i = 0;
    each_string(c.id_text(), c.id_lengths(), [&](std::string_view id) {
      const std::uint32_t expected = a.size();
      check_id(id, "account");
      a.add_new(id);  // uniqueness is checked once all are read (validate_unique_ids)
      const auto kind = static_cast<std::uint8_t>(c.kind()[i]);
      if (kind >= kAccountKindCount) fail("invalid account kind code " + std::to_string(kind));
      a.kind[expected] = static_cast<AccountKind>(kind);
      a.institution[expected] = minus_one(c.institution(i));
      a.holder[expected] = minus_one(c.holder(i));
      a.phone[expected] = minus_one(c.phone(i));
      a.device[expected] = minus_one(c.device(i));
      a.opened[expected] = c.opened(i);
      if (c.opened(i) != kNoTime && !in_time_range(c.opened(i)))
        fail("account opening date outside 1900-2200");
      a.opening_balance[expected] = c.opening_balance(i);
      if (!std::isnan(c.opening_balance(i)) &&
          !(c.opening_balance(i) >= 0 && c.opening_balance(i) <= kMaxAmount))
        fail("opening balance negative, infinite or above 1e15");
      const auto labels = static_cast<std::uint8_t>(c.labels()[i]);
      if (labels & ~kKnownLabelBits) fail("invalid account label bits " + std::to_string(labels));
      a.labels[expected] = labels;
      a.tags[expected] = minus_one(c.tags(i));
      ++i;
    });
  }

  void add_transactions(const pb::TransactionChunk& c) {
    TransactionTable& t = parts_.transactions;
    if (c.first() != t.size()) fail("transaction chunks out of order");
    transaction_chunks_.emplace_back(t.size(), chunk_.load());
    const int n = c.id_lengths_size();
    if (c.timestamp_delta_size() != n || c.from_size() != n || c.to_size() != n ||
        c.amount_size() != n || c.received_amount_size() != n || c.currency_size() != n ||
        c.received_currency_size() != n || c.channel().size() != std::size_t(n) ||
        c.label().size() != std::size_t(n) || c.typology_size() != n ||
        c.input_position_size() != n) {
      fail("transaction chunk columns differ in length");
    }
    if (std::uint64_t(t.size()) + n > std::numeric_limits<TxIndex>::max())
      fail("too many transactions");
    each_string(c.id_text(), c.id_lengths(), [&](std::string_view id) {
      check_id(id, "transaction");
      t.ids.add(id);
    });
    // Every time lies in 1900-2200, so neither the base nor a step can overflow once checked.
    // (The writer makes the base the chunk's first time and the first step 0.)
    Timestamp time = c.timestamp_base();
    if (c.timestamp_delta_size() > 0 && !in_time_range(time))
      fail("a transaction time outside 1900-2200");
    for (std::uint64_t delta : c.timestamp_delta()) {
      if (delta > static_cast<std::uint64_t>(kLatestTime - kEarliestTime))
        fail("timestamp overflow");
      time += static_cast<Timestamp>(delta);
      if (!in_time_range(time)) fail("a transaction time outside 1900-2200");
      t.timestamp.push_back(time);
    }
    for (double x : c.amount())
      if (!(x > 0 && x <= kMaxAmount)) fail("an amount not positive, not finite or above 1e15");
    for (double x : c.received_amount())
      if (!(x > 0 && x <= kMaxAmount))
        fail("a received amount not positive, not finite or above 1e15");
    t.from.insert(t.from.end(), c.from().begin(), c.from().end());
    t.to.insert(t.to.end(), c.to().begin(), c.to().end());
    t.amount.insert(t.amount.end(), c.amount().begin(), c.amount().end());
    t.received_amount.insert(t.received_amount.end(), c.received_amount().begin(),
                             c.received_amount().end());
    for (std::uint32_t code : c.currency()) t.currency.push_back(checked_u16(code));
    for (std::uint32_t code : c.received_currency())
      t.received_currency.push_back(checked_u16(code));
    for (char code : c.channel()) {
      if (static_cast<std::uint8_t>(code) >= kChannelCount) fail("invalid channel code");
      t.channel.push_back(static_cast<Channel>(code));
    }
    for (char code : c.label()) {
      if (static_cast<std::uint8_t>(code) > 2) fail("invalid label code");
      t.label.push_back(static_cast<LaunderingLabel>(code));
    }
    for (std::uint32_t code : c.typology()) {
      t.typology.push_back(code == 0 ? TransactionTable::kNoTypology : checked_u16(code - 1));
    }
    t.input_position.insert(t.input_position.end(), c.input_position().begin(),
                            c.input_position().end());
  }

  std::uint16_t checked_u16(std::uint32_t code) {
    if (code >= 0xFFFF) fail("invalid symbol code " + std::to_string(code));
    return static_cast<std::uint16_t>(code);
  }

  void add_links(const pb::LinkChunk& c) {
    const int n = c.a_size();
    if (c.b_size() != n || c.kind().size() != std::size_t(n) || c.evidence_size() != n) {
      fail("link chunk columns differ in length");
    }
    for (int i = 0; i < n; ++i) {
      const auto kind = static_cast<std::uint8_t>(c.kind()[i]);
      if (kind > static_cast<std::uint8_t>(LinkKind::other)) fail("invalid link kind");
      parts_.links.push_back(
          {c.a(i), c.b(i), static_cast<LinkKind>(kind), minus_one(c.evidence(i))});
    }
  }

  void add_rates(const pb::RateChunk& c) {
    if (c.time_size() != c.rate_to_base_size()) fail("rate chunk columns differ in length");
    for (int i = 0; i < c.time_size(); ++i) {
      if (!(c.rate_to_base(i) > 0 && std::isfinite(c.rate_to_base(i))))
        fail("an exchange rate not positive or not finite");
      parts_.rates.add(c.currency(), c.time(i), c.rate_to_base(i));
    }
  }

  void validate_references() {
    const AccountTable& a = parts_.accounts;
    const std::uint32_t names = parts_.names.size();
    auto check_name = [&](std::uint32_t symbol) {
      if (symbol != kNoSymbol && symbol >= names) fail("a name reference is out of range");
    };
    for (VertexId v = 0; v < a.size(); ++v) {
      check_name(a.institution[v]);
      check_name(a.holder[v]);
      check_name(a.phone[v]);
      check_name(a.device[v]);
      check_name(a.tags[v]);
    }
    for (const AccountLink& link : parts_.links) check_name(link.evidence);
    const TransactionTable& t = parts_.transactions;
    for (TxIndex i = 0; i < t.size(); ++i) {
      if (t.currency[i] >= parts_.currencies.size() ||
          t.received_currency[i] >= parts_.currencies.size()) {
        fail("a currency reference is out of range");
      }
      if (t.typology[i] != TransactionTable::kNoTypology &&
          t.typology[i] >= parts_.typologies.size()) {
        fail("a typology reference is out of range");
      }
    }
  }

  std::string path_;
  std::atomic<std::uint64_t> chunk_{0};
  // (first row, frame) of each account and transaction chunk, for naming where a duplicate is.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> account_chunks_,
      transaction_chunks_;  // frame being decoded (0: the header); both threads read it
  ByteSource source_;
  std::string sha256_;
  std::string payload_;
  TransactionGraph::Parts parts_;
};

}  // namespace

CaseFile read_case_file(const std::string& path) { return CaseReader(path).read(); }

}  // namespace moneytrail
