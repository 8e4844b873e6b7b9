#include "io/case/case_file.h"

#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>

#include "graph/input_error.h"
#include "io/csv/byte_source.h"
#include "io/moneytrail.pb.h"
#include "io/util/atomic_file.h"

namespace moneytrail {
namespace {

constexpr std::uint32_t kRowsPerChunk = 1u << 16;

std::uint32_t plus_one(std::uint32_t symbol) { return symbol == kNoSymbol ? 0 : symbol + 1; }

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Length- and CRC-prefixed frames.
class FrameWriter {
 public:
  explicit FrameWriter(std::ostream& out) : out_(out) { out_ << kCaseMagic; }
  void write(const google::protobuf::MessageLite& message) {
    message.SerializeToString(&payload_);
    if (payload_.size() > kMaxCaseFrameBytes) throw std::runtime_error("case file chunk too large");
    frame_.clear();
    put_u32(frame_, static_cast<std::uint32_t>(payload_.size()));
    put_u32(frame_, static_cast<std::uint32_t>(crc32(
                        0L, reinterpret_cast<const Bytef*>(payload_.data()), payload_.size())));
    out_.write(frame_.data(), static_cast<std::streamsize>(frame_.size()));
    out_.write(payload_.data(), static_cast<std::streamsize>(payload_.size()));
    if (!out_) throw std::runtime_error("cannot write the case file (disk full?)");
    ++frames_;
  }
  std::uint64_t frames() const { return frames_; }

 private:
  std::ostream& out_;
  std::string payload_;
  std::string frame_;
  std::uint64_t frames_ = 0;
};

template <typename Pool>
void write_strings(const Pool& pool, std::uint32_t first, std::uint32_t end, std::string* text,
                   google::protobuf::RepeatedField<std::uint32_t>* lengths) {
  for (std::uint32_t i = first; i < end; ++i) {
    std::string_view s = pool[i];
    text->append(s.data(), s.size());
    lengths->Add(static_cast<std::uint32_t>(s.size()));
  }
}

void write_symbols(FrameWriter& out, std::uint32_t table, const StringInterner& strings) {
  for (std::uint32_t first = 0; first < strings.size() || first == 0; first += kRowsPerChunk) {
    pb::Chunk chunk;
    pb::SymbolChunk* symbols = chunk.mutable_symbols();
    symbols->set_table(table);
    symbols->set_first(first);
    const std::uint32_t end = std::min(strings.size(), first + kRowsPerChunk);
    write_strings(strings, first, end, symbols->mutable_text(), symbols->mutable_lengths());
    out.write(chunk);
    if (end >= strings.size()) break;
  }
}

void write_accounts(FrameWriter& out, const TransactionGraph& graph) {
  const AccountTable& a = graph.accounts();
  for (std::uint32_t first = 0; first < a.size(); first += kRowsPerChunk) {
    const std::uint32_t end = std::min(a.size(), first + kRowsPerChunk);
    pb::Chunk chunk;
    pb::AccountChunk* c = chunk.mutable_accounts();
    c->set_first(first);
    write_strings(a.ids, first, end, c->mutable_id_text(), c->mutable_id_lengths());
    for (std::uint32_t v = first; v < end; ++v) {
      c->mutable_kind()->push_back(static_cast<char>(a.kind[v]));
      c->add_institution(plus_one(a.institution[v]));
      c->add_holder(plus_one(a.holder[v]));
      c->add_phone(plus_one(a.phone[v]));
      c->add_device(plus_one(a.device[v]));
      c->add_opened(a.opened[v]);
      c->add_opening_balance(a.opening_balance[v]);
      c->mutable_labels()->push_back(static_cast<char>(a.labels[v]));
      c->add_tags(plus_one(a.tags[v]));
    }
    out.write(chunk);
  }
}

void write_transactions(FrameWriter& out, const TransactionGraph& graph) {
  const TransactionTable& t = graph.transactions();
  for (std::uint32_t first = 0; first < t.size(); first += kRowsPerChunk) {
    const std::uint32_t end = std::min(t.size(), first + kRowsPerChunk);
    pb::Chunk chunk;
    pb::TransactionChunk* c = chunk.mutable_transactions();
    c->set_first(first);
    write_strings(t.ids, first, end, c->mutable_id_text(), c->mutable_id_lengths());
    c->set_timestamp_base(t.timestamp[first]);
    Timestamp previous = t.timestamp[first];
    for (TxIndex i = first; i < end; ++i) {
      c->add_timestamp_delta(static_cast<std::uint64_t>(t.timestamp[i] - previous));
      previous = t.timestamp[i];
    }
    c->mutable_from()->Add(t.from.begin() + first, t.from.begin() + end);
    c->mutable_to()->Add(t.to.begin() + first, t.to.begin() + end);
    c->mutable_amount()->Add(t.amount.begin() + first, t.amount.begin() + end);
    c->mutable_received_amount()->Add(t.received_amount.begin() + first,
                                      t.received_amount.begin() + end);
    c->mutable_currency()->Add(t.currency.begin() + first, t.currency.begin() + end);
    c->mutable_received_currency()->Add(t.received_currency.begin() + first,
                                        t.received_currency.begin() + end);
    c->mutable_input_position()->Add(t.input_position.begin() + first,
                                     t.input_position.begin() + end);
    c->mutable_channel()->assign(reinterpret_cast<const char*>(t.channel.data() + first),
                                 end - first);
    c->mutable_label()->assign(reinterpret_cast<const char*>(t.label.data() + first), end - first);
    for (TxIndex i = first; i < end; ++i) {
      c->add_typology(t.typology[i] == TransactionTable::kNoTypology ? 0 : t.typology[i] + 1u);
    }
    out.write(chunk);
  }
}

void write_links_and_rates(FrameWriter& out, const TransactionGraph& graph) {
  const auto& links = graph.links();
  for (std::size_t first = 0; first < links.size(); first += kRowsPerChunk) {
    const std::size_t end = std::min(links.size(), first + kRowsPerChunk);
    pb::Chunk chunk;
    pb::LinkChunk* c = chunk.mutable_links();
    for (std::size_t i = first; i < end; ++i) {
      c->add_a(links[i].a);
      c->add_b(links[i].b);
      c->mutable_kind()->push_back(static_cast<char>(links[i].kind));
      c->add_evidence(plus_one(links[i].evidence));
    }
    out.write(chunk);
  }
  for (const auto& [currency, points] : graph.rates().series()) {
    pb::Chunk chunk;
    pb::RateChunk* c = chunk.mutable_rates();
    c->set_currency(currency);
    for (const RateObservation& p : points) {
      c->add_time(p.time);
      c->add_rate_to_base(p.rate_to_base);
    }
    out.write(chunk);
  }
}

}  // namespace

bool is_case_file(const std::string& path) { return file_starts_with(path, kCaseMagic); }

void write_case(std::ostream& stream, const TransactionGraph& graph,
                const CaseProvenance& provenance) {
  {
    FrameWriter out(stream);
    pb::CaseHeader header;
    header.set_format_version(kCaseFormatVersion);
    header.set_producer(std::string("moneytrail ") + MONEYTRAIL_VERSION);
    header.set_command_line(provenance.command_line);
    for (const CaseProvenance::Input& input : provenance.inputs) {
      pb::InputFile* f = header.add_inputs();
      f->set_path(input.path);
      f->set_bytes(input.bytes);
      f->set_format(input.format);
      f->set_rows(input.rows);
      f->set_rejected(input.rejected);
      f->set_sha256(input.sha256);
    }
    header.set_accounts(graph.num_accounts());
    header.set_transactions(graph.num_transactions());
    out.write(header);
    write_symbols(out, 0, graph.currencies());
    write_symbols(out, 1, graph.typologies());
    write_symbols(out, 2, graph.names());
    write_accounts(out, graph);
    write_transactions(out, graph);
    write_links_and_rates(out, graph);
    pb::Chunk end;
    end.mutable_end()->set_accounts(graph.num_accounts());
    end.mutable_end()->set_transactions(graph.num_transactions());
    end.mutable_end()->set_chunks(out.frames() - 1);
    out.write(end);
  }
}

void write_case_file(const std::string& path, const TransactionGraph& graph,
                     const CaseProvenance& provenance) {
  AtomicOutputFile file(path);
  write_case(file.stream(), graph, provenance);
  file.commit();
}

}  // namespace moneytrail
