// Simulator outputs whose time is a step number, not a date:
//  - IBM AMLSim (github.com/IBM/AMLSim) transactions.csv, in its three published layouts:
//      sourceNodeId,targetNodeId,value,time                      (sample/*.tgz runs)
//      tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
//      TXN_ID,ACCOUNT_ID,COUNTER_PARTY_ACCOUNT_NUM,TXN_SOURCE_TYPE_CODE,tx_count,TXN_AMOUNT_ORIG,start,end
//    A step is one day from 2017-01-01 (AMLSim's default base date).
//  - PaySim (Lopez-Rojas et al., 2016) logs:
//      step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,
//      newbalanceDest,isFraud,isFlaggedFraud
//    A step is one hour from 2016-01-01 (PaySim simulates 30 days; the year is nominal).
// Neither carries a currency: USD is assumed (documented in docs/formats.md).
#include <filesystem>

#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"

namespace moneytrail {
namespace {

constexpr Timestamp kAmlsimEpoch = 1483228800;  // 2017-01-01T00:00:00Z
constexpr Timestamp kPaysimEpoch = 1451606400;  // 2016-01-01T00:00:00Z
constexpr std::string_view kAssumedCurrency = "USD";

std::optional<Timestamp> step_time(std::string_view text, std::string_view column, Timestamp epoch,
                                   Timestamp step_seconds, std::optional<RowError>& error) {
  auto step = parse_unsigned(text);
  if (!step || *step > 1'000'000'000) {
    error = RowError{std::string(column), RejectReason::bad_timestamp,
                     "expected a step number, found '" + std::string(text) + "'"};
    return std::nullopt;
  }
  const Timestamp time = epoch + static_cast<Timestamp>(*step) * step_seconds;
  if (!in_time_range(time)) {
    error = RowError{std::string(column), RejectReason::out_of_range,
                     "step " + std::string(text) + " lies after 2200"};
    return std::nullopt;
  }
  return time;
}

Channel amlsim_channel(std::string_view type) {
  if (type == "WIRE" || type == "TRANSFER" || type == "CHECK") return Channel::bank_transfer;
  if (type == "CREDIT") return Channel::card_payment;
  if (type == "CASH-OUT" || type == "CASH_OUT") return Channel::cash_withdrawal;
  if (type == "CASH-IN" || type == "DEPOSIT") return Channel::cash_deposit;
  return Channel::other;
}

class AmlsimParser final : public TransactionRowParser {
 public:
  AmlsimParser(const std::vector<std::string_view>& header, const std::string& path)
      : file_name_(std::filesystem::path(path).filename().string()) {
    HeaderIndex h(header, path);
    width_ = h.size();
    if (h.has("sourceNodeId")) {
      from_ = h.require("sourceNodeId");
      to_ = h.require("targetNodeId");
      amount_ = h.require("value");
      time_ = h.require("time");
    } else if (h.has("orig_acct")) {
      id_column_ = h.require("tran_id");
      from_ = h.require("orig_acct");
      to_ = h.require("bene_acct");
      type_ = h.require("tx_type");
      amount_ = h.require("base_amt");
      time_ = h.require("tran_timestamp");
      time_is_step_ = false;
      sar_ = h.find("is_sar");
    } else {
      id_column_ = h.require("TXN_ID");
      from_ = h.require("ACCOUNT_ID");
      to_ = h.require("COUNTER_PARTY_ACCOUNT_NUM");
      type_ = h.require("TXN_SOURCE_TYPE_CODE");
      amount_ = h.require("TXN_AMOUNT_ORIG");
      time_ = h.require("start");
    }
  }

  std::string_view format_name() const override { return "amlsim"; }

  std::optional<RowError> parse(const CsvRecord& record, TransactionInput& out) override {
    std::optional<RowError> error;
    if (!field_count_matches(record, width_, error)) return error;
    const auto& f = record.fields;
    if (id_column_) {
      out.id = trim(f[*id_column_]);
      if (out.id.empty())
        return RowError{"tran_id", RejectReason::missing_field, "empty transaction id"};
    } else {
      id_ = file_name_ + ":" + std::to_string(record.line);
      out.id = id_;
    }
    std::optional<Timestamp> time =
        time_is_step_ ? step_time(trim(f[time_]), "time", kAmlsimEpoch, 86400, error)
                      : timestamp_field(f[time_], "tran_timestamp", error);
    if (!time) return error;
    out.timestamp = *time;
    out.from = trim(f[from_]);
    out.to = trim(f[to_]);
    if (!non_empty_account(out.from, "from", error) || !non_empty_account(out.to, "to", error)) {
      return error;
    }
    auto amount = positive_amount(f[amount_], "amount", error);
    if (!amount) return error;
    out.amount = out.received_amount = *amount;
    out.currency = out.received_currency = kAssumedCurrency;
    out.channel = type_ ? amlsim_channel(trim(f[*type_])) : Channel::bank_transfer;
    out.from_kind = out.to_kind = AccountKind::bank_account;
    out.label = LaunderingLabel::unknown;
    if (sar_) {
      auto label = parse_laundering_label(trim(f[*sar_]));
      if (!label) return RowError{"is_sar", RejectReason::bad_label, "expected true or false"};
      out.label = *label;
    }
    return std::nullopt;
  }

 private:
  std::string file_name_;
  std::string id_;
  std::optional<std::size_t> id_column_, type_, sar_;
  std::size_t from_ = 0, to_ = 0, amount_ = 0, time_ = 0, width_ = 0;
  bool time_is_step_ = true;
};

Channel paysim_channel(std::string_view type) {
  if (type == "PAYMENT") return Channel::card_payment;
  if (type == "TRANSFER") return Channel::bank_transfer;
  if (type == "CASH_OUT") return Channel::cash_withdrawal;
  if (type == "CASH_IN") return Channel::cash_deposit;
  return Channel::other;  // DEBIT
}

class PaysimParser final : public TransactionRowParser {
 public:
  PaysimParser(const std::vector<std::string_view>& header, const std::string& path)
      : file_name_(std::filesystem::path(path).filename().string()) {
    HeaderIndex h(header, path);
    step_ = h.require("step");
    type_ = h.require("type");
    amount_ = h.require("amount");
    from_ = h.require("nameOrig");
    to_ = h.require("nameDest");
    fraud_ = h.find("isFraud");
    width_ = h.size();
  }

  std::string_view format_name() const override { return "paysim"; }

  std::optional<RowError> parse(const CsvRecord& record, TransactionInput& out) override {
    std::optional<RowError> error;
    if (!field_count_matches(record, width_, error)) return error;
    const auto& f = record.fields;
    id_ = file_name_ + ":" + std::to_string(record.line);
    out.id = id_;
    auto time = step_time(trim(f[step_]), "step", kPaysimEpoch, 3600, error);
    if (!time) return error;
    out.timestamp = *time;
    out.from = trim(f[from_]);
    out.to = trim(f[to_]);
    if (!non_empty_account(out.from, "nameOrig", error) ||
        !non_empty_account(out.to, "nameDest", error)) {
      return error;
    }
    auto amount = positive_amount(f[amount_], "amount", error);
    if (!amount) return error;
    out.amount = out.received_amount = *amount;
    out.currency = out.received_currency = kAssumedCurrency;
    out.channel = paysim_channel(trim(f[type_]));
    // PaySim names customers C... and merchants M...
    out.from_kind = out.from.front() == 'M' ? AccountKind::merchant : AccountKind::payment_account;
    out.to_kind = out.to.front() == 'M' ? AccountKind::merchant : AccountKind::payment_account;
    out.label = LaunderingLabel::unknown;
    if (fraud_) {
      auto label = parse_laundering_label(trim(f[*fraud_]));
      if (!label) return RowError{"isFraud", RejectReason::bad_label, "expected 0 or 1"};
      out.label = *label;
    }
    return std::nullopt;
  }

 private:
  std::string file_name_;
  std::string id_;
  std::size_t step_, type_, amount_, from_, to_, width_;
  std::optional<std::size_t> fraud_;
};

}  // namespace

std::unique_ptr<TransactionRowParser> make_amlsim_parser(
    const std::vector<std::string_view>& header, const std::string& path) {
  return std::make_unique<AmlsimParser>(header, path);
}

std::unique_ptr<TransactionRowParser> make_paysim_parser(
    const std::vector<std::string_view>& header, const std::string& path) {
  return std::make_unique<PaysimParser>(header, path);
}

}  // namespace moneytrail
