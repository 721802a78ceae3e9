// bimi domain over many domains: from arguments, a list file or standard input, checked on worker
// threads, printed in list order (text table, JSON, JSON Lines streamed, CSV), with a state saved
// for the next run and the drift from a baseline.
#pragma once

#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "live_run.hpp"

namespace bimi::cli {

struct DomainRequest {
  std::vector<std::string> domains;
  std::string domains_file;  // "-": standard input
  std::vector<std::string> selectors{"default"};
  std::string format = "text";
  std::string local_part;
  int warn_days = 30;
  unsigned concurrency = 8;
  double rate = 0;  // queries per second; 0: no limit
  std::string baseline;
  std::string save;
  std::string html;  // the dashboard page
  live_run::NetworkOptions network;
};

// True when the request is one domain and one selector printed as a full report (the single-domain
// form, unchanged).
bool is_single_domain(const DomainRequest& request);

ExitCode run_domain_fleet(const DomainRequest& request);

}  // namespace bimi::cli
