// The pieces of a many-domain run without servers: list lines, saved states and their drift, the
// worker pool, the shared fetches and the rate limit.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "bimi/net/domain_list.hpp"
#include "bimi/net/domain_state.hpp"
#include "bimi/net/fleet.hpp"

namespace bimi::net {
namespace {

std::optional<DomainListEntry> line(const std::string& text, std::string& error) { return parse_domain_list_line(text, 7, error); }

TEST(DomainList, DomainsSelectorsCommentsAndBlankLines) {
  std::string error;
  auto entry = line("  Example.COM.  brand, default   # the main one", error);
  ASSERT_TRUE(entry) << error;
  EXPECT_EQ(entry->domain, "example.com");
  EXPECT_EQ(entry->selectors, (std::vector<std::string>{"brand", "default"}));
  EXPECT_EQ(entry->line, 7);
  EXPECT_FALSE(line("# only a comment", error));
  EXPECT_EQ(error, "");
  EXPECT_FALSE(line("   \t\r", error));
  EXPECT_EQ(error, "");
  auto repeated = line("example.com a a", error);
  ASSERT_TRUE(repeated);
  EXPECT_EQ(repeated->selectors.size(), 1u);
}

TEST(DomainList, InternationalizedNamesBecomeALabels) {
  std::string error;
  auto entry = line("bücher.example", error);
  ASSERT_TRUE(entry) << error;
  EXPECT_EQ(entry->domain, "xn--bcher-kva.example");
}

TEST(DomainList, BrokenLinesSayWhy) {
  std::string error;
  EXPECT_FALSE(line("not..a.domain", error));
  EXPECT_NE(error.find("is not a domain name"), std::string::npos) << error;
  EXPECT_FALSE(line("example.com bad_selector!", error));
  EXPECT_NE(error.find("is not a selector"), std::string::npos) << error;
  std::string many = "example.com";
  for (int i = 0; i < 17; ++i) many += " s" + std::to_string(i);
  EXPECT_FALSE(line(many, error));
  EXPECT_NE(error.find("selectors"), std::string::npos) << error;
  EXPECT_FALSE(line(std::string(max_domain_list_line + 1, 'a'), error));
  EXPECT_NE(error.find("longer than"), std::string::npos) << error;
}

DomainState good() {
  DomainState state;
  state.domain = "example.com";
  state.selector = "default";
  state.ready = true;
  state.dmarc_policy = "reject";
  state.dmarc_record = "v=DMARC1; p=reject";
  state.bimi_record = "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem";
  state.logo_sha256 = std::string(64, 'a');
  state.certificate_sha256 = std::string(64, 'b');
  state.certificate_not_after = 2'000'000'000;
  return state;
}

std::vector<std::string> whats(const std::vector<Drift>& drift) {
  std::vector<std::string> out;
  for (const auto& d : drift) out.push_back(d.what + (d.worse ? "!" : ""));
  return out;
}

constexpr long long now = 1'700'000'000;

TEST(DomainState, NothingChangedIsNoDrift) { EXPECT_TRUE(compare_states(good(), good(), now, 30).empty()); }

TEST(DomainState, EachChangeIsNamedAndOnlyLossesAreWorse) {
  DomainState weaker = good();
  weaker.dmarc_policy = "none";
  EXPECT_EQ(whats(compare_states(good(), weaker, now, 30)), (std::vector<std::string>{"dmarc-weakened!"}));
  DomainState stronger = good();
  stronger.dmarc_policy = "quarantine";
  EXPECT_EQ(whats(compare_states(stronger, good(), now, 30)), (std::vector<std::string>{"dmarc-strengthened"}));
  DomainState rua = good();
  rua.dmarc_record += "; rua=mailto:d@example.com";
  EXPECT_EQ(whats(compare_states(good(), rua, now, 30)), (std::vector<std::string>{"dmarc-record-changed"}));
  DomainState gone = good();
  gone.bimi_record.clear();
  gone.logo_sha256.clear();
  gone.certificate_sha256.clear();
  gone.certificate_not_after = 0;
  gone.ready = false;
  gone.errors = {"bimi-record-missing"};
  EXPECT_EQ(whats(compare_states(good(), gone, now, 30)),
            (std::vector<std::string>{"bimi-record-gone!", "logo-changed", "certificate-replaced", "verdict-broken!"}));
  EXPECT_EQ(whats(compare_states(gone, good(), now, 30)),
            (std::vector<std::string>{"bimi-record-new", "logo-changed", "certificate-replaced", "verdict-fixed"}));
  EXPECT_EQ(whats(compare_states(std::nullopt, good(), now, 30)), (std::vector<std::string>{"domain-new"}));
}

TEST(DomainState, ACertificateEnteringTheWarningWindowIsNewsOnce) {
  DomainState soon = good();
  soon.certificate_not_after = now + 10 * 86400;
  DomainState far = soon;
  far.certificate_not_after = now + 100 * 86400;
  EXPECT_EQ(whats(compare_states(far, soon, now, 30)), (std::vector<std::string>{"certificate-expiring!"}));
  EXPECT_TRUE(compare_states(soon, soon, now, 30).empty()) << "the baseline already knew";
  EXPECT_TRUE(compare_states(soon, soon, now, 5).empty());
}

TEST(DomainState, SavedStatesReadBackAndBadFilesAreRefused) {
  DomainState other = good();
  other.domain = "a.example";
  other.errors = {"dmarc-policy-none", "validity"};
  std::string text = states_to_json({good(), other});
  EXPECT_EQ(text, states_to_json({other, good()})) << "sorted: the same run gives the same bytes";
  std::string error;
  auto read = states_from_json(text, error);
  ASSERT_TRUE(read) << error;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].domain, "a.example");
  EXPECT_EQ((*read)[0].errors, other.errors);
  EXPECT_EQ((*read)[1].certificate_not_after, 2'000'000'000);
  for (const std::string& bad : {std::string("[]"), std::string("{\"version\": 2, \"domains\": []}"),
                                 std::string("{\"version\": 1}"), std::string("{\"version\": 1, \"domains\": [{\"domain\": 5}]}"),
                                 std::string("not json"), std::string()}) {
    EXPECT_FALSE(states_from_json(bad, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
}

// In-memory sources: every domain has the same record, logo and certificate URL.
WorkerSources memory_sources(std::atomic<int>& fetches) {
  WorkerSources worker;
  worker.sources.txt = [](const std::string& name) {
    records::TxtLookup lookup;
    lookup.status = records::LookupStatus::found;
    if (name.rfind("_dmarc.", 0) == 0) {
      lookup.records = {"v=DMARC1; p=reject"};
    } else if (name.find("._bimi.") != std::string::npos) {
      lookup.records = {"v=BIMI1; l=https://cdn.example/logo.svg"};
    } else {
      lookup.status = records::LookupStatus::no_name;
    }
    return lookup;
  };
  worker.sources.fetch = [&fetches](const std::string& url, std::size_t) {
    ++fetches;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // long enough for the workers to meet
    FetchResult result;
    result.status = FetchStatus::ok;
    result.http_status = 200;
    result.content_type = "image/svg+xml";
    result.final_url = url;
    result.body = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\"/>";
    return result;
  };
  return worker;
}

TEST(Fleet, EveryDomainOnceAcrossWorkersAndEachUrlFetchedOnce) {
  std::atomic<int> fetches{0};
  SharedResults shared;
  std::size_t given = 0;
  auto next = [&]() -> std::optional<FleetWork> {
    if (given == 200) return std::nullopt;
    FleetWork work{given, {}};
    work.options.domain = "d" + std::to_string(given++) + ".example";
    return work;
  };
  auto make = [&]() {
    WorkerSources worker = memory_sources(fetches);
    worker.sources.fetch = shared.share_fetch(worker.sources.fetch);
    return worker;
  };
  std::set<std::size_t> done;
  std::size_t ready = 0;
  run_fleet({8}, next, make, nullptr, [&](const FleetWork& work, DomainReport report) {
    EXPECT_TRUE(done.insert(work.index).second);
    EXPECT_EQ(report.domain, work.options.domain);
    if (report.steps.size() == 4 && !report.steps[1].findings.has_errors()) ++ready;
  });
  EXPECT_EQ(done.size(), 200u);
  EXPECT_EQ(ready, 200u);
  EXPECT_EQ(fetches.load(), 1) << "one logo URL for 200 domains on 8 threads";
  EXPECT_EQ(shared.fetches(), 1u);
}

TEST(Fleet, TheRateLimitSpacesAcquisitions) {
  RateLimiter limiter(200);  // one every 5 ms
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) limiter.acquire();
    });
  }
  for (auto& thread : threads) thread.join();
  // 20 acquisitions: the last waits at least 19 intervals after the first.
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(95));
  RateLimiter none(0);
  auto quick = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) none.acquire();
  EXPECT_LT(std::chrono::steady_clock::now() - quick, std::chrono::milliseconds(500));
}

}  // namespace
}  // namespace bimi::net
