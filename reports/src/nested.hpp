// The recursion shared by the container readers: any payload may hold another container, up to
// Limits::max_container_depth levels.
#pragma once

#include <string>
#include <string_view>

#include "bimi/reports/containers.hpp"

namespace bimi::reports::detail {

void read_nested(std::string_view origin, std::string_view bytes, const Limits& limits, std::size_t depth,
                 const ReportSink& sink);

// True when the bytes start like one of the containers or like XML (so an email part holding them
// is a report attachment, whatever its Content-Type says).
bool looks_like_report_payload(std::string_view bytes);

// Reports the error for `origin` to the sink.
void fail(const ReportSink& sink, std::string_view origin, std::string_view rule, std::string message);

// Emails: the parts of one message (mime.cpp).
void read_message(std::string_view origin, std::string_view bytes, const Limits& limits, std::size_t depth,
                  const ReportSink& sink);

// Zip archives from memory (zip_archive.cpp).
void read_zip(std::string_view origin, std::string_view bytes, const Limits& limits, std::size_t depth,
              const ReportSink& sink);

}  // namespace bimi::reports::detail
