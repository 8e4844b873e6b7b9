// IBM AMLworld (Altman et al., "Realistic Synthetic Financial Transactions for Anti-Money
// Laundering Models", NeurIPS 2023): HI-Small_Trans.csv and its siblings.
//   Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,
//   Payment Currency,Payment Format,Is Laundering
// "Account" appears twice, so columns are bound by position after From Bank / To Bank. An account
// is the pair (bank, account), written "bank:account". Rows carry no id: a transaction is named
// "<file name>:<line>" so it can be found in the source file.
#include <array>
#include <filesystem>

#include "graph/input_error.h"
#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"

namespace moneytrail {
namespace {

struct CurrencyName {
  std::string_view name;
  std::string_view code;
};
constexpr std::array<CurrencyName, 15> kCurrencies = {{
    {"US Dollar", "USD"},
    {"Euro", "EUR"},
    {"Yuan", "CNY"},
    {"Yen", "JPY"},
    {"UK Pound", "GBP"},
    {"Rupee", "INR"},
    {"Ruble", "RUB"},
    {"Canadian Dollar", "CAD"},
    {"Australian Dollar", "AUD"},
    {"Swiss Franc", "CHF"},
    {"Mexican Peso", "MXN"},
    {"Brazil Real", "BRL"},
    {"Shekel", "ILS"},
    {"Saudi Riyal", "SAR"},
    {"Bitcoin", "BTC"},
}};

std::string_view currency_code(std::string_view name) {
  for (const CurrencyName& c : kCurrencies) {
    if (c.name == name) return c.code;
  }
  return name;  // already a code, or a name we keep as given
}

Channel channel_of(std::string_view format) {
  if (format == "ACH" || format == "Wire" || format == "Cheque") return Channel::bank_transfer;
  if (format == "Credit Card") return Channel::card_payment;
  if (format == "Cash") return Channel::cash_withdrawal;
  if (format == "Bitcoin") return Channel::crypto_transfer;
  return Channel::other;  // Reinvestment and anything new
}

class AmlworldParser final : public TransactionRowParser {
 public:
  AmlworldParser(const std::vector<std::string_view>& header, const std::string& path)
      : file_name_(std::filesystem::path(path).filename().string()) {
    HeaderIndex h(header, path);
    timestamp_ = h.require("Timestamp");
    from_bank_ = h.require("From Bank");
    to_bank_ = h.require("To Bank");
    from_account_ = from_bank_ + 1;
    to_account_ = to_bank_ + 1;
    if (from_account_ >= header.size() || trim(header[from_account_]) != "Account" ||
        to_account_ >= header.size() || trim(header[to_account_]) != "Account") {
      throw InputError(path, 1, "Account",
                       "expected an Account column after From Bank and To Bank");
    }
    received_ = h.require("Amount Received");
    received_currency_ = h.require("Receiving Currency");
    paid_ = h.require("Amount Paid");
    paid_currency_ = h.require("Payment Currency");
    format_ = h.require("Payment Format");
    laundering_ = h.find("Is Laundering");
    width_ = h.size();
  }

  std::string_view format_name() const override { return "amlworld"; }

  std::optional<RowError> parse(const CsvRecord& record, TransactionInput& out) override {
    std::optional<RowError> error;
    if (!field_count_matches(record, width_, error)) return error;
    const auto& f = record.fields;
    id_ = file_name_ + ":" + std::to_string(record.line);
    out.id = id_;
    auto time = timestamp_field(f[timestamp_], "Timestamp", error);
    if (!time) return error;
    out.timestamp = *time;
    if (!non_empty_account(f[from_account_], "Account (from)", error) ||
        !non_empty_account(f[to_account_], "Account (to)", error)) {
      return error;
    }
    from_ = std::string(trim(f[from_bank_])) + ":" + std::string(trim(f[from_account_]));
    to_ = std::string(trim(f[to_bank_])) + ":" + std::string(trim(f[to_account_]));
    out.from = from_;
    out.to = to_;
    out.from_institution = trim(f[from_bank_]);
    out.to_institution = trim(f[to_bank_]);
    auto paid = positive_amount(f[paid_], "Amount Paid", error);
    if (!paid) return error;
    auto received = positive_amount(f[received_], "Amount Received", error);
    if (!received) return error;
    out.amount = *paid;
    out.received_amount = *received;
    out.currency = currency_code(trim(f[paid_currency_]));
    out.received_currency = currency_code(trim(f[received_currency_]));
    if (out.currency.empty())
      return RowError{"Payment Currency", RejectReason::missing_field, "empty currency"};
    if (out.received_currency.empty()) {
      return RowError{"Receiving Currency", RejectReason::missing_field, "empty currency"};
    }
    out.channel = channel_of(trim(f[format_]));
    out.from_kind = out.to_kind = AccountKind::bank_account;
    out.label = LaunderingLabel::unknown;
    if (laundering_) {
      auto label = parse_laundering_label(trim(f[*laundering_]));
      if (!label) {
        return RowError{"Is Laundering", RejectReason::bad_label,
                        "expected 0 or 1, found '" + std::string(f[*laundering_]) + "'"};
      }
      out.label = *label;
    }
    out.typology = {};
    return std::nullopt;
  }

 private:
  std::string file_name_;
  std::string id_, from_, to_;
  std::size_t timestamp_, from_bank_, from_account_, to_bank_, to_account_, received_,
      received_currency_, paid_, paid_currency_, format_, width_;
  std::optional<std::size_t> laundering_;
};

}  // namespace

std::unique_ptr<TransactionRowParser> make_amlworld_parser(
    const std::vector<std::string_view>& header, const std::string& path) {
  return std::make_unique<AmlworldParser>(header, path);
}

}  // namespace moneytrail
