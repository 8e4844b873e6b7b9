#include "graph/ownership_links.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace moneytrail {
namespace {

void link_groups(const std::vector<std::uint32_t>& attribute, LinkKind kind,
                 std::uint32_t max_clique, std::vector<AccountLink>& out) {
  std::vector<std::pair<std::uint32_t, VertexId>> keyed;
  for (VertexId v = 0; v < attribute.size(); ++v) {
    if (attribute[v] != kNoSymbol) keyed.emplace_back(attribute[v], v);
  }
  std::sort(keyed.begin(), keyed.end());
  for (std::size_t begin = 0; begin < keyed.size();) {
    std::size_t end = begin;
    while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
    const std::size_t size = end - begin;
    const std::uint32_t evidence = keyed[begin].first;
    if (size <= max_clique) {
      for (std::size_t i = begin; i < end; ++i) {
        for (std::size_t j = i + 1; j < end; ++j) {
          out.push_back({keyed[i].second, keyed[j].second, kind, evidence});
        }
      }
    } else {
      for (std::size_t j = begin + 1; j < end; ++j) {
        out.push_back({keyed[begin].second, keyed[j].second, kind, evidence});
      }
    }
    begin = end;
  }
}

}  // namespace

std::vector<AccountLink> ownership_links(const TransactionGraph& graph,
                                         const OwnershipLinkOptions& options) {
  std::vector<AccountLink> links;
  const AccountTable& accounts = graph.accounts();
  if (options.by_holder) link_groups(accounts.holder, LinkKind::holder, options.max_clique, links);
  if (options.by_phone) link_groups(accounts.phone, LinkKind::phone, options.max_clique, links);
  if (options.by_device) link_groups(accounts.device, LinkKind::device, options.max_clique, links);
  if (options.include_stated) {
    for (AccountLink link : graph.links()) {
      if (link.a == link.b) continue;
      if (link.a > link.b) std::swap(link.a, link.b);
      links.push_back(link);
    }
  }
  auto key = [](const AccountLink& l) { return std::tuple(l.kind, l.evidence, l.a, l.b); };
  std::sort(links.begin(), links.end(),
            [&](const AccountLink& x, const AccountLink& y) { return key(x) < key(y); });
  links.erase(
      std::unique(links.begin(), links.end(),
                  [&](const AccountLink& x, const AccountLink& y) { return key(x) == key(y); }),
      links.end());
  return links;
}

}  // namespace moneytrail
