// The native layout: id,timestamp,from,to,amount,currency plus optional columns
// received_amount,received_currency,channel,from_kind,to_kind,from_institution,to_institution,
// label,typology.
#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"

namespace moneytrail {
namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

class NativeParser final : public TransactionRowParser {
 public:
  explicit NativeParser(const HeaderIndex& h)
      : id_(h.require("id")),
        timestamp_(h.require("timestamp")),
        from_(h.require("from")),
        to_(h.require("to")),
        amount_(h.require("amount")),
        currency_(h.require("currency")),
        received_amount_(h.find("received_amount").value_or(kAbsent)),
        received_currency_(h.find("received_currency").value_or(kAbsent)),
        channel_(h.find("channel").value_or(kAbsent)),
        from_kind_(h.find("from_kind").value_or(kAbsent)),
        to_kind_(h.find("to_kind").value_or(kAbsent)),
        from_institution_(h.find("from_institution").value_or(kAbsent)),
        to_institution_(h.find("to_institution").value_or(kAbsent)),
        label_(h.find("label").value_or(kAbsent)),
        typology_(h.find("typology").value_or(kAbsent)),
        width_(h.size()) {}

  std::string_view format_name() const override { return "native"; }

  std::optional<RowError> parse(const CsvRecord& record, TransactionInput& out) override {
    std::optional<RowError> error;
    if (!field_count_matches(record, width_, error)) return error;
    auto field = [&](std::size_t i) {
      return i == kAbsent ? std::string_view{} : trim(record.fields[i]);
    };

    out.id = field(id_);
    if (out.id.empty()) return RowError{"id", RejectReason::missing_field, "empty transaction id"};
    auto time = timestamp_field(field(timestamp_), "timestamp", error);
    if (!time) return error;
    out.timestamp = *time;
    out.from = field(from_);
    out.to = field(to_);
    if (!non_empty_account(out.from, "from", error) || !non_empty_account(out.to, "to", error)) {
      return error;
    }
    auto amount = positive_amount(field(amount_), "amount", error);
    if (!amount) return error;
    out.amount = *amount;
    out.currency = field(currency_);
    if (out.currency.empty())
      return RowError{"currency", RejectReason::missing_field, "empty currency"};

    std::string_view received = field(received_amount_);
    if (received.empty()) {
      out.received_amount = out.amount;
    } else {
      auto value = positive_amount(received, "received_amount", error);
      if (!value) return error;
      out.received_amount = *value;
    }
    out.received_currency = field(received_currency_);
    if (out.received_currency.empty()) out.received_currency = out.currency;

    auto channel = parse_channel(field(channel_));
    if (!channel) {
      return RowError{"channel", RejectReason::unknown_channel,
                      "unknown channel '" + std::string(field(channel_)) + "'"};
    }
    out.channel = *channel;
    auto from_kind = parse_account_kind(field(from_kind_));
    if (!from_kind) {
      return RowError{"from_kind", RejectReason::unknown_kind,
                      "unknown account kind '" + std::string(field(from_kind_)) + "'"};
    }
    auto to_kind = parse_account_kind(field(to_kind_));
    if (!to_kind) {
      return RowError{"to_kind", RejectReason::unknown_kind,
                      "unknown account kind '" + std::string(field(to_kind_)) + "'"};
    }
    out.from_kind = *from_kind;
    out.to_kind = *to_kind;
    out.from_institution = field(from_institution_);
    out.to_institution = field(to_institution_);
    auto label = parse_laundering_label(field(label_));
    if (!label) {
      return RowError{"label", RejectReason::bad_label,
                      "unknown label '" + std::string(field(label_)) + "' (use 1/0, true/false)"};
    }
    out.label = *label;
    out.typology = field(typology_);
    return std::nullopt;
  }

 private:
  std::size_t id_, timestamp_, from_, to_, amount_, currency_, received_amount_, received_currency_,
      channel_, from_kind_, to_kind_, from_institution_, to_institution_, label_, typology_, width_;
};

}  // namespace

std::unique_ptr<TransactionRowParser> make_native_parser(
    const std::vector<std::string_view>& header, const std::string& path) {
  return std::make_unique<NativeParser>(HeaderIndex(header, path));
}

}  // namespace moneytrail
