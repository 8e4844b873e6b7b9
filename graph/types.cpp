#include "graph/types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace moneytrail {
namespace {

constexpr std::array<std::string_view, kAccountKindCount> kKindNames = {
    "unknown",          "bank_card", "bank_account",
    "payment_account",  "platform",  "crypto_address",
    "exchange_account", "merchant",  "cash"};
constexpr std::array<std::string_view, kChannelCount> kChannelNames = {
    "other",           "bank_transfer",  "card_payment",    "payment_platform",
    "crypto_transfer", "exchange_trade", "cash_withdrawal", "cash_deposit"};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Exact (lower-case) spellings first: they are the norm in exports and this runs per row.
template <typename Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (iequals(names[i], text)) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(AccountKind kind) { return kKindNames[static_cast<int>(kind)]; }
std::string_view to_string(Channel channel) { return kChannelNames[static_cast<int>(channel)]; }

std::string_view to_string(LaunderingLabel label) {
  switch (label) {
    case LaunderingLabel::laundering: return "laundering";
    case LaunderingLabel::clean: return "clean";
    default: return "";
  }
}

std::optional<AccountKind> parse_account_kind(std::string_view text) {
  if (text.empty()) return AccountKind::unknown;
  return find_name<AccountKind>(kKindNames, text);
}

std::optional<Channel> parse_channel(std::string_view text) {
  if (text.empty()) return Channel::other;
  return find_name<Channel>(kChannelNames, text);
}

std::optional<LaunderingLabel> parse_laundering_label(std::string_view text) {
  if (text.empty()) return LaunderingLabel::unknown;
  if (text == "1") return LaunderingLabel::laundering;  // the common case, per row
  if (text == "0") return LaunderingLabel::clean;
  for (std::string_view yes : {"1", "true", "yes", "laundering"}) {
    if (iequals(text, yes)) return LaunderingLabel::laundering;
  }
  for (std::string_view no : {"0", "false", "no", "clean"}) {
    if (iequals(text, no)) return LaunderingLabel::clean;
  }
  return std::nullopt;
}

std::uint8_t account_label_bit(std::string_view text) {
  if (iequals(text, "victim")) return kLabelVictim;
  if (iequals(text, "suspect")) return kLabelSuspect;
  if (iequals(text, "mule")) return kLabelMule;
  if (iequals(text, "clean")) return kLabelClean;
  if (iequals(text, "watchlist")) return kLabelWatchlist;
  return 0;
}

std::string account_labels_text(std::uint8_t bits) {
  std::string text;
  for (auto [bit, name] : {std::pair{kLabelVictim, "victim"}, std::pair{kLabelSuspect, "suspect"},
                           std::pair{kLabelMule, "mule"}, std::pair{kLabelClean, "clean"},
                           std::pair{kLabelWatchlist, "watchlist"}}) {
    if (bits & bit) text += (text.empty() ? "" : ";") + std::string(name);
  }
  return text;
}

bool is_cash_out_kind(AccountKind kind) {
  return kind == AccountKind::cash || kind == AccountKind::exchange_account ||
         kind == AccountKind::crypto_address;
}

}  // namespace moneytrail
