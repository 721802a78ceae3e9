// The one table of the findings `bimi message` reports about a message's authentication: the
// message and its author, SPF as the message met it, each DKIM signature, the ARC chain, DMARC
// alignment and the BIMI steps that depend on the message (the selector header, the signature's
// body length). Record, discovery and fetch findings keep the ids of bimi::records' table.
// docs/message-checks.md is generated from it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/rule_table.hpp"

namespace bimi::auth {

std::span<const RuleInfo> rule_table();

// Nullptr when id is not in the table.
const RuleInfo* find_rule(std::string_view id);

// Appends a finding for a rule of the table with the table's severity. An id missing from the
// table is a programming error: it throws std::logic_error (a test covers every id).
void report(Diagnostics& out, std::string_view id, std::string message, Location location = {});

// docs/message-checks.md, rendered from the table (a test keeps the file in step).
std::string rules_markdown();

}  // namespace bimi::auth
