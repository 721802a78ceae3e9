#include "mailbox_output.hpp"

#include <string>

#include "terminal.hpp"

namespace bimi::cli {

nlohmann::ordered_json mailboxes_json(const std::vector<records::MailboxVerdict>& verdicts) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& verdict : verdicts) {
    const auto& mailbox = *verdict.mailbox;
    out.push_back({{"id", mailbox.id},
                   {"name", mailbox.name},
                   {"shown", verdict.shown},
                   {"mark", records::to_string(verdict.mark)},
                   {"requirement", verdict.requirement.empty() ? nlohmann::ordered_json(nullptr)
                                                               : nlohmann::ordered_json(verdict.requirement)},
                   {"reason", verdict.reason},
                   {"shape", records::to_string(mailbox.shape)},
                   {"source", mailbox.source},
                   {"read_on", mailbox.read_on}});
  }
  return out;
}

void print_mailboxes_text(const std::vector<records::MailboxVerdict>& verdicts, std::ostream& out, std::string_view indent) {
  for (const auto& verdict : verdicts) {
    out << indent << verdict.mailbox->name << ": ";
    if (verdict.shown) {
      out << printable(verdict.reason) << "\n";
    } else {
      out << "not shown: " << printable(verdict.reason) << " [" << verdict.requirement << "]\n";
    }
  }
}

}  // namespace bimi::cli
