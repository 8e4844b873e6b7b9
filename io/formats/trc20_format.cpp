// TRC20 token transfers as block explorers and TronGrid export them, so that USDT hops join the
// same graph as the bank and platform flows, with the token as the currency. Columns (any order,
// case-insensitive): the transaction hash (transaction_id, hash, txn hash), the block time
// (block_timestamp in milliseconds or seconds, or an ISO / "YYYY-MM-DD HH:MM:SS" UTC time),
// from, to, the token symbol (token_symbol, symbol, token) and the amount (amount, value, quant);
// with a decimals (token_decimals) column the amount is the raw integer and is scaled by
// 10^decimals (USDT: 6).
#include <charconv>
#include <cmath>

#include "graph/input_error.h"
#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"

namespace moneytrail {
namespace {

std::size_t first_of(const HeaderIndex& h, std::initializer_list<std::string_view> names,
                     std::string_view what) {
  for (std::string_view n : names)
    if (auto c = h.find(n)) return *c;
  throw InputError(h.path(), 1, std::string(what), "no " + std::string(what) + " column");
}

class Trc20Parser final : public TransactionRowParser {
 public:
  Trc20Parser(const std::vector<std::string_view>& header, const std::string& path) {
    HeaderIndex h(header, path);
    hash_ = first_of(h, {"transaction_id", "hash", "txn hash", "txhash", "tx_hash"}, "hash");
    time_ = first_of(h, {"block_timestamp", "block_time", "time(utc)", "timestamp", "time"},
                     "block time");
    from_ = first_of(h, {"from", "from_address"}, "from");
    to_ = first_of(h, {"to", "to_address"}, "to");
    token_ = first_of(h, {"token_symbol", "symbol", "token"}, "token");
    amount_ = first_of(h, {"amount", "value", "quant"}, "amount");
    decimals_ = h.find("decimals");
    if (!decimals_) decimals_ = h.find("token_decimals");
    width_ = h.size();
  }

  std::string_view format_name() const override { return "trc20"; }

  std::optional<RowError> parse(const CsvRecord& record, TransactionInput& out) override {
    std::optional<RowError> error;
    if (!field_count_matches(record, width_, error)) return error;
    const auto& f = record.fields;
    out.id = trim(f[hash_]);
    if (out.id.empty()) return RowError{"hash", RejectReason::missing_field, "empty hash"};
    const std::string_view time = trim(f[time_]);
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(time.data(), time.data() + time.size(), number);
    if (ec == std::errc() && end == time.data() + time.size()) {
      out.timestamp = number > 100000000000 ? number / 1000 : number;  // milliseconds or seconds
    } else {
      auto parsed = timestamp_field(time, "block time", error);
      if (!parsed) return error;
      out.timestamp = *parsed;
    }
    out.from = trim(f[from_]);
    out.to = trim(f[to_]);
    if (!non_empty_account(out.from, "from", error) || !non_empty_account(out.to, "to", error))
      return error;
    auto amount = positive_amount(f[amount_], "amount", error);
    if (!amount) return error;
    if (decimals_) {
      int decimals = 0;
      const std::string_view d = trim(f[*decimals_]);
      const auto [dend, dec] = std::from_chars(d.data(), d.data() + d.size(), decimals);
      if (dec != std::errc() || dend != d.data() + d.size() || decimals < 0 || decimals > 30)
        return RowError{"decimals", RejectReason::bad_number, "expected 0 to 30"};
      *amount /= std::pow(10.0, decimals);
    }
    out.amount = out.received_amount = *amount;
    out.currency = out.received_currency = trim(f[token_]);
    if (out.currency.empty()) return RowError{"token", RejectReason::missing_field, "empty token"};
    out.channel = Channel::crypto_transfer;
    out.from_kind = out.to_kind = AccountKind::crypto_address;
    out.from_institution = out.to_institution = "TRON";
    return std::nullopt;
  }

 private:
  std::size_t hash_, time_, from_, to_, token_, amount_, width_;
  std::optional<std::size_t> decimals_;
};

}  // namespace

std::unique_ptr<TransactionRowParser> make_trc20_parser(const std::vector<std::string_view>& header,
                                                        const std::string& path) {
  return std::make_unique<Trc20Parser>(header, path);
}

}  // namespace moneytrail
