// Reading a DNS/HTTPS snapshot file, and writing back what was read: no crash, no hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bimi/net/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  auto snapshot = bimi::net::Snapshot::from_json(std::string_view(reinterpret_cast<const char*>(data), size), error);
  if (snapshot) {
    (void)snapshot->to_json();
    (void)snapshot->replay_txt()("default._bimi.example.com");
    (void)snapshot->replay_fetch()("https://example.com/logo.svg", 1024);
  }
  return 0;
}
