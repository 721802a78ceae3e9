// DMARC identifier alignment (RFC 7489 §3.1, kept by RFC 9989): does an authenticated domain (SPF's
// MAIL FROM or HELO domain, a DKIM signature's d=) align with the author's domain?
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bimi::auth {

enum class AlignmentMode { relaxed, strict };

// The organizational domain of a name, as the DMARC standard in use finds it (the Public Suffix List
// for RFC 7489, the DNS tree walk for RFC 9989). The caller chooses.
using OrganizationalDomain = std::function<std::string(const std::string& domain)>;

// Strict: the same name. Relaxed: the same organizational domain. Names compare in any case.
bool aligned(const std::string& authenticated, const std::string& author, AlignmentMode mode,
             const OrganizationalDomain& organizational_domain);

struct AuthenticatedIdentifier {
  std::string domain;
  bool passed = false;  // SPF pass, or DKIM pass
};

// Which identifiers make DMARC pass for the author: an SPF pass whose domain aligns under aspf=,
// or a DKIM pass whose d= aligns under adkim= (RFC 7489 §4.2).
struct AlignmentResult {
  bool spf_aligned = false;
  std::optional<std::size_t> aligned_signature;  // index of the first aligned passing DKIM signature
  bool pass() const { return spf_aligned || aligned_signature.has_value(); }
};

AlignmentResult evaluate_alignment(const std::string& author_domain, const AuthenticatedIdentifier& spf,
                                   const std::vector<AuthenticatedIdentifier>& dkim, AlignmentMode aspf,
                                   AlignmentMode adkim, const OrganizationalDomain& organizational_domain);

}  // namespace bimi::auth
