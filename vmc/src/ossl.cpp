#include "ossl.hpp"

#include <climits>
#include <ctime>

namespace bimi::vmc::ossl {

std::string drain_errors() {
  std::string text;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

Bio memory_bio(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return Bio(BIO_new(BIO_s_mem()));
  return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  if (size <= 0 || data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(size));
}

std::string oid_text(const ASN1_OBJECT* object) {
  char buffer[128];
  int n = OBJ_obj2txt(buffer, sizeof buffer, object, 1);
  if (n <= 0) return {};
  if (static_cast<std::size_t>(n) >= sizeof buffer) return std::string(buffer, sizeof buffer - 1);
  return std::string(buffer, static_cast<std::size_t>(n));
}

Asn1ObjectPtr make_oid(const char* dotted) { return Asn1ObjectPtr(OBJ_txt2obj(dotted, 1)); }

std::string to_der(X509* cert) {
  unsigned char* out = nullptr;
  int n = i2d_X509(cert, &out);
  if (n <= 0 || out == nullptr) return {};
  std::string der(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

bool to_unix(const ASN1_TIME* time, long long& out) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return false;
  out = static_cast<long long>(timegm(&tm));
  return true;
}

}  // namespace bimi::vmc::ossl
