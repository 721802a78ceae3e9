// Certificates verified per second by bimi::vmc (every check except logo-profile, which lints with
// svgps and is measured by `bimi check` benchmarks). Usage:
//   vmc_verify_bench [--seconds S] NAME CERT LOGO DOMAIN AT [ROOTS]...   (groups of 5 or 6 arguments
//   separated by "--")
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/vmc/verify.hpp"

namespace {

std::string read(const std::string& path) {
  auto bytes = bimi::read_file(path, 16u << 20);
  if (auto* error = std::get_if<bimi::IoError>(&bytes)) {
    std::fprintf(stderr, "vmc_verify_bench: %s\n", error->message.c_str());
    std::exit(3);
  }
  return std::get<std::string>(bytes);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  double seconds = 1.0;
  if (args.size() >= 2 && args[0] == "--seconds") {
    seconds = std::atof(args[1].c_str());
    args.erase(args.begin(), args.begin() + 2);
  }
  std::vector<std::vector<std::string>> groups(1);
  for (const auto& arg : args) {
    if (arg == "--") {
      groups.emplace_back();
    } else {
      groups.back().push_back(arg);
    }
  }
  std::size_t total = 0;
  double elapsed_total = 0;
  for (const auto& group : groups) {
    if (group.size() != 5 && group.size() != 6) {
      std::fprintf(stderr, "usage: vmc_verify_bench [--seconds S] NAME CERT LOGO DOMAIN AT [ROOTS] [-- ...]\n");
      return 2;
    }
    std::string cert = read(group[1]);
    std::string logo = read(group[2]);
    bimi::vmc::VerifyOptions options;
    options.domain = group[3];
    auto at = bimi::vmc::parse_time(group[4]);
    if (!at) return 2;
    options.at = *at;
    if (group.size() == 6) options.roots_pem = read(group[5]);
    auto start = std::chrono::steady_clock::now();
    std::size_t count = 0;
    bool valid = false;
    double elapsed = 0;
    do {
      auto result = bimi::vmc::verify_certificate(cert, logo, options);
      valid = std::holds_alternative<bimi::vmc::VerifyReport>(result) && std::get<bimi::vmc::VerifyReport>(result).valid();
      ++count;
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds);
    std::printf("%-28s %-7s %8zu verified in %.2f s = %8.0f certificates/s\n", group[0].c_str(),
                valid ? "valid" : "INVALID", count, elapsed, static_cast<double>(count) / elapsed);
    total += count;
    elapsed_total += elapsed;
  }
  std::printf("%-28s %-7s %8zu verified in %.2f s = %8.0f certificates/s\n", "all", "", total, elapsed_total,
              static_cast<double>(total) / elapsed_total);
  return 0;
}
