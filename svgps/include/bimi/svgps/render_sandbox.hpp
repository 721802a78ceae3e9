// Renders in worker processes with their own memory, CPU and wall-clock limits:
// librsvg is good at drawing, not at defending itself (it aborts on some inputs
// and bounds neither time nor memory), so a crash, a panic or a limit costs one
// render instead of the whole process.
//
// Workers are started with posix_spawn, never fork: the caller may run renders
// on several threads, and a forked copy of a multithreaded process that then
// calls into glib, fontconfig or librsvg can deadlock on a lock another thread
// held. The worker is an executable (bimi itself, in a hidden mode) that calls
// serve_renders. Workers live as long as the renderer and are reused: one per
// thread rendering at the same time; a dead or stopped worker is replaced.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "bimi/svgps/render.hpp"

namespace bimi::svgps {

struct SandboxSettings {
  std::string executable;              // the worker program
  std::vector<std::string> arguments;  // argv[1…] that make it call serve_renders on descriptor 3;
                                       // the seconds and MiB follow as two more arguments
  double seconds = 10;                 // CPU time and wall-clock time of one render
  std::size_t memory_mib = 1024;       // address space of the worker
};

class SandboxRenderer final : public Renderer {
 public:
  explicit SandboxRenderer(SandboxSettings settings);
  ~SandboxRenderer() override;
  SandboxRenderer(const SandboxRenderer&) = delete;
  SandboxRenderer& operator=(const SandboxRenderer&) = delete;

  std::optional<Image> render(std::string_view svg_text, int size, RenderFailure& failure) const override;

 private:
  struct Worker {
    int pid = -1;
    int socket = -1;
  };
  std::optional<Worker> take_worker(std::string& error) const;
  void stop(Worker worker) const;

  SandboxSettings settings_;
  mutable std::mutex mutex_;
  mutable std::vector<Worker> idle_;
};

// The worker's side, on the socket it was given (file descriptor `socket`):
// limits this process to `memory_mib` of address space and each render to
// `seconds` of CPU time, then answers render requests with render_svg until the
// other end closes. The fonts in `font_directories` are added to the process's
// fontconfig configuration first, so that librsvg draws text with them (a brand
// font given to `bimi convert --fonts`). Returns the process's exit status.
int serve_renders(int socket, double seconds, std::size_t memory_mib,
                  const std::vector<std::string>& font_directories = {});

}  // namespace bimi::svgps
