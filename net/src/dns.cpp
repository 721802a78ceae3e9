#include "bimi/net/dns.hpp"

#include <arpa/inet.h>
#include <ares.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>

#include <chrono>
#include <mutex>

namespace bimi::net {
namespace {

constexpr int type_a = 1;
constexpr int type_ptr = 12;
constexpr int type_mx = 15;
constexpr int type_txt = 16;
constexpr int type_aaaa = 28;
constexpr int class_in = 1;

// c-ares needs its library set up once per process; on Linux it only records the allocators.
void init_library_once() {
  static std::once_flag once;
  std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });
}

struct Answer {
  bool done = false;
  int status = ARES_ETIMEOUT;
  std::vector<unsigned char> bytes;
};

void on_answer(void* arg, int status, int /*timeouts*/, unsigned char* buffer, int length) {
  auto* answer = static_cast<Answer*>(arg);
  answer->done = true;
  answer->status = status;
  if (status == ARES_SUCCESS && buffer != nullptr && length > 0) answer->bytes.assign(buffer, buffer + length);
}

records::LookupStatus status_of(int ares_status) {
  switch (ares_status) {
    case ARES_SUCCESS: return records::LookupStatus::found;
    case ARES_ENODATA: return records::LookupStatus::no_records;
    case ARES_ENOTFOUND: return records::LookupStatus::no_name;
    case ARES_ETIMEOUT:
    case ARES_ECANCELLED: return records::LookupStatus::timeout;
    default: return records::LookupStatus::failure;
  }
}

std::string detail_of(int ares_status) {
  switch (ares_status) {
    case ARES_ESERVFAIL: return "SERVFAIL";
    case ARES_EREFUSED: return "REFUSED";
    case ARES_ECANCELLED: return "no answer before the deadline";
    // c-ares tries the next server on SERVFAIL and REFUSED and reports this when none is left.
    case ARES_ECONNREFUSED: return "no server gave an answer: SERVFAIL, REFUSED or unreachable";
    default: return ares_strerror(ares_status);
  }
}

// The status and detail of a failed query, for any lookup result type.
template <typename Lookup>
bool set_failure(Lookup& result, int ares_status) {
  result.status = status_of(ares_status);
  if (ares_status == ARES_SUCCESS) return false;
  if (result.status == records::LookupStatus::failure || result.status == records::LookupStatus::timeout) {
    result.detail = detail_of(ares_status);
  }
  return true;
}

void malformed(records::LookupStatus& status, std::string& detail, int parsed) {
  if (parsed == ARES_ENODATA) {
    status = records::LookupStatus::no_records;
    return;
  }
  status = records::LookupStatus::failure;
  detail = std::string("malformed answer: ") + ares_strerror(parsed);
}

}  // namespace

struct DnsResolver::Channel {
  ares_channel channel = nullptr;
  int timeout_ms = 3000;
  ~Channel() {
    if (channel != nullptr) ares_destroy(channel);
  }

  // Runs one query to completion or to the deadline, polling c-ares' sockets.
  Answer query(const std::string& name, int type) {
    Answer answer;
    ares_query(channel, name.c_str(), class_in, type, on_answer, &answer);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!answer.done) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) {
        ares_cancel(channel);  // calls on_answer with ARES_ECANCELLED
        break;
      }
      ares_socket_t sockets[ARES_GETSOCK_MAXNUM];
      int bits = ares_getsock(channel, sockets, ARES_GETSOCK_MAXNUM);
      pollfd fds[ARES_GETSOCK_MAXNUM];
      nfds_t count = 0;
      for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
        short events = 0;
        if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
        if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
        if (events != 0) fds[count++] = {sockets[i], events, 0};
      }
      timeval max{static_cast<time_t>(left / 1000), static_cast<suseconds_t>((left % 1000) * 1000)};
      timeval wait{};
      timeval* next = ares_timeout(channel, &max, &wait);
      int wait_ms = static_cast<int>(next->tv_sec * 1000 + next->tv_usec / 1000) + 1;
      int ready = ::poll(fds, count, wait_ms);
      if (ready <= 0) {
        ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // lets c-ares handle its timeouts
        continue;
      }
      for (nfds_t i = 0; i < count; ++i) {
        ares_socket_t readable = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD;
        ares_socket_t writable = (fds[i].revents & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD;
        if (readable != ARES_SOCKET_BAD || writable != ARES_SOCKET_BAD) ares_process_fd(channel, readable, writable);
      }
    }
    return answer;
  }
};

DnsResolver::DnsResolver(std::unique_ptr<Channel> channel) : channel_(std::move(channel)) {}
DnsResolver::~DnsResolver() = default;
DnsResolver::DnsResolver(DnsResolver&&) noexcept = default;
DnsResolver& DnsResolver::operator=(DnsResolver&&) noexcept = default;

std::variant<DnsResolver, std::string> DnsResolver::create(const DnsOptions& options) {
  init_library_once();
  auto channel = std::make_unique<Channel>();
  channel->timeout_ms = options.timeout_ms;
  ares_options settings{};
  int tries = options.tries < 1 ? 1 : options.tries;
  settings.timeout = options.timeout_ms / tries;
  settings.tries = tries;
  int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES;
  if (int status = ares_init_options(&channel->channel, &settings, mask); status != ARES_SUCCESS) {
    return std::string("cannot set up the resolver: ") + ares_strerror(status);
  }
  if (!options.server.empty()) {
    if (ares_set_servers_ports_csv(channel->channel, options.server.c_str()) != ARES_SUCCESS) {
      return "\"" + options.server + "\" is not a DNS server address (ADDRESS or ADDRESS:PORT)";
    }
  }
  return DnsResolver(std::move(channel));
}

records::TxtLookup DnsResolver::txt(const std::string& name) {
  records::TxtLookup result;
  Answer answer = channel_->query(name, type_txt);
  result.status = status_of(answer.status);
  if (answer.status != ARES_SUCCESS) {
    if (result.status == records::LookupStatus::failure || result.status == records::LookupStatus::timeout) {
      result.detail = detail_of(answer.status);
    }
    return result;
  }
  ares_txt_ext* head = nullptr;
  int parsed = ares_parse_txt_reply_ext(answer.bytes.data(), static_cast<int>(answer.bytes.size()), &head);
  if (parsed == ARES_ENODATA) {
    result.status = records::LookupStatus::no_records;
    return result;
  }
  if (parsed != ARES_SUCCESS) {
    result.status = records::LookupStatus::failure;
    result.detail = std::string("malformed answer: ") + ares_strerror(parsed);
    return result;
  }
  // A record of several strings comes as several entries; record_start marks each record's first.
  for (ares_txt_ext* entry = head; entry != nullptr; entry = entry->next) {
    if (entry->record_start || result.records.empty()) {
      if (result.records.size() == records::max_txt_records) {
        result.status = records::LookupStatus::too_large;
        result.records.clear();
        break;
      }
      result.records.emplace_back();
    }
    result.records.back().append(reinterpret_cast<const char*>(entry->txt), entry->length);
  }
  ares_free_data(head);
  if (result.status == records::LookupStatus::found && result.records.empty()) result.status = records::LookupStatus::no_records;
  return result;
}

AddressLookup DnsResolver::addresses(const std::string& name) {
  AddressLookup result;
  result.status = records::LookupStatus::no_records;
  for (int type : {type_a, type_aaaa}) {
    Answer answer = channel_->query(name, type);
    records::LookupStatus status = status_of(answer.status);
    if (status == records::LookupStatus::no_name) {
      result.status = status;
      return result;
    }
    if (status == records::LookupStatus::timeout || status == records::LookupStatus::failure) {
      if (result.addresses.empty()) {
        result.status = status;
        result.detail = detail_of(answer.status);
      }
      continue;
    }
    if (status != records::LookupStatus::found) continue;
    char text[INET6_ADDRSTRLEN];
    int count = 16;
    if (type == type_a) {
      ares_addrttl entries[16];
      if (ares_parse_a_reply(answer.bytes.data(), static_cast<int>(answer.bytes.size()), nullptr, entries, &count) != ARES_SUCCESS) continue;
      for (int i = 0; i < count; ++i) {
        if (inet_ntop(AF_INET, &entries[i].ipaddr, text, sizeof text) != nullptr) result.addresses.emplace_back(text);
      }
    } else {
      ares_addr6ttl entries[16];
      if (ares_parse_aaaa_reply(answer.bytes.data(), static_cast<int>(answer.bytes.size()), nullptr, entries, &count) != ARES_SUCCESS) continue;
      for (int i = 0; i < count; ++i) {
        if (inet_ntop(AF_INET6, &entries[i].ip6addr, text, sizeof text) != nullptr) result.addresses.emplace_back(text);
      }
    }
  }
  if (!result.addresses.empty()) {
    result.status = records::LookupStatus::found;
    result.detail.clear();
  }
  return result;
}

AddressLookup DnsResolver::addresses_of_family(const std::string& name, bool v6) {
  AddressLookup result;
  Answer answer = channel_->query(name, v6 ? type_aaaa : type_a);
  if (set_failure(result, answer.status)) return result;
  char text[INET6_ADDRSTRLEN];
  int count = static_cast<int>(max_answer_records);
  int parsed;
  if (!v6) {
    ares_addrttl entries[max_answer_records];
    parsed = ares_parse_a_reply(answer.bytes.data(), static_cast<int>(answer.bytes.size()), nullptr, entries, &count);
    for (int i = 0; parsed == ARES_SUCCESS && i < count; ++i) {
      if (inet_ntop(AF_INET, &entries[i].ipaddr, text, sizeof text) != nullptr) result.addresses.emplace_back(text);
    }
  } else {
    ares_addr6ttl entries[max_answer_records];
    parsed = ares_parse_aaaa_reply(answer.bytes.data(), static_cast<int>(answer.bytes.size()), nullptr, entries, &count);
    for (int i = 0; parsed == ARES_SUCCESS && i < count; ++i) {
      if (inet_ntop(AF_INET6, &entries[i].ip6addr, text, sizeof text) != nullptr) result.addresses.emplace_back(text);
    }
  }
  if (parsed != ARES_SUCCESS) malformed(result.status, result.detail, parsed);
  if (result.status == records::LookupStatus::found && result.addresses.empty()) result.status = records::LookupStatus::no_records;
  return result;
}

NameLookup DnsResolver::mx(const std::string& name) {
  NameLookup result;
  Answer answer = channel_->query(name, type_mx);
  if (set_failure(result, answer.status)) return result;
  ares_mx_reply* head = nullptr;
  int parsed = ares_parse_mx_reply(answer.bytes.data(), static_cast<int>(answer.bytes.size()), &head);
  if (parsed != ARES_SUCCESS) {
    malformed(result.status, result.detail, parsed);
    return result;
  }
  for (ares_mx_reply* entry = head; entry != nullptr; entry = entry->next) {
    if (result.names.size() == max_answer_records) {
      result.status = records::LookupStatus::too_large;
      break;
    }
    result.names.emplace_back(entry->host);
  }
  ares_free_data(head);
  if (result.status == records::LookupStatus::found && result.names.empty()) result.status = records::LookupStatus::no_records;
  return result;
}

NameLookup DnsResolver::ptr(const std::string& reverse_name) {
  NameLookup result;
  Answer answer = channel_->query(reverse_name, type_ptr);
  if (set_failure(result, answer.status)) return result;
  hostent* host = nullptr;
  // c-ares copies this address into the hostent it returns; the names are what matter here.
  unsigned char unused[4] = {};
  int parsed = ares_parse_ptr_reply(answer.bytes.data(), static_cast<int>(answer.bytes.size()), unused, sizeof unused, AF_INET, &host);
  if (parsed != ARES_SUCCESS) {
    malformed(result.status, result.detail, parsed);
    return result;
  }
  // The first PTR name is h_name, the others are aliases.
  if (host->h_name != nullptr) result.names.emplace_back(host->h_name);
  for (char** alias = host->h_aliases; alias != nullptr && *alias != nullptr; ++alias) {
    if (result.names.size() == max_answer_records) break;
    result.names.emplace_back(*alias);
  }
  ares_free_hostent(host);
  if (result.names.empty()) result.status = records::LookupStatus::no_records;
  return result;
}

}  // namespace bimi::net
