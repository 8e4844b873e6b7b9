// Realistic, unique and seed-dependent identifiers for accounts, holders, phones and devices.
//
// Uniqueness comes from a keyed permutation of the account (or holder) number rather than
// from random draws, so no collision check or hash set is needed even for millions of
// accounts; the key makes the numbers look random and differ between seeds.
#pragma once

#include <cstdint>
#include <string>

#include "examples/scenario_generator/scenario.h"

namespace moneytrail::scenario {

/// A bijection of [0, n) onto itself, keyed: a Feistel network over the smallest even power
/// of two covering n, walked until it lands inside [0, n).
std::uint64_t permute(std::uint64_t value, std::uint64_t n, std::uint64_t key);

/// Builds account ids. `serial` is a number unique among accounts of the same kind (and, for
/// exchange accounts, of the same exchange); the formats are:
///   bank_card         bank BIN + digits + Luhn check digit (19 digits, CMB 16)
///   bank_account      4-digit bank code + 14 digits; HK-Bank 852 + 9 digits; offshore
///                     1345 + 10 digits
///   payment_account   wx_ + 10 digits or alipay_ + an 11-digit phone-like number
///   platform          P + 7 digits
///   crypto_address    T + 33 base58 characters (TRON style)
///   exchange_account  ExA-000123
///   merchant          M + 9 digits
///   cash              ATM-<city>-<n>
class AccountIdMaker {
 public:
  explicit AccountIdMaker(std::uint64_t seed) : seed_(seed) {}

  std::string make(AccountKind kind, Institution institution, std::uint64_t serial) const;

 private:
  std::uint64_t digits(std::uint64_t serial, std::uint64_t space, std::uint64_t salt) const;

  std::uint64_t seed_;
};

/// Chinese mobile number of a holder: 1, a digit 3..9, then 9 digits unique per holder.
std::uint64_t holder_phone(std::uint64_t seed, std::uint32_t holder);

/// Device number of a holder, unique per holder below 10,000,000 holders.
std::uint32_t holder_device(std::uint64_t seed, std::uint32_t holder);

}  // namespace moneytrail::scenario
