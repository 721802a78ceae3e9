#include "bimi/svgps/render_sandbox.hpp"

#include <fontconfig/fontconfig.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <utility>

#include "render/cairo_library.hpp"
#include "render/rsvg_library.hpp"

extern char** environ;

namespace bimi::svgps {
namespace {

// One request: the size and the document; one answer: the pixels (status ok) or
// librsvg's message.
struct RequestHeader {
  std::uint32_t size = 0;
  std::uint32_t reserved = 0;
  std::uint64_t length = 0;
};
struct AnswerHeader {
  std::uint32_t status = 0;  // 0: pixels follow, 1: librsvg's message follows
  std::uint32_t size = 0;
  std::uint64_t length = 0;
};
constexpr int worker_socket = 3;
// Larger than any document the library reads (8 MiB) and any image render_svg
// makes (8192² RGBA).
constexpr std::uint64_t max_message_bytes = std::uint64_t(8192) * 8192 * 4;

using Clock = std::chrono::steady_clock;

// Blocking I/O for the worker, which has nothing else to do.
bool read_all(int fd, void* data, std::size_t length) {
  auto* out = static_cast<char*>(data);
  while (length) {
    ssize_t n = ::read(fd, out, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n, length -= static_cast<std::size_t>(n);
  }
  return true;
}
bool write_all(int fd, const void* data, std::size_t length) {
  const auto* in = static_cast<const char*>(data);
  while (length) {
    ssize_t n = ::send(fd, in, length, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    in += n, length -= static_cast<std::size_t>(n);
  }
  return true;
}

// The parent's side waits for the worker only until the deadline. MSG_NOSIGNAL:
// a dead worker is an error here, not a SIGPIPE for the whole process.
enum class Transfer { done, closed, timed_out };

bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

Transfer send_until(int fd, const void* data, std::size_t length, Clock::time_point deadline) {
  const auto* in = static_cast<const char*>(data);
  while (length) {
    // Try first: the socket usually has room, and a poll per call costs more than the copy.
    ssize_t n = ::send(fd, in, length, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      in += n, length -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 || errno != EAGAIN) return Transfer::closed;
    if (!wait_for(fd, POLLOUT, deadline)) return Clock::now() >= deadline ? Transfer::timed_out : Transfer::closed;
  }
  return Transfer::done;
}

Transfer receive_until(int fd, void* data, std::size_t length, Clock::time_point deadline) {
  auto* out = static_cast<char*>(data);
  while (length) {
    ssize_t n = ::recv(fd, out, length, MSG_DONTWAIT);
    if (n > 0) {
      out += n, length -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 || errno != EAGAIN) return Transfer::closed;
    if (!wait_for(fd, POLLIN, deadline)) return Clock::now() >= deadline ? Transfer::timed_out : Transfer::closed;
  }
  return Transfer::done;
}

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", seconds);
  return buffer;
}

}  // namespace

SandboxRenderer::SandboxRenderer(SandboxSettings settings) : settings_(std::move(settings)) {}

SandboxRenderer::~SandboxRenderer() {
  // A worker exits when its socket closes; waiting reaps it.
  for (Worker worker : idle_) {
    ::close(worker.socket);
    ::waitpid(worker.pid, nullptr, 0);
  }
}

std::optional<SandboxRenderer::Worker> SandboxRenderer::take_worker(std::string& error) const {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Worker worker = idle_.back();
      idle_.pop_back();
      return worker;
    }
  }
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    error = std::string("cannot create the render worker's socket: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::vector<std::string> arguments{settings_.executable};
  arguments.insert(arguments.end(), settings_.arguments.begin(), settings_.arguments.end());
  arguments.push_back(seconds_text(settings_.seconds));
  arguments.push_back(std::to_string(settings_.memory_mib));
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  // The worker sees its socket as descriptor 3 and nothing else of ours: no
  // terminal output (a librsvg panic message would otherwise land in the middle
  // of a report), no other files.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, sockets[1], worker_socket);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclosefrom_np(&actions, worker_socket + 1);
  pid_t pid = -1;
  int spawned = ::posix_spawn(&pid, settings_.executable.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(sockets[1]);
  if (spawned != 0) {
    ::close(sockets[0]);
    error = "cannot start the render worker " + settings_.executable + ": " + std::strerror(spawned);
    return std::nullopt;
  }
  return Worker{pid, sockets[0]};
}

void SandboxRenderer::stop(Worker worker) const {
  ::kill(worker.pid, SIGKILL);
  ::close(worker.socket);
  ::waitpid(worker.pid, nullptr, 0);
}

std::optional<Image> SandboxRenderer::render(std::string_view svg_text, int size, RenderFailure& failure) const {
  if (size <= 0 || size > 8192) {
    failure = {RenderFailure::Kind::invalid, "render size must be between 1 and 8192", {}};
    return std::nullopt;
  }
  std::string error;
  auto worker = take_worker(error);
  if (!worker) {
    failure = {RenderFailure::Kind::limit, error, {}};
    return std::nullopt;
  }
  const std::string within =
      "within " + seconds_text(settings_.seconds) + " s and " + std::to_string(settings_.memory_mib) + " MiB";
  // A second of grace over the CPU limit, so that the worker's own SIGXCPU
  // usually comes first.
  const auto deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<long long>(settings_.seconds * 1000) + 1000);

  RequestHeader request{static_cast<std::uint32_t>(size), 0, svg_text.size()};
  AnswerHeader answer;
  Transfer transfer = send_until(worker->socket, &request, sizeof request, deadline);
  if (transfer == Transfer::done) transfer = send_until(worker->socket, svg_text.data(), svg_text.size(), deadline);
  if (transfer == Transfer::done) transfer = receive_until(worker->socket, &answer, sizeof answer, deadline);
  const std::uint64_t pixels_bytes = std::uint64_t(size) * std::uint64_t(size) * 4;
  if (transfer == Transfer::done && (answer.status > 1 || answer.length > max_message_bytes ||
                                     (answer.status == 0 && answer.length != pixels_bytes))) {
    transfer = Transfer::closed;  // not an answer a worker gives
  }
  std::string payload;
  Image image;
  if (transfer == Transfer::done) {
    void* into = nullptr;
    if (answer.status == 0) {
      image.width = image.height = size;
      image.rgba.resize(answer.length);
      into = image.rgba.data();
    } else {
      payload.resize(answer.length);
      into = payload.data();
    }
    transfer = receive_until(worker->socket, into, answer.length, deadline);
  }
  if (transfer == Transfer::done) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(*worker);
    }
    if (answer.status == 0) return image;
    // An allocation refused under the worker's memory limit is that limit, not
    // a bad document.
    if (payload.find("NoMemory") != std::string::npos) {
      failure = {RenderFailure::Kind::limit,
                 "the logo could not be rendered at " + std::to_string(size) + " px " + within + " (out of memory)", {}};
    } else {
      failure = {RenderFailure::Kind::invalid, payload, {}};
    }
    return std::nullopt;
  }

  // The worker is dead or late: find out which, then replace it on the next
  // render.
  int status = 0;
  bool exited = false;
  if (transfer == Transfer::closed) {
    // It closed its end; give it a moment to finish dying so that the signal is
    // known.
    for (int i = 0; i < 100 && !exited; ++i) {
      exited = ::waitpid(worker->pid, &status, WNOHANG) == worker->pid;
      if (!exited) ::usleep(2000);
    }
  }
  if (!exited) {
    ::kill(worker->pid, SIGKILL);
    ::waitpid(worker->pid, &status, 0);
  }
  ::close(worker->socket);
  if (transfer == Transfer::timed_out || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)) {
    failure = {RenderFailure::Kind::limit,
               "the logo could not be rendered within " + seconds_text(settings_.seconds) + " s", {}};
  } else if (exited && WIFSIGNALED(status)) {
    failure = {RenderFailure::Kind::limit, "the logo could not be rendered " + within + " (librsvg stopped on signal " +
                                               std::to_string(WTERMSIG(status)) + ")", {}};
  } else {
    failure = {RenderFailure::Kind::limit, "the logo could not be rendered " + within + " (the render worker failed)", {}};
  }
  return std::nullopt;
}

namespace {

// AddressSanitizer reserves terabytes of address space (its shadow and its allocator) before main,
// so in a sanitizer build the limit counts from what is mapped already; large buffers, the ones a
// hostile render asks for, are still new mappings and still bounded. Elsewhere nothing is added.
rlim_t sanitizer_reservation() {
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  constexpr bool address_sanitizer = true;
#else
  constexpr bool address_sanitizer = false;
#endif
#else
  constexpr bool address_sanitizer = false;
#endif
  if (!address_sanitizer) return 0;
  unsigned long long pages = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%llu", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  return static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

int serve_renders(int socket, double seconds, std::size_t memory_mib,
                  const std::vector<std::string>& font_directories) {
  // This process exists only to render: its current fontconfig configuration is pango's, and so
  // librsvg's. Scanned before the memory limit, as fontconfig maps its caches.
  for (const auto& directory : font_directories) {
    if (!FcConfigAppFontAddDir(nullptr, reinterpret_cast<const FcChar8*>(directory.c_str()))) return 1;
  }
  // librsvg and cairo are opened before the limits, as when they were linked: their mappings never
  // count against a logo's memory. Were one missing, each render says so.
  std::string unavailable;
  detail::rsvg_library(unavailable);
  detail::cairo_library(unavailable);
  // Limits first, before librsvg touches anything: no core files from an abort,
  // no way back to more memory (the hard limit is lowered too), no privileges
  // gained through exec.
  rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  rlim_t address_space = (static_cast<rlim_t>(memory_mib) << 20) + sanitizer_reservation();
  rlimit memory{address_space, address_space};
  if (::setrlimit(RLIMIT_AS, &memory) != 0) return 1;
  ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  const rlim_t cpu_per_render = static_cast<rlim_t>(std::ceil(std::max(seconds, 1.0)));

  for (;;) {
    RequestHeader request;
    if (!read_all(socket, &request, sizeof request)) return 0;  // the renderer is gone
    if (request.length > max_message_bytes || request.size == 0 || request.size > 8192) return 1;
    std::string svg(request.length, '\0');
    if (!read_all(socket, svg.data(), svg.size())) return 1;

    // RLIMIT_CPU counts the process's whole life: allow this render `seconds`
    // more than used.
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    rlimit cpu{};
    ::getrlimit(RLIMIT_CPU, &cpu);
    cpu.rlim_cur = static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1 + cpu_per_render;
    if (cpu.rlim_max != RLIM_INFINITY) cpu.rlim_cur = std::min(cpu.rlim_cur, cpu.rlim_max);
    ::setrlimit(RLIMIT_CPU, &cpu);

    std::string error;
    auto image = render_svg(svg, static_cast<int>(request.size), error);
    AnswerHeader answer{image ? 0u : 1u, request.size, image ? image->rgba.size() : error.size()};
    if (!write_all(socket, &answer, sizeof answer)) return 1;
    if (!(image ? write_all(socket, image->rgba.data(), image->rgba.size())
                : write_all(socket, error.data(), error.size()))) {
      return 1;
    }
  }
}

}  // namespace bimi::svgps
