// Every DNS answer and HTTPS body a run used, kept so the same run can be replayed with no
// network: a user attaches the file to a support ticket and anyone reproduces the verdict offline.
// Recording wraps the live sources; replaying answers from the file and nothing else.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

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

  // Sources that answer from the snapshot only. A question it does not hold gets a failure that
  // says so (the replay then differs from the recorded run, and the report shows where).
  records::TxtLookupFunction replay_txt() const;
  FetchFunction replay_fetch() const;

  // JSON, keys sorted, bodies in base64: the same run gives the same bytes.
  std::string to_json() const;
  // nullopt with `error` for anything that is not a snapshot this version wrote, or past the bounds.
  static std::optional<Snapshot> from_json(std::string_view text, std::string& error);

  std::size_t size() const { return txt_.size() + fetches_.size(); }

 private:
  std::map<std::string, records::TxtLookup> txt_;
  std::map<std::string, FetchResult> fetches_;
};

}  // namespace bimi::net
