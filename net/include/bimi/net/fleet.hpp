// Many domains in one run: the domain check on a pool of worker threads, each with its own DNS
// channel and HTTPS handles, so one slow or dead name server holds up one worker, not the run; a
// shared rate limit on queries; and each logo or certificate URL fetched, and each logo linted, once
// per run whatever the number of domains that point at it.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bimi/diagnostic.hpp"
#include "bimi/net/domain_check.hpp"
#include "bimi/records/public_suffix.hpp"

namespace bimi::net {

struct FleetWork {
  std::size_t index = 0;  // position in the list, for output in list order
  DomainCheckOptions options;
};

// One worker's sources; `owner` keeps alive whatever they point into.
struct WorkerSources {
  std::shared_ptr<void> owner;
  ChainSources sources;
};

struct FleetOptions {
  unsigned concurrency = 8;  // worker threads, each one domain at a time
};

// Checks every piece of work `next` gives (nullopt ends the list) on `concurrency` threads; each
// thread asks `make_sources` once. `next` and `done` are called one call at a time; `done` gets each
// report as it completes.
void run_fleet(const FleetOptions& options, const std::function<std::optional<FleetWork>()>& next,
               const std::function<WorkerSources()>& make_sources, const records::PublicSuffixList* psl,
               const std::function<void(const FleetWork&, DomainReport)>& done);

// At most `per_second` acquisitions per second across threads (0: no limit); a caller waits its turn.
class RateLimiter {
 public:
  explicit RateLimiter(double per_second);
  void acquire();

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::duration interval_{};
  std::chrono::steady_clock::time_point next_{};
};

// Fetches and lint results shared across threads: the first caller for a URL (or a logo's bytes)
// does the work and the others wait for its result. Past `max_cached_bytes` of bodies, fetches are no
// longer kept.
class SharedResults {
 public:
  explicit SharedResults(std::size_t max_cached_bytes = 64u << 20) : max_cached_bytes_(max_cached_bytes) {}
  using Fetch = std::function<FetchResult(const std::string& url, std::size_t max_bytes)>;
  using Lint = std::function<Diagnostics(std::string_view svg)>;
  Fetch share_fetch(Fetch live);
  Lint share_lint(Lint live);
  std::size_t fetches() const { return fetches_; }  // fetches that went to the network

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_future<FetchResult>> fetched_;
  std::map<std::string, std::shared_future<Diagnostics>> linted_;
  std::size_t cached_bytes_ = 0;
  std::size_t max_cached_bytes_;
  std::size_t fetches_ = 0;
};

}  // namespace bimi::net
