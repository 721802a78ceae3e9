// The message parser, the From: address, Received: and Return-Path:, the BIMI-Selector field,
// DKIM tag lists, signatures and key records, and DKIM and ARC verification with a key record
// taken from the input: none may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bimi/auth/arc_verify.hpp"
#include "bimi/auth/author.hpp"
#include "bimi/auth/bimi_selector_header.hpp"
#include "bimi/auth/dkim_key.hpp"
#include "bimi/auth/dkim_signature.hpp"
#include "bimi/auth/dkim_tags.hpp"
#include "bimi/auth/dkim_verify.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/auth/smtp_facts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first line, when there is one, is the key record every look-up answers with.
  std::size_t newline = input.find('\n');
  std::string key_record(newline == std::string_view::npos ? std::string_view() : input.substr(0, newline));
  std::string_view text = newline == std::string_view::npos ? input : input.substr(newline + 1);

  std::string error;
  (void)bimi::auth::parse_dkim_tags(input, error);
  (void)bimi::auth::parse_dkim_key(key_record);
  (void)bimi::auth::parse_dkim_signature(input);
  (void)bimi::auth::parse_bimi_selector_header(input);
  (void)bimi::auth::address_specs(input);

  bimi::Diagnostics out;
  auto message = bimi::auth::parse_message(text, out);
  if (!message) return 0;
  for (const auto& field : message->headers()) (void)bimi::auth::Message::unfolded_value(field);
  (void)bimi::auth::find_author(*message);
  (void)bimi::auth::smtp_facts_from_headers(*message);
  bimi::auth::DkimVerifyOptions options;
  options.now = 1'800'000'000;
  auto lookup = [&key_record](const std::string&) {
    bimi::records::TxtLookup answer;
    answer.status = bimi::records::LookupStatus::found;
    answer.records.push_back(key_record);
    return answer;
  };
  (void)bimi::auth::verify_dkim(*message, lookup, options);
  (void)bimi::auth::validate_arc(*message, lookup, options);
  return 0;
}
