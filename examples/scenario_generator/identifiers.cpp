#include "examples/scenario_generator/identifiers.h"

#include <charconv>

#include "examples/scenario_generator/random.h"

namespace moneytrail::scenario {
namespace {

constexpr char kBase58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr const char* kCities[] = {"BJ", "SH", "GZ", "SZ", "HZ", "CD"};

constexpr std::uint64_t kTen9 = 1'000'000'000ULL;

// Issuer identification numbers of real Chinese debit card ranges, by Institution order.
const char* card_bin(Institution bank) {
  switch (bank) {
    case Institution::ICBC: return "622202";
    case Institution::CCB: return "621700";
    case Institution::ABC: return "622848";
    case Institution::BOC: return "621661";
    case Institution::CMB: return "622588";
    case Institution::BOCOM: return "622262";
    case Institution::PSBC: return "621799";
    default: return "622690";  // CITIC
  }
}

const char* bank_code(Institution bank) {
  switch (bank) {
    case Institution::ICBC: return "1102";
    case Institution::CCB: return "4100";
    case Institution::ABC: return "1325";
    case Institution::BOC: return "3301";
    case Institution::CMB: return "7559";
    case Institution::BOCOM: return "3100";
    case Institution::PSBC: return "9210";
    default: return "8110";  // CITIC
  }
}

void append_padded(std::string& out, std::uint64_t value, int width) {
  char buffer[24];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  for (int i = static_cast<int>(end - buffer); i < width; ++i) out.push_back('0');
  out.append(buffer, end);
}

// Luhn check digit over the digits already in `number`, as card issuers compute it.
char luhn_digit(const std::string& number) {
  int sum = 0;
  bool double_it = true;  // the rightmost payload digit is doubled
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    int digit = *it - '0';
    if (double_it) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double_it = !double_it;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace

std::uint64_t permute(std::uint64_t value, std::uint64_t n, std::uint64_t key) {
  int half_bits = 1;
  while ((1ULL << (2 * half_bits)) < n) ++half_bits;
  const std::uint64_t mask = (1ULL << half_bits) - 1;
  do {
    std::uint64_t left = value >> half_bits;
    std::uint64_t right = value & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      const std::uint64_t next = left ^ (hash_pair(key + round, right) & mask);
      left = right;
      right = next;
    }
    value = (left << half_bits) | right;
  } while (value >= n);
  return value;
}

std::uint64_t AccountIdMaker::digits(std::uint64_t serial, std::uint64_t space,
                                     std::uint64_t salt) const {
  return permute(serial, space, hash_pair(seed_, salt));
}

std::string AccountIdMaker::make(AccountKind kind, Institution institution,
                                 std::uint64_t serial) const {
  std::string id;
  id.reserve(36);
  const auto salt = static_cast<std::uint64_t>(kind) * 64 + static_cast<std::uint64_t>(institution);
  switch (kind) {
    case AccountKind::bank_card: {
      id = card_bin(institution);
      if (institution == Institution::CMB) {
        append_padded(id, digits(serial, kTen9, salt), 9);
      } else {
        append_padded(id, digits(serial, kTen9 * 1000, salt), 12);
      }
      id.push_back(luhn_digit(id));
      break;
    }
    case AccountKind::bank_account:
      if (institution == Institution::HKBank) {
        id = "852";
        append_padded(id, digits(serial, kTen9, salt), 9);
      } else if (institution == Institution::Offshore) {
        id = "1345";
        append_padded(id, digits(serial, kTen9 * 10, salt), 10);
      } else {
        id = bank_code(institution);
        append_padded(id, digits(serial, kTen9 * 100'000, salt), 14);
      }
      break;
    case AccountKind::payment_account:
      if (institution == Institution::WeChatPay) {
        id = "wx_";
        append_padded(id, digits(serial, kTen9 * 10, salt), 10);
      } else {
        id = "alipay_1";
        id.push_back(static_cast<char>('3' + hash_pair(seed_ ^ salt, serial) % 7));
        append_padded(id, digits(serial, kTen9, salt), 9);
      }
      break;
    case AccountKind::platform:
      id = "P";
      append_padded(id, digits(serial, 10'000'000, salt), 7);
      break;
    case AccountKind::crypto_address: {
      id = "T";
      std::uint64_t state = hash_pair(seed_ ^ 0xC0FFEE, serial);
      for (int i = 0; i < 33; ++i) {
        if (i % 8 == 0) state = mix64(state + static_cast<std::uint64_t>(i));
        id.push_back(kBase58[(state >> (8 * (i % 8))) % 58]);
      }
      break;
    }
    case AccountKind::exchange_account:
      id = std::string(to_string(institution)) + "-";
      append_padded(id, serial, 6);
      break;
    case AccountKind::merchant:
      id = "M";
      append_padded(id, digits(serial, kTen9, salt), 9);
      break;
    case AccountKind::cash:
      id = "ATM-";
      id += kCities[serial % 6];
      id.push_back('-');
      append_padded(id, serial / 6 + 1, 1);
      break;
    case AccountKind::unknown:
      id = "U";
      append_padded(id, serial, 8);
      break;
  }
  return id;
}

std::uint64_t holder_phone(std::uint64_t seed, std::uint32_t holder) {
  const std::uint64_t second_digit = 3 + hash_pair(seed ^ 0x9E0, holder) % 7;
  const std::uint64_t rest = permute(holder, kTen9, hash_pair(seed, 0x9E0E));
  return 10'000'000'000ULL + second_digit * kTen9 + rest;
}

std::uint32_t holder_device(std::uint64_t seed, std::uint32_t holder) {
  return static_cast<std::uint32_t>(permute(holder, 10'000'000, hash_pair(seed, 0xDE71CE)));
}

}  // namespace moneytrail::scenario
