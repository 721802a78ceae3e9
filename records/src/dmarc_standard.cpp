#include "bimi/records/dmarc_standard.hpp"

namespace bimi::records {

std::string_view id_of(DmarcStandard standard) {
  return standard == DmarcStandard::rfc7489 ? "rfc7489" : "rfc9989";
}

std::string_view name_of(DmarcStandard standard) {
  return standard == DmarcStandard::rfc7489 ? "RFC 7489" : "RFC 9989";
}

std::optional<DmarcStandard> parse_dmarc_standard(std::string_view id) {
  if (id == "rfc9989") return DmarcStandard::rfc9989;
  if (id == "rfc7489") return DmarcStandard::rfc7489;
  return std::nullopt;
}

}  // namespace bimi::records
