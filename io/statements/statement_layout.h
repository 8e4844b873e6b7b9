// Column layouts of Chinese bank statement retrievals (交易明细查询结果) and payment-platform flow
// exports (账单明细): which column holds the card, the time, the amount and so on. Built-in
// synonyms cover the common retrieval layouts and one platform layout (支付账号, 交易创建时间,
// 交易对方, 对方账户, 金额（元）, 收/支, 交易号, 商品名称, 交易状态); a mapping file covers any
// other.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moneytrail {

enum class StatementField : std::uint8_t {
  account,               // 交易卡号 / 交易账号 / 查询账号
  time,                  // 交易时间 (date and time, or the time of day beside a date column)
  date,                  // 交易日期
  amount,                // 交易金额 (signed when there is no direction column)
  direction,             // 借贷标志: 借/贷, 出/进, 支出/收入
  balance,               // 交易余额 / 余额: after the row
  counterparty_account,  // 对手账号 / 对方账号
  counterparty_name,     // 对手户名
  counterparty_bank,     // 对手开户行
  summary,               // 摘要
  serial,                // 交易流水号
  currency,              // 币种
  holder_name,           // 户名 / 客户名称: the statement's own holder
  id_number,             // 证件号码
  ip,                    // IP地址
  mac,                   // MAC地址
  device,                // 设备号
  status,                // 交易状态: closed or failed rows are not transfers
  phone,                 // 联系电话 / 手机号: the statement's own holder's
};
inline constexpr int kStatementFieldCount = 19;

std::string_view to_string(StatementField field);
std::optional<StatementField> parse_statement_field(std::string_view name);

struct StatementLayout {
  std::array<std::optional<std::size_t>, kStatementFieldCount> column{};
  std::optional<std::size_t> operator[](StatementField f) const {
    return column[static_cast<int>(f)];
  }
  /// Account, time (or date) and amount are present.
  bool usable() const;
};

/// Maps a header by the built-in synonyms (exact match after trimming; English names such as
/// "account" and "amount" too).
StatementLayout statement_layout_from_header(const std::vector<std::string_view>& header);

/// A header looks like a statement when it names the account, time and amount in Chinese.
bool looks_like_statement_header(const std::vector<std::string_view>& header);
/// A payment-platform flow export: a statement header with a 收/支 column.
bool looks_like_platform_header(const std::vector<std::string_view>& header);

/// A mapping file: one `field = column header` per line, '#' comments, e.g. `account = 卡号`.
/// Returns the header-name synonyms per field. Throws InputError (file, line) on an unknown field
/// or a line without '='.
std::array<std::vector<std::string>, kStatementFieldCount> read_statement_mapping(
    const std::string& path);

/// The layout from a header and a mapping (mapping names win over the built-in ones).
StatementLayout statement_layout_from_mapping(
    const std::vector<std::string_view>& header,
    const std::array<std::vector<std::string>, kStatementFieldCount>& mapping);

}  // namespace moneytrail
