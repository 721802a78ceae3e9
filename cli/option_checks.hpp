// Validators for option values that are not plain enums or ranges, so that every bad value is a
// usage error (exit 2) before any work starts.
#pragma once

#include <CLI/CLI.hpp>

namespace bimi::cli {

// convert --background: auto, none, or an opaque CSS colour.
CLI::Validator background_value();

// --at: an ISO-8601 time as vmc::parse_time reads it.
CLI::Validator iso_time();

// A domain name and a BIMI selector, as the records library normalizes them.
CLI::Validator domain_name();
CLI::Validator selector_name();

}  // namespace bimi::cli
