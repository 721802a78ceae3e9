// bimi message as users meet it without a network: usage errors, unreadable and hostile messages
// (each a one-line error or a bounded report), several messages in one run, standard input. DNS
// goes to a loopback port where nothing listens, so every look-up fails at once. The scenarios
// over real servers are in tests/net.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "run_bimi.hpp"

namespace bimi::test {
namespace {

const std::string offline = " --dns-server 127.0.0.1:9 --timeout 200 --at 2024-06-03T10:00:00Z";

const std::string message =
    "Received: from mail.example.com (mail.example.com [192.0.2.10])\r\n"
    "\tby mx.receiver.test; Mon, 3 Jun 2024 10:00:00 +0000\r\n"
    "From: Brand <news@example.com>\r\n"
    "To: someone@receiver.test\r\n"
    "Subject: hello\r\n"
    "\r\n"
    "Hello.\r\n";

std::string write(const TempDir& dir, const std::string& name, const std::string& bytes) {
  std::string path = (dir.path() / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

int lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(MessageCli, UsageErrorsExitTwo) {
  TempDir dir;
  std::string path = write(dir, "m.eml", message);
  EXPECT_EQ(run_bimi("message").exit_code, 2);
  EXPECT_EQ(run_bimi("message " + shell_quote(path) + " --ip 999.1.1.1").exit_code, 2);
  EXPECT_EQ(run_bimi("message " + shell_quote(path) + " --trusted-arc-sealer 'not a domain'").exit_code, 2);
  EXPECT_EQ(run_bimi("message " + shell_quote(path) + " --format xml").exit_code, 2);
  EXPECT_EQ(run_bimi("message " + shell_quote(path) + " --at yesterday").exit_code, 2);
}

TEST(MessageCli, AnUnreadableMessageIsOneLineAndExitThree) {
  TempDir dir;
  for (const std::string& bytes : {std::string(), std::string("\x01\x02 not a header\r\n\r\n", 20), std::string(" folded first\r\n")}) {
    std::string path = write(dir, "bad.eml", bytes);
    RunResult result = run_bimi("message " + shell_quote(path) + offline, true);
    EXPECT_EQ(result.exit_code, 3) << result.out;
    EXPECT_EQ(lines(result.out), 1) << result.out;
  }
  RunResult missing = run_bimi("message " + shell_quote((dir.path() / "missing.eml").string()) + offline, true);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(lines(missing.out), 1) << missing.out;
}

TEST(MessageCli, AReportThatCannotBeWrittenIsThatMessagesOneLineError) {
  // JSON holds only UTF-8: a file name that is not is one message's error, on a worker thread too,
  // and the other messages are still judged.
  TempDir dir;
  std::string good = write(dir, "good.eml", message);
  std::string bad = write(dir, "bad\xff.eml", message);
  for (const char* jobs : {" -j 1", " -j 2"}) {
    RunResult result =
        run_bimi("message " + shell_quote(good) + " " + shell_quote(bad) + " --format jsonl" + offline + jobs, true);
    EXPECT_EQ(result.exit_code, 3) << result.out;
    EXPECT_NE(result.out.find("cannot write the report"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("good.eml\""), std::string::npos) << result.out;  // the good message's line
  }
}

TEST(MessageCli, AMessageTooLargeIsRefusedWhileReading) {
  TempDir dir;
  std::string path = (dir.path() / "huge.eml").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << message;
    std::string block(1 << 20, 'a');
    for (int i = 0; i < 100; ++i) out << block << "\r\n";
  }
  RunResult result = run_bimi("message " + shell_quote(path) + offline, true);
  EXPECT_EQ(result.exit_code, 3) << result.out;
  EXPECT_EQ(lines(result.out), 1) << result.out;
}

TEST(MessageCli, TenThousandHeaderFieldsAreRefused) {
  TempDir dir;
  std::string head;
  for (int i = 0; i < 10000; ++i) head += "X-Filler-" + std::to_string(i) + ": value\r\n";
  std::string path = write(dir, "many.eml", head + message);
  RunResult result = run_bimi("message " + shell_quote(path) + offline, true);
  EXPECT_EQ(result.exit_code, 3) << result.out;
  EXPECT_NE(result.out.find("message-limit"), std::string::npos) << result.out;
}

// 990 signatures, so that the message stays under the 1,000 header fields bimi reads (a message of
// 1,000 signatures and its other fields is refused like the one above).
TEST(MessageCli, ManySignaturesAreBoundedAndAGigabyteLengthFails) {
  TempDir dir;
  std::string head;
  for (int i = 0; i < 990; ++i) {
    head += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s" + std::to_string(i) +
            "; h=from:to:subject; l=1000000000; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n";
  }
  std::string path = write(dir, "signatures.eml", head + message);
  RunResult result = run_bimi("message " + shell_quote(path) + offline + " --format json");
  EXPECT_EQ(result.exit_code, 1) << result.out;
  auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["dkim"].size(), 990u);
  int evaluated = 0;
  for (const auto& signature : report["dkim"]) {
    if (signature["reason"] == "dkim-limit") {
      EXPECT_EQ(signature["result"], "neutral");
    } else {
      ++evaluated;
    }
  }
  EXPECT_EQ(evaluated, 16) << "RFC 6376 §6.1 lets verifiers stop; bimi evaluates 16";
  // l= of a gigabyte is read as a number, never allocated (tests/auth has its failure with a key).
  EXPECT_EQ(report["dkim"][0]["body_length"], 1000000000) << report["dkim"][0].dump();
  EXPECT_FALSE(report["shown"].get<bool>());
  // Offline, DMARC has no policy: no mailbox shows a logo, and each says why first.
  ASSERT_EQ(report["mailboxes"].size(), 7u);
  for (const auto& mailbox : report["mailboxes"]) {
    EXPECT_FALSE(mailbox["shown"].get<bool>());
    EXPECT_EQ(mailbox["requirement"], "dmarc-enforcement") << mailbox.dump();
  }
}

TEST(MessageCli, SeveralMessagesAndStandardInput) {
  TempDir dir;
  std::string a = write(dir, "a.eml", message);
  std::string b = write(dir, "b.eml", message);
  RunResult both = run_bimi("message " + shell_quote(a) + " " + shell_quote(b) + offline + " --format json");
  auto reports = nlohmann::json::parse(both.out);
  ASSERT_TRUE(reports.is_array());
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0]["message"], a);
  EXPECT_EQ(reports[1]["dmarc"]["result"], "temperror");
  EXPECT_EQ(both.exit_code, 1);

  RunResult lines = run_bimi("message " + shell_quote(a) + " " + shell_quote(b) + offline + " --format jsonl");
  std::istringstream stream(lines.out);
  int count = 0;
  for (std::string line; std::getline(stream, line); ++count) {
    auto report = nlohmann::json::parse(line);
    EXPECT_EQ(report["message"], count == 0 ? a : b);
  }
  EXPECT_EQ(count, 2) << lines.out;

  // Judged on several threads, the messages still come out in the order given, byte for byte.
  std::string many;
  for (int i = 0; i < 24; ++i) many += " " + shell_quote(i % 2 == 0 ? a : b);
  RunResult one_job = run_bimi("message" + many + offline + " --format jsonl -j 1");
  RunResult four_jobs = run_bimi("message" + many + offline + " --format jsonl -j 4");
  EXPECT_EQ(one_job.out, four_jobs.out);
  EXPECT_EQ(std::count(four_jobs.out.begin(), four_jobs.out.end(), '\n'), 24);

  RunResult piped = run_shell("printf '%s' " + shell_quote(message) + " | " + shell_quote(BIMI_BINARY) + " message -" + offline +
                              " --format json");
  auto one = nlohmann::json::parse(piped.out);
  ASSERT_TRUE(one.is_object());
  EXPECT_EQ(one["author"]["domain"], "example.com");
  EXPECT_EQ(one["smtp"]["source"], "received");
  EXPECT_EQ(one["smtp"]["ip"], "192.0.2.10");
  EXPECT_EQ(one["bimi"]["result"], "skipped");
  EXPECT_FALSE(one["first_broken"].is_null());
}

// The JSON lines of a run of many messages are, byte for byte, the lines of one run per message,
// and each is what nlohmann's dump() writes for the same values (key order, escapes, numbers).
TEST(MessageCli, ABatchWritesTheBytesOfOneRunPerMessage) {
  TempDir dir;
  const std::vector<std::string> messages{
      message,
      "Received: from mta.example.org (mta.example.org [2001:db8::25])\r\n\tby mx.receiver.test; Mon, 3 Jun 2024 10:00:00 +0000\r\n"
      "Return-Path: <bounce@example.org>\r\n"
      "From: \"Caf\xc3\xa9 \\\"Quoted\\\" \xe2\x9c\x93\" <news@example.org>\r\n"
      "BIMI-Selector: v=BIMI1; s=brand\r\n"
      "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s1; h=from; l=5;\r\n"
      "\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n"
      "DKIM-Signature: v=1; a=rsa-sha1; d=example.org; s=s1; h=from; bh=AA==; b=AA==\r\n"
      "BIMI-Location: v=BIMI1; l=https://x.test/l.svg\r\n"
      "\r\nbody\r\n",
      "From: a@example.com, b@example.net\r\nSubject: two authors\r\n\r\n",
      "From: Brand <news@example.com>\r\nSubject: no trace fields\r\n\r\nHello.\r\n",
  };
  std::string paths, one_by_one;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::string path = write(dir, "m" + std::to_string(i) + ".eml", messages[i]);
    paths += " " + shell_quote(path);
    RunResult alone = run_bimi("message " + shell_quote(path) + offline + " --format jsonl --headers");
    ASSERT_EQ(lines(alone.out), 1) << alone.out;
    std::string line = alone.out.substr(0, alone.out.size() - 1);
    EXPECT_EQ(nlohmann::ordered_json::parse(line).dump(), line);
    one_by_one += alone.out;
  }
  RunResult batch = run_bimi("message" + paths + paths + offline + " --format jsonl --headers -j 3");
  EXPECT_EQ(batch.out, one_by_one + one_by_one);
  // --format json is the same objects, indented.
  RunResult array = run_bimi("message" + paths + offline + " --format json --headers");
  auto reports = nlohmann::ordered_json::parse(array.out);
  std::istringstream stream(one_by_one);
  std::size_t i = 0;
  for (std::string line; std::getline(stream, line); ++i) {
    ASSERT_LT(i, reports.size());
    EXPECT_EQ(reports[i].dump(), line);
  }
  EXPECT_EQ(i, messages.size());
}

TEST(MessageCli, TheTextLeadsWithTheVerdict) {
  TempDir dir;
  std::string path = write(dir, "m.eml", message);
  RunResult result = run_bimi("message " + shell_quote(path) + offline);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out.rfind("No logo: ", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("NOT SHOWN: first broken link: dmarc"), std::string::npos) << result.out;
  RunResult headers = run_bimi("message " + shell_quote(path) + offline + " --headers");
  EXPECT_EQ(headers.out.rfind("Authentication-Results: bimi.invalid;", 0), 0u) << headers.out;
  EXPECT_NE(headers.out.find("bimi=skipped"), std::string::npos) << headers.out;
}

}  // namespace
}  // namespace bimi::test
