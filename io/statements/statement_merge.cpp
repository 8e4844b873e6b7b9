#include "io/statements/statement_merge.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace moneytrail {
namespace {

bool looks_like_cash(std::string_view summary) {
  for (std::string_view word : {"现金", "取现", "取款", "ATM", "存现"})
    if (summary.find(word) != std::string_view::npos) return true;
  return false;
}

// Account ids interned to dense numbers, so that grouping is sorting integers.
class AccountIndex {
 public:
  std::uint32_t operator()(std::string_view id) {
    auto [it, added] = index_.try_emplace(id, static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(id);
    return it->second;
  }
  std::string_view name(std::uint32_t i) const { return names_[i]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string_view, std::uint32_t> index_;
  std::vector<std::string_view> names_;
};

// One row seen as a directed transfer: payer, payee, amount in cents, which side wrote it.
struct Side {
  std::uint32_t from, to;
  std::int64_t cents;
  bool payee_side;
  Timestamp time;
  std::uint32_t file;
  std::uint64_t line;
  std::uint32_t row;
  auto key() const { return std::tie(from, to, cents); }
  bool operator<(const Side& o) const {
    return std::tie(from, to, cents, payee_side, time, file, line) <
           std::tie(o.from, o.to, o.cents, o.payee_side, o.time, o.file, o.line);
  }
};

}  // namespace

StatementMergeReport merge_statements(std::vector<StatementRow> rows,
                                      const std::vector<std::string>& files,
                                      const StatementMergeOptions& options, GraphBuilder& builder) {
  StatementMergeReport report;
  report.rows = rows.size();

  // The counterparty of a row with none (a cash withdrawal, a fee) is one node per summary, so
  // that "ATM取款" rows meet at one cash endpoint rather than vanish.
  std::deque<std::string> unknown_names;
  std::unordered_map<std::string, std::string_view> unknown_by_summary;
  std::vector<std::string_view> other(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StatementRow& r = rows[i];
    if (!r.counterparty.empty()) {
      other[i] = r.counterparty;
      continue;
    }
    auto [it, added] = unknown_by_summary.try_emplace(r.summary);
    if (added) {
      unknown_names.push_back("unknown:" +
                              (r.summary.empty() ? std::string("no counterparty") : r.summary));
      it->second = unknown_names.back();
    }
    other[i] = it->second;
  }
  AccountIndex accounts;
  std::vector<Side> sides(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StatementRow& r = rows[i];
    const std::uint32_t own = accounts(r.account), them = accounts(other[i]);
    sides[i] = {r.outgoing ? own : them,
                r.outgoing ? them : own,
                std::llround(r.amount * 100),
                !r.outgoing,
                r.time,
                r.file,
                r.line,
                static_cast<std::uint32_t>(i)};
  }
  std::sort(sides.begin(), sides.end());

  std::unordered_set<std::string> used_ids;
  used_ids.reserve(rows.size());
  auto add = [&](const StatementRow& r, std::size_t row, const StatementRow* other_side) {
    std::string id = !r.serial.empty() ? r.serial
                     : other_side && !other_side->serial.empty()
                         ? other_side->serial
                         : files[r.file] + ":" + std::to_string(r.line);
    // A serial number reused by another bank, or one file given twice: made unique rather than
    // dropped.
    const std::string base = id;
    for (int copy = 2; !used_ids.insert(id).second; ++copy) id = base + "#" + std::to_string(copy);
    TransactionInput in;
    in.id = id;
    in.timestamp = r.outgoing || !other_side ? r.time : other_side->time;  // the payer's clock
    in.from = r.outgoing ? std::string_view(r.account) : other[row];
    in.to = r.outgoing ? other[row] : std::string_view(r.account);
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

  // Both sides of one transfer share (payer, payee, amount in cents); within such a group payer
  // rows come first, each side in time order.
  std::vector<std::uint8_t> used(rows.size(), 0);
  for (std::size_t begin = 0; begin < sides.size();) {
    std::size_t end = begin, split = begin;
    while (end < sides.size() && sides[end].key() == sides[begin].key()) ++end;
    while (split < end && !sides[split].payee_side) ++split;
    // First by serial number where both sides carry the same one (a merge join on serials).
    if (split > begin && end > split) {
      std::vector<std::pair<std::string_view, std::size_t>> payers, payees;
      for (std::size_t k = begin; k < split; ++k)
        if (!rows[sides[k].row].serial.empty()) payers.emplace_back(rows[sides[k].row].serial, k);
      for (std::size_t k = split; k < end; ++k)
        if (!rows[sides[k].row].serial.empty()) payees.emplace_back(rows[sides[k].row].serial, k);
      std::sort(payers.begin(), payers.end());
      std::sort(payees.begin(), payees.end());
      for (std::size_t a = 0, b = 0; a < payers.size() && b < payees.size();) {
        if (payers[a].first < payees[b].first) {
          ++a;
        } else if (payees[b].first < payers[a].first) {
          ++b;
        } else {
          const Side& p = sides[payers[a].second];
          const Side& q = sides[payees[b].second];
          used[p.row] = used[q.row] = 1;
          add(rows[p.row], p.row, &rows[q.row]);
          ++report.matched_by_serial;
          report.matches.push_back({p.file, q.file, p.line, q.line, true});
          ++a;
          ++b;
        }
      }
      // Then by time: each payer row, in time order, takes the closest unused payee row within
      // the tolerance whose serial number does not contradict its own.
      std::size_t window = split;
      for (std::size_t k = begin; k < split; ++k) {
        const Side& p = sides[k];
        if (used[p.row]) continue;
        while (window < end && sides[window].time < p.time - options.time_tolerance_seconds)
          ++window;
        std::size_t best = end;
        std::int64_t best_gap = options.time_tolerance_seconds + 1;
        for (std::size_t j = window;
             j < end && sides[j].time <= p.time + options.time_tolerance_seconds; ++j) {
          const Side& q = sides[j];
          if (used[q.row]) continue;
          const std::string_view ps = rows[p.row].serial, qs = rows[q.row].serial;
          if (!ps.empty() && !qs.empty() && ps != qs) continue;
          const std::int64_t gap = std::llabs(q.time - p.time);
          if (gap < best_gap) {
            best_gap = gap;
            best = j;
          }
        }
        if (best == end) continue;
        const Side& q = sides[best];
        used[p.row] = used[q.row] = 1;
        add(rows[p.row], p.row, &rows[q.row]);
        ++report.matched_by_time;
        report.matches.push_back({p.file, q.file, p.line, q.line, false});
      }
    }
    for (std::size_t k = begin; k < end; ++k) {
      if (used[sides[k].row]) continue;
      add(rows[sides[k].row], sides[k].row, nullptr);
      ++report.one_sided;
    }
    begin = end;
  }

  // Balances, in each statement's own order (the bank's booking sequence, which can differ from
  // the times by seconds): each row's balance must follow from the previous one; the first row's
  // gives the opening balance.
  // Sorted as compact keys: comparing through the rows themselves would miss the cache on
  // every comparison.
  struct Booking {
    std::uint32_t account, file;
    std::uint64_t line;
    std::uint32_t row;
    bool operator<(const Booking& o) const {
      return std::tie(account, file, line) < std::tie(o.account, o.file, o.line);
    }
  };
  std::vector<Booking> bookings(rows.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i)
    bookings[i] = {accounts(rows[i].account), rows[i].file, rows[i].line, i};
  std::sort(bookings.begin(), bookings.end());
  std::vector<std::uint32_t> order(rows.size()), account_of(rows.size());
  for (std::uint32_t k = 0; k < rows.size(); ++k) {
    order[k] = bookings[k].row;
    account_of[bookings[k].row] = bookings[k].account;
  }
  std::vector<Booking>().swap(bookings);
  std::vector<std::uint8_t> has_statement(accounts.size(), 0);
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && account_of[order[end]] == account_of[order[begin]]) ++end;
    const StatementRow& first = rows[order[begin]];
    has_statement[account_of[order[begin]]] = 1;
    AccountInput attributes;
    attributes.id = first.account;
    Amount previous = std::nan("");  // NaN: no balance to check against
    for (std::size_t k = begin; k < end; ++k) {
      const StatementRow& r = rows[order[k]];
      const Amount signed_amount = r.outgoing ? -r.amount : r.amount;
      if (!r.balance) {
        previous = std::nan("");  // a row without a balance breaks the chain of checks
        continue;
      }
      if (!std::isnan(previous)) {
        const Amount expected = previous + signed_amount;
        if (std::abs(expected - *r.balance) > 0.005)
          report.gaps.push_back({r.file, r.line, r.account, expected, *r.balance});
      } else if (k == begin) {
        attributes.opening_balance = *r.balance - signed_amount;
      }
      previous = *r.balance;
    }
    std::string holder = first.holder_name;
    if (!holder.empty() && !first.id_number.empty()) holder += "|" + first.id_number;
    attributes.holder = holder;
    attributes.device = first.device.empty() ? std::string_view(first.mac) : first.device;
    if (!std::isnan(attributes.opening_balance)) ++report.opening_balances;
    builder.set_account(attributes);
    begin = end;
  }
  std::sort(report.gaps.begin(), report.gaps.end(), [](const BalanceGap& a, const BalanceGap& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  // Counterparty names and banks, for accounts without a statement of their own.
  std::vector<std::uint8_t> named(accounts.size(), 0);
  for (const StatementRow& r : rows) {
    if (r.counterparty.empty()) continue;
    const std::uint32_t a = accounts(r.counterparty);
    if (has_statement[a] || named[a]) continue;
    named[a] = 1;
    AccountInput attributes;
    attributes.id = r.counterparty;
    attributes.holder = r.counterparty_name;
    attributes.institution = r.counterparty_bank;
    builder.set_account(attributes);
  }

  // Accounts seen on one IP address within the window are tied (a fraud team's phones and
  // computers operate many cards).
  std::vector<std::uint32_t> with_ip;
  for (std::uint32_t i = 0; i < rows.size(); ++i)
    if (!rows[i].ip.empty()) with_ip.push_back(i);
  std::sort(with_ip.begin(), with_ip.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(rows[a].ip, rows[a].time, a) < std::tie(rows[b].ip, rows[b].time, b);
  });
  std::vector<std::tuple<std::string_view, std::string_view, std::string_view>> ties;
  for (std::size_t k = 1; k < with_ip.size(); ++k) {
    const StatementRow& a = rows[with_ip[k - 1]];
    const StatementRow& b = rows[with_ip[k]];
    if (a.ip != b.ip || a.account == b.account || b.time - a.time > options.ip_window_seconds)
      continue;
    const auto [low, high] = std::minmax(std::string_view(a.account), std::string_view(b.account));
    ties.emplace_back(low, high, a.ip);
  }
  std::sort(ties.begin(), ties.end());
  ties.erase(std::unique(ties.begin(), ties.end(),
                         [](const auto& x, const auto& y) {
                           return std::get<0>(x) == std::get<0>(y) &&
                                  std::get<1>(x) == std::get<1>(y);
                         }),
             ties.end());
  for (const auto& [low, high, ip] : ties) {
    builder.add_link(low, high, LinkKind::other, "ip:" + std::string(ip));
    ++report.links;
  }
  return report;
}

}  // namespace moneytrail
