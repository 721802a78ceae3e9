#include "sct.hpp"

#include "der.hpp"

namespace bimi::vmc::detail {
namespace {

class TlsReader {
 public:
  explicit TlsReader(std::string_view bytes) : bytes_(bytes) {}
  bool empty() const { return pos_ == bytes_.size(); }
  bool number(std::size_t width, std::uint64_t& out) {
    if (bytes_.size() - pos_ < width) return false;
    out = 0;
    for (std::size_t k = 0; k < width; ++k) out = (out << 8) | static_cast<unsigned char>(bytes_[pos_++]);
    return true;
  }
  bool vector(std::size_t length_width, std::string_view& out) {
    std::uint64_t length = 0;
    if (!number(length_width, length) || bytes_.size() - pos_ < length) return false;
    out = bytes_.substr(pos_, static_cast<std::size_t>(length));
    pos_ += static_cast<std::size_t>(length);
    return true;
  }
  bool fixed(std::size_t length, std::string_view& out) {
    if (bytes_.size() - pos_ < length) return false;
    out = bytes_.substr(pos_, length);
    pos_ += length;
    return true;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

void put(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t k = width; k-- > 0;) out += static_cast<char>((value >> (8 * k)) & 0xff);
}

}  // namespace

std::variant<std::vector<Sct>, Error> parse_sct_list(std::string_view extension_value) {
  std::string error;
  der::Reader reader(extension_value);
  auto octets = reader.expect(der::octet_string, "SCT list", error);
  if (!octets) return Error{error};
  if (!reader.empty()) return Error{"unexpected data after the SCT list"};
  TlsReader list_reader(octets->content);
  std::string_view list;
  if (!list_reader.vector(2, list) || !list_reader.empty()) return Error{"SCT list length is wrong"};
  TlsReader items(list);
  std::vector<Sct> scts;
  while (!items.empty()) {
    std::string_view item;
    if (!items.vector(2, item) || item.empty()) return Error{"SCT entry length is wrong"};
    TlsReader field(item);
    Sct sct;
    std::uint64_t value = 0;
    std::string_view bytes;
    if (!field.number(1, value)) return Error{"SCT is truncated"};
    sct.version = static_cast<unsigned>(value);
    if (sct.version != 0) return Error{"SCT version " + std::to_string(sct.version) + " is not v1"};
    if (!field.fixed(32, bytes)) return Error{"SCT log id is truncated"};
    sct.log_id = std::string(bytes);
    if (!field.number(8, sct.timestamp_ms)) return Error{"SCT timestamp is truncated"};
    if (!field.vector(2, bytes)) return Error{"SCT extensions are truncated"};
    sct.extensions = std::string(bytes);
    if (!field.number(1, value)) return Error{"SCT hash algorithm is truncated"};
    sct.hash_algorithm = static_cast<unsigned>(value);
    if (!field.number(1, value)) return Error{"SCT signature algorithm is truncated"};
    sct.signature_algorithm = static_cast<unsigned>(value);
    if (!field.vector(2, bytes)) return Error{"SCT signature is truncated"};
    sct.signature = std::string(bytes);
    if (!field.empty()) return Error{"unexpected data after an SCT"};
    scts.push_back(std::move(sct));
  }
  return scts;
}

std::string encode_sct(const Sct& sct) {
  std::string out;
  put(out, sct.version, 1);
  out += sct.log_id;
  put(out, sct.timestamp_ms, 8);
  put(out, sct.extensions.size(), 2);
  out += sct.extensions;
  put(out, sct.hash_algorithm, 1);
  put(out, sct.signature_algorithm, 1);
  put(out, sct.signature.size(), 2);
  out += sct.signature;
  return out;
}

std::string encode_sct_list(const std::vector<Sct>& scts) {
  std::string items;
  for (const auto& sct : scts) {
    std::string one = encode_sct(sct);
    put(items, one.size(), 2);
    items += one;
  }
  std::string list;
  put(list, items.size(), 2);
  list += items;
  return list;
}

std::string precert_signed_data(const Sct& sct, std::string_view issuer_key_hash, std::string_view tbs_der) {
  std::string out;
  put(out, sct.version, 1);
  put(out, 0, 1);  // signature_type: certificate_timestamp
  put(out, sct.timestamp_ms, 8);
  put(out, 1, 2);  // entry_type: precert_entry
  out += issuer_key_hash;
  put(out, tbs_der.size(), 3);
  out += tbs_der;
  put(out, sct.extensions.size(), 2);
  out += sct.extensions;
  return out;
}

}  // namespace bimi::vmc::detail
