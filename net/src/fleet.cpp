#include "bimi/net/fleet.hpp"

#include <thread>
#include <vector>

#include "bimi/vmc/logo_hash.hpp"

namespace bimi::net {

void run_fleet(const FleetOptions& options, const std::function<std::optional<FleetWork>()>& next,
               const std::function<WorkerSources()>& make_sources, const records::PublicSuffixList* psl,
               const std::function<void(const FleetWork&, DomainReport)>& done) {
  std::mutex next_mutex, done_mutex;
  auto worker = [&] {
    WorkerSources sources;
    {
      // Creating a DNS channel reads system files: one worker at a time.
      std::lock_guard lock(next_mutex);
      sources = make_sources();
    }
    for (;;) {
      std::optional<FleetWork> work;
      {
        std::lock_guard lock(next_mutex);
        work = next();
      }
      if (!work) return;
      DomainReport report = check_domain(work->options, psl, sources.sources);
      std::lock_guard lock(done_mutex);
      done(*work, std::move(report));
    }
  };
  unsigned count = std::max(1u, options.concurrency);
  std::vector<std::thread> threads;
  threads.reserve(count);
  for (unsigned i = 0; i < count; ++i) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
}

RateLimiter::RateLimiter(double per_second) {
  if (per_second > 0) {
    interval_ = std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(1.0 / per_second));
  }
}

void RateLimiter::acquire() {
  if (interval_.count() == 0) return;
  std::chrono::steady_clock::time_point slot;
  {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    slot = std::max(now, next_);
    next_ = slot + interval_;
  }
  std::this_thread::sleep_until(slot);
}

SharedResults::Fetch SharedResults::share_fetch(Fetch live) {
  return [this, live = std::move(live)](const std::string& url, std::size_t max_bytes) {
    std::string key = std::to_string(max_bytes) + " " + url;
    std::promise<FetchResult> promise;
    std::shared_future<FetchResult> waiting;
    bool keep = false;
    {
      std::lock_guard lock(mutex_);
      auto found = fetched_.find(key);
      if (found != fetched_.end()) {
        waiting = found->second;
      } else {
        ++fetches_;
        keep = cached_bytes_ < max_cached_bytes_;
        if (keep) fetched_.emplace(key, promise.get_future().share());
      }
    }
    if (waiting.valid()) return waiting.get();
    FetchResult result = live(url, max_bytes);
    if (keep) {
      {
        std::lock_guard lock(mutex_);
        cached_bytes_ += result.body.size();
      }
      promise.set_value(result);
    }
    return result;
  };
}

SharedResults::Lint SharedResults::share_lint(Lint live) {
  if (!live) return live;
  return [this, live = std::move(live)](std::string_view svg) {
    std::string key = vmc::hex_digest(vmc::HashAlgorithm::sha256, svg);
    std::promise<Diagnostics> promise;
    std::shared_future<Diagnostics> waiting;
    {
      std::lock_guard lock(mutex_);
      auto found = linted_.find(key);
      if (found != linted_.end()) {
        waiting = found->second;
      } else {
        linted_.emplace(key, promise.get_future().share());
      }
    }
    if (waiting.valid()) return waiting.get();
    Diagnostics result = live(svg);
    promise.set_value(result);
    return result;
  };
}

}  // namespace bimi::net
