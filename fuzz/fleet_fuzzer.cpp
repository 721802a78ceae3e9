// A domain list line and a saved state file, as users hand-edit them: neither may crash, hang or
// read out of bounds; a state that reads back is compared with itself and written again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bimi/net/domain_list.hpp"
#include "bimi/net/domain_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string error;
  std::size_t start = 0;
  int number = 0;
  while (start <= input.size() && number < 64) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    (void)bimi::net::parse_domain_list_line(input.substr(start, end - start), ++number, error);
    start = end + 1;
  }
  auto states = bimi::net::states_from_json(input, error);
  if (states) {
    for (const auto& state : *states) (void)bimi::net::compare_states(state, state, 1'700'000'000, 30);
    (void)bimi::net::states_to_json(*states);
  }
  return 0;
}
