// A small internet on 127.0.0.1 for the live tests: NSD serving test zones and nginx serving
// logos and certificates over HTTPS with the test TLS root, both started as children of the test
// process on free high ports, plus a DNS port that never answers and an HTTPS port that accepts
// connections but never speaks. The servers die with the test process even if it crashes.
//
// The zones (loopback.cpp) hold one name per scenario: the passing chain at example.com and one
// fault per selector or subdomain; see write_world() for the list. The `bimi message` scenarios add
// esp.test, a third party that sends for brands, and their DKIM keys through add_loopback_txt().
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace bimi::test {

struct LoopbackWorld {
  std::filesystem::path dir;     // configs, zones, logs and served files
  std::filesystem::path pki;     // the generated test PKI (tests/vmc)
  int dns_port = 0;
  int https_port = 0;
  int silent_dns_port = 0;       // a UDP port that never answers
  int stalled_https_port = 0;    // a TCP port that accepts and never answers

  std::string dns_server() const { return "127.0.0.1:" + std::to_string(dns_port); }
  std::string silent_dns_server() const { return "127.0.0.1:" + std::to_string(silent_dns_port); }
  std::string ca_file() const { return (pki / "tls-ca.pem").string(); }
  std::string roots() const { return (pki / "root.pem").string(); }
  std::string url(const std::string& host, const std::string& path) const {
    return "https://" + host + ":" + std::to_string(https_port) + path;
  }
};

// Registers the environment that starts and stops the servers. Call from main or a static
// initializer before RUN_ALL_TESTS.
void add_loopback_environment(const std::filesystem::path& pki_dir);

// Adds a TXT record at `name` (under one of the world's zones: example.com, example.net,
// example.org, esp.test) to the world before it starts: for data a test makes at run time, such
// as DKIM keys. Call before the environment's SetUp (from an environment registered earlier).
void add_loopback_txt(const std::string& name, const std::string& value);

// The running world, or nullptr after GTEST_SKIP-worthy setup (server binaries missing). A
// failure to start servers that are installed fails the environment's SetUp instead.
const LoopbackWorld* loopback_world();

// The reason loopback_world() is null, for GTEST_SKIP.
std::string loopback_skip_reason();

}  // namespace bimi::test

// Skips the current test when the servers are not installed.
#define BIMI_REQUIRE_LOOPBACK()                                         \
  do {                                                                  \
    if (::bimi::test::loopback_world() == nullptr) {                    \
      GTEST_SKIP() << ::bimi::test::loopback_skip_reason();             \
    }                                                                   \
  } while (false)
