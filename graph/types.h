// Vocabulary of the transaction data model: ids, time, amounts and the closed enums
// (account kinds, channels, labels) that readers accept and writers print.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace moneytrail {

/// Dense account index, 0..num_accounts-1 (the BGL vertex descriptor).
using VertexId = std::uint32_t;
/// Dense transaction index in processing order, 0..num_transactions-1 (the BGL edge index).
using TxIndex = std::uint32_t;
/// UTC seconds since the Unix epoch.
using Timestamp = std::int64_t;
/// Monetary amounts are IEEE-754 doubles parsed with correctly rounded std::from_chars: a decimal
/// text is held to within 1.1e-16 relative, well inside the 1e-12 the data model promises, and
/// sums of millions of rows stay far below a cent of error for realistic magnitudes.
using Amount = double;

inline constexpr Timestamp kNoTime = std::numeric_limits<Timestamp>::min();
/// Times a transaction may have: 1900-01-01 to 2200-01-01 UTC. Outside, a row is bad data (a
/// sign error, a field in milliseconds), and time arithmetic can never overflow inside.
inline constexpr Timestamp kEarliestTime = -2208988800;
inline constexpr Timestamp kLatestTime = 7258118400;
inline constexpr bool in_time_range(Timestamp t) { return t >= kEarliestTime && t < kLatestTime; }
/// The largest amount a transaction may carry, in its own currency units: above it, sums of
/// millions of rows lose cents and a few rows could overflow a double's sum to infinity.
inline constexpr double kMaxAmount = 1e15;
inline constexpr std::uint32_t kNoSymbol = std::numeric_limits<std::uint32_t>::max();

enum class AccountKind : std::uint8_t {
  unknown,
  bank_card,
  bank_account,
  payment_account,  // third-party payment or running-points collection account
  platform,
  crypto_address,
  exchange_account,
  merchant,
  cash,  // ATM or other cash-out endpoint
};
inline constexpr int kAccountKindCount = 9;

enum class Channel : std::uint8_t {
  other,
  bank_transfer,
  card_payment,
  payment_platform,
  crypto_transfer,
  exchange_trade,
  cash_withdrawal,
  cash_deposit,
};
inline constexpr int kChannelCount = 8;

/// Per-transaction ground truth or investigator mark, when the input carries one.
enum class LaunderingLabel : std::uint8_t { unknown, laundering, clean };

/// Account labels are a bit set: an account can be both a victim and, later, a suspect.
enum AccountLabel : std::uint8_t {
  kLabelVictim = 1u << 0,
  kLabelSuspect = 1u << 1,
  kLabelMule = 1u << 2,
  kLabelClean = 1u << 3,
  kLabelWatchlist = 1u << 4,  // on an investigator's watchlist (--watchlist, or label "watchlist")
};
inline constexpr std::uint8_t kKnownLabelBits =
    kLabelVictim | kLabelSuspect | kLabelMule | kLabelClean | kLabelWatchlist;

std::string_view to_string(AccountKind kind);
std::string_view to_string(Channel channel);
std::string_view to_string(LaunderingLabel label);
std::optional<AccountKind> parse_account_kind(std::string_view text);
std::optional<Channel> parse_channel(std::string_view text);
/// Accepts 1/0, true/false, yes/no, laundering/clean (any case); empty means unknown.
std::optional<LaunderingLabel> parse_laundering_label(std::string_view text);
/// The bit of a known account label (victim, suspect, mule, clean), or 0 for a free tag.
std::uint8_t account_label_bit(std::string_view text);
/// The known labels in `bits`, joined by ';' ("victim;mule"), "" for none.
std::string account_labels_text(std::uint8_t bits);
/// Where money leaves the banking chain: cash, exchange accounts and crypto addresses.
bool is_cash_out_kind(AccountKind kind);

}  // namespace moneytrail
