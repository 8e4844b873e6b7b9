#include "io/statements/statement_merge.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

namespace moneytrail {
namespace {

// The counterparty of a row with none (a cash withdrawal, a fee): one node per summary, so that
// "ATM取款" rows meet at one cash endpoint rather than vanish.
std::string counterparty_of(const StatementRow& row) {
  if (!row.counterparty.empty()) return row.counterparty;
  return "unknown:" + (row.summary.empty() ? std::string("no counterparty") : row.summary);
}

bool looks_like_cash(std::string_view summary) {
  for (std::string_view word : {"现金", "取现", "取款", "ATM", "存现"})
    if (summary.find(word) != std::string_view::npos) return true;
  return false;
}

struct Side {
  std::size_t row;
  bool matched = false;
};

}  // namespace

StatementMergeReport merge_statements(std::vector<StatementRow> rows,
                                      const std::vector<std::string>& files,
                                      const StatementMergeOptions& options, GraphBuilder& builder) {
  StatementMergeReport report;
  report.rows = rows.size();

  // Both sides of one transfer share (payer, payee, amount in cents).
  using Key = std::tuple<std::string, std::string, std::int64_t>;
  std::map<Key, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> sides;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StatementRow& r = rows[i];
    const std::string other = counterparty_of(r);
    Key key{r.outgoing ? r.account : other, r.outgoing ? other : r.account,
            std::llround(r.amount * 100)};
    (r.outgoing ? sides[key].first : sides[key].second).push_back(i);
  }

  std::unordered_set<std::string> used_ids;
  auto add = [&](const StatementRow& r, const StatementRow* other_side) {
    std::string id = !r.serial.empty() ? r.serial
                     : other_side && !other_side->serial.empty()
                         ? other_side->serial
                         : files[r.file] + ":" + std::to_string(r.line);
    // A serial number reused by another bank, or two rows of one line number from a test: made
    // unique rather than dropped.
    const std::string base = id;
    for (int copy = 2; !used_ids.insert(id).second; ++copy) id = base + "#" + std::to_string(copy);
    const std::string other = counterparty_of(r);
    TransactionInput in;
    in.id = id;
    in.timestamp = r.outgoing || !other_side ? r.time : other_side->time;  // the payer's clock
    in.from = r.outgoing ? r.account : other;
    in.to = r.outgoing ? other : r.account;
    in.amount = in.received_amount = r.amount;
    in.currency = r.currency;
    in.channel = r.platform ? Channel::payment_platform : Channel::bank_transfer;
    if (r.platform) (r.outgoing ? in.from_kind : in.to_kind) = AccountKind::payment_account;
    if (r.counterparty.empty() && looks_like_cash(r.summary)) {
      in.channel = r.outgoing ? Channel::cash_withdrawal : Channel::cash_deposit;
      (r.outgoing ? in.to_kind : in.from_kind) = AccountKind::cash;
    }
    builder.add_transaction(in);
    ++report.transactions;
  };

  auto by_time = [&](std::size_t a, std::size_t b) {
    return std::tie(rows[a].time, rows[a].file, rows[a].line) <
           std::tie(rows[b].time, rows[b].file, rows[b].line);
  };
  for (auto& [key, pair] : sides) {
    auto& [payer_rows, payee_rows] = pair;
    std::sort(payer_rows.begin(), payer_rows.end(), by_time);
    std::sort(payee_rows.begin(), payee_rows.end(), by_time);
    std::vector<bool> payer_used(payer_rows.size(), false), payee_used(payee_rows.size(), false);
    // First by serial number where both sides carry the same one.
    std::map<std::string, std::vector<std::size_t>> payee_by_serial;
    for (std::size_t j = 0; j < payee_rows.size(); ++j)
      if (!rows[payee_rows[j]].serial.empty())
        payee_by_serial[rows[payee_rows[j]].serial].push_back(j);
    for (std::size_t i = 0; i < payer_rows.size(); ++i) {
      const StatementRow& r = rows[payer_rows[i]];
      if (r.serial.empty()) continue;
      auto it = payee_by_serial.find(r.serial);
      if (it == payee_by_serial.end()) continue;
      for (std::size_t j : it->second) {
        if (payee_used[j]) continue;
        payee_used[j] = payer_used[i] = true;
        add(r, &rows[payee_rows[j]]);
        ++report.matched_by_serial;
        report.matches.push_back(
            {r.file, rows[payee_rows[j]].file, r.line, rows[payee_rows[j]].line, true});
        break;
      }
    }
    // Then by time: each payer row, in time order, takes the closest unused payee row within the
    // tolerance whose serial number does not contradict its own.
    for (std::size_t i = 0; i < payer_rows.size(); ++i) {
      if (payer_used[i]) continue;
      const StatementRow& r = rows[payer_rows[i]];
      std::size_t best = payee_rows.size();
      std::int64_t best_gap = options.time_tolerance_seconds + 1;
      for (std::size_t j = 0; j < payee_rows.size(); ++j) {
        if (payee_used[j]) continue;
        const StatementRow& p = rows[payee_rows[j]];
        if (!r.serial.empty() && !p.serial.empty() && r.serial != p.serial) continue;
        const std::int64_t gap = std::llabs(p.time - r.time);
        if (gap < best_gap) {
          best_gap = gap;
          best = j;
        }
      }
      if (best == payee_rows.size()) continue;
      payee_used[best] = payer_used[i] = true;
      add(r, &rows[payee_rows[best]]);
      ++report.matched_by_time;
      report.matches.push_back(
          {r.file, rows[payee_rows[best]].file, r.line, rows[payee_rows[best]].line, false});
    }
    for (std::size_t i = 0; i < payer_rows.size(); ++i) {
      if (payer_used[i]) continue;
      add(rows[payer_rows[i]], nullptr);
      ++report.one_sided;
    }
    for (std::size_t j = 0; j < payee_rows.size(); ++j) {
      if (payee_used[j]) continue;
      add(rows[payee_rows[j]], nullptr);
      ++report.one_sided;
    }
  }

  // Balances: each row's balance must follow from the previous one; the first row's gives the
  // opening balance.
  std::map<std::string, std::vector<std::size_t>> by_account;
  for (std::size_t i = 0; i < rows.size(); ++i) by_account[rows[i].account].push_back(i);
  for (auto& [account, list] : by_account) {
    // In the statement's own order: the balance follows the bank's booking sequence, which can
    // differ from the times by seconds.
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(rows[a].file, rows[a].line) < std::tie(rows[b].file, rows[b].line);
    });
    AccountInput attributes;
    attributes.id = account;
    Amount previous = std::nan("");  // NaN: no balance to check against
    for (std::size_t i : list) {
      const StatementRow& r = rows[i];
      const Amount signed_amount = r.outgoing ? -r.amount : r.amount;
      if (!r.balance) {
        previous = std::nan("");  // a row without a balance breaks the chain of checks
        continue;
      }
      if (!std::isnan(previous)) {
        const Amount expected = previous + signed_amount;
        if (std::abs(expected - *r.balance) > 0.005)
          report.gaps.push_back({r.file, r.line, account, expected, *r.balance});
      } else if (std::isnan(attributes.opening_balance) && i == list.front()) {
        attributes.opening_balance = *r.balance - signed_amount;
      }
      previous = *r.balance;
    }
    const StatementRow& first = rows[list.front()];
    std::string holder = first.holder_name;
    if (!holder.empty() && !first.id_number.empty()) holder += "|" + first.id_number;
    attributes.holder = holder;
    std::string device = first.device.empty() ? first.mac : first.device;
    attributes.device = device;
    if (!std::isnan(attributes.opening_balance)) ++report.opening_balances;
    builder.set_account(attributes);
  }
  // Counterparty names and banks, for accounts without a statement of their own.
  std::set<std::string> named;
  for (const StatementRow& r : rows) {
    if (r.counterparty.empty() || by_account.count(r.counterparty) ||
        !named.insert(r.counterparty).second)
      continue;
    AccountInput attributes;
    attributes.id = r.counterparty;
    attributes.holder = r.counterparty_name;
    attributes.institution = r.counterparty_bank;
    builder.set_account(attributes);
  }

  // Accounts seen on one IP address within the window are tied (a fraud team's phones and
  // computers operate many cards).
  std::map<std::string, std::vector<std::size_t>> by_ip;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!rows[i].ip.empty()) by_ip[rows[i].ip].push_back(i);
  std::set<std::pair<std::string, std::string>> tied;
  for (auto& [ip, list] : by_ip) {
    std::sort(list.begin(), list.end(),
              [&](std::size_t a, std::size_t b) { return rows[a].time < rows[b].time; });
    for (std::size_t k = 1; k < list.size(); ++k) {
      const StatementRow& a = rows[list[k - 1]];
      const StatementRow& b = rows[list[k]];
      if (a.account == b.account || b.time - a.time > options.ip_window_seconds) continue;
      auto pair = std::minmax(a.account, b.account);
      if (!tied.insert({pair.first, pair.second}).second) continue;
      builder.add_link(pair.first, pair.second, LinkKind::other, "ip:" + ip);
      ++report.links;
    }
  }
  return report;
}

}  // namespace moneytrail
