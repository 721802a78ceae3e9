#include "bimi/auth/dkim_key.hpp"

#include "bimi/base64.hpp"
#include "bimi/auth/dkim_tags.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

DkimKeyParse failure(std::string reason, std::string message) {
  DkimKeyParse parse;
  parse.error = {std::move(reason), std::move(message)};
  return parse;
}

}  // namespace

DkimKeyParse parse_dkim_key(std::string_view record) {
  std::string error;
  auto tags = parse_dkim_tags(record, error);
  if (!tags) return failure("dkim-key-syntax", "the key record is malformed: " + error);
  DkimKey key;
  // v= is optional; when present it must come first and be DKIM1.
  if (const DkimTag* v = tags->find("v")) {
    if (&tags->tags.front() != v) return failure("dkim-key-syntax", "v= is not the key record's first tag");
    if (v->value != "DKIM1") return failure("dkim-key-syntax", "v=" + std::string(v->value) + " is not DKIM1");
  }
  if (const DkimTag* k = tags->find("k")) {
    if (k->value == "rsa") key.type = DkimKeyType::rsa;
    else if (k->value == "ed25519") key.type = DkimKeyType::ed25519;
    else return failure("dkim-key-type", "unknown key type k=" + std::string(k->value));
  }
  if (const DkimTag* h = tags->find("h"))
    for (const std::string& hash : list_items(h->value)) key.hashes.push_back(ascii_lower(hash));
  if (const DkimTag* s = tags->find("s")) {
    bool email = false;
    for (const std::string& service : list_items(s->value))
      email = email || service == "*" || service == "email";
    if (!email) return failure("dkim-key-service", "the key is not for email (s=" + std::string(s->value) + ")");
  }
  if (const DkimTag* t = tags->find("t")) {
    for (const std::string& flag : list_items(t->value)) {
      key.testing = key.testing || flag == "y";
      key.strict_identity = key.strict_identity || flag == "s";
    }
  }
  const DkimTag* p = tags->find("p");
  if (!p) return failure("dkim-key-syntax", "the key record has no p= tag");
  std::string encoded = without_white_space(p->value);
  if (encoded.empty()) {
    key.revoked = true;
  } else {
    auto decoded = base64_decode(encoded);
    if (!decoded) return failure("dkim-key-syntax", "p= is not base64");
    key.public_key = std::move(*decoded);
  }
  DkimKeyParse parse;
  parse.key = std::move(key);
  return parse;
}

}  // namespace bimi::auth
