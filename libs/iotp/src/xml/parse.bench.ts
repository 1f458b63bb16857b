/*
 * Micro-benchmark behind the parser choice (not a test). Run from the repository root: npm run build && node dist/libs/iotp/src/xml/parse.bench.js
 * Compares the hand-written scanner with fast-xml-parser 5.12.1 (options of iotp-messages §11, plus the
 * validate pass and the pre-scans it needs to be as strict) on the worked-example message P2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { domHash } from '../dom-hash/dom-hash';
import { parseIotpXml } from './parse';
import { serializeIotpXml } from './serialize';

const p2 = readFileSync(join(process.cwd(), 'libs/iotp/src/signatures/__fixtures__/p2-payment-response.xml'));
const refs = (v: string): string =>
  v.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (m: string, b: string) =>
    b[0] === '#'
      ? String.fromCodePoint(b[1] === 'x' ? parseInt(b.slice(2), 16) : parseInt(b.slice(1), 10))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[b],
  );
const fxp = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  processEntities: false,
  htmlEntities: false,
  tagValueProcessor: (_n: string, v: string) => refs(v),
  attributeValueProcessor: (_n: string, v: string) => refs(v),
  allowBooleanAttributes: false,
  ignoreDeclaration: true,
  commentPropName: false,
});
function viaFastXmlParser(body: Buffer): unknown {
  const s = new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/\r\n?/g, '\n');
  if (/<!DOCTYPE[^>]*\[/.test(s) || /&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(s))
    return undefined;
  return XMLValidator.validate(s) === true ? fxp.parse(s) : undefined; // tree conversion not even counted
}

function bench(label: string, fn: () => unknown, n = 20_000): void {
  for (let i = 0; i < n / 10; i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  process.stdout.write(
    `${label.padEnd(36)} ${(Number(process.hrtime.bigint() - t) / n / 1000).toFixed(1)} µs\n`,
  );
}

const parsed = parseIotpXml(p2);
if (!parsed.ok) throw new Error(parsed.error.desc);
process.stdout.write(`P2: ${p2.length} bytes\n`);
bench('parseIotpXml', () => parseIotpXml(p2));
bench('fast-xml-parser validate + parse', () => viaFastXmlParser(p2), 5_000);
bench('domHash(IotpMessage)', () => domHash(parsed.root));
bench('serializeIotpXml', () => serializeIotpXml(parsed.root));
