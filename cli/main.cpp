#include <CLI/CLI.hpp>

#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "docs_commands.hpp"
#include "exit_codes.hpp"
#include "render_worker.hpp"
#include "version_info.hpp"
#include "terminal.hpp"

int main(int argc, char** argv) {
  using bimi::cli::ExitCode;
  using bimi::cli::exit_status_help;
  // Renders allocate and free same-sized buffers thousands of times in a batch; keeping them on
  // the heap instead of fresh mmaps avoids a page fault storm (bimi convert on a corpus: -25 %).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  if (auto status = bimi::cli::run_render_worker(argc, argv)) return *status;
  // Into a pipe or a file, a batch's report (a JSON line per message) goes out in 64 KiB writes
  // rather than the 4 KiB stdio picks for pipes; a terminal stays line-buffered.
  static char output_buffer[1 << 16];
  if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, output_buffer, _IOFBF, sizeof output_buffer);
  CLI::App app{"bimi: BIMI logos, mark certificates and DNS records — lint, convert, hash, verify, check a domain", "bimi"};
  // Computed when asked: it opens librsvg to ask its version.
  app.set_version_flag("--version", [] { return bimi::cli::version_text(); });
  app.require_subcommand(1);
  app.fallthrough(false);

  ExitCode result = ExitCode::ok;
  bimi::cli::setup_docs_commands(app, result);  // walks the finished tree when it runs
  bimi::cli::setup_check(app, result);
  bimi::cli::setup_rules(app, result);
  bimi::cli::setup_convert(app, result);
  bimi::cli::setup_render(app, result);
  bimi::cli::setup_preview(app, result);
  bimi::cli::setup_compare(app, result);
  bimi::cli::setup_hash(app, result);
  bimi::cli::setup_csr(app, result);
  bimi::cli::setup_verify(app, result);
  bimi::cli::setup_inspect(app, result);
  bimi::cli::setup_record(app, result);
  bimi::cli::setup_dmarc(app, result);
  bimi::cli::setup_domain(app, result);
  bimi::cli::setup_message(app, result);

  app.footer(exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input,
                               ExitCode::output_failure}));

  // Bare `bimi` is a usage error that shows what there is to do.
  if (argc <= 1) {
    std::cerr << app.help();
    return bimi::cli::to_int(ExitCode::usage);
  }
  if (auto message = bimi::cli::unknown_command_message(app, argc, argv)) {
    std::cerr << "bimi: " << *message << "\nRun 'bimi --help' for the list of commands.\n";
    return bimi::cli::to_int(ExitCode::usage);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return bimi::cli::to_int(ExitCode::usage);
  } catch (const std::bad_alloc&) {
    std::cerr << "bimi: out of memory\n";
    return bimi::cli::to_int(ExitCode::bad_input);
  } catch (const std::exception& e) {
    std::cerr << "bimi: " << bimi::cli::printable(e.what()) << "\n";
    return bimi::cli::to_int(ExitCode::bad_input);
  }
  return bimi::cli::to_int(result);
}
