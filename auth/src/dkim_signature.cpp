#include "bimi/auth/dkim_signature.hpp"

#include "bimi/base64.hpp"
#include "bimi/auth/dkim_tags.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

DkimSignatureParse failure(std::string reason, std::string message) {
  DkimSignatureParse parse;
  parse.error = {std::move(reason), std::move(message)};
  return parse;
}

std::optional<std::uint64_t> decimal(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    std::uint64_t next = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (next / 10 != value) return std::nullopt;  // past 2^64: treated as malformed
    value = next;
  }
  return value;
}

// dkim-quoted-printable (§2.11): =XX escapes, white space ignored.
std::optional<std::string> decode_quoted_printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c != '=') {
      out += c;
      continue;
    }
    auto hex = [](char h) -> int {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      if (h >= 'a' && h <= 'f') return h - 'a' + 10;
      return -1;
    };
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex(text[i + 1]);
    int lo = hex(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace

std::string_view to_string(DkimAlgorithm algorithm) {
  switch (algorithm) {
    case DkimAlgorithm::rsa_sha256: return "rsa-sha256";
    case DkimAlgorithm::ed25519_sha256: return "ed25519-sha256";
    case DkimAlgorithm::rsa_sha1: return "rsa-sha1";
  }
  return "";
}

std::optional<int> parse_arc_instance(std::string_view value) {
  auto number = decimal(value, 2);
  if (!number || *number < 1 || *number > 50 || value.front() == '0') return std::nullopt;
  return static_cast<int>(*number);
}

DkimSignatureParse parse_dkim_signature(std::string_view raw_field, SignatureKind kind) {
  bool arc = kind == SignatureKind::arc_message;
  std::size_t colon = raw_field.find(':');
  if (colon == std::string_view::npos) return failure("dkim-syntax", "the field has no colon");
  std::size_t value_offset = colon + 1;
  std::string error;
  auto tags = parse_dkim_tags(raw_field.substr(value_offset), error);
  if (!tags) return failure("dkim-syntax", error);

  // §6.1.1: v=, a=, b=, bh=, d=, h= and s= are required.
  for (std::string_view required : {"v", "a", "b", "bh", "d", "h", "s", "i"}) {
    if ((required == "v" && arc) || (required == "i" && !arc)) continue;
    if (!tags->find(required))
      return failure("dkim-missing-tag", "the signature has no " + std::string(required) + "= tag");
  }

  DkimSignature sig;
  if (!arc && tags->find("v")->value != "1")
    return failure("dkim-version", "v=" + std::string(tags->find("v")->value) + " is not DKIM version 1");

  std::string_view a = tags->find("a")->value;
  if (a == "rsa-sha256") sig.algorithm = DkimAlgorithm::rsa_sha256;
  else if (a == "ed25519-sha256") sig.algorithm = DkimAlgorithm::ed25519_sha256;
  else if (a == "rsa-sha1") sig.algorithm = DkimAlgorithm::rsa_sha1;
  else return failure("dkim-algorithm", "unknown signing algorithm a=" + std::string(a));

  const DkimTag* b = tags->find("b");
  auto signature = base64_decode(without_white_space(b->value));
  if (!signature || signature->empty()) return failure("dkim-syntax", "b= is not base64");
  sig.signature = std::move(*signature);
  sig.b_value_begin = value_offset + b->raw_begin;
  sig.b_value_end = value_offset + b->raw_end;

  auto body_hash = base64_decode(without_white_space(tags->find("bh")->value));
  if (!body_hash || body_hash->empty()) return failure("dkim-syntax", "bh= is not base64");
  sig.body_hash = std::move(*body_hash);

  // ARC uses only relaxed canonicalization: an AMS without c= is relaxed/relaxed, as the ARC suite
  // and dkimpy read it (a DKIM signature without c= is simple/simple, RFC 6376 §3.5).
  if (arc) {
    sig.header_canonicalization = Canonicalization::relaxed;
    sig.body_canonicalization = Canonicalization::relaxed;
  }
  if (const DkimTag* c = tags->find("c")) {
    std::string_view value = c->value;
    std::size_t slash = value.find('/');
    std::string_view header = value.substr(0, slash);
    std::string_view body = slash == std::string_view::npos ? "simple" : value.substr(slash + 1);
    auto mode = [](std::string_view m) -> std::optional<Canonicalization> {
      if (m == "simple") return Canonicalization::simple;
      if (m == "relaxed") return Canonicalization::relaxed;
      return std::nullopt;
    };
    auto h = mode(header);
    auto bd = mode(body);
    if (!h || !bd) return failure("dkim-syntax", "unknown canonicalization c=" + std::string(value));
    sig.header_canonicalization = *h;
    sig.body_canonicalization = *bd;
  }

  sig.domain = ascii_lower(tags->find("d")->value);
  if (!is_domain_name(sig.domain)) return failure("dkim-syntax", "d=" + sig.domain + " is not a domain name");
  sig.selector = ascii_lower(tags->find("s")->value);
  if (!is_domain_name(sig.selector)) return failure("dkim-syntax", "s=" + sig.selector + " is not a selector");

  std::string_view h = tags->find("h")->value;
  for (const std::string& item : list_items(h)) {
    // An AMS may sign no field, and the ARC suite and dkimpy read an empty name (`to::date`) as a
    // field that is not there; a DKIM signature follows RFC 6376's grammar, where it is an error.
    if (item.empty() && arc) continue;
    if (item.empty()) return failure("dkim-syntax", "h= has an empty header name");
    if (sig.signed_headers.size() == max_signed_headers)
      return failure("dkim-limit", "h= names more than " + std::to_string(max_signed_headers) + " header fields");
    sig.signed_headers.push_back(ascii_lower(item));
  }
  bool from_signed = false;
  for (const auto& name : sig.signed_headers) from_signed = from_signed || name == "from";
  if (!from_signed && !arc) return failure("dkim-from-unsigned", "h= does not include From (RFC 6376 §5.4)");
  for (const auto& name : sig.signed_headers)
    if (arc && name == "arc-seal")
      return failure("arc-syntax", "an ARC-Message-Signature must not sign ARC-Seal (RFC 8617 §4.1.2)");

  if (arc) {
    auto instance = parse_arc_instance(tags->find("i")->value);
    if (!instance) return failure("arc-instance", "i=" + std::string(tags->find("i")->value) + " is not an ARC instance (1-50)");
    sig.instance = *instance;
    sig.identity = "@" + sig.domain;
  } else if (const DkimTag* i = tags->find("i")) {
    sig.identity = std::string(i->value);
    std::size_t at = sig.identity.rfind('@');
    if (at == std::string::npos) return failure("dkim-syntax", "i=" + sig.identity + " has no @");
    std::string domain = ascii_lower(std::string_view(sig.identity).substr(at + 1));
    bool inside = domain == sig.domain ||
                  (domain.size() > sig.domain.size() && domain.ends_with("." + sig.domain));
    if (!inside)
      return failure("dkim-identity", "i=" + sig.identity + " is not in d=" + sig.domain + " or a subdomain of it");
  } else {
    sig.identity = "@" + sig.domain;
  }

  if (const DkimTag* l = tags->find("l")) {
    auto value = decimal(l->value, 76);
    if (!value) return failure("dkim-syntax", "l=" + std::string(l->value) + " is not a body length");
    sig.body_length = *value;
  }
  if (const DkimTag* q = tags->find("q")) {
    bool dns = false;
    for (const std::string& method : list_items(q->value)) dns = dns || method == "dns/txt";
    if (!dns) return failure("dkim-syntax", "q=" + std::string(q->value) + " names no method bimi supports (dns/txt)");
  }
  if (const DkimTag* t = tags->find("t")) {
    auto value = decimal(t->value, 12);
    if (!value) return failure("dkim-syntax", "t=" + std::string(t->value) + " is not a timestamp");
    sig.timestamp = static_cast<std::int64_t>(*value);
  }
  if (const DkimTag* x = tags->find("x")) {
    auto value = decimal(x->value, 12);
    if (!value) return failure("dkim-syntax", "x=" + std::string(x->value) + " is not a timestamp");
    sig.expiration = static_cast<std::int64_t>(*value);
    if (sig.timestamp && *sig.expiration <= *sig.timestamp)
      return failure("dkim-syntax", "x= is not after t= (RFC 6376 §3.5)");
  }
  if (const DkimTag* z = tags->find("z")) {
    for (std::string_view item : split(z->value, '|')) {
      auto decoded = decode_quoted_printable(item);
      std::size_t sep = decoded ? decoded->find(':') : std::string::npos;
      if (sep == std::string::npos) return failure("dkim-syntax", "z= has an item that is not name:value");
      sig.copied_headers.emplace_back(ascii_lower(std::string_view(*decoded).substr(0, sep)), decoded->substr(sep + 1));
    }
  }
  DkimSignatureParse parse;
  parse.signature = std::move(sig);
  return parse;
}

}  // namespace bimi::auth
