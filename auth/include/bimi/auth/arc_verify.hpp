// Validates the Authenticated Received Chain of a forwarded message (RFC 8617 §5.2): each
// intermediary's ARC set (ARC-Authentication-Results, ARC-Message-Signature, ARC-Seal), the newest
// message signature, and every seal.
#pragma once

#include <string>
#include <vector>

#include "bimi/auth/dkim_verify.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::auth {

// The chain validation status of RFC 8617 §4.4.
enum class ArcResult { none, pass, fail };

std::string_view to_string(ArcResult result);

// One intermediary, as its ARC set says.
struct ArcHop {
  int instance = 0;
  std::string sealer;                  // d= of the ARC-Seal
  std::string signer;                  // d= of the ARC-Message-Signature
  std::string authentication_results;  // the ARC-Authentication-Results payload after "i=N;"
};

struct ArcValidation {
  ArcResult result = ArcResult::none;
  std::string reason;  // arc-none, arc-pass, arc-structure, arc-instance, arc-syntax, arc-seal,
                       // arc-message-signature, arc-cv, dkim-key-* (docs/arc.md)
  std::string message;
  int failed_instance = 0;    // the instance the failure is about, when there is one
  std::vector<ArcHop> hops;   // instance 1 first; filled when the structure is sound
};

// At most 50 ARC sets (RFC 8617 §4.2.1); seals and the newest message signature are checked with
// the same key rules as DKIM signatures.
ArcValidation validate_arc(const Message& message, const records::TxtLookupFunction& lookup,
                           const DkimVerifyOptions& options);

}  // namespace bimi::auth
