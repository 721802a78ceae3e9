// The bounds on everything an aggregate report run reads that grows with its input. Crossing one is
// an error for that file (or that message of an mbox), never a crash or unbounded memory; the
// values are listed in docs/limits.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bimi::reports {

struct Limits {
  std::size_t max_file_bytes = 64u << 20;      // a file as read from disk (not an mbox: it is streamed)
  std::size_t max_xml_bytes = 32u << 20;       // one report's XML, after inflating
  std::size_t max_zip_bytes_total = 64u << 20; // all entries of one zip archive, inflated
  std::size_t max_zip_entries = 64;            // entries of one zip archive
  std::size_t max_records = 200'000;           // <record> elements in one report
  std::size_t max_xml_depth = 16;              // element nesting in one report
  std::size_t max_text_bytes = 4096;           // the text of one element
  std::size_t max_container_depth = 4;         // an email holding a zip holding a gzip holding XML...
  std::size_t max_message_bytes = 32u << 20;   // one email (of an .eml file or an mbox)
  std::size_t max_mime_parts = 256;            // parts of one email, all levels together
  std::size_t max_mbox_messages = 2'000'000;   // messages of one mbox file
  std::size_t max_errors_per_file = 100;       // errors listed for one file; the rest are counted
};

}  // namespace bimi::reports
