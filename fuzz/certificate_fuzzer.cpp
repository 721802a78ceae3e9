// PEM/DER certificate reading (with the DER encoding walk), logotype parsing, data: URI decoding
// and the times users type, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/logotype.hpp"
#include "bimi/vmc/time_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)bimi::vmc::inspect_certificate(bytes);
  (void)bimi::vmc::parse_logotype(bytes);
  (void)bimi::vmc::decode_data_uri(bytes, 1 << 16);
  (void)bimi::vmc::parse_time_text(bytes);
  return 0;
}
