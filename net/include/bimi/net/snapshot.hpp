// Every DNS answer and HTTPS body a run used, kept so the same run can be replayed with no
// network: a user attaches the file to a support ticket and anyone reproduces the verdict offline.
// Recording wraps the live sources; replaying answers from the file and nothing else.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/auth/dns_resolver.hpp"
#include "bimi/net/https.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::net {

using FetchFunction = std::function<FetchResult(const std::string& url, std::size_t max_bytes)>;

// Bounds on a snapshot read from a file.
inline constexpr std::size_t max_snapshot_bytes = 16u << 20;
inline constexpr std::size_t max_snapshot_entries = 10000;

class Snapshot {
 public:
  // Sources that answer through `live` and remember each answer (the first one, if a question is
  // asked twice, so a replay gives what the run saw first). The snapshot must outlive them.
  records::TxtLookupFunction record_txt(records::TxtLookupFunction live);
  FetchFunction record_fetch(FetchFunction live);
  // The SPF side asks A, AAAA, MX, PTR and TXT through a resolver: kept apart from the TXT look-ups
  // above, whose answers tell a timeout from other failures.
  std::shared_ptr<auth::DnsResolver> record_resolver(std::shared_ptr<auth::DnsResolver> live);

  // Sources that answer from the snapshot only. A question it does not hold gets a failure that
  // says so (the replay then differs from the recorded run, and the report shows where).
  records::TxtLookupFunction replay_txt() const;
  FetchFunction replay_fetch() const;
  std::shared_ptr<auth::DnsResolver> replay_resolver() const;

  // The time the run judged certificates at (seconds since the epoch), so a replay judges them at
  // the same time.
  void set_time(long long at) { at_ = at; }
  std::optional<long long> time() const { return at_; }

  // JSON, keys sorted, bodies in base64: the same run gives the same bytes.
  std::string to_json() const;
  // nullopt with `error` for anything that is not a snapshot this version wrote, or past the bounds.
  static std::optional<Snapshot> from_json(std::string_view text, std::string& error);

  std::size_t size() const { return txt_.size() + fetches_.size() + resolver_.size(); }

 private:
  std::map<std::string, records::TxtLookup> txt_;
  std::map<std::string, FetchResult> fetches_;
  std::map<std::pair<auth::DnsType, std::string>, auth::DnsAnswer> resolver_;
  std::optional<long long> at_;
};

}  // namespace bimi::net
