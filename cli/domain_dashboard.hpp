// bimi domain --html: one self-contained page for a many-domain run — per domain the verdict, the
// first broken link, the logo drawn from the bytes that were checked, the certificate's end on a
// timeline, and what changed since the baseline. No script, no network (a Content-Security-Policy
// forbids both); logos are images from data: URIs, so nothing in them runs.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "bimi/net/domain_check.hpp"
#include "bimi/net/domain_state.hpp"

namespace bimi::cli {

class Dashboard {
 public:
  // Bounds on the page: rows past max_rows are counted, not shown; distinct logos past max_logos are
  // not drawn.
  static constexpr std::size_t max_rows = 100000;
  static constexpr std::size_t max_logos = 256;

  void add(std::size_t index, const net::DomainReport& report, const std::vector<net::Drift>& drift);
  std::string html(long long now, int warn_days, bool with_baseline) const;

 private:
  struct Row {
    std::string domain, selector;
    bool ready = false;
    std::string step, rule, message;  // the first broken link
    std::string logo;                 // the logo's SHA-256, when it was fetched
    long long not_after = 0;
    std::vector<net::Drift> drift;
  };
  std::map<std::size_t, Row> rows_;
  std::size_t left_out_ = 0;
  std::map<std::string, std::string> logos_;  // SHA-256 -> the SVG's bytes
};

}  // namespace bimi::cli
