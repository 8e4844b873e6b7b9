#include "io/statements/statement_merge.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace moneytrail {
namespace {

bool looks_like_cash(std::string_view summary) {
  for (std::string_view word : {"现金", "取现", "取款", "ATM", "存现"})
    if (summary.find(word) != std::string_view::npos) return true;
  return false;
}

// One row seen as a directed transfer: payer and payee, amount in cents, which side wrote it.
struct Side {
  std::uint64_t pair;  // payer << 32 | payee
  std::int64_t cents;
  Timestamp time;
  std::uint32_t row;
  bool payee_side;
  bool same_transfer(const Side& o) const { return pair == o.pair && cents == o.cents; }
  bool operator<(const Side& o) const {
    return std::tie(pair, cents, payee_side, time, row) <
           std::tie(o.pair, o.cents, o.payee_side, o.time, o.row);
  }
};

}  // namespace

StatementMergeReport merge_statements(const StatementSet& set, const StatementMergeOptions& options,
                                      GraphBuilder& builder) {
  const std::vector<StatementRow>& rows = set.rows;
  StatementMergeReport report;
  report.rows = rows.size();
  auto text = [&](std::uint32_t i, TextSpan StatementRow::*field) {
    return set.get(rows[i], rows[i].*field);
  };

  // Both accounts of every row, looked up once in the builder's own table. The counterparty of a
  // row with none (a cash withdrawal, a fee) is one node per summary, so that "ATM取款" rows meet
  // at one cash endpoint rather than vanish.
  std::vector<VertexId> own(rows.size()), other(rows.size());
  std::unordered_map<std::string_view, VertexId> unknown_by_summary;
  std::string_view last_account;  // a retrieval of one card repeats its number on every row
  VertexId last_vertex = 0;
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    const std::string_view account = text(i, &StatementRow::account);
    if (account != last_account) {
      last_account = account;
      last_vertex = builder.add_account(account);
    }
    own[i] = last_vertex;
    const std::string_view counterparty = text(i, &StatementRow::counterparty);
    if (!counterparty.empty()) {
      other[i] = builder.add_account(counterparty);
      continue;
    }
    const std::string_view summary = text(i, &StatementRow::summary);
    auto [it, added] = unknown_by_summary.try_emplace(summary);
    if (added)
      it->second = builder.add_account("unknown:" +
                                       std::string(summary.empty() ? "no counterparty" : summary));
    other[i] = it->second;
  }
  std::vector<Side> sides(rows.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    const StatementRow& r = rows[i];
    const VertexId payer = r.outgoing ? own[i] : other[i], payee = r.outgoing ? other[i] : own[i];
    sides[i] = {std::uint64_t{payer} << 32 | payee, std::llround(r.amount * 100), r.time, i,
                !r.outgoing};
  }
  std::sort(sides.begin(), sides.end());

  // Transactions are decided first and added in time order, so that the builder need not sort
  // them again.
  constexpr std::uint32_t kOneSided = 0xFFFFFFFF;
  struct Decided {
    Timestamp time;
    std::uint32_t row, other_row;
    bool operator<(const Decided& o) const { return std::tie(time, row) < std::tie(o.time, o.row); }
  };
  std::vector<Decided> decided;
  decided.reserve(rows.size());
  auto add = [&](std::uint32_t i, const StatementRow* other_side) {
    const StatementRow& r = rows[i];
    const Timestamp time = r.outgoing || !other_side ? r.time : other_side->time;  // payer's clock
    decided.push_back(
        {time, i, other_side ? static_cast<std::uint32_t>(other_side - rows.data()) : kOneSided});
  };
  std::string id;
  auto add_decided = [&](const Decided& d) {
    const std::uint32_t i = d.row;
    const StatementRow& r = rows[i];
    const StatementRow* other_side = d.other_row == kOneSided ? nullptr : &rows[d.other_row];
    std::string_view serial = text(i, &StatementRow::serial);
    if (serial.empty() && other_side) serial = set.get(*other_side, other_side->serial);
    if (!serial.empty()) {
      id.assign(serial);
    } else {
      id.assign(set.paths()[r.file]);
      id += ':';
      char digits[16];
      id.append(digits, std::to_chars(digits, digits + sizeof digits, r.line).ptr);
    }
    TransactionInput in;
    in.id = id;
    in.timestamp = d.time;
    in.amount = in.received_amount = r.amount;
    in.currency = set.currency(r);
    in.channel = r.platform ? Channel::payment_platform : Channel::bank_transfer;
    if (r.platform) (r.outgoing ? in.from_kind : in.to_kind) = AccountKind::payment_account;
    const std::string_view summary = text(i, &StatementRow::summary);
    if (r.counterparty.length == 0 && looks_like_cash(summary)) {
      in.channel = r.outgoing ? Channel::cash_withdrawal : Channel::cash_deposit;
      (r.outgoing ? in.to_kind : in.from_kind) = AccountKind::cash;
    }
    const VertexId from = r.outgoing ? own[i] : other[i], to = r.outgoing ? other[i] : own[i];
    // A serial number reused by another bank, or one file given twice: made unique rather than
    // dropped.
    if (builder.add_transaction(in, from, to) == GraphBuilder::AddResult::duplicate_id) {
      const std::string base = id;
      for (int copy = 2;; ++copy) {
        id = base + "#" + std::to_string(copy);
        in.id = id;
        if (builder.add_transaction(in, from, to) == GraphBuilder::AddResult::added) break;
      }
    }
    ++report.transactions;
  };

  // Both sides of one transfer share (payer, payee, amount in cents); within such a group payer
  // rows come first, each side in time order.
  std::vector<std::uint8_t> used(rows.size(), 0);
  for (std::size_t begin = 0; begin < sides.size();) {
    std::size_t end = begin, split = begin;
    while (end < sides.size() && sides[end].same_transfer(sides[begin])) ++end;
    while (split < end && !sides[split].payee_side) ++split;
    // First by serial number where both sides carry the same one (a merge join on serials).
    if (split > begin && end > split) {
      std::vector<std::pair<std::string_view, std::size_t>> payers, payees;
      for (std::size_t k = begin; k < split; ++k)
        if (rows[sides[k].row].serial.length != 0)
          payers.emplace_back(text(sides[k].row, &StatementRow::serial), k);
      for (std::size_t k = split; k < end; ++k)
        if (rows[sides[k].row].serial.length != 0)
          payees.emplace_back(text(sides[k].row, &StatementRow::serial), k);
      std::sort(payers.begin(), payers.end());
      std::sort(payees.begin(), payees.end());
      for (std::size_t a = 0, b = 0; a < payers.size() && b < payees.size();) {
        if (payers[a].first < payees[b].first) {
          ++a;
        } else if (payees[b].first < payers[a].first) {
          ++b;
        } else {
          const StatementRow& p = rows[sides[payers[a].second].row];
          const StatementRow& q = rows[sides[payees[b].second].row];
          used[sides[payers[a].second].row] = used[sides[payees[b].second].row] = 1;
          add(sides[payers[a].second].row, &q);
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
        const std::string_view ps = text(p.row, &StatementRow::serial);
        for (std::size_t j = window;
             j < end && sides[j].time <= p.time + options.time_tolerance_seconds; ++j) {
          const Side& q = sides[j];
          if (used[q.row]) continue;
          const std::string_view qs = text(q.row, &StatementRow::serial);
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
        add(p.row, &rows[q.row]);
        ++report.matched_by_time;
        report.matches.push_back(
            {rows[p.row].file, rows[q.row].file, rows[p.row].line, rows[q.row].line, false});
      }
    }
    for (std::size_t k = begin; k < end; ++k) {
      if (used[sides[k].row]) continue;
      add(sides[k].row, nullptr);
      ++report.one_sided;
    }
    begin = end;
  }
  std::vector<Side>().swap(sides);
  std::sort(decided.begin(), decided.end());
  builder.reserve_transactions(builder.num_transactions() + decided.size());
  for (const Decided& d : decided) add_decided(d);
  std::vector<Decided>().swap(decided);

  // Balances, in each statement's own order (the bank's booking sequence, which can differ from
  // the times by seconds; rows are in file and line order): each row's balance must follow from
  // the previous one; the first row's gives the opening balance.
  // Grouped by account with a counting sort, which keeps each account's rows in set order.
  std::vector<std::uint32_t> first_booking(builder.num_accounts() + 1, 0);
  for (std::uint32_t i = 0; i < rows.size(); ++i) ++first_booking[own[i] + 1];
  for (std::size_t a = 1; a < first_booking.size(); ++a) first_booking[a] += first_booking[a - 1];
  std::vector<std::uint32_t> bookings(rows.size());
  {
    std::vector<std::uint32_t> next(first_booking.begin(), first_booking.end() - 1);
    for (std::uint32_t i = 0; i < rows.size(); ++i) bookings[next[own[i]]++] = i;
  }
  std::vector<std::uint8_t> has_statement(builder.num_accounts(), 0);
  for (std::size_t begin = 0; begin < bookings.size();) {
    const VertexId account = own[bookings[begin]];
    const std::size_t end = first_booking[account + 1];
    const std::uint32_t first = bookings[begin];
    has_statement[account] = 1;
    AccountInput attributes;
    attributes.id = text(first, &StatementRow::account);
    Amount previous = std::nan("");  // NaN: no balance to check against
    for (std::size_t k = begin; k < end; ++k) {
      const StatementRow& r = rows[bookings[k]];
      const Amount signed_amount = r.outgoing ? -r.amount : r.amount;
      if (std::isnan(r.balance)) {
        previous = std::nan("");  // a row without a balance breaks the chain of checks
        continue;
      }
      if (!std::isnan(previous)) {
        const Amount expected = previous + signed_amount;
        if (std::abs(expected - r.balance) > 0.005)
          report.gaps.push_back({r.file, r.line, std::string(attributes.id), expected, r.balance});
      } else if (k == begin) {
        attributes.opening_balance = r.balance - signed_amount;
      }
      previous = r.balance;
    }
    std::string holder(text(first, &StatementRow::holder_name));
    const std::string_view id_number = text(first, &StatementRow::id_number);
    if (!holder.empty() && !id_number.empty()) (holder += '|') += id_number;
    attributes.holder = holder;
    attributes.phone = text(first, &StatementRow::phone);
    attributes.device = rows[first].device.length != 0 ? text(first, &StatementRow::device)
                                                       : text(first, &StatementRow::mac);
    if (!std::isnan(attributes.opening_balance)) ++report.opening_balances;
    builder.set_account(account, attributes);
    begin = end;
  }
  std::vector<std::uint32_t>().swap(bookings);
  std::sort(report.gaps.begin(), report.gaps.end(), [](const BalanceGap& a, const BalanceGap& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  // Counterparty names and banks, for accounts without a statement of their own.
  std::vector<std::uint8_t> named(builder.num_accounts(), 0);
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    if (rows[i].counterparty.length == 0 || has_statement[other[i]] || named[other[i]]) continue;
    named[other[i]] = 1;
    AccountInput attributes;
    attributes.id = text(i, &StatementRow::counterparty);
    attributes.holder = text(i, &StatementRow::counterparty_name);
    attributes.institution = text(i, &StatementRow::counterparty_bank);
    builder.set_account(other[i], attributes);
  }

  // Accounts seen on one IP address within the window are tied (a fraud team's phones and
  // computers operate many cards).
  std::vector<std::uint32_t> with_ip;
  for (std::uint32_t i = 0; i < rows.size(); ++i)
    if (rows[i].ip.length != 0) with_ip.push_back(i);
  std::sort(with_ip.begin(), with_ip.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tuple(text(a, &StatementRow::ip), rows[a].time, a) <
           std::tuple(text(b, &StatementRow::ip), rows[b].time, b);
  });
  std::vector<std::tuple<std::string_view, std::string_view, std::string_view>> ties;
  for (std::size_t k = 1; k < with_ip.size(); ++k) {
    const std::uint32_t a = with_ip[k - 1], b = with_ip[k];
    const std::string_view ip = text(a, &StatementRow::ip);
    if (ip != text(b, &StatementRow::ip) || own[a] == own[b] ||
        rows[b].time - rows[a].time > options.ip_window_seconds)
      continue;
    // Named first: std::minmax of two temporaries would return references to them.
    const std::string_view x = text(a, &StatementRow::account), y = text(b, &StatementRow::account);
    ties.emplace_back(std::min(x, y), std::max(x, y), ip);
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
