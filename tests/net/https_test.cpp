// fetch_https against nginx on 127.0.0.1 with the test TLS root, names resolved by the test zone.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "bimi/net/dns.hpp"
#include "bimi/net/https.hpp"
#include "live_environment.hpp"

namespace bimi::net {
namespace {

struct Fetcher {
  DnsResolver dns;
  FetchOptions options;
};

Fetcher fetcher(std::size_t max_bytes = 64u << 10, long timeout_ms = 5000) {
  const auto* world = test::loopback_world();
  auto created = DnsResolver::create({world->dns_server(), 2000, 2});
  Fetcher f{std::get<DnsResolver>(std::move(created)), {}};
  f.options.ca_file = world->ca_file();
  f.options.max_bytes = max_bytes;
  f.options.timeout_ms = timeout_ms;
  f.options.allow_private = true;  // every server here is on 127.0.0.1
  return f;
}

FetchResult get(Fetcher& f, const std::string& url) {
  f.options.resolve = [&f](const std::string& host) { return f.dns.addresses(host).addresses; };
  return fetch_https(url, f.options);
}

std::string url(const std::string& path, const std::string& host = "logo.example.com") {
  return test::loopback_world()->url(host, path);
}

TEST(Https, FetchesTheLogoWithItsType) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  FetchResult result = get(f, url("/logo.svg"));
  ASSERT_EQ(result.status, FetchStatus::ok) << result.detail;
  EXPECT_EQ(result.http_status, 200);
  EXPECT_EQ(media_type(result.content_type), "image/svg+xml");
  std::ifstream in(test::loopback_world()->pki / "logo.svg", std::ios::binary);
  std::stringstream logo;
  logo << in.rdbuf();
  EXPECT_EQ(result.body, logo.str());
  EXPECT_EQ(result.redirects, 0);
}

TEST(Https, ReportsStatusAndContentTypeAsServed) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  FetchResult missing = get(f, url("/missing.svg"));
  EXPECT_EQ(missing.status, FetchStatus::ok);
  EXPECT_EQ(missing.http_status, 404);
  EXPECT_TRUE(missing.body.empty());
  FetchResult text = get(f, url("/text/logo.svg"));
  EXPECT_EQ(media_type(text.content_type), "text/plain");
}

TEST(Https, FollowsABoundedNumberOfHttpsRedirects) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  FetchResult once = get(f, url("/redirect.svg"));
  ASSERT_EQ(once.status, FetchStatus::ok) << once.detail;
  EXPECT_EQ(once.redirects, 1);
  EXPECT_EQ(once.final_url, url("/logo.svg"));
  FetchResult loop = get(f, url("/loop.svg"));
  EXPECT_EQ(loop.status, FetchStatus::redirect);
  EXPECT_NE(loop.detail.find("loop"), std::string::npos) << loop.detail;
  FetchResult plain = get(f, url("/to-http.svg"));
  EXPECT_EQ(plain.status, FetchStatus::redirect);
  EXPECT_NE(plain.detail.find("http://"), std::string::npos);
}

TEST(Https, StopsAtTheSizeCap) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher(64u << 10);
  FetchResult big = get(f, url("/big.svg"));
  EXPECT_EQ(big.status, FetchStatus::too_large);
  EXPECT_TRUE(big.body.empty());
  auto roomy = fetcher(1u << 20);
  EXPECT_EQ(get(roomy, url("/big.svg")).status, FetchStatus::ok);
}

TEST(Https, VerifiesTheServerCertificate) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  FetchResult wrong_name = get(f, url("/logo.svg", "other.example.com"));
  EXPECT_EQ(wrong_name.status, FetchStatus::tls) << wrong_name.detail;
  f.options.ca_file.clear();  // the system's roots do not know the test root
  FetchResult untrusted = get(f, url("/logo.svg"));
  EXPECT_EQ(untrusted.status, FetchStatus::tls) << untrusted.detail;
}

TEST(Https, AStalledServerTimesOutWithinTheBound) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher(64u << 10, 600);
  auto start = std::chrono::steady_clock::now();
  FetchResult stalled =
      get(f, "https://logo.example.com:" + std::to_string(test::loopback_world()->stalled_https_port) + "/logo.svg");
  EXPECT_EQ(stalled.status, FetchStatus::timeout) << stalled.detail;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
}

TEST(Https, NamesWithoutAddressesAndPlainHttpFail) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  FetchResult nohost = get(f, url("/logo.svg", "nohost.example.com"));
  EXPECT_EQ(nohost.status, FetchStatus::failure);
  EXPECT_NE(nohost.detail.find("no address"), std::string::npos);
  FetchResult http = get(f, "http://logo.example.com:" + std::to_string(test::loopback_world()->https_port) + "/logo.svg");
  EXPECT_EQ(http.status, FetchStatus::failure);
}

TEST(Https, RefusesLoopbackAddressesUnlessAllowed) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  f.options.allow_private = false;
  FetchResult direct = get(f, url("/logo.svg"));
  EXPECT_EQ(direct.status, FetchStatus::private_address) << direct.detail;
  EXPECT_NE(direct.detail.find("127.0.0.1 is loopback"), std::string::npos) << direct.detail;
  EXPECT_TRUE(direct.body.empty());
  FetchResult redirected = get(f, url("/to-other-name.svg"));
  EXPECT_EQ(redirected.status, FetchStatus::private_address) << redirected.detail;
  // Refused before connecting: the server that never answers cannot make it time out.
  auto start = std::chrono::steady_clock::now();
  FetchResult stalled =
      get(f, "https://logo.example.com:" + std::to_string(test::loopback_world()->stalled_https_port) + "/logo.svg");
  EXPECT_EQ(stalled.status, FetchStatus::private_address) << stalled.detail;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
}

TEST(Https, ARedirectToAnotherNameIsFollowedWhenPrivateAddressesAreAllowed) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  FetchResult result = get(f, url("/to-other-name.svg"));
  ASSERT_EQ(result.status, FetchStatus::ok) << result.detail;
  EXPECT_EQ(result.redirects, 1);
  EXPECT_EQ(result.final_url, url("/logo.svg", "logo.example.net"));
}

TEST(Https, RedirectsToIpLiteralsAreRefusedEvenWhenPrivateAddressesAreAllowed) {
  BIMI_REQUIRE_LOOPBACK();
  auto f = fetcher();
  for (const char* path : {"/to-ip.svg", "/to-metadata.svg"}) {
    SCOPED_TRACE(path);
    FetchResult result = get(f, url(path));
    EXPECT_EQ(result.status, FetchStatus::bad_host) << result.detail;
    EXPECT_EQ(result.redirects, 1);
    EXPECT_NE(result.detail.find("is an IP address"), std::string::npos) << result.detail;
  }
  EXPECT_NE(get(f, url("/to-metadata.svg")).final_url.find("169.254.169.254"), std::string::npos);
}

TEST(Https, TheFirstUrlFollowsTheHostRulesToo) {
  // Refused before any look-up or connection, so no server is needed.
  FetchOptions options;
  options.allow_private = true;
  options.timeout_ms = 1000;
  for (const char* url : {"https://127.0.0.1/logo.svg", "https://[::1]/logo.svg", "https://2130706433/logo.svg",
                          "https://user@logo.example.com/logo.svg", "https://localhost/logo.svg"}) {
    SCOPED_TRACE(url);
    FetchResult result = fetch_https(url, options);
    EXPECT_EQ(result.status, FetchStatus::bad_host) << result.detail;
  }
}

TEST(Https, MediaType) {
  EXPECT_EQ(media_type("Image/SVG+XML; charset=utf-8"), "image/svg+xml");
  EXPECT_EQ(media_type(" text/plain "), "text/plain");
  EXPECT_EQ(media_type(""), "");
}

}  // namespace
}  // namespace bimi::net
