#include "bimi/vmc/logotype.hpp"

#include <algorithm>
#include <cctype>

#include "der.hpp"

namespace bimi::vmc {
namespace {

std::optional<HashAlgorithm> known_hash(std::string_view oid) {
  if (oid == "1.3.14.3.2.26") return HashAlgorithm::sha1;
  if (oid == "2.16.840.1.101.3.4.2.1") return HashAlgorithm::sha256;
  if (oid == "2.16.840.1.101.3.4.2.2") return HashAlgorithm::sha384;
  if (oid == "2.16.840.1.101.3.4.2.3") return HashAlgorithm::sha512;
  return std::nullopt;
}

bool is_ia5(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

#define BIMI_TRY(var, expr)                            \
  auto var = (expr);                                   \
  if (!var) return Error{"logotype: " + error}

std::variant<LogotypeHash, Error> parse_hash(const der::Element& element) {
  std::string error;
  der::Reader reader = der::inside(element);
  BIMI_TRY(algorithm, reader.expect(der::sequence, "hashAlg", error));
  BIMI_TRY(value, reader.expect(der::octet_string, "hashValue", error));
  if (!reader.empty()) return Error{"logotype: unexpected data after hashValue"};
  der::Reader alg = der::inside(*algorithm);
  BIMI_TRY(oid, alg.expect(der::object_identifier, "hash algorithm", error));
  if (!alg.empty()) {
    BIMI_TRY(params, alg.expect(der::null, "hash algorithm parameters", error));
    if (!params->content.empty()) return Error{"logotype: hash algorithm NULL parameters are not empty"};
    if (!alg.empty()) return Error{"logotype: unexpected data after hash algorithm parameters"};
  }
  auto text = der::oid_to_text(oid->content);
  if (!text) return Error{"logotype: malformed hash algorithm identifier"};
  LogotypeHash hash;
  hash.algorithm_oid = *text;
  hash.algorithm = known_hash(*text);
  hash.value = std::string(value->content);
  if (hash.algorithm && hash.value.size() != digest_size(*hash.algorithm)) {
    return Error{"logotype: " + std::string(to_string(*hash.algorithm)) + " hash value is " +
                 std::to_string(hash.value.size()) + " bytes, expected " +
                 std::to_string(digest_size(*hash.algorithm))};
  }
  return hash;
}

std::variant<LogotypeImage, Error> parse_image(const der::Element& element) {
  std::string error;
  der::Reader reader = der::inside(element);
  BIMI_TRY(details, reader.expect(der::sequence, "LogotypeDetails", error));
  if (!reader.empty()) {
    BIMI_TRY(info, reader.expect(der::sequence, "LogotypeImageInfo", error));
    if (!reader.empty()) return Error{"logotype: unexpected data after LogotypeImageInfo"};
  }
  der::Reader fields = der::inside(*details);
  BIMI_TRY(media, fields.expect(der::ia5_string, "mediaType", error));
  BIMI_TRY(hashes, fields.expect(der::sequence, "logotypeHash", error));
  BIMI_TRY(uris, fields.expect(der::sequence, "logotypeURI", error));
  if (!fields.empty()) return Error{"logotype: unexpected data after logotypeURI"};
  LogotypeImage image;
  if (!is_ia5(media->content)) return Error{"logotype: mediaType is not IA5String text"};
  image.media_type = std::string(media->content);
  der::Reader hash_reader = der::inside(*hashes);
  while (!hash_reader.empty()) {
    BIMI_TRY(entry, hash_reader.expect(der::sequence, "HashAlgAndValue", error));
    auto hash = parse_hash(*entry);
    if (auto* failure = std::get_if<Error>(&hash)) return *failure;
    image.hashes.push_back(std::get<LogotypeHash>(std::move(hash)));
  }
  if (image.hashes.empty()) return Error{"logotype: logotypeHash is empty"};
  der::Reader uri_reader = der::inside(*uris);
  while (!uri_reader.empty()) {
    BIMI_TRY(uri, uri_reader.expect(der::ia5_string, "logotypeURI", error));
    if (!is_ia5(uri->content)) return Error{"logotype: logotypeURI is not IA5String text"};
    image.uris.emplace_back(uri->content);
  }
  if (image.uris.empty()) return Error{"logotype: logotypeURI is empty"};
  return image;
}

}  // namespace

std::variant<Logotype, Error> parse_logotype(std::string_view bytes) {
  std::string error;
  der::Reader top(bytes);
  BIMI_TRY(extension, top.expect(der::sequence, "LogotypeExtn", error));
  if (!top.empty()) return Error{"logotype: unexpected data after LogotypeExtn"};
  Logotype logotype;
  der::Reader fields = der::inside(*extension);
  std::optional<der::Element> subject;
  int last = -1;
  while (!fields.empty()) {
    BIMI_TRY(field, fields.next(error));
    int number = field->tag & 0x1f;
    if ((field->tag & 0xe0) != 0xa0 || number > 3) {
      return Error{"logotype: unexpected field in LogotypeExtn at offset " + std::to_string(field->offset)};
    }
    if (number <= last) return Error{"logotype: LogotypeExtn fields out of order or repeated"};
    last = number;
    if (number == 2) {
      subject = field;
    } else {
      logotype.has_other_logos = true;
    }
  }
  if (!subject) return Error{"logotype: no subjectLogo"};
  der::Reader choice = der::inside(*subject);
  BIMI_TRY(info, choice.next(error));
  if (!choice.empty()) return Error{"logotype: unexpected data after subjectLogo"};
  if (info->tag == der::context(1, true)) {
    return Error{"logotype: subjectLogo is indirect (a reference); mark certificates embed the logo directly"};
  }
  if (info->tag != der::context(0, true)) return Error{"logotype: subjectLogo is neither direct nor indirect"};
  der::Reader data = der::inside(*info);
  BIMI_TRY(images, data.expect(der::sequence, "LogotypeData image", error));
  if (!data.empty()) {
    BIMI_TRY(audio, data.expect(der::context(1, true), "LogotypeData audio", error));
    if (!data.empty()) return Error{"logotype: unexpected data after LogotypeData"};
  }
  der::Reader image_reader = der::inside(*images);
  while (!image_reader.empty()) {
    BIMI_TRY(entry, image_reader.expect(der::sequence, "LogotypeImage", error));
    auto image = parse_image(*entry);
    if (auto* failure = std::get_if<Error>(&image)) return *failure;
    logotype.images.push_back(std::get<LogotypeImage>(std::move(image)));
  }
  if (logotype.images.empty()) return Error{"logotype: subjectLogo has no image"};
  return logotype;
}

#undef BIMI_TRY

std::variant<EmbeddedLogo, Error> decode_data_uri(std::string_view uri, std::size_t max_bytes) {
  auto lower = [](std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  };
  if (uri.size() < 5 || lower(uri.substr(0, 5)) != "data:") {
    auto colon = uri.find(':');
    std::string scheme = colon == std::string_view::npos ? std::string("no scheme")
                                                         : "scheme \"" + std::string(uri.substr(0, std::min<std::size_t>(colon, 32))) + "\"";
    return Error{"logotype URI is not a data: URI (" + scheme +
                 "); mark certificates must embed the logo, and vmc never fetches it"};
  }
  auto comma = uri.find(',');
  if (comma == std::string_view::npos) return Error{"data: URI has no comma"};
  std::string header = lower(uri.substr(5, comma - 5));
  std::string_view payload = uri.substr(comma + 1);
  constexpr std::string_view suffix = ";base64";
  if (header.size() < suffix.size() || header.compare(header.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return Error{"data: URI is not base64-encoded"};
  }
  EmbeddedLogo logo;
  logo.media_type = header.substr(0, header.size() - suffix.size());
  auto semicolon = logo.media_type.find(';');
  if (logo.media_type.substr(0, semicolon) != "image/svg+xml") {
    return Error{"data: URI media type is \"" + logo.media_type + "\", not image/svg+xml"};
  }
  if (payload.size() / 4 * 3 > max_bytes * 2 + 1024) return Error{"data: URI payload is too large"};
  auto decoded = base64_decode(payload);
  if (!decoded) return Error{"data: URI payload is not valid base64"};
  if (is_gzip(*decoded)) {
    std::string error;
    auto svg = gunzip(*decoded, max_bytes, error);
    if (!svg) return Error{"embedded logo: " + error};
    logo.svg = std::move(*svg);
    logo.gzipped = true;
    logo.payload = std::move(*decoded);
  } else {
    if (decoded->size() > max_bytes) return Error{"embedded logo is larger than " + std::to_string(max_bytes) + " bytes"};
    logo.svg = *decoded;
    logo.payload = std::move(*decoded);
  }
  return logo;
}

}  // namespace bimi::vmc
