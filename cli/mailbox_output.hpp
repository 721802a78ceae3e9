// The per-mailbox verdicts (bimi::records::judge_mailboxes) in the outputs of `bimi domain`,
// `bimi message` and `bimi preview`: a JSON array `mailboxes` and a short text section.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string_view>
#include <vector>

#include "bimi/records/mailboxes.hpp"

namespace bimi::cli {

// [{"id", "name", "shown", "mark", "requirement", "reason", "shape", "source", "read_on"}, ...];
// "requirement" is null when the logo is shown.
nlohmann::ordered_json mailboxes_json(const std::vector<records::MailboxVerdict>& verdicts);

// One line per mailbox: "  Gmail: shown with the verification checkmark (VMC)" or
// "  Apple Mail (iCloud): not shown: Apple Mail (iCloud) needs a VMC [certificate-required]".
void print_mailboxes_text(const std::vector<records::MailboxVerdict>& verdicts, std::ostream& out, std::string_view indent);

}  // namespace bimi::cli
