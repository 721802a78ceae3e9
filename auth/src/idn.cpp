#include "bimi/auth/idn.hpp"

#include <idn2.h>

namespace bimi::auth {

std::optional<std::string> to_a_labels(std::string_view domain, std::string& problem) {
  bool ascii = true;
  for (char c : domain) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(domain);
  std::string text(domain);
  char* converted = nullptr;
  int rc = idn2_to_ascii_8z(text.c_str(), &converted, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  if (rc != IDN2_OK) {
    problem = "the domain " + text + " is not a valid internationalized domain name (" + idn2_strerror(rc) + ")";
    return std::nullopt;
  }
  std::string out = converted;
  idn2_free(converted);
  return out;
}

}  // namespace bimi::auth
