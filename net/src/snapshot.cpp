#include "bimi/net/snapshot.hpp"

#include <nlohmann/json.hpp>

#include "bimi/base64.hpp"

namespace bimi::net {
namespace {

constexpr int format_version = 1;

// Names in the file, one per status, so a snapshot reads well and survives reordering the enums.
const std::map<records::LookupStatus, std::string>& lookup_names() {
  static const std::map<records::LookupStatus, std::string> names{
      {records::LookupStatus::found, "found"},         {records::LookupStatus::no_records, "no-records"},
      {records::LookupStatus::no_name, "no-name"},     {records::LookupStatus::timeout, "timeout"},
      {records::LookupStatus::failure, "failure"},     {records::LookupStatus::too_large, "too-large"}};
  return names;
}

const std::map<FetchStatus, std::string>& fetch_names() {
  static const std::map<FetchStatus, std::string> names{
      {FetchStatus::ok, "ok"},           {FetchStatus::failure, "failure"},     {FetchStatus::tls, "tls"},
      {FetchStatus::timeout, "timeout"}, {FetchStatus::redirect, "redirect"},   {FetchStatus::too_large, "too-large"},
      {FetchStatus::bad_host, "bad-host"}, {FetchStatus::private_address, "private-address"}};
  return names;
}

const std::map<auth::DnsOutcome, std::string>& outcome_names() {
  static const std::map<auth::DnsOutcome, std::string> names{{auth::DnsOutcome::found, "found"},
                                                             {auth::DnsOutcome::no_data, "no-data"},
                                                             {auth::DnsOutcome::no_name, "no-name"},
                                                             {auth::DnsOutcome::temporary_failure, "temporary-failure"}};
  return names;
}

const std::map<auth::DnsType, std::string>& type_names() {
  static const std::map<auth::DnsType, std::string> names{{auth::DnsType::txt, "txt"}, {auth::DnsType::a, "a"},
                                                          {auth::DnsType::aaaa, "aaaa"}, {auth::DnsType::mx, "mx"},
                                                          {auth::DnsType::ptr, "ptr"}};
  return names;
}

using ResolverAnswers = std::map<std::pair<auth::DnsType, std::string>, auth::DnsAnswer>;

class RecordingResolver : public auth::DnsResolver {
 public:
  RecordingResolver(std::shared_ptr<auth::DnsResolver> live, ResolverAnswers& answers)
      : live_(std::move(live)), answers_(answers) {}
  auth::DnsAnswer lookup(auth::DnsType type, const std::string& name) override {
    auth::DnsAnswer answer = live_->lookup(type, name);
    answers_.emplace(std::make_pair(type, name), answer);
    return answer;
  }

 private:
  std::shared_ptr<auth::DnsResolver> live_;
  ResolverAnswers& answers_;
};

class ReplayingResolver : public auth::DnsResolver {
 public:
  explicit ReplayingResolver(const ResolverAnswers& answers) : answers_(answers) {}
  auth::DnsAnswer lookup(auth::DnsType type, const std::string& name) override {
    auto it = answers_.find({type, name});
    if (it != answers_.end()) return it->second;
    auth::DnsAnswer missing;
    missing.outcome = auth::DnsOutcome::temporary_failure;
    missing.detail = "the snapshot holds no " + type_names().at(type) + " answer for " + name;
    return missing;
  }

 private:
  const ResolverAnswers& answers_;
};

// The strings of a JSON list; false when an item is not a string.
bool read_strings(const nlohmann::json& list, std::vector<std::string>& out) {
  for (const auto& item : list) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

template <typename Enum>
std::optional<Enum> from_name(const std::map<Enum, std::string>& names, const std::string& name) {
  for (const auto& [value, text] : names)
    if (text == name) return value;
  return std::nullopt;
}


}  // namespace

records::TxtLookupFunction Snapshot::record_txt(records::TxtLookupFunction live) {
  return [this, live = std::move(live)](const std::string& name) {
    records::TxtLookup answer = live(name);
    txt_.emplace(name, answer);
    return answer;
  };
}

FetchFunction Snapshot::record_fetch(FetchFunction live) {
  return [this, live = std::move(live)](const std::string& url, std::size_t max_bytes) {
    FetchResult result = live(url, max_bytes);
    fetches_.emplace(url, result);
    return result;
  };
}

std::shared_ptr<auth::DnsResolver> Snapshot::record_resolver(std::shared_ptr<auth::DnsResolver> live) {
  return std::make_shared<RecordingResolver>(std::move(live), resolver_);
}

std::shared_ptr<auth::DnsResolver> Snapshot::replay_resolver() const {
  return std::make_shared<ReplayingResolver>(resolver_);
}

records::TxtLookupFunction Snapshot::replay_txt() const {
  return [this](const std::string& name) {
    auto it = txt_.find(name);
    if (it != txt_.end()) return it->second;
    records::TxtLookup missing;
    missing.status = records::LookupStatus::failure;
    missing.detail = "the snapshot holds no answer for " + name;
    return missing;
  };
}

FetchFunction Snapshot::replay_fetch() const {
  return [this](const std::string& url, std::size_t max_bytes) {
    auto it = fetches_.find(url);
    if (it == fetches_.end()) {
      FetchResult missing;
      missing.detail = "the snapshot holds no response for " + url;
      return missing;
    }
    FetchResult result = it->second;
    // The limit applies on replay as it did live.
    if (result.body.size() > max_bytes) {
      result.status = FetchStatus::too_large;
      result.body.clear();
    }
    return result;
  };
}

std::string Snapshot::to_json() const {
  nlohmann::ordered_json dns = nlohmann::ordered_json::array();
  for (const auto& [name, answer] : txt_) {
    dns.push_back({{"type", "txt"}, {"name", name}, {"status", lookup_names().at(answer.status)},
                   {"records", answer.records}, {"detail", answer.detail}});
  }
  nlohmann::ordered_json https = nlohmann::ordered_json::array();
  for (const auto& [url, result] : fetches_) {
    https.push_back({{"url", url}, {"status", fetch_names().at(result.status)}, {"http_status", result.http_status},
                     {"content_type", result.content_type}, {"final_url", result.final_url},
                     {"redirects", result.redirects}, {"detail", result.detail}, {"body_base64", base64_encode(result.body)}});
  }
  nlohmann::ordered_json resolver = nlohmann::ordered_json::array();
  for (const auto& [question, answer] : resolver_) {
    resolver.push_back({{"type", type_names().at(question.first)}, {"name", question.second},
                        {"outcome", outcome_names().at(answer.outcome)}, {"records", answer.records},
                        {"detail", answer.detail}});
  }
  nlohmann::ordered_json document{{"bimi_snapshot", format_version}};
  if (at_) document["at"] = *at_;
  document["dns"] = dns;
  document["resolver"] = resolver;
  document["https"] = https;
  return document.dump(1) + "\n";
}

std::optional<Snapshot> Snapshot::from_json(std::string_view text, std::string& error) {
  if (text.size() > max_snapshot_bytes) {
    error = "the snapshot is larger than " + std::to_string(max_snapshot_bytes >> 20) + " MiB";
    return std::nullopt;
  }
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    error = "the snapshot is not JSON";
    return std::nullopt;
  }
  auto version = document.find("bimi_snapshot");
  if (version == document.end() || !version->is_number_integer() || version->get<int>() != format_version) {
    error = "the file is not a bimi snapshot of version " + std::to_string(format_version);
    return std::nullopt;
  }
  auto dns = document.find("dns");
  auto https = document.find("https");
  if (dns == document.end() || !dns->is_array() || https == document.end() || !https->is_array()) {
    error = "the snapshot lacks its dns or https list";
    return std::nullopt;
  }
  auto resolver = document.find("resolver");
  if (resolver != document.end() && !resolver->is_array()) {
    error = "the snapshot's resolver list is not a list";
    return std::nullopt;
  }
  std::size_t resolver_entries = resolver == document.end() ? 0 : resolver->size();
  if (dns->size() + https->size() + resolver_entries > max_snapshot_entries) {
    error = "the snapshot has more than " + std::to_string(max_snapshot_entries) + " entries";
    return std::nullopt;
  }
  auto text_field = [](const nlohmann::json& entry, const char* key) -> std::optional<std::string> {
    auto it = entry.find(key);
    if (it == entry.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  Snapshot snapshot;
  if (auto at = document.find("at"); at != document.end()) {
    if (!at->is_number_integer()) {
      error = "the snapshot's time is not a number of seconds";
      return std::nullopt;
    }
    snapshot.at_ = at->get<long long>();
  }
  if (resolver != document.end()) {
    for (const auto& entry : *resolver) {
      if (!entry.is_object()) {
        error = "a resolver entry is not an object";
        return std::nullopt;
      }
      auto type = text_field(entry, "type");
      auto name = text_field(entry, "name");
      auto outcome = text_field(entry, "outcome");
      auto records = entry.find("records");
      auto parsed_type = type ? from_name(type_names(), *type) : std::nullopt;
      auto parsed_outcome = outcome ? from_name(outcome_names(), *outcome) : std::nullopt;
      if (!parsed_type || !name || !parsed_outcome || records == entry.end() || !records->is_array()) {
        error = "a resolver entry is malformed";
        return std::nullopt;
      }
      auth::DnsAnswer answer;
      answer.outcome = *parsed_outcome;
      answer.detail = text_field(entry, "detail").value_or("");
      if (!read_strings(*records, answer.records)) {
        error = "a resolver record is not a string";
        return std::nullopt;
      }
      snapshot.resolver_.emplace(std::make_pair(*parsed_type, *name), std::move(answer));
    }
  }
  for (const auto& entry : *dns) {
    if (!entry.is_object()) {
      error = "a dns entry is not an object";
      return std::nullopt;
    }
    auto type = text_field(entry, "type");
    auto name = text_field(entry, "name");
    auto status = text_field(entry, "status");
    auto records = entry.find("records");
    std::optional<records::LookupStatus> parsed = status ? from_name(lookup_names(), *status) : std::nullopt;
    if (!type || *type != "txt" || !name || !parsed || records == entry.end() || !records->is_array()) {
      error = "a dns entry is malformed";
      return std::nullopt;
    }
    records::TxtLookup answer;
    answer.status = *parsed;
    answer.detail = text_field(entry, "detail").value_or("");
    if (!read_strings(*records, answer.records)) {
      error = "a dns record is not a string";
      return std::nullopt;
    }
    snapshot.txt_.emplace(*name, std::move(answer));
  }
  for (const auto& entry : *https) {
    if (!entry.is_object()) {
      error = "an https entry is not an object";
      return std::nullopt;
    }
    auto url = text_field(entry, "url");
    auto status = text_field(entry, "status");
    auto body = text_field(entry, "body_base64");
    auto http_status = entry.find("http_status");
    auto redirects = entry.find("redirects");
    std::optional<FetchStatus> parsed = status ? from_name(fetch_names(), *status) : std::nullopt;
    std::optional<std::string> decoded = body ? base64_decode(*body) : std::nullopt;
    if (!url || !parsed || !decoded || http_status == entry.end() || !http_status->is_number_integer() ||
        redirects == entry.end() || !redirects->is_number_integer()) {
      error = "an https entry is malformed";
      return std::nullopt;
    }
    FetchResult result;
    result.status = *parsed;
    result.http_status = http_status->get<long>();
    result.redirects = redirects->get<int>();
    result.content_type = text_field(entry, "content_type").value_or("");
    result.final_url = text_field(entry, "final_url").value_or("");
    result.detail = text_field(entry, "detail").value_or("");
    result.body = std::move(*decoded);
    snapshot.fetches_.emplace(*url, std::move(result));
  }
  return snapshot;
}

}  // namespace bimi::net
