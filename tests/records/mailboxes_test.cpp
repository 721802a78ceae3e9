// The mailbox table: one failing and one passing case per requirement, and the marks each
// certificate gets.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "bimi/records/mailboxes.hpp"

namespace bimi::records {
namespace {

// Everything a mailbox asks for, with a verified VMC.
SenderFacts ready_with_vmc() {
  SenderFacts facts;
  facts.dmarc_enforced = true;
  facts.dmarc_pass = true;
  facts.record_found = true;
  facts.logo_valid = true;
  facts.certificate = CertificateKind::vmc;
  facts.certificate_verified = true;
  facts.mark_type = "Registered Mark";
  return facts;
}

const MailboxVerdict& verdict_of(const std::vector<MailboxVerdict>& verdicts, std::string_view id) {
  for (const auto& verdict : verdicts) {
    if (verdict.mailbox->id == id) return verdict;
  }
  throw std::runtime_error("no mailbox " + std::string(id));
}

TEST(Mailboxes, EveryEntryHasAnIdANameASourceAndTheDateItWasRead) {
  std::set<std::string_view> ids;
  for (const auto& mailbox : mailboxes()) {
    EXPECT_TRUE(ids.insert(mailbox.id).second) << mailbox.id;
    EXPECT_FALSE(mailbox.name.empty());
    EXPECT_TRUE(mailbox.source.starts_with("https://")) << mailbox.id;
    EXPECT_EQ(mailbox.read_on, "2026-12-01");
  }
  EXPECT_EQ(ids.size(), 7u);
}

TEST(Mailboxes, AVerifiedVmcIsShownEverywhereWithGmailsCheckmark) {
  auto verdicts = judge_mailboxes(ready_with_vmc());
  ASSERT_EQ(verdicts.size(), mailboxes().size());
  for (const auto& verdict : verdicts) {
    EXPECT_TRUE(verdict.shown) << verdict.mailbox->id << ": " << verdict.reason;
    EXPECT_TRUE(verdict.requirement.empty());
  }
  EXPECT_EQ(verdict_of(verdicts, "gmail").mark, Mark::checkmark);
  EXPECT_EQ(verdict_of(verdicts, "gmail").reason, "shown with the verification checkmark (VMC, Registered Mark)");
  EXPECT_EQ(verdict_of(verdicts, "apple-mail").mark, Mark::logo_only);  // no checkmark is published
  EXPECT_EQ(verdict_of(verdicts, "yahoo").mark, Mark::logo_only);
  EXPECT_NE(verdict_of(verdicts, "yahoo").reason.find("reputation"), std::string::npos);
}

TEST(Mailboxes, DmarcEnforcementComesFirst) {
  auto facts = ready_with_vmc();
  facts.dmarc_enforced = false;
  facts.logo_valid = false;  // a later requirement is not the one named
  for (const auto& verdict : judge_mailboxes(facts)) {
    EXPECT_FALSE(verdict.shown);
    EXPECT_EQ(verdict.mark, Mark::none);
    EXPECT_EQ(verdict.requirement, "dmarc-enforcement");
  }
}

TEST(Mailboxes, AMessageThatFailsDmarcIsNotShown) {
  auto facts = ready_with_vmc();
  facts.dmarc_pass = false;
  for (const auto& verdict : judge_mailboxes(facts)) EXPECT_EQ(verdict.requirement, "dmarc-pass");
}

TEST(Mailboxes, NoRecordNoLogo) {
  auto facts = ready_with_vmc();
  facts.record_found = false;
  for (const auto& verdict : judge_mailboxes(facts)) EXPECT_EQ(verdict.requirement, "bimi-record");
}

TEST(Mailboxes, AnInvalidLogoIsNotShown) {
  auto facts = ready_with_vmc();
  facts.logo_valid = false;
  for (const auto& verdict : judge_mailboxes(facts)) EXPECT_EQ(verdict.requirement, "logo-valid");
}

TEST(Mailboxes, WithoutACertificateOnlyTheMailboxesThatNeedNoneShowTheLogo) {
  auto facts = ready_with_vmc();
  facts.certificate = CertificateKind::none;
  facts.certificate_verified = false;
  facts.mark_type.clear();
  auto verdicts = judge_mailboxes(facts);
  EXPECT_FALSE(verdict_of(verdicts, "gmail").shown);
  EXPECT_EQ(verdict_of(verdicts, "gmail").requirement, "certificate-required");
  EXPECT_EQ(verdict_of(verdicts, "gmail").reason, "Gmail needs a VMC or a CMC");
  EXPECT_EQ(verdict_of(verdicts, "apple-mail").requirement, "certificate-required");
  for (std::string_view id : {"yahoo", "fastmail", "la-poste", "onet", "zone"}) {
    EXPECT_TRUE(verdict_of(verdicts, id).shown) << id;
    EXPECT_EQ(verdict_of(verdicts, id).mark, Mark::logo_only);
  }
  EXPECT_NE(verdict_of(verdicts, "la-poste").reason.find("approval"), std::string::npos);
}

TEST(Mailboxes, ACmcShowsTheLogoInGmailWithoutTheCheckmarkAndNotInAppleMail) {
  auto facts = ready_with_vmc();
  facts.certificate = CertificateKind::cmc;
  facts.mark_type = "Prior Use Mark";
  auto verdicts = judge_mailboxes(facts);
  EXPECT_TRUE(verdict_of(verdicts, "gmail").shown);
  EXPECT_EQ(verdict_of(verdicts, "gmail").mark, Mark::logo_only);
  EXPECT_EQ(verdict_of(verdicts, "gmail").reason, "shown without a checkmark (CMC, Prior Use Mark)");
  EXPECT_FALSE(verdict_of(verdicts, "apple-mail").shown);
  EXPECT_EQ(verdict_of(verdicts, "apple-mail").requirement, "certificate-kind");
  EXPECT_TRUE(verdict_of(verdicts, "yahoo").shown);
}

TEST(Mailboxes, ACertificateThatDoesNotVerifyKeepsTheLogoOutEvenWhereNoneIsNeeded) {
  auto facts = ready_with_vmc();
  facts.certificate_verified = false;
  for (const auto& verdict : judge_mailboxes(facts)) {
    EXPECT_FALSE(verdict.shown) << verdict.mailbox->id;
    EXPECT_EQ(verdict.requirement, "certificate-verified");
    EXPECT_EQ(verdict.reason, "the certificate (VMC, Registered Mark) did not verify");
  }
}

TEST(Mailboxes, NamesAreStable) {
  EXPECT_EQ(to_string(Mark::checkmark), "checkmark");
  EXPECT_EQ(to_string(Mark::logo_only), "logo-only");
  EXPECT_EQ(to_string(Mark::none), "none");
  EXPECT_EQ(to_string(AvatarShape::rounded_square), "rounded-square");
  EXPECT_EQ(to_string(CertificateKind::cmc), "CMC");
}

}  // namespace
}  // namespace bimi::records
