// mbox files (RFC 4155): messages start at lines beginning "From " after an empty line (or at the
// top). Read line by line from a stream, so a file of a million messages holds one in memory.
#include <istream>
#include <string>

#include "bimi/reports/containers.hpp"
#include "bimi/reports/rules.hpp"
#include "nested.hpp"

namespace bimi::reports {
namespace {

// One line without its LF into `line`, at most `cap` bytes of it (the rest of a longer line is
// consumed and `truncated` set). False at the end of the stream.
bool read_line(std::streambuf& in, std::string& line, std::size_t cap, bool& truncated) {
  line.clear();
  truncated = false;
  int c = in.sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  while (c != std::char_traits<char>::eof() && c != '\n') {
    if (line.size() < cap) line += static_cast<char>(c);
    else truncated = true;
    c = in.sbumpc();
  }
  return true;
}

}  // namespace

void read_mbox(std::string_view origin, std::istream& in, const Limits& limits, const ReportSink& sink) {
  std::string message;
  std::string line;
  std::size_t number = 0;
  bool too_large = false;
  bool previous_blank = true;
  auto flush = [&] {
    if (number == 0) return;
    std::string where = std::string(origin) + ":message " + std::to_string(number);
    if (too_large) {
      detail::fail(sink, where, "message-syntax",
                   "the message is larger than bimi reads (" + std::to_string(limits.max_message_bytes) + " bytes)");
    } else {
      // ">From " quoting (RFC 4155) is left as is: it only touches text lines, never base64.
      detail::read_message(where, message, limits, 1, sink);
    }
    message.clear();
    too_large = false;
  };
  bool long_line = false;
  std::streambuf* buffer = in.rdbuf();
  if (buffer == nullptr) return;
  while (read_line(*buffer, line, limits.max_message_bytes, long_line)) {
    if (previous_blank && line.starts_with("From ")) {
      flush();
      if (++number > limits.max_mbox_messages) {
        detail::fail(sink, origin, "mbox-too-many-messages",
                     "more than " + std::to_string(limits.max_mbox_messages) + " messages; the rest of the file is skipped");
        return;
      }
      previous_blank = false;
      continue;
    }
    previous_blank = line.empty() || line == "\r";
    if (number == 0) {
      // Text before the first "From " line: not an mbox after all, read it as one message.
      number = 1;
    }
    if (long_line) too_large = true;
    if (too_large) continue;
    if (message.size() + line.size() + 1 > limits.max_message_bytes) {
      too_large = true;
      message.clear();
      message.shrink_to_fit();
      continue;
    }
    message += line;
    message += '\n';
  }
  flush();
}

}  // namespace bimi::reports
