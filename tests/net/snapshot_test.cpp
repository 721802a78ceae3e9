#include "bimi/net/snapshot.hpp"

#include <gtest/gtest.h>

namespace bimi::net {
namespace {

records::TxtLookup found(std::vector<std::string> records) {
  records::TxtLookup lookup;
  lookup.status = records::LookupStatus::found;
  lookup.records = std::move(records);
  return lookup;
}

TEST(Snapshot, RecordsThenReplaysTheSameAnswersWithoutTheLiveSources) {
  Snapshot snapshot;
  int live_queries = 0;
  auto txt = snapshot.record_txt([&](const std::string& name) {
    ++live_queries;
    if (name == "default._bimi.example.com") return found({"v=BIMI1; l=https://example.com/logo.svg;"});
    records::TxtLookup missing;
    missing.status = records::LookupStatus::no_name;
    return missing;
  });
  auto fetch = snapshot.record_fetch([](const std::string& url, std::size_t) {
    FetchResult result;
    result.status = FetchStatus::ok;
    result.http_status = 200;
    result.content_type = "image/svg+xml";
    result.final_url = url;
    result.body = std::string("<svg>\0\xff</svg>", 13);
    return result;
  });
  EXPECT_EQ(txt("default._bimi.example.com").records.size(), 1u);
  EXPECT_EQ(txt("_dmarc.example.com").status, records::LookupStatus::no_name);
  EXPECT_EQ(fetch("https://example.com/logo.svg", 1000).status, FetchStatus::ok);
  EXPECT_EQ(live_queries, 2);

  std::string json = snapshot.to_json();
  std::string error;
  auto loaded = Snapshot::from_json(json, error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->to_json(), json);  // the same bytes again
  auto replay_txt = loaded->replay_txt();
  EXPECT_EQ(replay_txt("default._bimi.example.com").records[0], "v=BIMI1; l=https://example.com/logo.svg;");
  EXPECT_EQ(replay_txt("_dmarc.example.com").status, records::LookupStatus::no_name);
  auto unasked = replay_txt("selector._bimi.example.com");
  EXPECT_EQ(unasked.status, records::LookupStatus::failure);
  EXPECT_NE(unasked.detail.find("snapshot"), std::string::npos);
  auto body = loaded->replay_fetch()("https://example.com/logo.svg", 1000);
  EXPECT_EQ(body.body, std::string("<svg>\0\xff</svg>", 13));
  EXPECT_EQ(body.content_type, "image/svg+xml");
  EXPECT_EQ(loaded->replay_fetch()("https://example.com/logo.svg", 5).status, FetchStatus::too_large);
  EXPECT_EQ(loaded->replay_fetch()("https://example.com/other.pem", 1000).status, FetchStatus::failure);
}

class FixedResolver : public auth::DnsResolver {
 public:
  int queries = 0;
  auth::DnsAnswer lookup(auth::DnsType type, const std::string& name) override {
    ++queries;
    auth::DnsAnswer answer;
    if (type == auth::DnsType::a && name == "mail.example.com") {
      answer.outcome = auth::DnsOutcome::found;
      answer.records = {"192.0.2.1"};
    } else {
      answer.outcome = auth::DnsOutcome::no_name;
    }
    return answer;
  }
};

TEST(Snapshot, ResolverAnswersAndTheTimeReplayToo) {
  Snapshot snapshot;
  auto live = std::make_shared<FixedResolver>();
  auto recording = snapshot.record_resolver(live);
  EXPECT_EQ(recording->lookup(auth::DnsType::a, "mail.example.com").records[0], "192.0.2.1");
  EXPECT_EQ(recording->lookup(auth::DnsType::mx, "example.com").outcome, auth::DnsOutcome::no_name);
  EXPECT_EQ(live->queries, 2);
  snapshot.set_time(1'800'000'000);
  std::string error;
  auto loaded = Snapshot::from_json(snapshot.to_json(), error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->time(), 1'800'000'000);
  auto replay = loaded->replay_resolver();
  EXPECT_EQ(replay->lookup(auth::DnsType::a, "mail.example.com").records[0], "192.0.2.1");
  EXPECT_EQ(replay->lookup(auth::DnsType::mx, "example.com").outcome, auth::DnsOutcome::no_name);
  auto missing = replay->lookup(auth::DnsType::aaaa, "mail.example.com");
  EXPECT_EQ(missing.outcome, auth::DnsOutcome::temporary_failure);
  EXPECT_NE(missing.detail.find("snapshot"), std::string::npos);
  EXPECT_EQ(loaded->to_json(), snapshot.to_json());
}

TEST(Snapshot, RefusesWhatIsNotASnapshot) {
  std::string error;
  for (std::string text : {"", "[]", "{\"bimi_snapshot\": 2, \"dns\": [], \"https\": []}",
                           "{\"bimi_snapshot\": 1, \"dns\": {}, \"https\": []}",
                           "{\"bimi_snapshot\": 1, \"dns\": [{\"type\": \"mx\", \"name\": \"a\", \"status\": \"found\", "
                           "\"records\": []}], \"https\": []}",
                           "{\"bimi_snapshot\": 1, \"dns\": [{\"type\": \"txt\", \"name\": \"a\", \"status\": \"maybe\", "
                           "\"records\": []}], \"https\": []}",
                           "{\"bimi_snapshot\": 1, \"dns\": [], \"https\": [{\"url\": \"u\", \"status\": \"ok\", "
                           "\"http_status\": 200, \"redirects\": 0, \"body_base64\": \"***\"}]}",
                           "{\"bimi_snapshot\": 1, \"at\": \"now\", \"dns\": [], \"https\": []}",
                           "{\"bimi_snapshot\": 1, \"dns\": [], \"https\": [], \"resolver\": [{\"type\": \"srv\", "
                           "\"name\": \"a\", \"outcome\": \"found\", \"records\": []}]}"}) {
    error.clear();
    EXPECT_FALSE(Snapshot::from_json(text, error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  EXPECT_FALSE(Snapshot::from_json(std::string(max_snapshot_bytes + 1, ' '), error));
}

}  // namespace
}  // namespace bimi::net
