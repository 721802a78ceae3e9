// What a domain check or a message check learned, as the facts the mailbox table judges
// (bimi::records::judge_mailboxes).
#pragma once

#include "bimi/net/domain_check.hpp"
#include "bimi/net/message_check.hpp"
#include "bimi/records/mailboxes.hpp"

namespace bimi::net {

// The domain's DMARC step, its assertion record, logo and certificate. DMARC passing is a property
// of a message, not a domain: it is taken as passing.
records::SenderFacts sender_facts(const DomainReport& report);

// The message's DMARC result and policy, and the BIMI steps of its sender (none when they did not run).
records::SenderFacts sender_facts(const MessageReport& report);

}  // namespace bimi::net
