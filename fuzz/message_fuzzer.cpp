// The whole message check over answers taken from the input: the first line is the TXT record
// every name answers with (a DMARC, BIMI or key record, or garbage), the second the address every A
// query gives, the rest the message; the logo fetched is the input itself. Then the receiver's
// header block. Nothing may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bimi/auth/message.hpp"
#include "bimi/net/message_check.hpp"

namespace {

struct AnswerAll : bimi::auth::DnsResolver {
  std::string txt, address;
  bimi::auth::DnsAnswer lookup(bimi::auth::DnsType type, const std::string&) override {
    bimi::auth::DnsAnswer answer;
    answer.outcome = bimi::auth::DnsOutcome::found;
    if (type == bimi::auth::DnsType::txt) {
      answer.records.push_back(txt);
    } else if (type == bimi::auth::DnsType::a) {
      answer.records.push_back(address);
    } else {
      answer.outcome = bimi::auth::DnsOutcome::no_name;
    }
    return answer;
  }
};

std::string_view next_line(std::string_view& input) {
  std::size_t newline = input.find('\n');
  std::string_view line = input.substr(0, newline);
  input = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view whole = input;
  auto resolver = std::make_shared<AnswerAll>();
  resolver->txt = std::string(next_line(input));
  resolver->address = std::string(next_line(input));

  bimi::Diagnostics out;
  auto message = bimi::auth::parse_message(input, out);
  if (!message) return 0;
  bimi::net::ChainSources sources;
  std::string record = resolver->txt;
  sources.txt = [record](const std::string&) {
    bimi::records::TxtLookup lookup;
    lookup.status = bimi::records::LookupStatus::found;
    lookup.records.push_back(record);
    return lookup;
  };
  std::string body(whole.substr(0, 4096));
  sources.fetch = [body](const std::string& url, std::size_t) {
    bimi::net::FetchResult result;
    result.status = bimi::net::FetchStatus::ok;
    result.http_status = 200;
    result.content_type = "image/svg+xml";
    result.final_url = url;
    result.body = body;
    return result;
  };
  sources.spf_dns = resolver;
  bimi::net::MessageCheckOptions options;
  options.at = 1'800'000'000;
  options.trusted_arc_sealers = {"example.org"};
  bimi::net::RunCache cache;
  auto report = bimi::net::check_message(*message, options, nullptr, sources, &cache);
  (void)bimi::net::receiver_fields(report, "mx.example");
  return 0;
}
