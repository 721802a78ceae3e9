// The processing limits of RFC 7208 §4.6.4, shared by check_host() and the record check so both
// count the same way.
#pragma once

namespace bimi::auth {

inline constexpr int max_dns_terms = 10;     // include, a, mx, ptr, exists, redirect
inline constexpr int max_void_lookups = 2;   // terms whose query answered NXDOMAIN or no data
inline constexpr int max_mx_names = 10;      // per mx term; more is permerror
inline constexpr int max_ptr_names = 10;     // per ptr term or p macro; the rest is ignored

class LookupBudget {
 public:
  // Counts one DNS-querying term; false once the count is past max_dns_terms.
  bool charge_term() { return ++terms_ <= max_dns_terms; }
  // Counts one void lookup; false once the count is past max_void_lookups.
  bool charge_void() { return ++voids_ <= max_void_lookups; }
  int terms() const { return terms_; }
  int voids() const { return voids_; }

 private:
  int terms_ = 0;
  int voids_ = 0;
};

}  // namespace bimi::auth
