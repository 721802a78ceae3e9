// Builds the test PKI for the vmc tests with the OpenSSL API: a root, an issuing CA with the BIMI
// EKU, and mark-certificate leaves with the logotype extension, one per defect. Keys are fresh on
// every run; names, dates and structure are fixed, so the tests are deterministic.
//
//   make_test_pki OUTDIR
//
// Writes root.pem (trust anchor), other-root.pem (not trusted), ct-log.pem (the test CT log's
// public key), crl.pem (revokes revoked.pem), logo.svg, other-logo.svg, bad-profile.svg and one
// <case>.pem per leaf (leaf then issuing CA). Verify them at 2024-06-01T00:00:00Z for example.com
// (live.pem is for example.com and example.net).
//
// For HTTPS servers in the DNS tests it also writes tls-ca.pem (a TLS test root), and
// tls-server.pem with tls-server.key: a server certificate for logo.example.com, logo.example.net
// and logo.example.org, valid from 2020 to 2049 because TLS clients check it at the real time.
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Deleter<X509_CRL, X509_CRL_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ObjPtr = std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;
using OctetPtr = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME, ASN1_TIME_free>>;

[[noreturn]] void die(const std::string& what) {
  std::cerr << "make_test_pki: " << what << "\n";
  ERR_print_errors_fp(stderr);
  std::exit(1);
}

void check(bool ok, const std::string& what) {
  if (!ok) die(what);
}

// ---- DER encoding of the few structures we build by hand ----
std::string tlv(unsigned char tag, const std::string& content) {
  std::string out(1, static_cast<char>(tag));
  std::size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string length;
    while (n > 0) {
      length.insert(length.begin(), static_cast<char>(n & 0xff));
      n >>= 8;
    }
    out += static_cast<char>(0x80 | length.size());
    out += length;
  }
  return out + content;
}
std::string seq(const std::string& content) { return tlv(0x30, content); }

std::string oid_der(const char* dotted) {
  ObjPtr obj(OBJ_txt2obj(dotted, 1));
  check(obj != nullptr, std::string("bad OID ") + dotted);
  unsigned char* out = nullptr;
  int n = i2d_ASN1_OBJECT(obj.get(), &out);
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

std::string digest(const EVP_MD* md, const std::string& bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  check(EVP_Digest(bytes.data(), bytes.size(), out, &n, md, nullptr) == 1, "digest");
  return std::string(reinterpret_cast<char*>(out), n);
}

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// gzip of `total` bytes produced by `fill` in chunks (so a bomb never sits in memory whole).
std::string gzip_stream(std::size_t total, const std::function<std::string(std::size_t offset, std::size_t size)>& fill) {
  z_stream z{};
  check(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
  std::string out;
  std::vector<char> buffer(1 << 16);
  std::size_t offset = 0;
  int flush = Z_NO_FLUSH;
  do {
    std::size_t size = std::min<std::size_t>(total - offset, 1u << 20);
    std::string chunk = fill(offset, size);
    offset += size;
    flush = offset == total ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_in = static_cast<uInt>(chunk.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, flush);
      out.append(buffer.data(), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&z);
  return out;
}
std::string gzip(const std::string& bytes) {
  return gzip_stream(bytes.size(), [&](std::size_t offset, std::size_t size) { return bytes.substr(offset, size); });
}

struct LogotypeSpec {
  std::string svg;                 // the logo the hashes are over
  std::string payload;             // what the data: URI carries (gzip of svg unless overridden)
  std::vector<const EVP_MD*> hashes{EVP_sha1(), EVP_sha256()};
  bool hash_over_payload = false;  // the defect: hashes over the gzip bytes
  std::string uri;                 // overrides the data: URI
};

std::string logotype_der(const LogotypeSpec& spec) {
  std::string payload = spec.payload.empty() ? gzip(spec.svg) : spec.payload;
  std::string hashes;
  for (const EVP_MD* md : spec.hashes) {
    const char* oid = md == EVP_sha1() ? "1.3.14.3.2.26" : md == EVP_sha256() ? "2.16.840.1.101.3.4.2.1" : "2.16.840.1.101.3.4.2.2";
    std::string alg = seq(oid_der(oid) + tlv(0x05, ""));
    hashes += seq(alg + tlv(0x04, digest(md, spec.hash_over_payload ? payload : spec.svg)));
  }
  std::string uri = spec.uri.empty() ? "data:image/svg+xml;base64," + base64(payload) : spec.uri;
  std::string details = seq(tlv(0x16, "image/svg+xml") + seq(hashes) + seq(tlv(0x16, uri)));
  std::string image = seq(details);
  std::string data = tlv(0xa0, seq(image));  // direct [0] IMPLICIT LogotypeData { image SEQUENCE OF }
  return seq(tlv(0xa2, data));               // subjectLogo [2] EXPLICIT
}

// ---- certificates ----
KeyPtr new_key() {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  check(key != nullptr, "keygen");
  return key;
}

long long at(int year, int month, int day) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  return static_cast<long long>(timegm(&tm));
}

void add_name(X509_NAME* name, const char* field, const std::string& value) {
  ObjPtr obj(OBJ_txt2obj(field, 0));
  check(obj && X509_NAME_add_entry_by_OBJ(name, obj.get(), MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(value.data()),
                                          static_cast<int>(value.size()), -1, 0) == 1,
        std::string("name field ") + field);
}

void add_conf(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
  check(ext && X509_add_ext(cert, ext.get(), -1) == 1, std::string("extension ") + OBJ_nid2sn(nid) + " = " + value);
}

void add_raw(X509* cert, const char* oid, bool critical, const std::string& der) {
  ObjPtr obj(OBJ_txt2obj(oid, 1));
  OctetPtr data(ASN1_OCTET_STRING_new());
  check(obj && data && ASN1_OCTET_STRING_set(data.get(), reinterpret_cast<const unsigned char*>(der.data()),
                                              static_cast<int>(der.size())) == 1,
        "raw extension");
  ExtPtr ext(X509_EXTENSION_create_by_OBJ(nullptr, obj.get(), critical ? 1 : 0, data.get()));
  check(ext && X509_add_ext(cert, ext.get(), -1) == 1, std::string("raw extension ") + oid);
}

void add_policy(X509* cert, const char* oid) {
  CERTIFICATEPOLICIES* policies = CERTIFICATEPOLICIES_new();
  POLICYINFO* info = POLICYINFO_new();
  check(policies && info, "policies");
  info->policyid = OBJ_txt2obj(oid, 1);
  sk_POLICYINFO_push(policies, info);
  check(X509_add1_ext_i2d(cert, NID_certificate_policies, policies, 0, X509V3_ADD_DEFAULT) == 1, "policy extension");
  CERTIFICATEPOLICIES_free(policies);
}

struct Issuer {
  X509* cert;
  EVP_PKEY* key;
};

CertPtr new_cert(const std::vector<std::pair<const char*, std::string>>& subject, EVP_PKEY* key,
                 const Issuer* issuer, long long not_before, long long not_after, long serial) {
  CertPtr cert(X509_new());
  check(cert && X509_set_version(cert.get(), 2) == 1, "X509_new");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : subject) add_name(name, field, value);
  check(X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->cert) : name) == 1, "issuer");
  check(ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before)) != nullptr, "notBefore");
  check(ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after)) != nullptr, "notAfter");
  check(X509_set_pubkey(cert.get(), key) == 1, "pubkey");
  return cert;
}

void sign(X509* cert, EVP_PKEY* key) { check(X509_sign(cert, key, EVP_sha256()) > 0, "sign"); }

CertPtr make_ca(const std::string& cn, EVP_PKEY* key, const Issuer* issuer, bool bimi_eku, long serial) {
  CertPtr cert = new_cert({{"C", "US"}, {"O", "bimi test PKI"}, {"CN", cn}}, key, issuer, at(2020, 1, 1), at(2040, 1, 1), serial);
  X509* issuer_cert = issuer ? issuer->cert : cert.get();
  add_conf(cert.get(), issuer_cert, NID_basic_constraints, issuer ? "critical,CA:TRUE,pathlen:0" : "critical,CA:TRUE");
  add_conf(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_conf(cert.get(), issuer_cert, NID_subject_key_identifier, "hash");
  if (issuer) add_conf(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (bimi_eku) add_conf(cert.get(), issuer_cert, NID_ext_key_usage, "1.3.6.1.5.5.7.3.31");
  sign(cert.get(), issuer ? issuer->key : key);
  return cert;
}

void put(std::string& out, unsigned long long value, int width) {
  for (int k = width - 1; k >= 0; --k) out += static_cast<char>((value >> (8 * k)) & 0xff);
}

std::string spki_der(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(key, &der);
  check(n > 0, "i2d_PUBKEY");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

// Adds an RFC 6962 SCT list signed by `log` over the precertificate entry of `cert` as it stands.
void add_sct(X509* cert, const Issuer& issuer, EVP_PKEY* log, bool corrupt) {
  sign(cert, issuer.key);  // fixes the TBS signature algorithm
  unsigned char* tbs = nullptr;
  int tbs_size = i2d_re_X509_tbs(cert, &tbs);
  check(tbs_size > 0, "i2d_re_X509_tbs");
  std::string tbs_der(reinterpret_cast<char*>(tbs), static_cast<std::size_t>(tbs_size));
  OPENSSL_free(tbs);
  unsigned long long timestamp = static_cast<unsigned long long>(at(2024, 1, 1)) * 1000ULL;
  std::string issuer_key_hash = digest(EVP_sha256(), spki_der(X509_get0_pubkey(issuer.cert)));
  std::string signed_data;
  put(signed_data, 0, 1);  // v1
  put(signed_data, 0, 1);  // certificate_timestamp
  put(signed_data, timestamp, 8);
  put(signed_data, 1, 2);  // precert_entry
  signed_data += issuer_key_hash;
  put(signed_data, tbs_der.size(), 3);
  signed_data += tbs_der;
  put(signed_data, 0, 2);  // no extensions
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t sig_size = 0;
  check(ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, log) == 1 &&
            EVP_DigestSign(ctx.get(), nullptr, &sig_size, reinterpret_cast<const unsigned char*>(signed_data.data()),
                           signed_data.size()) == 1,
        "SCT sign size");
  std::string signature(sig_size, '\0');
  check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &sig_size,
                       reinterpret_cast<const unsigned char*>(signed_data.data()), signed_data.size()) == 1,
        "SCT sign");
  signature.resize(sig_size);
  if (corrupt) signature[signature.size() - 1] = static_cast<char>(signature.back() ^ 1);
  std::string sct;
  put(sct, 0, 1);
  sct += digest(EVP_sha256(), spki_der(log));
  put(sct, timestamp, 8);
  put(sct, 0, 2);
  put(sct, 4, 1);  // sha256
  put(sct, 3, 1);  // ecdsa
  put(sct, signature.size(), 2);
  sct += signature;
  std::string items;
  put(items, sct.size(), 2);
  items += sct;
  std::string list;
  put(list, items.size(), 2);
  list += items;
  add_raw(cert, "1.3.6.1.4.1.11129.2.4.2", false, tlv(0x04, list));
}

struct LeafSpec {
  std::string name;
  std::vector<std::pair<const char*, std::string>> subject{
      {"C", "US"}, {"O", "Example Brand Inc."}, {"CN", "Example Brand Inc."},
      {"1.3.6.1.4.1.53087.1.13", "Registered Mark"}, {"1.3.6.1.4.1.53087.1.3", "US"},
      {"1.3.6.1.4.1.53087.1.4", "1234567"}};
  std::string san = "DNS:example.com";
  std::string eku = "1.3.6.1.5.5.7.3.31";  // empty: no EKU extension
  bool policy = true;
  bool sct = true;
  bool corrupt_sct = false;
  LogotypeSpec logotype;
  std::string logotype_raw;  // overrides the logotype DER
  bool critical_unknown = false;
  bool critical_pilot = false;
  long long not_before = at(2024, 1, 1);
  long long not_after = at(2025, 1, 1);
};

std::string pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

void write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  check(out.good(), "write " + path.string());
}

// A TLS root and a server certificate signed by it, for nginx in the loopback tests.
void write_tls_server(const std::filesystem::path& dir) {
  KeyPtr ca_key = new_key();
  CertPtr ca = new_cert({{"O", "bimi test PKI"}, {"CN", "bimi test TLS root"}}, ca_key.get(), nullptr, at(2020, 1, 1),
                        at(2049, 12, 31), 900);
  add_conf(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_conf(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_conf(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  sign(ca.get(), ca_key.get());
  Issuer issuer{ca.get(), ca_key.get()};
  KeyPtr key = new_key();
  CertPtr server = new_cert({{"O", "bimi test PKI"}, {"CN", "logo.example.com"}}, key.get(), &issuer, at(2020, 1, 1),
                            at(2049, 12, 31), 901);
  add_conf(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_conf(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_conf(server.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_conf(server.get(), ca.get(), NID_subject_alt_name, "DNS:logo.example.com,DNS:logo.example.net,DNS:logo.example.org");
  sign(server.get(), ca_key.get());
  write(dir / "tls-ca.pem", pem(ca.get()));
  write(dir / "tls-server.pem", pem(server.get()) + pem(ca.get()));
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "server key PEM");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  write(dir / "tls-server.key", std::string(data, static_cast<std::size_t>(n)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_test_pki OUTDIR\n";
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);

  const std::string logo =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 96 96\">\n"
      "<title>Example Brand</title>\n"
      "<rect width=\"96\" height=\"96\" fill=\"#ffffff\"/>\n"
      "<circle cx=\"48\" cy=\"48\" r=\"30\" fill=\"#c00000\"/>\n"
      "</svg>";
  const std::string other_logo =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 96 96\">\n"
      "<title>Another Brand</title>\n"
      "<rect width=\"96\" height=\"96\" fill=\"#ffffff\"/>\n"
      "<rect x=\"24\" y=\"24\" width=\"48\" height=\"48\" fill=\"#0000c0\"/>\n"
      "</svg>";
  const std::string bad_profile_logo =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 96 96\">\n"
      "<script>alert(1)</script>\n"
      "<rect width=\"96\" height=\"96\" fill=\"#c00000\"/>\n"
      "</svg>";
  write(dir / "logo.svg", logo);
  write(dir / "other-logo.svg", other_logo);
  write(dir / "bad-profile.svg", bad_profile_logo);

  KeyPtr root_key = new_key();
  CertPtr root = make_ca("bimi test root", root_key.get(), nullptr, false, 1);
  Issuer root_issuer{root.get(), root_key.get()};
  KeyPtr ca_key = new_key();
  CertPtr ca = make_ca("bimi test issuing CA", ca_key.get(), &root_issuer, true, 2);
  Issuer ca_issuer{ca.get(), ca_key.get()};
  KeyPtr plain_ca_key = new_key();
  CertPtr plain_ca = make_ca("bimi test CA without BIMI EKU", plain_ca_key.get(), &root_issuer, false, 3);
  Issuer plain_issuer{plain_ca.get(), plain_ca_key.get()};
  KeyPtr other_root_key = new_key();
  CertPtr other_root = make_ca("untrusted test root", other_root_key.get(), nullptr, false, 4);
  Issuer other_root_issuer{other_root.get(), other_root_key.get()};
  KeyPtr other_ca_key = new_key();
  CertPtr other_ca = make_ca("untrusted issuing CA", other_ca_key.get(), &other_root_issuer, true, 5);
  Issuer other_issuer{other_ca.get(), other_ca_key.get()};
  KeyPtr log_key = new_key();

  write(dir / "root.pem", pem(root.get()));
  write(dir / "other-root.pem", pem(other_root.get()));
  {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PUBKEY(bio.get(), log_key.get()) == 1, "log key");
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    write(dir / "ct-log.pem", std::string(data, static_cast<std::size_t>(n)));
  }

  std::vector<std::pair<LeafSpec, const Issuer*>> leaves;
  auto base = [&](const std::string& name) {
    LeafSpec spec;
    spec.name = name;
    spec.logotype.svg = logo;
    return spec;
  };
  leaves.push_back({base("good"), &ca_issuer});
  {
    auto s = base("wrong-logo");
    s.logotype.svg = other_logo;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("gzip-hash");
    s.logotype.hash_over_payload = true;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("sha384-only");
    s.logotype.hashes = {EVP_sha384()};
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("no-eku");
    s.eku.clear();
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("extra-eku");
    s.eku = "1.3.6.1.5.5.7.3.31,serverAuth";
    leaves.push_back({s, &ca_issuer});
  }
  leaves.push_back({base("issuer-no-eku"), &plain_issuer});
  {
    auto s = base("unknown-critical");
    s.critical_unknown = true;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("wrong-domain");
    s.san = "DNS:example.org";
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("expired");
    s.not_before = at(2022, 1, 1);
    s.not_after = at(2023, 1, 1);
    leaves.push_back({s, &ca_issuer});
  }
  leaves.push_back({base("untrusted"), &other_issuer});
  {
    auto s = base("selector-only");
    s.san = "DNS:brand._bimi.example.com";
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("cmc");
    s.subject = {{"C", "US"}, {"O", "Example Brand Inc."}, {"CN", "Example Brand Inc."},
                 {"1.3.6.1.4.1.53087.1.13", "Prior Use Mark"},
                 {"1.3.6.1.4.1.53087.5.1", "https://example.com/logo-since-2019"}};
    s.critical_pilot = true;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("government-missing-citation");
    s.subject = {{"C", "US"}, {"O", "Example Agency"}, {"1.3.6.1.4.1.53087.1.13", "Government Mark"},
                 {"1.3.6.1.4.1.53087.3.2", "US"}};
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("no-policy");
    s.policy = false;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("no-sct");
    s.sct = false;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("bad-sct");
    s.corrupt_sct = true;
    leaves.push_back({s, &ca_issuer});
  }
  leaves.push_back({base("revoked"), &ca_issuer});
  {
    auto s = base("https-uri");
    s.logotype.uri = "https://example.com/logo.svg";
    leaves.push_back({s, &ca_issuer});
  }
  {
    // 1 GiB of zeros in a ~1 MB gzip: the verifier must stop at its bound without inflating it.
    auto s = base("gzip-bomb");
    s.logotype.payload = gzip_stream(std::size_t{1} << 30, [](std::size_t, std::size_t size) { return std::string(size, ' '); });
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("malformed-logotype");
    s.logotype_raw = seq(tlv(0xa2, tlv(0xa0, seq(seq(seq(tlv(0x04, "image/svg+xml")))))));  // wrong tag
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("bad-profile");
    s.logotype.svg = bad_profile_logo;
    leaves.push_back({s, &ca_issuer});
  }
  {
    auto s = base("live");
    s.san = "DNS:example.com,DNS:example.net";
    leaves.push_back({s, &ca_issuer});
  }

  long serial = 100;
  long revoked_serial = 0;
  for (auto& [spec, issuer] : leaves) {
    KeyPtr key = new_key();
    CertPtr cert = new_cert(spec.subject, key.get(), issuer, spec.not_before, spec.not_after, ++serial);
    if (spec.name == "revoked") revoked_serial = serial;
    add_conf(cert.get(), issuer->cert, NID_basic_constraints, "critical,CA:FALSE");
    add_conf(cert.get(), issuer->cert, NID_key_usage, "critical,digitalSignature");
    add_conf(cert.get(), issuer->cert, NID_authority_key_identifier, "keyid:always");
    add_conf(cert.get(), issuer->cert, NID_subject_alt_name, spec.san.c_str());
    if (!spec.eku.empty()) add_conf(cert.get(), issuer->cert, NID_ext_key_usage, spec.eku.c_str());
    if (spec.policy) add_policy(cert.get(), "1.3.6.1.4.1.53087.1.1");
    add_conf(cert.get(), issuer->cert, NID_crl_distribution_points, "URI:http://crl.example.test/ca.crl");
    add_raw(cert.get(), "1.3.6.1.5.5.7.1.12", false, spec.logotype_raw.empty() ? logotype_der(spec.logotype) : spec.logotype_raw);
    if (spec.critical_unknown) add_raw(cert.get(), "1.3.6.1.4.1.99999.1", true, tlv(0x05, ""));
    if (spec.critical_pilot) add_raw(cert.get(), "1.3.6.1.4.1.53087.4.1", true, tlv(0x0c, "pilot-2024"));
    if (spec.sct) add_sct(cert.get(), *issuer, log_key.get(), spec.corrupt_sct);
    sign(cert.get(), issuer->key);
    write(dir / (spec.name + ".pem"), pem(cert.get()) + pem(issuer->cert));
  }

  // A CRL from the issuing CA that revokes the "revoked" leaf from 2024-02-01.
  CrlPtr crl(X509_CRL_new());
  check(crl && X509_CRL_set_version(crl.get(), 1) == 1 && X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.get())) == 1,
        "CRL");
  TimePtr last(ASN1_TIME_set(nullptr, static_cast<time_t>(at(2024, 5, 1))));
  TimePtr next(ASN1_TIME_set(nullptr, static_cast<time_t>(at(2024, 8, 1))));
  X509_CRL_set1_lastUpdate(crl.get(), last.get());
  X509_CRL_set1_nextUpdate(crl.get(), next.get());
  X509_REVOKED* revoked = X509_REVOKED_new();
  ASN1_INTEGER* serial_number = ASN1_INTEGER_new();
  ASN1_INTEGER_set(serial_number, revoked_serial);
  X509_REVOKED_set_serialNumber(revoked, serial_number);
  ASN1_INTEGER_free(serial_number);
  TimePtr when(ASN1_TIME_set(nullptr, static_cast<time_t>(at(2024, 2, 1))));
  X509_REVOKED_set_revocationDate(revoked, when.get());
  check(X509_CRL_add0_revoked(crl.get(), revoked) == 1, "CRL revoked entry");
  X509_CRL_sort(crl.get());
  check(X509_CRL_sign(crl.get(), ca_key.get(), EVP_sha256()) > 0, "CRL sign");
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509_CRL(bio.get(), crl.get()) == 1, "CRL PEM");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  write(dir / "crl.pem", std::string(data, static_cast<std::size_t>(n)));
  // A CRL signed by the wrong key.
  check(X509_CRL_sign(crl.get(), other_ca_key.get(), EVP_sha256()) > 0, "CRL resign");
  BioPtr bad(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509_CRL(bad.get(), crl.get()) == 1, "bad CRL PEM");
  n = BIO_get_mem_data(bad.get(), &data);
  write(dir / "crl-wrong-signer.pem", std::string(data, static_cast<std::size_t>(n)));
  write_tls_server(dir);
  write(dir / "stamp", "ok\n");
  return 0;
}
