// A small DKIM signer for tests, built on the library's own canonicalization: it makes signatures
// with exactly the tags a failure case needs. The oracle test checks the verifier against dkimpy.
#pragma once

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <map>
#include <memory>
#include <string>

#include "bimi/auth/dkim_canonical.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/base64.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::auth::testing {

inline std::string base64(std::string_view bytes) { return base64_encode(bytes); }

struct TestKey {
  std::shared_ptr<EVP_PKEY> pkey;
  bool ed25519 = false;
  std::string record;  // the TXT record publishing it
};

inline TestKey make_key(bool ed25519, int rsa_bits = 2048) {
  EVP_PKEY* raw = ed25519 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                          : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(rsa_bits));
  TestKey key{std::shared_ptr<EVP_PKEY>(raw, EVP_PKEY_free), ed25519, ""};
  std::string public_bytes;
  if (ed25519) {
    unsigned char buffer[32];
    size_t size = sizeof buffer;
    EVP_PKEY_get_raw_public_key(raw, buffer, &size);
    public_bytes.assign(reinterpret_cast<char*>(buffer), size);
    key.record = "v=DKIM1; k=ed25519; p=" + base64(public_bytes);
  } else {
    unsigned char* der = nullptr;
    int size = i2d_PUBKEY(raw, &der);
    public_bytes.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    key.record = "v=DKIM1; k=rsa; p=" + base64(public_bytes);
  }
  return key;
}

struct SignOptions {
  std::string domain = "example.com";
  std::string selector = "s1";
  std::string headers = "from:to:subject";
  std::string canonicalization = "relaxed/relaxed";
  std::string algorithm;  // defaults from the key
  std::string extra_tags;  // e.g. "l=5; " or "x=100; "
};

// Returns the DKIM-Signature field (with CRLF) to put on top of `message` (CRLF line endings).
inline std::string sign(const std::string& message, const TestKey& key, const SignOptions& options = {}) {
  Diagnostics out;
  auto parsed = parse_message(message, out);
  if (!parsed) return {};
  auto canon = [](std::string_view mode) {
    return mode == "relaxed" ? Canonicalization::relaxed : Canonicalization::simple;
  };
  std::size_t slash = options.canonicalization.find('/');
  auto header_mode = canon(options.canonicalization.substr(0, slash));
  auto body_mode = canon(options.canonicalization.substr(slash + 1));
  std::string body = canonical_body(parsed->body(), body_mode);
  std::size_t length_at = options.extra_tags.find("l=");
  if (length_at != std::string::npos) body.resize(std::min(body.size(), std::stoul(options.extra_tags.substr(length_at + 2))));
  unsigned char digest[32];
  unsigned digest_size = 0;
  EVP_Digest(body.data(), body.size(), digest, &digest_size, EVP_sha256(), nullptr);
  std::string algorithm = options.algorithm.empty() ? (key.ed25519 ? "ed25519-sha256" : "rsa-sha256") : options.algorithm;
  std::string field = "DKIM-Signature: v=1; a=" + algorithm + "; c=" + options.canonicalization + "; d=" +
                      options.domain + "; s=" + options.selector + "; " + options.extra_tags + "h=" + options.headers +
                      "; bh=" + base64(std::string_view(reinterpret_cast<char*>(digest), digest_size)) + "; b=";
  // The signed header fields, bottom-up per name, then this field without its CRLF.
  std::string data;
  std::vector<bool> used(parsed->headers().size(), false);
  std::size_t pos = 0;
  while (pos <= options.headers.size()) {
    std::size_t end = options.headers.find(':', pos);
    if (end == std::string::npos) end = options.headers.size();
    std::string name = options.headers.substr(pos, end - pos);
    for (std::size_t i = parsed->headers().size(); i-- > 0;) {
      std::string field_name(parsed->headers()[i].name);
      for (char& c : field_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (used[i] || field_name != name) continue;
      used[i] = true;
      data += canonical_header(parsed->headers()[i].raw, header_mode);
      break;
    }
    pos = end + 1;
  }
  std::string own = canonical_header(field, header_mode);
  data += own.substr(0, own.size() - 2);

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string signature(1024, '\0');
  size_t size = signature.size();
  if (key.ed25519) {
    unsigned char hashed[32];
    EVP_Digest(data.data(), data.size(), hashed, &digest_size, EVP_sha256(), nullptr);
    EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.pkey.get());
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, hashed, 32);
  } else {
    const EVP_MD* md = algorithm == "rsa-sha1" ? EVP_sha1() : EVP_sha256();
    EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key.pkey.get());
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                   reinterpret_cast<const unsigned char*>(data.data()), data.size());
  }
  signature.resize(size);
  return field + base64(signature) + "\r\n";
}

// A resolver answering from a map of name to TXT records; other names do not exist.
inline records::TxtLookupFunction zone(std::map<std::string, std::string> records) {
  return [records = std::move(records)](const std::string& name) {
    records::TxtLookup lookup;
    auto it = records.find(name);
    if (it == records.end()) {
      lookup.status = records::LookupStatus::no_name;
    } else {
      lookup.status = records::LookupStatus::found;
      lookup.records.push_back(it->second);
    }
    return lookup;
  };
}

}  // namespace bimi::auth::testing
