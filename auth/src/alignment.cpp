#include "bimi/auth/alignment.hpp"

#include "text.hpp"

namespace bimi::auth {
namespace {

std::string canonical(const std::string& domain) {
  std::string name = ascii_lower(domain);
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

}  // namespace

bool aligned(const std::string& authenticated, const std::string& author, AlignmentMode mode,
             const OrganizationalDomain& organizational_domain) {
  std::string a = canonical(authenticated);
  std::string b = canonical(author);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  if (mode == AlignmentMode::strict) return false;
  return canonical(organizational_domain(a)) == canonical(organizational_domain(b));
}

AlignmentResult evaluate_alignment(const std::string& author_domain, const AuthenticatedIdentifier& spf,
                                   const std::vector<AuthenticatedIdentifier>& dkim, AlignmentMode aspf,
                                   AlignmentMode adkim, const OrganizationalDomain& organizational_domain) {
  AlignmentResult result;
  result.spf_aligned = spf.passed && aligned(spf.domain, author_domain, aspf, organizational_domain);
  for (std::size_t i = 0; i < dkim.size(); ++i) {
    if (dkim[i].passed && aligned(dkim[i].domain, author_domain, adkim, organizational_domain)) {
      result.aligned_signature = i;
      break;
    }
  }
  return result;
}

}  // namespace bimi::auth
