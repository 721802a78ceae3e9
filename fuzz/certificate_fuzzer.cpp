// PEM/DER certificate reading, logotype parsing and data: URI decoding on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/logotype.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)bimi::vmc::inspect_certificate(bytes);
  (void)bimi::vmc::parse_logotype(bytes);
  (void)bimi::vmc::decode_data_uri(bytes, 1 << 16);
  return 0;
}
