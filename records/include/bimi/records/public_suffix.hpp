// Organizational domains (RFC 7489 §3.2) from the Public Suffix List, read with libpsl.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace bimi::records {

class PublicSuffixList {
 public:
  // The newest of libpsl's built-in list and the system's (Debian's publicsuffix package), or
  // the list in `path` (.dat or libpsl's DAFSA) when given. A string is why it could not be read.
  static std::variant<PublicSuffixList, std::string> load(const std::string& path = {});

  // The public suffix plus one label; a name that is itself a public suffix is its own
  // organizational domain. `domain` is normalized (lowercase A-labels, no trailing dot).
  std::string organizational_domain(std::string_view domain) const;

 private:
  struct Context;
  explicit PublicSuffixList(std::shared_ptr<const Context> context) : context_(std::move(context)) {}
  std::shared_ptr<const Context> context_;
};

}  // namespace bimi::records
