// The containers around aggregate reports on arbitrary bytes: gzip, zip, MIME messages and mbox
// streams, nested, must stay within their bounds and report every failure to the sink.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "bimi/reports/containers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bimi::reports::Limits limits;
  limits.max_xml_bytes = 1u << 20;
  limits.max_zip_bytes_total = 2u << 20;
  limits.max_message_bytes = 1u << 20;
  std::size_t found = 0;
  auto sink = [&](bimi::reports::FoundReport&& report) {
    ++found;
    if (!report.report && !report.findings.has_errors()) __builtin_trap();
  };
  bimi::reports::read_reports("fuzz", input, limits, sink);
  std::istringstream mbox{std::string(input)};
  bimi::reports::read_mbox("fuzz.mbox", mbox, limits, sink);
  if (found == 0 && !input.empty()) __builtin_trap();  // every input ends in a report or an error
  return 0;
}
