#include "io/statements/statement_layout.h"

#include <algorithm>
#include <fstream>

#include "graph/input_error.h"
#include "io/csv/field_parsers.h"

namespace moneytrail {
namespace {

constexpr std::string_view kNames[kStatementFieldCount] = {"account",
                                                           "time",
                                                           "date",
                                                           "amount",
                                                           "direction",
                                                           "balance",
                                                           "counterparty_account",
                                                           "counterparty_name",
                                                           "counterparty_bank",
                                                           "summary",
                                                           "serial",
                                                           "currency",
                                                           "holder_name",
                                                           "id_number",
                                                           "ip",
                                                           "mac",
                                                           "device",
                                                           "status",
                                                           "phone"};

// Built-in header names per field, most specific first.
const std::array<std::vector<std::string_view>, kStatementFieldCount>& synonyms() {
  static const std::array<std::vector<std::string_view>, kStatementFieldCount> table = {{
      {"交易卡号", "交易账号", "查询账号", "查询卡号", "本方账号", "本方卡号", "支付账号",
       "本方账户", "卡号", "账号", "account"},
      {"交易时间", "交易日期时间", "记账时间", "交易创建时间", "付款时间", "创建时间", "time",
       "timestamp"},
      {"交易日期", "记账日期", "date"},
      {"交易金额", "发生额", "金额", "金额（元）", "金额(元)", "amount"},
      {"借贷标志", "收付标志", "借贷方向", "收支标志", "交易方向", "出入账标志", "收/支", "收支",
       "direction"},
      {"交易余额", "账户余额", "余额", "交易后余额", "balance"},
      {"对手账号", "对方账号", "对手卡号", "对方卡号", "对手账卡号", "对方账户",
       "counterparty_account"},
      {"对手户名", "对方户名", "对手名称", "对方名称", "交易对方", "counterparty_name"},
      {"对手开户行", "对方开户行", "对手开户银行", "对方开户银行", "对手行名", "counterparty_bank"},
      {"摘要", "交易摘要", "摘要说明", "备注", "商品名称", "商品说明", "summary"},
      {"交易流水号", "流水号", "交易序号", "交易参考号", "交易号", "交易单号", "serial"},
      {"币种", "交易币种", "currency"},
      {"户名", "交易户名", "账户名称", "客户名称", "holder_name"},
      {"证件号码", "身份证号", "证件号", "id_number"},
      {"IP地址", "交易IP", "IP", "ip"},
      {"MAC地址", "MAC", "mac"},
      {"设备号", "设备ID", "设备标识", "终端号", "device"},
      {"交易状态", "当前状态", "status"},
      {"联系电话", "手机号", "手机号码", "预留手机号", "电话", "phone"},
  }};
  return table;
}

std::optional<std::size_t> find_column(const std::vector<std::string_view>& header,
                                       std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (trim(header[i]) == name) return i;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(StatementField field) { return kNames[static_cast<int>(field)]; }

std::optional<StatementField> parse_statement_field(std::string_view name) {
  for (int f = 0; f < kStatementFieldCount; ++f)
    if (kNames[f] == name) return static_cast<StatementField>(f);
  return std::nullopt;
}

bool StatementLayout::usable() const {
  return (*this)[StatementField::account] && (*this)[StatementField::amount] &&
         ((*this)[StatementField::time] || (*this)[StatementField::date]);
}

StatementLayout statement_layout_from_mapping(
    const std::vector<std::string_view>& header,
    const std::array<std::vector<std::string>, kStatementFieldCount>& mapping) {
  StatementLayout layout;
  for (int f = 0; f < kStatementFieldCount; ++f) {
    for (const std::string& name : mapping[f]) {
      if (auto c = find_column(header, name)) {
        layout.column[f] = c;
        break;
      }
    }
    if (layout.column[f]) continue;
    for (std::string_view name : synonyms()[f]) {
      if (auto c = find_column(header, name)) {
        layout.column[f] = c;
        break;
      }
    }
  }
  return layout;
}

StatementLayout statement_layout_from_header(const std::vector<std::string_view>& header) {
  return statement_layout_from_mapping(header, {});
}

bool looks_like_statement_header(const std::vector<std::string_view>& header) {
  // Chinese names only: the native layout's "amount" must not make a statement.
  auto has_chinese = [&](StatementField f) {
    for (std::string_view name : synonyms()[static_cast<int>(f)])
      if (static_cast<unsigned char>(name.front()) >= 0x80 && find_column(header, name))
        return true;
    return false;
  };
  return has_chinese(StatementField::account) && has_chinese(StatementField::amount) &&
         (has_chinese(StatementField::time) || has_chinese(StatementField::date));
}

bool looks_like_platform_header(const std::vector<std::string_view>& header) {
  return looks_like_statement_header(header) &&
         (find_column(header, "收/支") || find_column(header, "收支"));
}

std::array<std::vector<std::string>, kStatementFieldCount> read_statement_mapping(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open the mapping file");
  std::array<std::vector<std::string>, kStatementFieldCount> mapping;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    std::string_view text = trim(line);
    if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text = trim(text.substr(3));
    if (text.empty() || text.front() == '#') continue;
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos)
      throw InputError(path, number, "", "expected 'field = column header'");
    const std::string_view field = trim(text.substr(0, equals));
    const std::string_view column = trim(text.substr(equals + 1));
    const auto f = parse_statement_field(field);
    if (!f) {
      std::string known;
      for (std::string_view name : kNames) known += (known.empty() ? "" : ", ") + std::string(name);
      throw InputError(path, number, std::string(field), "unknown field (known: " + known + ")");
    }
    if (column.empty())
      throw InputError(path, number, std::string(field), "no column header given");
    mapping[static_cast<int>(*f)].emplace_back(column);
  }
  return mapping;
}

}  // namespace moneytrail
