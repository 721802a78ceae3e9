#include "bimi/vmc/verify.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "bimi/vmc/checks.hpp"
#include "bimi/vmc/logo_bytes.hpp"
#include "cert_util.hpp"
#include "embedded_roots.hpp"
#include "sct.hpp"

namespace bimi::vmc {
namespace {

using detail::Sct;

constexpr std::string_view tls_server_eku_oid = "1.3.6.1.5.5.7.3.1";  // id-kp-serverAuth (RFC 5280 4.2.1.12)

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string normalize_dns(std::string_view name) {
  std::string out = lower(name);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string subject_of(X509* cert) { return detail::name_text(X509_get_subject_name(cert)); }

// Collects verdicts as the checks run.
class Recorder {
 public:
  void add(std::string_view id, Verdict verdict, std::string message) {
    auto& check = results_[std::string(id)];
    check.id = std::string(id);
    if (rank(verdict) > rank(check.verdict) || check.messages.empty()) check.verdict = verdict;
    check.messages.push_back(std::move(message));
  }
  void pass(std::string_view id, std::string message) { add(id, Verdict::pass, std::move(message)); }
  void fail(std::string_view id, std::string message) { add(id, Verdict::fail, std::move(message)); }
  void warn(std::string_view id, std::string message) { add(id, Verdict::warn, std::move(message)); }
  void skip(std::string_view id, std::string message) { add(id, Verdict::skipped, std::move(message)); }

  void finish(VerifyReport& report) {
    for (const auto& info : check_table()) {
      auto it = results_.find(std::string(info.id));
      CheckResult result;
      if (it == results_.end()) {
        result.id = std::string(info.id);
        result.verdict = Verdict::skipped;
        result.messages.push_back("not checked");
      } else {
        result = it->second;
      }
      Severity severity = result.verdict == Verdict::fail   ? Severity::error
                          : result.verdict == Verdict::warn ? Severity::warning
                                                            : Severity::note;
      for (const auto& message : result.messages) report.diagnostics.add(result.id, severity, message);
      report.checks.push_back(std::move(result));
    }
  }

 private:
  static int rank(Verdict verdict) {
    switch (verdict) {
      case Verdict::skipped: return 0;
      case Verdict::pass: return 1;
      case Verdict::warn: return 2;
      case Verdict::fail: return 3;
    }
    return 0;
  }
  std::map<std::string, CheckResult> results_;
};

int verify_callback(int ok, X509_STORE_CTX* ctx) {
  if (ok) return ok;
  int error = X509_STORE_CTX_get_error(ctx);
  // Judged by their own checks: critical extensions (the pilot identifier is allowed there) and the
  // leaf's validity period.
  if (error == X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION) return 1;
  if (X509_STORE_CTX_get_error_depth(ctx) == 0 &&
      (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID)) {
    return 1;
  }
  return 0;
}

struct ChainResult {
  bool ok = false;
  std::string message;
  std::vector<ossl::X509Ptr> chain;  // leaf first, up to the anchor
};

ChainResult build_chain(X509* leaf, const std::vector<ossl::X509Ptr>& roots,
                        const std::vector<ossl::X509Ptr>& untrusted, long long at) {
  ChainResult result;
  ossl::X509StorePtr store(X509_STORE_new());
  for (const auto& root : roots) X509_STORE_add_cert(store.get(), root.get());
  ossl::X509StackPtr stack(sk_X509_new_null());
  for (const auto& cert : untrusted) {
    X509_up_ref(cert.get());
    sk_X509_push(stack.get(), cert.get());
  }
  ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !stack || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf, stack.get()) != 1) {
    result.message = "cannot set up chain verification: " + ossl::drain_errors();
    return result;
  }
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), static_cast<time_t>(at));
  X509_STORE_CTX_set_verify_cb(ctx.get(), verify_callback);
  int status = X509_verify_cert(ctx.get());
  if (status == 1) {
    result.ok = true;
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    for (int i = 0; i < sk_X509_num(chain); ++i) {
      X509* cert = sk_X509_value(chain, i);
      X509_up_ref(cert);
      result.chain.emplace_back(cert);
    }
  } else {
    int error = X509_STORE_CTX_get_error(ctx.get());
    int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    X509* at_cert = X509_STORE_CTX_get_current_cert(ctx.get());
    result.message = std::string(X509_verify_cert_error_string(error)) + " at depth " + std::to_string(depth) +
                     (at_cert != nullptr ? " (" + subject_of(at_cert) + ")" : "");
  }
  ossl::clear_errors();
  return result;
}

std::vector<ossl::X509Ptr> parse_bundle(std::string_view pem, std::string_view what, std::string& error) {
  auto loaded = detail::load_certificates(pem);
  if (auto* failure = std::get_if<Error>(&loaded)) {
    error = std::string(what) + ": " + failure->message;
    return {};
  }
  return std::get<std::vector<ossl::X509Ptr>>(std::move(loaded));
}

// The compiled-in bundles, parsed once: they are constants of the library, not state.
struct Bundled {
  std::vector<ossl::X509Ptr> roots;
  std::vector<ossl::X509Ptr> intermediates;
  std::string error;
};

const Bundled& bundled_certificates() {
  static const Bundled bundled = [] {
    Bundled b;
    b.roots = parse_bundle(embedded::bimi_roots_pem(), "bundled trust anchors", b.error);
    if (b.error.empty()) b.intermediates = parse_bundle(embedded::bimi_intermediates_pem(), "bundled intermediates", b.error);
    ossl::clear_errors();
    return b;
  }();
  return bundled;
}

X509* find_issuer(X509* cert, const std::vector<const std::vector<ossl::X509Ptr>*>& pools) {
  for (const auto* pool : pools) {
    for (const auto& candidate : *pool) {
      if (candidate.get() != cert && X509_check_issued(candidate.get(), cert) == X509_V_OK) return candidate.get();
    }
  }
  ossl::clear_errors();
  return nullptr;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void check_critical_extensions(Recorder& rec, const std::vector<X509*>& certs) {
  bool any = false;
  bool pilot = false;
  for (X509* cert : certs) {
    for (int i = 0; i < X509_get_ext_count(cert); ++i) {
      X509_EXTENSION* extension = X509_get_ext(cert, i);
      if (X509_EXTENSION_get_critical(extension) == 0) continue;
      std::string oid = ossl::oid_text(X509_EXTENSION_get_object(extension));
      if (oid == pilot_identifier_oid) {
        pilot = true;
        rec.pass("critical-extension", "critical pilot identifier extension " + oid + " allowed in " + subject_of(cert));
      } else if (X509_supported_extension(extension) == 0) {
        any = true;
        rec.fail("critical-extension", "unhandled critical extension " + oid + " in " + subject_of(cert));
      }
    }
  }
  if (!any && !pilot) rec.pass("critical-extension", "no unhandled critical extension");
}

void check_sct(Recorder& rec, X509* leaf, X509* issuer, const VerifyOptions& options,
               const std::vector<ossl::EvpPkeyPtr>& log_keys) {
  auto raw = detail::find_extension(leaf, detail::sct_list_oid);
  if (!raw) {
    rec.fail("sct", "no signed certificate timestamp list extension");
    return;
  }
  auto parsed = detail::parse_sct_list(raw->value);
  if (auto* error = std::get_if<Error>(&parsed)) {
    rec.fail("sct", "malformed SCT list: " + error->message);
    return;
  }
  const auto& scts = std::get<std::vector<Sct>>(parsed);
  if (scts.empty()) {
    rec.fail("sct", "the SCT list is empty");
    return;
  }
  if (!options.ct_log_keys) {
    rec.pass("sct", std::to_string(scts.size()) + " SCT(s) present; signatures not verified (no --ct-logs)");
    return;
  }
  if (issuer == nullptr) {
    rec.fail("sct", "cannot verify SCT signatures without the issuing CA certificate");
    return;
  }
  // The signed entry is the precertificate TBS: the leaf's TBS without the SCT list extension.
  ossl::X509Ptr copy(X509_dup(leaf));
  ossl::Asn1ObjectPtr sct_object = ossl::make_oid(std::string(detail::sct_list_oid).c_str());
  int index = copy ? X509_get_ext_by_OBJ(copy.get(), sct_object.get(), -1) : -1;
  if (index < 0) {
    rec.fail("sct", "cannot rebuild the precertificate: " + ossl::drain_errors());
    return;
  }
  X509_EXTENSION_free(X509_delete_ext(copy.get(), index));
  unsigned char* tbs = nullptr;
  int tbs_size = i2d_re_X509_tbs(copy.get(), &tbs);
  if (tbs_size <= 0 || tbs == nullptr) {
    rec.fail("sct", "cannot encode the precertificate: " + ossl::drain_errors());
    return;
  }
  std::string tbs_der(reinterpret_cast<const char*>(tbs), static_cast<std::size_t>(tbs_size));
  OPENSSL_free(tbs);
  unsigned char* spki = nullptr;
  int spki_size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(issuer), &spki);
  if (spki_size <= 0 || spki == nullptr) {
    rec.fail("sct", "cannot encode the issuer key: " + ossl::drain_errors());
    return;
  }
  std::string issuer_key_hash =
      digest(HashAlgorithm::sha256, std::string_view(reinterpret_cast<const char*>(spki), static_cast<std::size_t>(spki_size)));
  OPENSSL_free(spki);

  std::map<std::string, EVP_PKEY*> by_id;
  for (const auto& key : log_keys) {
    unsigned char* der = nullptr;
    int n = i2d_PUBKEY(key.get(), &der);
    if (n <= 0 || der == nullptr) continue;
    by_id[digest(HashAlgorithm::sha256, std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n)))] =
        key.get();
    OPENSSL_free(der);
  }
  std::size_t verified = 0;
  for (std::size_t i = 0; i < scts.size(); ++i) {
    const Sct& sct = scts[i];
    std::string label = "SCT " + std::to_string(i + 1) + " (log " + to_hex(sct.log_id).substr(0, 16) + "…)";
    auto it = by_id.find(sct.log_id);
    if (it == by_id.end()) {
      rec.warn("sct", label + ": log not in --ct-logs; signature not verified");
      continue;
    }
    if (sct.hash_algorithm != 4) {
      rec.fail("sct", label + ": hash algorithm " + std::to_string(sct.hash_algorithm) + " is not SHA-256");
      continue;
    }
    std::string signed_data = detail::precert_signed_data(sct, issuer_key_hash, tbs_der);
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    bool good = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, it->second) == 1 &&
                EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sct.signature.data()),
                                 sct.signature.size(), reinterpret_cast<const unsigned char*>(signed_data.data()),
                                 signed_data.size()) == 1;
    ossl::clear_errors();
    if (good) {
      ++verified;
      rec.pass("sct", label + ": signature verified");
    } else {
      rec.fail("sct", label + ": signature does not verify");
    }
  }
  if (verified == 0) rec.fail("sct", "no SCT is signed by a log in --ct-logs");
}

void check_revocation(Recorder& rec, X509* leaf, X509* issuer, const VerifyOptions& options, const X509_CRL* crl) {
  auto urls = detail::crl_urls(leaf);
  if (crl == nullptr) {
    if (urls.empty()) {
      rec.warn("revocation", "no CRL distribution point; revocation not checked (no --crl)");
    } else {
      rec.skip("revocation", "not checked (no --crl); CRL distribution point: " + urls.front());
    }
    return;
  }
  if (urls.empty()) rec.warn("revocation", "the leaf has no CRL distribution point");
  if (issuer == nullptr) {
    rec.fail("revocation", "cannot check the CRL without the issuing CA certificate");
    return;
  }
  auto* mutable_crl = const_cast<X509_CRL*>(crl);
  if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(leaf)) != 0) {
    rec.fail("revocation", "the CRL is issued by " + detail::name_text(X509_CRL_get_issuer(crl)) +
                               ", not by the leaf's issuer");
    return;
  }
  if (X509_CRL_verify(mutable_crl, X509_get0_pubkey(issuer)) != 1) {
    ossl::clear_errors();
    rec.fail("revocation", "the CRL signature does not verify with the issuing CA's key");
    return;
  }
  long long next_update = 0;
  if (X509_CRL_get0_nextUpdate(crl) != nullptr && ossl::to_unix(X509_CRL_get0_nextUpdate(crl), next_update) &&
      next_update < options.at) {
    rec.warn("revocation", "the CRL's nextUpdate " + format_time(next_update) + " is before the verification time");
  }
  X509_REVOKED* revoked = nullptr;
  if (X509_CRL_get0_by_cert(mutable_crl, &revoked, leaf) == 1) {
    long long when = 0;
    ossl::to_unix(X509_REVOKED_get0_revocationDate(revoked), when);
    if (when <= options.at) {
      rec.fail("revocation", "the certificate is revoked (since " + format_time(when) + ")");
    } else {
      rec.pass("revocation", "listed in the CRL, but only from " + format_time(when));
    }
  } else {
    rec.pass("revocation", "not listed in the CRL signed by the issuing CA");
  }
  ossl::clear_errors();
}

// What the checks read: the inputs, loaded and parsed once before any check runs.
struct Verification {
  explicit Verification(const VerifyOptions& given) : options(given) {}

  const VerifyOptions& options;
  std::vector<ossl::X509Ptr> certs;  // as given; the first is the leaf
  std::vector<std::string> encodings;
  std::vector<ossl::X509Ptr> given_roots;
  const Bundled* bundled = nullptr;
  std::vector<ossl::X509Ptr> untrusted;  // the given certificates past the leaf, then the bundled intermediates
  std::string svg;                       // the logo given, inflated when gzipped
  ossl::X509CrlPtr crl;
  std::vector<ossl::EvpPkeyPtr> log_keys;

  X509* leaf() const { return certs.front().get(); }
  const std::vector<ossl::X509Ptr>& roots() const { return options.roots_pem ? given_roots : bundled->roots; }
  const std::vector<ossl::X509Ptr>& intermediates() const { return bundled->intermediates; }
};

// Anything unreadable in the inputs is an Error, not a finding.
std::variant<Verification, Error> load_verification(std::string_view certificate, std::string_view logo,
                                                     const VerifyOptions& options) {
  Verification v(options);
  auto loaded = detail::load_certificates(certificate, &v.encodings);
  if (auto* error = std::get_if<Error>(&loaded)) return Error{"certificate: " + error->message};
  v.certs = std::get<std::vector<ossl::X509Ptr>>(std::move(loaded));
  std::string error;
  if (options.roots_pem) {
    v.given_roots = parse_bundle(*options.roots_pem, "trust anchors", error);
    if (!error.empty()) return Error{error};
  }
  v.bundled = &bundled_certificates();
  if (!v.bundled->error.empty()) return Error{v.bundled->error};
  if (is_gzip(logo)) {
    auto inflated = gunzip(logo, max_logo_bytes, error);
    if (!inflated) return Error{"logo: " + error};
    v.svg = std::move(*inflated);
  } else {
    v.svg = std::string(logo);
  }
  if (options.crl) {
    ossl::Bio bio = ossl::memory_bio(*options.crl);
    if (options.crl->find("-----BEGIN") != std::string::npos) {
      v.crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
    } else {
      const auto* p = reinterpret_cast<const unsigned char*>(options.crl->data());
      v.crl.reset(d2i_X509_CRL(nullptr, &p, static_cast<long>(options.crl->size())));
    }
    if (!v.crl) return Error{"CRL: not a valid CRL (" + ossl::drain_errors() + ")"};
  }
  if (options.ct_log_keys) {
    ossl::Bio bio = ossl::memory_bio(*options.ct_log_keys);
    for (;;) {
      ossl::EvpPkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
      if (!key) break;
      v.log_keys.push_back(std::move(key));
    }
    ossl::clear_errors();
    if (v.log_keys.empty()) return Error{"CT logs: no PEM public key found"};
  }
  for (std::size_t i = 1; i < v.certs.size(); ++i) {
    X509_up_ref(v.certs[i].get());
    v.untrusted.emplace_back(v.certs[i].get());
  }
  for (const auto& cert : v.intermediates()) {
    X509_up_ref(cert.get());
    v.untrusted.emplace_back(cert.get());
  }
  return v;
}

// One function per row of the check table (docs/vmc-checks.md), in its order. Checks that later
// ones depend on return what they established.

// der: OpenSSL reads BER too, and verifies signatures over the re-encoded DER.
void check_der(Recorder& rec, const Verification& v) {
  if (auto problems = detail::non_der_certificates(v.encodings); problems.empty()) {
    rec.pass("der", v.encodings.size() == 1 ? "the certificate is DER" : "every certificate is DER");
  } else {
    for (auto& problem : problems) rec.fail("der", std::move(problem));
  }
}

ChainResult check_chain(Recorder& rec, const Verification& v) {
  ChainResult chain = build_chain(v.leaf(), v.roots(), v.untrusted, v.options.at);
  if (chain.ok) {
    rec.pass("chain", "chains to trust anchor " + subject_of(chain.chain.back().get()) + " (" +
                          std::to_string(chain.chain.size()) + " certificates, signatures verified)");
  } else {
    rec.fail("chain", "no valid chain to a trust anchor: " + chain.message);
  }
  return chain;
}

// The issuing CA: from the built chain, else looked for among every certificate at hand.
X509* issuer_of_leaf(const Verification& v, const ChainResult& chain) {
  if (chain.ok && chain.chain.size() > 1) return chain.chain[1].get();
  return find_issuer(v.leaf(), {&v.certs, &v.intermediates(), &v.roots()});
}

// critical-extension: over the built chain, or what we have.
void check_critical_extension(Recorder& rec, const Verification& v, const ChainResult& chain) {
  std::vector<X509*> examined;
  for (const auto& cert : chain.ok ? chain.chain : v.certs) examined.push_back(cert.get());
  check_critical_extensions(rec, examined);
}

struct KeyUsages {
  bool present = false;  // the extension is there
  std::vector<std::string> oids;

  bool has(std::string_view oid) const { return std::find(oids.begin(), oids.end(), oid) != oids.end(); }
};

KeyUsages extended_key_usages(X509* cert) {
  KeyUsages usages;
  usages.oids = detail::extended_key_usages(cert, usages.present);
  return usages;
}

void check_eku_leaf(Recorder& rec, const KeyUsages& ekus) {
  if (!ekus.present) {
    rec.fail("eku-leaf", "the leaf has no extended key usage extension (needs " + std::string(bimi_eku_oid) + ")");
  } else if (!ekus.has(bimi_eku_oid)) {
    rec.fail("eku-leaf", "the leaf's extended key usage lacks " + std::string(bimi_eku_oid) + " (has " + join(ekus.oids) + ")");
  } else if (ekus.oids.size() != 1) {
    rec.fail("eku-leaf", "the leaf has other purposes besides BIMI: " + join(ekus.oids));
  } else {
    rec.pass("eku-leaf", "the leaf's only extended key usage is BIMI (" + std::string(bimi_eku_oid) + ")");
  }
}

void check_eku_issuer(Recorder& rec, X509* issuer) {
  if (issuer == nullptr) {
    rec.fail("eku-issuer", "the issuing CA certificate was not found");
    return;
  }
  KeyUsages ekus = extended_key_usages(issuer);
  if (!ekus.present) {
    rec.fail("eku-issuer", "the issuing CA " + subject_of(issuer) + " has no extended key usage extension");
  } else if (!ekus.has(bimi_eku_oid)) {
    rec.fail("eku-issuer", "the issuing CA " + subject_of(issuer) + " lacks the BIMI extended key usage");
  } else {
    rec.pass("eku-issuer", "the issuing CA " + subject_of(issuer) + " has the BIMI extended key usage");
  }
}

// Neither the BIMI EKU nor a logotype: say what the certificate is instead (empty when it is one).
std::string not_a_mark_certificate(X509* leaf, const KeyUsages& ekus) {
  if (detail::find_extension(leaf, logotype_oid) || ekus.has(bimi_eku_oid)) return {};
  return std::string(ekus.has(tls_server_eku_oid) ? "a TLS certificate, not a mark certificate" : "not a mark certificate") +
         ": no BIMI EKU, no logotype";
}

// What the logotype check found, for logotype-hash, logo-bytes and logo-profile.
struct LogotypeFound {
  enum class State { absent, unparsable, parsed } state = State::absent;
  std::optional<LogotypeImage> svg_image;  // the first image/svg+xml image
  std::optional<EmbeddedLogo> embedded;    // its first data: URI that decodes
};

LogotypeFound check_logotype(Recorder& rec, X509* leaf) {
  LogotypeFound found;
  auto raw = detail::find_extension(leaf, logotype_oid);
  if (!raw) {
    rec.fail("logotype", "no logotype extension (" + std::string(logotype_oid) + ")");
    return found;
  }
  if (raw->critical) rec.fail("logotype", "the logotype extension is marked critical; it must not be");
  auto parsed = parse_logotype(raw->value);
  if (auto* failure = std::get_if<Error>(&parsed)) {
    rec.fail("logotype", failure->message);
    found.state = LogotypeFound::State::unparsable;
    return found;
  }
  found.state = LogotypeFound::State::parsed;
  auto& logotype = std::get<Logotype>(parsed);
  if (logotype.images.size() > 1) rec.warn("logotype", "more than one logotype image; the first SVG is used");
  for (auto& candidate : logotype.images) {
    if (lower(candidate.media_type) == "image/svg+xml") {
      found.svg_image = std::move(candidate);
      break;
    }
  }
  if (!found.svg_image) {
    rec.fail("logotype", "no image/svg+xml logotype image (media type " + logotype.images.front().media_type + ")");
    return found;
  }
  for (const auto& uri : found.svg_image->uris) {
    auto decoded = decode_data_uri(uri);
    if (auto* bad = std::get_if<Error>(&decoded)) {
      rec.fail("logotype", bad->message);
    } else if (!found.embedded) {
      found.embedded = std::get<EmbeddedLogo>(std::move(decoded));
    }
  }
  if (found.embedded) {
    rec.pass("logotype", "image/svg+xml in a data: URI, " + std::to_string(found.embedded->svg.size()) + " bytes" +
                             (found.embedded->gzipped ? " after gunzip" : ""));
  }
  return found;
}

// logotype-hash: over the exact SVG bytes given.
void check_logotype_hash(Recorder& rec, const LogotypeFound& found, const std::string& svg) {
  if (found.state == LogotypeFound::State::absent) {
    rec.skip("logotype-hash", "not checked: no logotype extension");
    return;
  }
  if (found.state == LogotypeFound::State::unparsable) {
    rec.skip("logotype-hash", "not checked: the logotype extension does not parse");
    return;
  }
  if (!found.svg_image) return;
  std::size_t known = 0;
  for (const auto& hash : found.svg_image->hashes) {
    if (!hash.algorithm) {
      rec.skip("logotype-hash", "hash algorithm " + hash.algorithm_oid + " is not known; not checked");
      continue;
    }
    ++known;
    std::string name(to_string(*hash.algorithm));
    std::string actual = digest(*hash.algorithm, svg);
    if (actual == hash.value) {
      rec.pass("logotype-hash", name + " " + to_hex(hash.value) + " matches the logo");
    } else {
      std::string why = "";
      if (found.embedded && found.embedded->gzipped && digest(*hash.algorithm, found.embedded->payload) == hash.value) {
        why = " (it looks computed over gzip bytes, not the SVG)";
      }
      rec.fail("logotype-hash", name + " in the certificate is " + to_hex(hash.value) + " but the logo's is " +
                                    to_hex(actual) + why);
    }
  }
  if (known == 0) rec.fail("logotype-hash", "no logotype hash uses an algorithm we know (SHA-1/256/384/512)");
}

void check_logo_bytes(Recorder& rec, const std::optional<EmbeddedLogo>& embedded, const std::string& svg) {
  if (!embedded) {
    rec.fail("logo-bytes", "no embedded logo to compare");
  } else if (embedded->svg == svg) {
    rec.pass("logo-bytes", "the embedded SVG is byte-for-byte the logo given (" + std::to_string(svg.size()) + " bytes)");
  } else {
    std::size_t first = 0;
    while (first < svg.size() && first < embedded->svg.size() && svg[first] == embedded->svg[first]) ++first;
    rec.fail("logo-bytes", "the embedded SVG (" + std::to_string(embedded->svg.size()) +
                               " bytes) differs from the logo given (" + std::to_string(svg.size()) +
                               " bytes) from byte offset " + std::to_string(first) + ": " +
                               explain_logo_difference(embedded->svg, svg, "the embedded SVG", "the logo given"));
  }
}

void check_san(Recorder& rec, X509* leaf, const VerifyOptions& options) {
  auto names = detail::dns_names(leaf);
  std::string domain = normalize_dns(options.domain);
  std::string selector = lower(options.selector.empty() ? std::string("default") : options.selector);
  if (domain.empty()) {
    rec.fail("san", "no domain given");
  } else if (!is_ascii(domain)) {
    rec.fail("san", "the domain \"" + options.domain + "\" is not ASCII; give its A-label (xn--) form");
  } else if (names.empty()) {
    rec.fail("san", "the leaf has no subjectAltName dNSName");
  } else {
    std::string selector_name = selector + "._bimi." + domain;
    std::string matched;
    for (const auto& name : names) {
      std::string n = normalize_dns(name);
      if (n == domain || n == selector_name) {
        matched = name;
        break;
      }
    }
    if (!matched.empty()) {
      rec.pass("san", "dNSName " + matched + " covers " +
                          (normalize_dns(matched) == domain ? domain + " (any selector)" : "selector " + selector + " of " + domain));
    } else {
      rec.fail("san", "no dNSName covers " + domain + " with selector " + selector + " (names: " + join(names) + ")");
    }
  }
}

struct ValidityPeriod {
  long long not_before = 0;
  long long not_after = 0;
};

ValidityPeriod validity_period(X509* leaf) {
  ValidityPeriod period;
  ossl::to_unix(X509_get0_notBefore(leaf), period.not_before);
  ossl::to_unix(X509_get0_notAfter(leaf), period.not_after);
  return period;
}

void check_validity(Recorder& rec, const ValidityPeriod& valid, long long at) {
  std::string period = format_time(valid.not_before) + " to " + format_time(valid.not_after);
  if (at < valid.not_before) {
    rec.fail("validity", "not yet valid at " + format_time(at) + " (valid " + period + ")");
  } else if (at > valid.not_after) {
    rec.fail("validity", "expired at " + format_time(at) + " (valid " + period + ")");
  } else {
    rec.pass("validity", "valid at " + format_time(at) + " (" + period + ")");
  }
}

void check_policy(Recorder& rec, X509* leaf) {
  bool present = false;
  auto policy_list = detail::policies(leaf, present);
  if (std::find(policy_list.begin(), policy_list.end(), mark_policy_oid) != policy_list.end()) {
    rec.pass("policy", "asserts the mark certificate policy " + std::string(mark_policy_oid));
  } else {
    rec.fail("policy", present ? "certificate policies lack " + std::string(mark_policy_oid) + " (has " + join(policy_list) + ")"
                               : "no certificate policies extension (needs " + std::string(mark_policy_oid) + ")");
  }
}

MarkTypeAssessment check_mark_type(Recorder& rec, X509* leaf, long long not_before) {
  auto mark = assess_mark_type(detail::name_fields(X509_get_subject_name(leaf)), not_before);
  for (const auto& message : mark.errors) rec.fail("mark-type", message);
  for (const auto& message : mark.warnings) rec.warn("mark-type", message);
  if (mark.errors.empty() && mark.mark_class != MarkClass::unknown) {
    rec.pass("mark-type", std::string(to_string(mark.mark_class)) +
                              (mark.mark_type.empty() ? "" : " (" + mark.mark_type + ")") + "; subject fields as required");
  }
  return mark;
}

void check_logo_profile(Recorder& rec, const VerifyOptions& options, const std::optional<EmbeddedLogo>& embedded) {
  if (!options.logo_linter) {
    rec.skip("logo-profile", "not checked (no logo linter)");
    return;
  }
  if (!embedded) {
    rec.fail("logo-profile", "no embedded logo to check");
    return;
  }
  Diagnostics found = options.logo_linter(embedded->svg);
  std::size_t errors = 0;
  for (const auto& d : found.items()) {
    if (d.severity == Severity::error) {
      ++errors;
      rec.fail("logo-profile", d.rule + ": " + d.message);
    } else if (d.severity == Severity::warning) {
      rec.warn("logo-profile", d.rule + ": " + d.message);
    }
  }
  if (errors == 0) rec.pass("logo-profile", "the embedded logo passes bimi check");
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::warn: return "warn";
    case Verdict::fail: return "fail";
    case Verdict::skipped: return "skipped";
  }
  return "skipped";
}

bool VerifyReport::valid() const {
  return std::none_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.verdict == Verdict::fail; });
}

const CheckResult* VerifyReport::find(std::string_view id) const {
  for (const auto& check : checks) {
    if (check.id == id) return &check;
  }
  return nullptr;
}

std::string_view bundled_roots_pem() { return embedded::bimi_roots_pem(); }
std::string_view bundled_intermediates_pem() { return embedded::bimi_intermediates_pem(); }

std::variant<VerifyReport, Error> verify_certificate(std::string_view certificate, std::string_view logo,
                                                     const VerifyOptions& options) {
  ossl::clear_errors();
  auto loaded = load_verification(certificate, logo, options);
  if (auto* error = std::get_if<Error>(&loaded)) return std::move(*error);
  const auto& v = std::get<Verification>(loaded);
  X509* leaf = v.leaf();

  VerifyReport report;
  Recorder rec;
  check_der(rec, v);
  ChainResult chain = check_chain(rec, v);
  if (chain.ok) {
    for (const auto& cert : chain.chain) report.chain.push_back(subject_of(cert.get()));
  }
  X509* issuer = issuer_of_leaf(v, chain);
  check_critical_extension(rec, v, chain);
  KeyUsages ekus = extended_key_usages(leaf);
  check_eku_leaf(rec, ekus);
  check_eku_issuer(rec, issuer);
  report.not_a_mark_certificate = not_a_mark_certificate(leaf, ekus);
  LogotypeFound logotype = check_logotype(rec, leaf);
  check_logotype_hash(rec, logotype, v.svg);
  check_logo_bytes(rec, logotype.embedded, v.svg);
  check_san(rec, leaf, options);
  ValidityPeriod valid = validity_period(leaf);
  check_validity(rec, valid, options.at);
  check_policy(rec, leaf);
  check_sct(rec, leaf, issuer, options, v.log_keys);
  check_revocation(rec, leaf, issuer, options, v.crl.get());
  MarkTypeAssessment mark = check_mark_type(rec, leaf, valid.not_before);
  report.mark_class = mark.mark_class;
  report.mark_type = mark.mark_type;
  check_logo_profile(rec, options, logotype.embedded);

  rec.finish(report);
  ossl::clear_errors();
  return report;
}

}  // namespace bimi::vmc
