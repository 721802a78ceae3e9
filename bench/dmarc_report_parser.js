// The peer for bench/dmarc_report_bench.sh: the npm package dmarc-report-parser on the same files
// (it reads XML and emails; .gz and .zip files are unpacked here the way it unpacks attachments).
// Prints: files, reports, records, failures, seconds, peak RSS in KiB, and the messages of records
// whose aligned DKIM or aligned SPF failed as its dkimFailures and spfFailures list them ("either
// fails", what a viewer built on it would count) beside those where both failed (what DMARC fails).
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const JSZip = require("jszip");
const { parseDmarcReportsFromXml, parseDmarcReportFromEmail } = require("dmarc-report-parser");

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

async function main() {
  const files = walk(process.argv[2], []).sort();
  let reports = 0, records = 0, failures = 0, eitherFails = 0, bothFail = 0;
  const start = process.hrtime.bigint();
  for (const file of files) {
    try {
      const bytes = fs.readFileSync(file);
      let parsed;
      if (file.endsWith(".eml")) {
        parsed = [await parseDmarcReportFromEmail(bytes.toString("latin1"))];
      } else if (file.endsWith(".gz")) {
        parsed = [await parseDmarcReportsFromXml([zlib.gunzipSync(bytes)])];
      } else if (file.endsWith(".zip")) {
        const zip = await new JSZip().loadAsync(bytes);
        const texts = await Promise.all(Object.values(zip.files).map((f) => f.async("text")));
        parsed = [await parseDmarcReportsFromXml(texts)];
      } else {
        parsed = [await parseDmarcReportsFromXml([bytes])];
      }
      for (const result of parsed) {
        reports += result.reports.length;
        for (const report of result.reports) records += report.record.length;
        const failing = new Set([...result.dkimFailures, ...result.spfFailures]);
        for (const r of failing) {
          eitherFails += r.row.count;
          if (r.row.policyEvaluated.dkim === "fail" && r.row.policyEvaluated.spf === "fail") bothFail += r.row.count;
        }
      }
    } catch (e) {
      failures += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(files.length, reports, records, failures, seconds.toFixed(2), process.resourceUsage().maxRSS, eitherFails,
              bothFail);
}

main();
