// mailauth's authenticate() over the benchmark's corpus, one message after the other, with a
// resolver that answers from the benchmark's DNS data (no network). Prints one JSON object:
// messages, seconds, outcomes (DMARC and BIMI results by kind of sender) and peak RSS in KiB.
// Usage: node message_mailauth.js MAILAUTH_PREFIX MANIFEST.json DNS.json
'use strict';
const fs = require('fs');
const path = require('path');

const [prefix, manifestFile, dnsFile] = process.argv.slice(2);
const { authenticate } = require(path.join(prefix, 'node_modules', 'mailauth'));
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const data = JSON.parse(fs.readFileSync(dnsFile, 'utf8'));

const known = new Set([...Object.keys(data.txt), ...Object.keys(data.a)]);

// dns.promises.resolve's shapes: TXT records as arrays of strings, errors with ENOTFOUND (no such
// name) or ENODATA (the name has no records of that type).
async function resolver(name, type) {
  const key = String(name).toLowerCase().replace(/\.$/, '');
  if (type === 'TXT' && data.txt[key]) return data.txt[key].map(value => [value]);
  if (type === 'A' && data.a[key]) return data.a[key];
  const error = new Error(`${type} ${key}: no answer`);
  error.code = known.has(key) ? 'ENODATA' : 'ENOTFOUND';
  throw error;
}

async function main() {
  const messages = manifest.map(entry => ({ entry, bytes: fs.readFileSync(entry.file) }));
  const outcomes = {};
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (const { entry, bytes } of messages) {
    const result = await authenticate(bytes, {
      ip: entry.ip,
      helo: entry.helo,
      sender: entry.mail_from,
      mta: 'mx.bench.test',
      resolver,
      disableArc: false
    });
    const key = `${entry.kind}:dmarc ${result.dmarc && result.dmarc.status.result} bimi ${result.bimi && result.bimi.status.result}`;
    outcomes[key] = (outcomes[key] || 0) + 1;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(JSON.stringify({
    messages: messages.length,
    seconds,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    outcomes,
    max_rss_kb: process.resourceUsage().maxRSS,
    version: require(path.join(prefix, 'node_modules', 'mailauth', 'package.json')).version
  }));
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
