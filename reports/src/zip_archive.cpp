// Zip archives read from memory with libzip: entries are inflated one at a time into a buffer that
// stops at the bound, whatever size the archive's directory claims.
#include <zip.h>

#include <memory>
#include <string>

#include "bimi/reports/rules.hpp"
#include "nested.hpp"

namespace bimi::reports::detail {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void read_zip(std::string_view origin, std::string_view bytes, const Limits& limits, std::size_t depth,
              const ReportSink& sink) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    fail(sink, origin, "container-zip", std::string("zip: ") + zip_error_strerror(&error));
    zip_error_fini(&error);
    return;
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    fail(sink, origin, "container-zip", std::string("zip: ") + zip_error_strerror(&error));
    zip_source_free(source);
    zip_error_fini(&error);
    return;
  }
  zip_error_fini(&error);
  zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_zip_entries) {
    fail(sink, origin, "container-zip",
         "zip: " + std::to_string(entries) + " entries; bimi reads at most " + std::to_string(limits.max_zip_entries));
    return;
  }
  std::size_t inflated_total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* raw_name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    std::string name = raw_name != nullptr ? raw_name : "entry " + std::to_string(i + 1);
    if (name.ends_with('/')) continue;  // a directory
    std::string entry_origin = std::string(origin) + ":" + name;
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) {
      fail(sink, entry_origin, "container-zip", std::string("zip: ") + zip_strerror(archive.get()));
      continue;
    }
    std::string content;
    bool too_large = false, archive_too_large = false, unreadable = false;
    char buffer[65536];
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        unreadable = true;
        break;
      }
      if (n == 0) break;
      auto size = static_cast<std::size_t>(n);
      archive_too_large = inflated_total + size > limits.max_zip_bytes_total;
      if (content.size() + size > limits.max_xml_bytes || archive_too_large) {
        too_large = true;
        break;
      }
      content.append(buffer, size);
      inflated_total += size;
    }
    if (too_large) {
      fail(sink, entry_origin, "container-zip",
           "zip: the entry inflates past " + std::to_string(limits.max_xml_bytes) + " bytes (or the archive past " +
               std::to_string(limits.max_zip_bytes_total) + ")");
      if (archive_too_large) return;
      continue;
    }
    if (unreadable) {
      fail(sink, entry_origin, "container-zip", std::string("zip: the entry cannot be read: ") + zip_file_strerror(file.get()));
      continue;
    }
    read_nested(entry_origin, content, limits, depth, sink);
  }
}

}  // namespace bimi::reports::detail
