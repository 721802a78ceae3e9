// The BIMI steps' reports of one run, shared by all its worker threads: the record discovery, logo
// fetch and certificate verification of a sender run once per run, however many threads judge that
// sender's messages. A thread that asks while another is checking the same sender waits for it.
#pragma once

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "bimi/net/domain_check.hpp"

namespace bimi::net {

class ChainReports {
 public:
  // Past this many senders, chains are checked for each message instead of kept.
  static constexpr std::size_t max_entries = 4096;

  // The report kept under `key`, or the one `check` makes (kept while there is room). `check` runs
  // on the calling thread, outside the lock; an exception it throws reaches every waiting caller.
  std::shared_ptr<const DomainReport> get(const std::string& key, const std::function<DomainReport()>& check);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_future<std::shared_ptr<const DomainReport>>> reports_;
};

}  // namespace bimi::net
