// A zone in a string for the discovery tests: one "name: value" line per TXT record, or
// "name: !timeout" / "!failure" / "!too_large" / "!no_records" for a look-up that fails or is
// empty. Names not listed do not exist. Every look-up made is recorded.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bimi/records/lookup.hpp"

namespace bimi::records::test {

class Zone {
 public:
  explicit Zone(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      std::size_t colon = line.find(": ");
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      std::string value = line.substr(colon + 2);
      TxtLookup& entry = entries_[name];
      if (value == "!timeout") {
        entry.status = LookupStatus::timeout;
      } else if (value == "!failure") {
        entry.status = LookupStatus::failure;
        entry.detail = "SERVFAIL";
      } else if (value == "!too_large") {
        entry.status = LookupStatus::too_large;
      } else if (value == "!no_records") {
        entry.status = LookupStatus::no_records;
      } else {
        entry.status = LookupStatus::found;
        entry.records.push_back(value);
      }
    }
  }

  TxtLookupFunction lookup() {
    return [this](const std::string& name) {
      queried_.push_back(name);
      auto it = entries_.find(name);
      if (it != entries_.end()) return it->second;
      // A name with records below it exists (NOERROR, no data), as in the DNS.
      for (const auto& [known, entry] : entries_) {
        if (known.size() > name.size() && known.compare(known.size() - name.size() - 1, std::string::npos, "." + name) == 0) {
          return TxtLookup{LookupStatus::no_records, {}, {}};
        }
      }
      return TxtLookup{LookupStatus::no_name, {}, {}};
    };
  }

  const std::vector<std::string>& queried() const { return queried_; }

 private:
  std::map<std::string, TxtLookup> entries_;
  std::vector<std::string> queried_;
};

}  // namespace bimi::records::test
