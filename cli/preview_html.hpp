// The page of `bimi preview --html`: one self-contained file (no network, no script) showing the logo as
// inboxes present it, drawn by the browser from the exact bytes bimi checked, with the figures of each view,
// the per-mailbox verdicts and the sheet librsvg drew.
#pragma once

#include <string>
#include <vector>

#include "bimi/records/mailboxes.hpp"
#include "preview_sheet.hpp"

namespace bimi::cli {

struct PreviewView {
  preview::ViewSlot slot;
  preview::Figures figures;
};

// What `bimi preview` found, for every output (PNG, HTML, JSON, text).
struct PreviewResult {
  std::string label;   // the logo's name as given
  std::string svg;     // the SVG text checked and rendered (gzip undone)
  bool valid = false;  // no error finding under --profile spec
  std::size_t errors = 0;
  std::vector<preview::Theme> themes;
  std::vector<int> sizes;
  std::vector<PreviewView> views;                            // in the sheet's order
  std::vector<records::MailboxVerdict> with_vmc;             // given DMARC at enforcement and a verified VMC
  std::vector<records::MailboxVerdict> without_certificate;  // the same without a certificate
  std::string sheet_png;                                     // the librsvg sheet, embedded in the page when not empty
};

std::string preview_html(const PreviewResult &result);

}  // namespace bimi::cli
