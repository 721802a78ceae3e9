#include "bimi/auth/smtp_facts.hpp"

#include <arpa/inet.h>

#include "bimi/auth/author.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A textual IPv4 or IPv6 address, normalized by inet_ntop; empty when it is neither.
std::string address(std::string_view text) {
  std::string candidate(text);
  if (ascii_lower(candidate).rfind("ipv6:", 0) == 0) candidate = candidate.substr(5);
  unsigned char buffer[16];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, candidate.c_str(), buffer) == 1) return inet_ntop(AF_INET, buffer, out, sizeof out);
  if (inet_pton(AF_INET6, candidate.c_str(), buffer) == 1) return inet_ntop(AF_INET6, buffer, out, sizeof out);
  return {};
}

// The text after "from" up to " by " (or the end): the Extended-Domain and its TCP-info.
std::string_view from_clause(std::string_view value) {
  std::string lowered = ascii_lower(value);
  std::size_t from = lowered.find("from");
  if (from == std::string::npos || (from > 0 && !is_space(lowered[from - 1]))) return {};
  std::size_t start = from + 4;
  std::size_t end = lowered.find(" by ", start);
  std::size_t semicolon = lowered.find(';', start);
  if (end == std::string::npos || (semicolon != std::string::npos && semicolon < end)) end = semicolon;
  if (end == std::string::npos) end = lowered.size();
  return value.substr(start, end - start);
}

}  // namespace

void read_received(std::string_view value, std::string& ip, std::string& helo) {
  std::string_view clause = from_clause(value);
  std::size_t pos = 0;
  while (pos < clause.size() && is_space(clause[pos])) ++pos;
  std::size_t token_end = pos;
  while (token_end < clause.size() && !is_space(clause[token_end]) && clause[token_end] != '(') ++token_end;
  std::string_view first = clause.substr(pos, token_end - pos);
  // "from [192.0.2.1]": the client gave an address literal, or the receiver wrote the address first.
  if (!first.empty() && first.front() == '[' && first.back() == ']') {
    ip = address(first.substr(1, first.size() - 2));
  } else {
    helo = ascii_lower(first);
    if (!helo.empty() && helo.back() == '.') helo.pop_back();
  }
  // The first address literal in the TCP-info comment is the client's.
  if (ip.empty()) {
    std::size_t open = clause.find('[');
    while (open != std::string_view::npos) {
      std::size_t close = clause.find(']', open);
      if (close == std::string_view::npos) break;
      ip = address(clause.substr(open + 1, close - open - 1));
      if (!ip.empty()) break;
      open = clause.find('[', close);
    }
  }
  // Exim writes the HELO name as "helo=name" inside the comment.
  std::string lowered = ascii_lower(clause);
  std::size_t at = lowered.find("helo=");
  if (at != std::string::npos) {
    std::size_t end = at + 5;
    while (end < clause.size() && !is_space(clause[end]) && clause[end] != ')') ++end;
    helo = ascii_lower(clause.substr(at + 5, end - at - 5));
  }
  if (!helo.empty() && helo.front() == '[') helo.clear();  // an address literal is no HELO name
}

SmtpFacts smtp_facts_from_headers(const Message& message) {
  SmtpFacts facts;
  auto received = message.fields("Received");
  if (!received.empty()) {
    facts.received_line = received.front()->line;
    read_received(Message::unfolded_value(*received.front()), facts.ip, facts.helo);
  }
  auto return_path = message.fields("Return-Path");
  if (!return_path.empty()) {
    std::string value = Message::unfolded_value(*return_path.front());
    std::string compact;
    for (char c : value)
      if (!is_space(c)) compact += c;
    if (compact == "<>") {
      facts.mail_from_known = true;
    } else if (auto specs = address_specs(value, 1); specs && !specs->empty()) {
      facts.mail_from = specs->front();
      facts.mail_from_known = true;
    }
  }
  return facts;
}

}  // namespace bimi::auth
