#include "io/case/case_file.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <limits>
#include <random>

#include "graph/graph_builder.h"
#include "graph/input_error.h"
#include "io/moneytrail.pb.h"
#include "test_support.h"

namespace moneytrail {
namespace {

using testing::TempDir;

TransactionGraph random_graph(std::uint32_t transactions, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  GraphBuilder b;
  const char* currencies[] = {"CNY", "USDT", "USD"};
  for (std::uint32_t i = 0; i < 200; ++i) {
    AccountInput a;
    std::string id = "acct-" + std::to_string(i);
    std::string holder = "H" + std::to_string(i % 37);
    a.id = id;
    a.kind = static_cast<AccountKind>(rng() % kAccountKindCount);
    a.holder = holder;
    a.institution = i % 2 ? "ICBC" : "";
    a.opened = (i % 3) ? 1700000000 + i : kNoTime;
    if (i % 4 == 0) a.opening_balance = 0.5 * i;
    a.labels = static_cast<std::uint8_t>(rng() % 16);
    a.tags = i % 5 == 0 ? "vip;watch" : "";
    b.set_account(a);
  }
  for (std::uint32_t i = 0; i < transactions; ++i) {
    TransactionInput in;
    std::string id = "T" + std::to_string(i) + "-中";
    std::string from = "acct-" + std::to_string(rng() % 250);
    std::string to = "acct-" + std::to_string(rng() % 250);
    in.id = id;
    in.timestamp = 1700000000 + static_cast<Timestamp>(rng() % 5000000);
    in.from = from;
    in.to = to;
    in.amount = 0.01 * static_cast<double>(1 + rng() % 10000000);
    in.received_amount = in.amount * 0.97;
    in.currency = currencies[rng() % 3];
    in.received_currency = currencies[rng() % 3];
    in.channel = static_cast<Channel>(rng() % kChannelCount);
    in.label = static_cast<LaunderingLabel>(rng() % 3);
    in.typology = rng() % 4 == 0 ? "fan_out" : "";
    b.add_transaction(in);
  }
  b.add_link("acct-1", "acct-2", LinkKind::device, "IP 10.0.0.1");
  b.add_rate("USDT", 1700000000, 7.1);
  b.add_rate("USDT", 1700086400, 7.2);
  return std::move(b).build();
}

void expect_identical(const TransactionGraph& a, const TransactionGraph& b) {
  ASSERT_EQ(a.num_accounts(), b.num_accounts());
  ASSERT_EQ(a.num_transactions(), b.num_transactions());
  const auto& x = a.accounts();
  const auto& y = b.accounts();
  for (VertexId v = 0; v < a.num_accounts(); ++v) {
    EXPECT_EQ(a.account_id(v), b.account_id(v));
    EXPECT_EQ(x.kind[v], y.kind[v]);
    EXPECT_EQ(a.name(x.institution[v]), b.name(y.institution[v]));
    EXPECT_EQ(a.name(x.holder[v]), b.name(y.holder[v]));
    EXPECT_EQ(a.name(x.tags[v]), b.name(y.tags[v]));
    EXPECT_EQ(x.opened[v], y.opened[v]);
    EXPECT_EQ(x.has_opening_balance(v), y.has_opening_balance(v));
    if (x.has_opening_balance(v)) {
      EXPECT_EQ(x.opening_balance[v], y.opening_balance[v]);
    }
    EXPECT_EQ(x.labels[v], y.labels[v]);
    ASSERT_EQ(a.out_degree(v), b.out_degree(v));
    for (std::size_t k = 0; k < a.out_degree(v); ++k) {
      EXPECT_EQ(a.out_transactions(v)[k], b.out_transactions(v)[k]);
    }
  }
  const auto& s = a.transactions();
  const auto& t = b.transactions();
  for (TxIndex i = 0; i < a.num_transactions(); ++i) {
    EXPECT_EQ(a.transaction_id(i), b.transaction_id(i));
    EXPECT_EQ(s.timestamp[i], t.timestamp[i]);
    EXPECT_EQ(s.from[i], t.from[i]);
    EXPECT_EQ(s.to[i], t.to[i]);
    EXPECT_EQ(s.amount[i], t.amount[i]);  // bit-exact doubles
    EXPECT_EQ(s.received_amount[i], t.received_amount[i]);
    EXPECT_EQ(a.currencies()[s.currency[i]], b.currencies()[t.currency[i]]);
    EXPECT_EQ(a.currencies()[s.received_currency[i]], b.currencies()[t.received_currency[i]]);
    EXPECT_EQ(s.channel[i], t.channel[i]);
    EXPECT_EQ(s.label[i], t.label[i]);
    EXPECT_EQ(s.typology[i], t.typology[i]);
    EXPECT_EQ(s.input_position[i], t.input_position[i]);
  }
  ASSERT_EQ(a.links().size(), b.links().size());
  EXPECT_EQ(a.name(a.links()[0].evidence), b.name(b.links()[0].evidence));
  EXPECT_EQ(a.rates().rate("USDT", 1700086401), b.rates().rate("USDT", 1700086401));
}

TEST(CaseFile, RoundTripIsIdentical) {
  TempDir dir;
  // More than one chunk of transactions (65,536 per chunk).
  TransactionGraph graph = random_graph(150000, 3);
  CaseProvenance provenance;
  provenance.command_line = "moneytrail ingest x.csv -o y.mtc";
  provenance.inputs.push_back({"x.csv", 123, "native", 150000, 2, ""});
  const std::string path = dir.file("case.mtc");
  write_case_file(path, graph, provenance);
  EXPECT_TRUE(is_case_file(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  CaseFile loaded = read_case_file(path);
  expect_identical(graph, loaded.graph);
  EXPECT_EQ(loaded.format_version, kCaseFormatVersion);
  EXPECT_EQ(loaded.provenance.command_line, provenance.command_line);
  ASSERT_EQ(loaded.provenance.inputs.size(), 1u);
  EXPECT_EQ(loaded.provenance.inputs[0].rejected, 2u);
  // Writing is deterministic: the same graph gives the same bytes.
  write_case_file(dir.file("again.mtc"), loaded.graph, provenance);
  EXPECT_EQ(testing::read_file(path), testing::read_file(dir.file("again.mtc")));
}

TEST(CaseFile, EmptyGraphRoundTrips) {
  TempDir dir;
  TransactionGraph empty;
  write_case_file(dir.file("e.mtc"), empty, {});
  CaseFile loaded = read_case_file(dir.file("e.mtc"));
  EXPECT_EQ(loaded.graph.num_transactions(), 0u);
  EXPECT_EQ(loaded.graph.num_accounts(), 0u);
}

class CorruptCaseFile : public ::testing::Test {
 protected:
  void SetUp() override {
    write_case_file(dir_.file("good.mtc"), random_graph(3000, 5), {});
    bytes_ = testing::read_file(dir_.file("good.mtc"));
  }
  void expect_rejected(const std::string& bytes, const std::string& fragment) {
    const auto path = dir_.write("bad.mtc", bytes);
    try {
      read_case_file(path);
      FAIL() << "expected InputError containing " << fragment;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }
  TempDir dir_;
  std::string bytes_;
};

TEST_F(CorruptCaseFile, TruncatedAnywhere) {
  for (std::size_t cut :
       {std::size_t{4}, std::size_t{10}, bytes_.size() / 3, bytes_.size() / 2, bytes_.size() - 1}) {
    expect_rejected(bytes_.substr(0, cut), "");
  }
  expect_rejected(bytes_.substr(0, bytes_.size() / 2), "truncated");
}

TEST_F(CorruptCaseFile, FlippedBytesFailTheChecksum) {
  std::mt19937 rng(9);
  for (int trial = 0; trial < 20; ++trial) {
    std::string bad = bytes_;
    const std::size_t at = 8 + rng() % (bad.size() - 8);
    bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
    expect_rejected(bad, "");
  }
  std::string payload_flip = bytes_;
  payload_flip[bytes_.size() / 2] ^= 0x40;
  expect_rejected(payload_flip, "checksum");
}

TEST_F(CorruptCaseFile, NotACaseFileAndNewerVersion) {
  expect_rejected("id,timestamp\n", "bad magic");
  expect_rejected("", "bad magic");
  // Rewrite the header frame with a future version (and a valid checksum).
  TransactionGraph graph;
  const auto path = dir_.file("v.mtc");
  write_case_file(path, graph, {});
  std::string bytes = testing::read_file(path);
  // The header's first field is format_version (tag 0x08) right after the 8-byte frame header.
  ASSERT_EQ(static_cast<unsigned char>(bytes[16]), 0x08);
  bytes[17] = 99;
  const std::uint32_t length =
      static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8;
  const std::uint32_t crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data() + 16), length));
  for (int i = 0; i < 4; ++i) bytes[12 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  expect_rejected(bytes, "format version 99 is newer");
}

// A valid case file taken apart into frames, edited through the protobuf messages, and put
// together again with fresh checksums: what someone who edits a case file by hand can make.
class ForgedCaseFile : public ::testing::Test {
 protected:
  void SetUp() override {
    write_case_file(dir_.file("good.mtc"), random_graph(500, 7), {});
    const std::string bytes = testing::read_file(dir_.file("good.mtc"));
    std::size_t at = kCaseMagic.size();
    while (at + 8 <= bytes.size()) {
      std::uint32_t length = 0;
      for (int i = 0; i < 4; ++i)
        length |= std::uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
      frames_.push_back(bytes.substr(at + 8, length));
      at += 8 + length;
    }
  }
  std::string assemble() const {
    std::string out(kCaseMagic);
    for (const std::string& payload : frames_) {
      const auto crc = static_cast<std::uint32_t>(
          crc32(0L, reinterpret_cast<const Bytef*>(payload.data()), payload.size()));
      for (std::uint32_t v : {static_cast<std::uint32_t>(payload.size()), crc})
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
      out += payload;
    }
    return out;
  }
  // Edits the first chunk holding `body`; returns its frame index.
  template <typename Edit>
  std::size_t edit_chunk(pb::Chunk::BodyCase body, Edit&& edit) {
    for (std::size_t i = 1; i < frames_.size(); ++i) {
      pb::Chunk chunk;
      if (!chunk.ParseFromString(frames_[i]) || chunk.body_case() != body) continue;
      edit(chunk);
      frames_[i] = chunk.SerializeAsString();
      return i;
    }
    ADD_FAILURE() << "no such chunk";
    return 0;
  }
  void expect_refused(const std::string& fragment) {
    const auto path = dir_.write("forged.mtc", assemble());
    try {
      read_case_file(path);
      FAIL() << "a forged case file loaded; expected: " << fragment;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("forged.mtc"), std::string::npos) << e.what();
    }
  }
  TempDir dir_;
  std::vector<std::string> frames_;
};

TEST_F(ForgedCaseFile, ReassembledUntouchedItLoads) {
  const auto path = dir_.write("same.mtc", assemble());
  EXPECT_EQ(read_case_file(path).graph.num_transactions(), 500u);
}

TEST_F(ForgedCaseFile, DuplicateAccountIds) {
  const std::size_t frame = edit_chunk(pb::Chunk::kAccounts, [](pb::Chunk& c) {
    auto* a = c.mutable_accounts();
    // The second id becomes a copy of the first.
    const std::string& text = a->id_text();
    const std::uint32_t first = a->id_lengths(0), second = a->id_lengths(1);
    std::string edited =
        text.substr(0, first) + text.substr(0, first) + text.substr(first + second);
    a->set_id_text(edited);
    a->set_id_lengths(1, first);
  });
  expect_refused("duplicate account id");
  expect_refused("chunk " + std::to_string(frame) + ":");
}

TEST_F(ForgedCaseFile, DuplicateOrEmptyTransactionIds) {
  edit_chunk(pb::Chunk::kTransactions, [](pb::Chunk& c) {
    auto* t = c.mutable_transactions();
    const std::string& text = t->id_text();
    const std::uint32_t first = t->id_lengths(0), second = t->id_lengths(1);
    t->set_id_text(text.substr(0, first) + text.substr(0, first) + text.substr(first + second));
    t->set_id_lengths(1, first);
  });
  expect_refused("duplicate transaction id");
  SetUp();
  edit_chunk(pb::Chunk::kTransactions, [](pb::Chunk& c) {
    auto* t = c.mutable_transactions();
    t->set_id_text(t->id_text().substr(t->id_lengths(0)));
    t->set_id_lengths(0, 0);
  });
  expect_refused("empty transaction id");
}

TEST_F(ForgedCaseFile, NaNInfiniteNegativeAndHugeAmounts) {
  for (double bad : {std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity(), -5.0, 0.0, 1e300}) {
    SetUp();
    frames_.clear();
    SetUp();
    edit_chunk(pb::Chunk::kTransactions,
               [bad](pb::Chunk& c) { c.mutable_transactions()->set_amount(3, bad); });
    expect_refused("amount");
  }
}

TEST_F(ForgedCaseFile, TimesOutsideTheRangeAndBadLabels) {
  edit_chunk(pb::Chunk::kTransactions, [](pb::Chunk& c) {
    c.mutable_transactions()->set_timestamp_base(std::numeric_limits<std::int64_t>::min() + 10);
  });
  expect_refused("outside 1900-2200");
  frames_.clear();
  SetUp();
  edit_chunk(pb::Chunk::kAccounts,
             [](pb::Chunk& c) { (*c.mutable_accounts()->mutable_labels())[0] = '\x7f'; });
  expect_refused("label");
}

TEST_F(ForgedCaseFile, HeaderClaimingHugeCountsDoesNotAllocate) {
  pb::CaseHeader header;
  ASSERT_TRUE(header.ParseFromString(frames_[0]));
  header.set_transactions(std::uint64_t{1} << 62);
  frames_[0] = header.SerializeAsString();
  expect_refused("more rows than a case holds");
  header.set_transactions(4000000000u);  // fits the limit, far beyond the file's bytes
  frames_[0] = header.SerializeAsString();
  const auto path = dir_.write("claims.mtc", assemble());
  try {
    read_case_file(path);
    FAIL() << "counts that disagree with the rows must not load";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("header counts"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace moneytrail
