#include "loopback.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string find_binary(const std::string& name) {
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream in(path);
    std::string dir;
    while (std::getline(in, dir, ':')) dirs.push_back(dir);
  }
  for (const char* dir : {"/usr/sbin", "/usr/local/sbin", "/sbin"}) dirs.emplace_back(dir);
  for (const auto& dir : dirs) {
    fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A socket bound to 127.0.0.1 on a free port; -1 on failure.
int bound_socket(int type, int port) {
  int fd = ::socket(AF_INET, type, 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int port_of(int fd) {
  sockaddr_in address{};
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  return ntohs(address.sin_port);
}

// A port free for both TCP and UDP right now (the server binds it a moment later).
int free_port() {
  for (int attempt = 0; attempt < 20; ++attempt) {
    int tcp = bound_socket(SOCK_STREAM, 0);
    if (tcp < 0) continue;
    int port = port_of(tcp);
    int udp = bound_socket(SOCK_DGRAM, port);
    ::close(tcp);
    if (udp >= 0) {
      ::close(udp);
      return port;
    }
  }
  return 0;
}

bool accepts_connections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// A server child in its own process group, killed by the kernel if the test process dies.
class Child {
 public:
  Child() = default;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() { stop(); }

  void start(const std::vector<std::string>& argv, const fs::path& output) {
    pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ != 0) return;
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }

  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    return true;
  }

  // SIGTERM to the group, SIGKILL after two seconds; always reaps.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    for (int i = 0; i < 200; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        ::kill(-pid_, SIGKILL);  // children the server left behind
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

// ---- the test world ----

std::string soa(const std::string& zone) {
  return "$ORIGIN " + zone + ".\n$TTL 60\n@ IN SOA ns." + zone + ". hostmaster." + zone +
         ". 1 3600 600 86400 60\n@ IN NS ns." + zone + ".\nns IN A 127.0.0.1\n";
}

// A zone-file TXT value: the record in strings of at most 255 bytes.
std::string txt(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size() || i == 0; i += 255) out += (out.empty() ? "\"" : " \"") + value.substr(i, 255) + "\"";
  return out;
}

std::string bimi(const std::string& logo, const std::string& certificate) {
  return "v=BIMI1; l=" + logo + (certificate.empty() ? ";" : "; a=" + certificate + ";");
}

std::string example_com(const LoopbackWorld& w) {
  auto url = [&](const std::string& path) { return w.url("logo.example.com", path); };
  std::string z = soa("example.com");
  z += "@ IN TXT \"v=spf1 -all\"\n";
  z += "_dmarc IN TXT \"v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com\"\n";
  z += "logo IN A 127.0.0.1\nother IN A 127.0.0.1\n";
  auto record = [&](const std::string& name, const std::string& value) { z += name + " IN TXT " + txt(value) + "\n"; };
  record("default._bimi", bimi(url("/logo.svg"), url("/live.pem")));
  std::string split = bimi(url("/logo.svg"), url("/live.pem"));
  z += "split._bimi IN TXT \"" + split.substr(0, 20) + "\" \"" + split.substr(20) + "\"\n";
  record("redirect._bimi", bimi(url("/redirect.svg"), url("/live.pem")));
  record("missing._bimi", bimi(url("/missing.svg"), url("/live.pem")));
  record("texttype._bimi", bimi(url("/text/logo.svg"), url("/text/live.pem")));
  record("changed._bimi", bimi(url("/other-logo.svg"), url("/live.pem")));
  record("expired._bimi", bimi(url("/logo.svg"), url("/expired.pem")));
  record("garbage._bimi", bimi(url("/logo.svg"), url("/garbage.pem")));
  record("loop._bimi", bimi(url("/loop.svg"), ""));
  record("tohttp._bimi", bimi(url("/to-http.svg"), ""));
  record("big._bimi", bimi(url("/big.svg"), ""));
  record("badtls._bimi", bimi(w.url("other.example.com", "/logo.svg"), ""));
  record("stalled._bimi", bimi("https://logo.example.com:" + std::to_string(w.stalled_https_port) + "/logo.svg", ""));
  record("nologo._bimi", bimi(url("/logo.svg"), ""));
  record("toip._bimi", bimi(url("/to-ip.svg"), ""));
  record("toname._bimi", bimi(url("/to-other-name.svg"), ""));
  // Terminal control bytes in a record (zone-file \DDD escapes): ESC ] 0 ; ... BEL sets a window
  // title, ESC [ 2 J clears the screen, CR LF starts a forged line.
  z += "controls._bimi IN TXT \"v=BIMI1; l=https://logo.example.com/\\027]0;owned\\007\\027[2J.svg\\013\\010ready: 0 errors;\"\n";
  record("nohost._bimi", bimi(w.url("nohost.example.com", "/logo.svg"), ""));
  record("declined._bimi", "v=BIMI1; l=; a=;");
  record("multi._bimi", bimi(url("/logo.svg"), url("/live.pem")));
  record("multi._bimi", bimi(url("/other-logo.svg"), url("/live.pem")));
  record("huge._bimi", bimi("https://logo.example.com/" + std::string(5000, 'a') + ".svg", ""));
  for (int i = 0; i < 40; ++i) record("many._bimi", "v=spf1 include:n" + std::to_string(i) + ".example.com -all");
  z += "mail IN TXT \"v=spf1 -all\"\n";
  // The sender a DMARC report lists at 192.0.2.10: its reverse name resolves back (bimi dmarc report --resolve).
  z += "outbound IN A 192.0.2.10\n";
  // bimi message scenarios: a return path of the brand's own that passes SPF from 127.0.0.2, and a
  // policy that wants strict DKIM alignment (RFC 7489 §3.1.1).
  z += "send IN TXT \"v=spf1 ip4:127.0.0.2 -all\"\n";
  record("_dmarc.adkim", "v=DMARC1; p=reject; adkim=s");
  record("_dmarc.news", "v=DMARC1; p=none");
  record("_dmarc.pct", "v=DMARC1; p=quarantine; pct=50");
  // RFC 9989 and the current BIMI draft. shop.example.com is an organizational domain of three
  // labels (psd=n), which the Public Suffix List cannot know; testing is in test mode; strict sets
  // np=none for its names that do not exist.
  record("_dmarc.shop", "v=DMARC1; p=reject; psd=n");
  z += "mail.shop IN TXT \"v=spf1 -all\"\n";
  record("default._bimi.shop", bimi(url("/logo.svg"), url("/live.pem")));
  record("_dmarc.testing", "v=DMARC1; p=reject; t=y");
  record("_dmarc.strict", "v=DMARC1; p=reject; np=none; psd=n");
  z += "mail.strict IN TXT \"v=spf1 -all\"\n";
  record("avatar._bimi", bimi(url("/logo.svg"), url("/live.pem")) + " avp=personal;");
  record("brands._bimi", bimi(url("/other-logo.svg"), url("/live.pem")) + " lps=news-;");
  record("news-letters._bimi", bimi(url("/logo.svg"), url("/live.pem")));
  return z;
}

std::string example_net(const LoopbackWorld& w) {
  std::string z = soa("example.net");
  z += "_dmarc IN TXT \"v=DMARC1; p=none\"\nlogo IN A 127.0.0.1\n";
  z += "default._bimi IN TXT " + txt(bimi(w.url("logo.example.net", "/logo.svg"), w.url("logo.example.net", "/live.pem"))) + "\n";
  return z;
}

// SPF (RFC 7208 §4.6.4) under example.org: spf-ok costs 5 DNS look-ups through an include, a and
// mx; spf-over reaches 12 through includes nested three deep.
std::string spf_scenarios() {
  std::string z;
  z += "spf-ok IN TXT \"v=spf1 a mx include:_spf.spf-ok.example.org ip4:192.0.2.0/24 -all\"\n";
  z += "spf-ok IN A 192.0.2.10\nspf-ok IN AAAA 2001:db8::10\nspf-ok IN MX 10 mx1.spf-ok\nspf-ok IN MX 20 mx2.spf-ok\n";
  z += "mx1.spf-ok IN A 198.51.100.1\nmx2.spf-ok IN A 198.51.100.2\n";
  z += "_spf.spf-ok IN TXT \"v=spf1 a:mx1.spf-ok.example.org exists:%{i}.allow.spf-ok.example.org ~all\"\n";
  z += "spf-over IN TXT \"v=spf1 include:l1.spf-over.example.org include:l2.spf-over.example.org mx -all\"\n";
  z += "l1.spf-over IN TXT \"v=spf1 include:l1a.spf-over.example.org include:l1b.spf-over.example.org ip4:203.0.113.1\"\n";
  z += "l1a.spf-over IN TXT \"v=spf1 include:l1c.spf-over.example.org a:x1.spf-over.example.org a:x2.spf-over.example.org\"\n";
  z += "l1b.spf-over IN TXT \"v=spf1 ip4:203.0.113.2\"\n";
  z += "l1c.spf-over IN TXT \"v=spf1 a:x1.spf-over.example.org a:x2.spf-over.example.org mx:spf-over.example.org\"\n";
  z += "l2.spf-over IN TXT \"v=spf1 a:x1.spf-over.example.org ip4:203.0.113.3\"\n";
  z += "x1.spf-over IN A 203.0.113.10\nx2.spf-over IN A 203.0.113.11\nspf-over IN MX 10 x1.spf-over\n";
  return z;
}

std::string example_org(const LoopbackWorld& w) {
  std::string z = soa("example.org");
  z += "_dmarc IN TXT \"v=DMARC1; p=reject\"\nlogo IN A 127.0.0.1\n";
  z += "_bimi IN TXT " + txt(bimi(w.url("logo.example.org", "/logo.svg"), w.url("logo.example.org", "/live.pem"))) + "\n";
  // A public suffix operator below example.org: its record has psd=y (RFC 9989 §5.2).
  z += "_dmarc.shops IN TXT \"v=DMARC1; p=reject; np=none; psd=y\"\n";
  z += "mail.brand.shops IN TXT \"v=spf1 -all\"\n";
  z += spf_scenarios();
  // bimi message: sel.example.org publishes only the brand selector, which a message must name in
  // a signed BIMI-Selector header to use.
  z += "brand._bimi.sel IN TXT " + txt(bimi(w.url("logo.example.org", "/logo.svg"), w.url("logo.example.org", "/live.pem"))) + "\n";
  return z;
}

// A third party that sends for brands (bimi message scenarios): its return path passes SPF from
// 127.0.0.0/24 and it signs with its own domain, neither aligned with the brand's.
std::string esp_test() {
  std::string z = soa("esp.test");
  z += "_dmarc IN TXT \"v=DMARC1; p=none\"\nbounce IN TXT \"v=spf1 ip4:127.0.0.0/24 -all\"\nmta IN A 127.0.0.2\n";
  return z;
}

// A top-level zone with nothing in it: its names do not exist (NXDOMAIN), and none is below a
// public suffix, so `gone.example` is its own organizational domain.
std::string example_tld() { return soa("example"); }

// Records added by a test before the world starts (its DKIM keys, made at test time), each in the
// zone that holds its name.
std::vector<std::pair<std::string, std::string>>& added_txt() {
  static std::vector<std::pair<std::string, std::string>> records;
  return records;
}

const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names{"example.com", "example.net", "example.org", "example", "esp.test",
                                              "com",         "net",         "org",         "test"};
  return names;
}

std::string with_added_txt(const std::string& zone, std::string text) {
  auto inside = [](const std::string& name, const std::string& zone_name) {
    return name == zone_name || name.ends_with("." + zone_name);
  };
  for (const auto& [name, value] : added_txt()) {
    std::string holder;
    for (const auto& candidate : zone_names()) {
      if (inside(name, candidate) && candidate.size() > holder.size()) holder = candidate;
    }
    if (holder == zone) text += name + ". IN TXT " + txt(value) + "\n";
  }
  return text;
}

std::string nsd_conf(const LoopbackWorld& w) {
  std::string d = w.dir.string();
  return "server:\n  ip-address: 127.0.0.1\n  port: " + std::to_string(w.dns_port) +
         "\n  username: \"\"\n  chroot: \"\"\n  zonesdir: \"" + d + "/zones\"\n  database: \"\"\n"
         "  zonelistfile: \"" + d + "/nsd/zone.list\"\n  xfrdfile: \"" + d + "/nsd/xfrd.state\"\n"
         "  xfrdir: \"" + d + "/nsd\"\n  pidfile: \"" + d + "/nsd/nsd.pid\"\n  logfile: \"" + d + "/nsd/nsd.log\"\n"
         "  server-count: 1\n  verbosity: 1\n  hide-version: yes\n"
         // No response rate limiting: the tests ask many questions from one address.
         "  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n"
         "remote-control:\n  control-enable: no\n"
         "zone:\n  name: example.com\n  zonefile: example.com.zone\n"
         "zone:\n  name: example.net\n  zonefile: example.net.zone\n"
         "zone:\n  name: example.org\n  zonefile: example.org.zone\n"
         "zone:\n  name: example\n  zonefile: example.zone\n"
         "zone:\n  name: esp.test\n  zonefile: esp.test.zone\n"
         // The parents the RFC 9989 tree walk ends at: empty, so _dmarc.com is NXDOMAIN as on the
         // internet instead of REFUSED.
         "zone:\n  name: com\n  zonefile: com.zone\n"
         "zone:\n  name: net\n  zonefile: net.zone\n"
         "zone:\n  name: org\n  zonefile: org.zone\n"
         "zone:\n  name: test\n  zonefile: test.zone\n"
         // Reverse zones for the sources of the DMARC report fixtures (--resolve).
         "zone:\n  name: 2.0.192.in-addr.arpa\n  zonefile: 2.0.192.in-addr.arpa.zone\n"
         "zone:\n  name: 100.51.198.in-addr.arpa\n  zonefile: 100.51.198.in-addr.arpa.zone\n"
         "zone:\n  name: 113.0.203.in-addr.arpa\n  zonefile: 113.0.203.in-addr.arpa.zone\n"
         // Configured without data: NSD answers SERVFAIL for it.
         "zone:\n  name: broken.test\n  zonefile: missing.zone\n";
}

std::string nginx_conf(const LoopbackWorld& w) {
  std::string d = w.dir.string();
  std::string temp;
  for (const char* kind : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    temp += std::string("  ") + kind + "_temp_path " + d + "/nginx/" + kind + ";\n";
  }
  return "daemon off;\nmaster_process off;\npid " + d + "/nginx/nginx.pid;\nerror_log " + d + "/nginx/error.log warn;\n"
         "events { worker_connections 64; }\n"
         "http {\n  access_log off;\n" + temp +
         "  types { image/svg+xml svg; application/pem-certificate-chain pem; }\n"
         "  default_type application/octet-stream;\n"
         "  server {\n    listen 127.0.0.1:" + std::to_string(w.https_port) + " ssl;\n"
         "    ssl_certificate " + (w.pki / "tls-server.pem").string() + ";\n"
         "    ssl_certificate_key " + (w.pki / "tls-server.key").string() + ";\n"
         "    root " + d + "/www;\n"
         "    location = /loop.svg { return 302 /loop.svg; }\n"
         "    location = /to-http.svg { return 302 http://logo.example.com/logo.svg; }\n"
         "    location = /redirect.svg { return 302 /logo.svg; }\n"
         "    location = /to-ip.svg { return 302 https://127.0.0.1:" + std::to_string(w.https_port) + "/logo.svg; }\n"
         "    location = /to-metadata.svg { return 302 https://169.254.169.254/latest/meta-data/; }\n"
         "    location = /to-other-name.svg { return 302 " + w.url("logo.example.net", "/logo.svg") + "; }\n"
         "    location /text/ { types { } default_type text/plain; }\n"
         "  }\n}\n";
}

void write_world(const LoopbackWorld& w) {
  fs::create_directories(w.dir / "nsd");
  fs::create_directories(w.dir / "nginx");
  const std::pair<std::string, std::string> zones[] = {
      {"example.com", example_com(w)}, {"example.net", example_net(w)}, {"example.org", example_org(w)},
      {"example", example_tld()},      {"esp.test", esp_test()},        {"com", soa("com")},
      {"net", soa("net")},             {"org", soa("org")},             {"test", soa("test")},
      // 192.0.2.10 is outbound.example.com and back; 198.51.100.7 names an ESP host that does not
      // resolve back; 203.0.113.25 has no PTR record.
      {"2.0.192.in-addr.arpa", soa("2.0.192.in-addr.arpa") + "10 IN PTR outbound.example.com.\n"},
      {"100.51.198.in-addr.arpa", soa("100.51.198.in-addr.arpa") + "7 IN PTR mta7.esp.test.\n"},
      {"113.0.203.in-addr.arpa", soa("113.0.203.in-addr.arpa")},
  };
  for (const auto& [name, text] : zones) write_file(w.dir / "zones" / (name + ".zone"), with_added_txt(name, text));
  write_file(w.dir / "nsd/nsd.conf", nsd_conf(w));
  write_file(w.dir / "nginx/nginx.conf", nginx_conf(w));
  fs::path www = w.dir / "www";
  for (const char* file : {"logo.svg", "other-logo.svg", "live.pem", "expired.pem"}) {
    write_file(www / file, read_file(w.pki / file));
  }
  write_file(www / "text/logo.svg", read_file(w.pki / "logo.svg"));
  write_file(www / "text/live.pem", read_file(w.pki / "live.pem"));
  write_file(www / "garbage.pem", "this is not a certificate\n");
  std::string logo = read_file(w.pki / "logo.svg");
  write_file(www / "big.svg", logo.substr(0, logo.size() - 6) + "<!--" + std::string(70 << 10, 'x') + "-->\n</svg>");
}

template <typename Ready>
bool wait_until(Child& child, Ready ready) {
  for (int i = 0; i < 500; ++i) {
    if (ready()) return true;
    if (!child.running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

class LoopbackEnvironment : public ::testing::Environment {
 public:
  explicit LoopbackEnvironment(fs::path pki) : pki_(std::move(pki)) {}

  void SetUp() override {
    nsd_ = find_binary("nsd");
    nginx_ = find_binary("nginx");
    if (nsd_.empty() || nginx_.empty()) {
      skip_reason_ = std::string("the loopback servers are not installed (") + (nsd_.empty() ? "nsd " : "") +
                     (nginx_.empty() ? "nginx " : "") + "missing): run scripts/setup.sh";
      return;
    }
    std::string pattern = (fs::temp_directory_path() / "bimi-loopback-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    world_.dir = pattern;
    world_.pki = pki_;
    silent_dns_ = bound_socket(SOCK_DGRAM, 0);
    stalled_https_ = bound_socket(SOCK_STREAM, 0);
    ASSERT_GE(silent_dns_, 0);
    ASSERT_GE(stalled_https_, 0);
    ASSERT_EQ(::listen(stalled_https_, 16), 0);
    world_.silent_dns_port = port_of(silent_dns_);
    world_.stalled_https_port = port_of(stalled_https_);
    // A port can be taken between choosing and binding it: try a few.
    for (int attempt = 0; attempt < 3 && !started_; ++attempt) started_ = start_servers();
    ASSERT_TRUE(started_) << "the loopback servers did not start:\n--- nsd\n" << read_file(world_.dir / "nsd/out.log")
                          << read_file(world_.dir / "nsd/nsd.log") << "\n--- nginx\n" << read_file(world_.dir / "nginx/out.log")
                          << read_file(world_.dir / "nginx/error.log");
  }

  void TearDown() override {
    nsd_child_.stop();
    nginx_child_.stop();
    if (silent_dns_ >= 0) ::close(silent_dns_);
    if (stalled_https_ >= 0) ::close(stalled_https_);
    if (!world_.dir.empty()) {
      std::error_code ec;
      fs::remove_all(world_.dir, ec);
    }
  }

  const LoopbackWorld* world() const { return started_ ? &world_ : nullptr; }
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  bool start_servers() {
    nsd_child_.stop();
    nginx_child_.stop();
    world_.dns_port = free_port();
    world_.https_port = free_port();
    write_world(world_);
    fs::remove(world_.dir / "nsd/nsd.log");
    nsd_child_.start({nsd_, "-d", "-c", (world_.dir / "nsd/nsd.conf").string()}, world_.dir / "nsd/out.log");
    nginx_child_.start({nginx_, "-e", (world_.dir / "nginx/error.log").string(), "-c", (world_.dir / "nginx/nginx.conf").string()},
                       world_.dir / "nginx/out.log");
    // NSD writes "nsd started" once its zones are loaded and it serves.
    bool nsd_ready = wait_until(nsd_child_, [&] { return read_file(world_.dir / "nsd/nsd.log").find("nsd started") != std::string::npos; });
    bool nginx_ready = wait_until(nginx_child_, [&] { return accepts_connections(world_.https_port); });
    return nsd_ready && nginx_ready;
  }

  fs::path pki_;
  std::string nsd_, nginx_, skip_reason_;
  LoopbackWorld world_;
  Child nsd_child_, nginx_child_;
  int silent_dns_ = -1, stalled_https_ = -1;
  bool started_ = false;
};

LoopbackEnvironment* environment = nullptr;

}  // namespace

void add_loopback_txt(const std::string& name, const std::string& value) { added_txt().emplace_back(name, value); }

void add_loopback_environment(const fs::path& pki_dir) {
  environment = new LoopbackEnvironment(pki_dir);
  ::testing::AddGlobalTestEnvironment(environment);  // gtest owns it
}

const LoopbackWorld* loopback_world() { return environment != nullptr ? environment->world() : nullptr; }

std::string loopback_skip_reason() { return environment != nullptr ? environment->skip_reason() : "no loopback environment"; }

}  // namespace bimi::test
