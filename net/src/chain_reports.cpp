#include "bimi/net/chain_reports.hpp"

#include <exception>

namespace bimi::net {

std::shared_ptr<const DomainReport> ChainReports::get(const std::string& key, const std::function<DomainReport()>& check) {
  std::promise<std::shared_ptr<const DomainReport>> promise;
  std::shared_future<std::shared_ptr<const DomainReport>> pending;
  bool keep = false;
  {
    std::lock_guard lock(mutex_);
    if (auto found = reports_.find(key); found != reports_.end()) {
      pending = found->second;
    } else if (reports_.size() < max_entries) {
      reports_.emplace(key, promise.get_future().share());
      keep = true;
    }
  }
  if (pending.valid()) return pending.get();
  if (!keep) return std::make_shared<const DomainReport>(check());
  try {
    auto report = std::make_shared<const DomainReport>(check());
    promise.set_value(report);
    return report;
  } catch (...) {
    promise.set_exception(std::current_exception());
    throw;
  }
}

std::size_t ChainReports::size() const {
  std::lock_guard lock(mutex_);
  return reports_.size();
}

}  // namespace bimi::net
