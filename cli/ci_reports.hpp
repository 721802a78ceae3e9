// The report formats CI systems read natively: JUnit XML (Jenkins, GitLab and
// Azure test views) and Code Climate JSON (GitLab Code Quality).
#pragma once

#include <ostream>
#include <vector>

#include "report.hpp"

namespace bimi::cli {

// One test case per file: a <failure> listing its errors, an <error> when it
// could not be read, and its warnings and notes as <system-out>.
void write_junit(std::ostream& out, const std::vector<FileFindings>& files);

// A JSON array with one issue per finding (findings_json.hpp:
// codeclimate_issue).
void write_codeclimate(std::ostream& out, const std::vector<FileFindings>& files);

}  // namespace bimi::cli
