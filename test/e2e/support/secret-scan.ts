import { createHash, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { EventStore } from '@ph/event-store';
import { DEMO_HASH_SECRET_MERCHANT, deriveS } from '@ph/bridges/hash-secret';
import { demoKmio, DEMO_MICRO_MERCHANT } from '@ph/bridges/issuer-micro';
import { demoSmsConfirmConfig } from '@ph/bridges/sms-confirm';
import { DEV_PAN_HASH_KEY } from '../../../apps/acquirer-simulator/src/acquirer-simulator.app';
import { TEST_CARDS } from '../../../apps/acquirer-simulator/src/schema';
import { DEMO_ACCOUNTS, DEMO_MERCHANTS } from '../../../apps/bank-simulator/src/accounts/demo-accounts';
import { DEV_MERCHANT_HMAC_KEY } from '../../../apps/gateway/src/config/ph-config';
import { TEST_LMK_HEX } from '../../../apps/hsm-simulator/src/crypto/lmk';
import { demoCredentials } from '../../../apps/wallet/src/lib';
import type { SessionStep } from '../../../apps/wallet/src/lib/session/session-step';
import {
  DEMO_CHIP_CARDS,
  DEMO_ISSUER_MK_AC_HEX,
  iccMasterKeyOptionA,
} from '../../../apps/wallet/src/schemes/set-like';

/*
 * The secret scan of issue 5: no full card number, clear PIN block, key or customer secret in any log
 * line, event, projection row or error text. A `Secret` is known by value (and found in hex, base64,
 * base64url and raw-byte forms, also inside base64 blobs such as PackagedContent); besides the known
 * card numbers, any Luhn-valid 13–19 digit run with a card-network prefix is reported.
 */

export type SecretKind = 'card number' | 'key' | 'customer secret' | 'passphrase/PIN';

export interface Secret {
  readonly name: string;
  readonly kind: SecretKind;
  /** Binary secrets (keys): searched as hex (any case), base64, base64url, and raw inside decoded blobs. */
  readonly bytes?: Buffer;
  /** Text secrets (PANs, pass phrases, codes): searched literally, also inside decoded blobs. */
  readonly text?: string;
}

/** One thing the system wrote: a log line, an event, a table row, an answer the wallet got. */
export interface ScanItem {
  readonly source: string;
  readonly text: string;
}

export interface Finding {
  readonly source: string;
  readonly secret: string;
  readonly kind: SecretKind | 'Luhn-valid card-like number';
  readonly form: string;
  /** A short excerpt around the hit, the secret itself shortened to its first and last characters. */
  readonly excerpt: string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
const hexKey = (name: string, hex: string, kind: SecretKind = 'key'): Secret => ({
  name,
  kind,
  bytes: Buffer.from(hex, 'hex'),
});

/** The profile's DEV ONLY key material read from the shared spec, when it is reachable (../shared/spec). */
function profileSecrets(): Secret[] {
  const file = [
    path.resolve(__dirname, '../../../../shared/spec/profile.md'),
    '/work/shared/spec/profile.md',
  ].find((f) => existsSync(f));
  if (!file) return [];
  const text = readFileSync(file, 'utf8');
  const out: Secret[] = [];
  const labelled = /(K_CM|K_CB|K_MB|kmbHex|dHex|secretHex|\br)\b["\s:=]+"?([0-9a-f]{64})\b/g;
  for (const m of text.matchAll(labelled))
    out.push(
      hexKey(`profile.md ${m[1]} ${m[2].slice(0, 6)}…`, m[2], m[1] === 'r' ? 'customer secret' : 'key'),
    );
  for (const m of text.matchAll(/\bp\s+=\s+(\S+-dev-passphrase)\b/g))
    out.push({ name: `profile.md passphrase ${m[1]}`, kind: 'passphrase/PIN', text: m[1] });
  return out;
}

/** d of a P-256 private key (the KeyObject's JWK `d`, base64url). */
export const privateScalar = (key: KeyObject): Buffer =>
  Buffer.from((key.export({ format: 'jwk' }) as { d: string }).d, 'base64url');

/**
 * Every secret of the demo configuration: customer keys K_CM, K_CB, the diskette r, pass phrase p and
 * derived s of each demo customer, K_MB, the merchant's HMAC key, the PH's ECDSA receipt key and
 * PaymentHandlerPayId key, the SET-like simulation's private keys (CA, merchant, gateway signature and
 * key exchange), the acquirer's PAN-hash key and test-card numbers, K_MIO, the SMS reply-code key, the
 * e-purse keys, the console's DEV API keys, the HSM's test LMK, the demo issuer's MK-AC and the chip
 * cards' ICC master keys derived from it, and the keys the profile text lists.
 */
export function demoSecrets(): Secret[] {
  const out: Secret[] = [];
  for (const [c, hex] of Object.entries(DEMO_HASH_SECRET_MERCHANT.customers))
    out.push(hexKey(`K_CM of ${c} (demo config)`, hex, 'customer secret'));
  out.push(hexKey('K_MB (demo config)', DEMO_HASH_SECRET_MERCHANT.kmbHex));
  for (const a of DEMO_ACCOUNTS) out.push(hexKey(`K_CB of ${a.customerId} (bank simulator)`, a.kcbHex));
  for (const m of DEMO_MERCHANTS) out.push(hexKey(`K_MB of ${m.merchantId} (bank simulator)`, m.kmbHex));
  for (const c of ['alice', 'bob', 'carol']) {
    const { p, r } = demoCredentials(c).secrets();
    out.push({ name: `pass phrase p of ${c}`, kind: 'passphrase/PIN', text: p });
    out.push({ name: `diskette r of ${c}`, kind: 'customer secret', bytes: Buffer.from(r) });
    out.push({ name: `customer secret s of ${c}`, kind: 'customer secret', bytes: deriveS(p, r) });
  }
  out.push(hexKey('merchant HMAC key demo-merchant.example/hmac-1', DEV_MERCHANT_HMAC_KEY));
  out.push(
    hexKey(
      'PH ECDSA receipt key pay.bank.example/ecdsa-1',
      '3b0df57b401065ed12736e09b537b03af982992f232d98a2395d03b42821ceab',
    ),
  );
  out.push({
    name: 'PaymentHandlerPayId key (DEV)',
    kind: 'key',
    bytes: sha256('IOTP Payment Handler PaymentHandlerPayId key (DEV ONLY)'),
  });
  for (const label of ['ca', 'merchant', 'gateway-sig', 'gateway-kex'])
    out.push({
      name: `SET-like private key '${label}'`,
      kind: 'key',
      bytes: sha256(`SET-like simulation DEV ONLY key: ${label}`),
    });
  out.push({ name: 'acquirer PAN-hash key (ACQ_PAN_HASH_KEY dev)', kind: 'key', bytes: DEV_PAN_HASH_KEY });
  out.push({ name: `K_MIO of ${DEMO_MICRO_MERCHANT}`, kind: 'key', bytes: demoKmio(DEMO_MICRO_MERCHANT) });
  out.push({ name: 'SMS reply-code key', kind: 'key', bytes: demoSmsConfirmConfig().codeKey });
  for (const id of ['EP-0001', 'MC-0001'])
    out.push({
      name: `e-purse key ${id}`,
      kind: 'key',
      bytes: sha256(`IOTP profile 1.0 e-purse key ${id} (DEV ONLY)`),
    });
  for (const apiKey of ['viewer-dev-key', 'operator-dev-key'])
    out.push({ name: `console API key ${apiKey} (DEV)`, kind: 'key', text: apiKey });
  const seenLmk = new Set<string>();
  for (const [i, pair] of TEST_LMK_HEX.entries()) {
    if (seenLmk.has(pair)) continue;
    seenLmk.add(pair);
    out.push(hexKey(`HSM test LMK pair ${String(i * 2).padStart(2, '0')}`, pair));
  }
  const imk = Buffer.from(DEMO_ISSUER_MK_AC_HEX, 'hex');
  out.push({ name: 'demo issuer MK-AC (chip cards, DEV)', kind: 'key', bytes: imk });
  for (const chip of DEMO_CHIP_CARDS) {
    out.push({
      name: `ICC master key of chip card ${chip.pan.slice(0, 6)}…${chip.pan.slice(-4)}`,
      kind: 'key',
      bytes: iccMasterKeyOptionA(imk, chip.pan, chip.psn),
    });
    out.push(cardNumber(chip.pan, `chip ${chip.pan.slice(0, 6)}`));
  }
  for (const card of TEST_CARDS) out.push(cardNumber(card.pan, `${card.cardId} ${card.pan.slice(0, 6)}`));
  out.push(...profileSecrets());
  // The same value under two names (config and spec) is searched once.
  const unique = new Map<string, Secret>();
  for (const s of out) {
    const id = s.bytes ? `b:${s.bytes.toString('hex')}` : `t:${s.text}`;
    if (!unique.has(id)) unique.set(id, s);
  }
  return [...unique.values()];
}

export const cardNumber = (pan: string, label = pan.slice(0, 6)): Secret => ({
  name: `card number ${label}…${pan.slice(-4)}`,
  kind: 'card number',
  text: pan,
});

// ---------------------------------------------------------------------------------------------------

/** Luhn check of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Issuer identification numbers of the card networks (Visa, Mastercard, Amex, Discover, JCB, Diners,
 * Maestro, UnionPay). Restricting the Luhn rule to them keeps time stamps (yyyymmddhhmmss: 20…),
 * epoch milliseconds (1…) and event positions from being reported.
 */
const CARD_PREFIX =
  /^(4|5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720)|3[47]|6011|65|64[4-9]|35|3(0[0-5]|[68])|5018|5020|5038|6304|6759|676[1-3]|62)/;

const cardLike = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;

/** Base64/base64url runs long enough to hold a secret (whole PackagedContents, JSON fields). */
const blobLike = /[A-Za-z0-9+/_-]{24,}={0,2}/g;

function excerptAt(text: string, at: number, length: number): string {
  const hit = text.slice(at, at + length);
  const shown = hit.length > 8 ? `${hit.slice(0, 4)}…${hit.slice(-2)}` : `${hit.slice(0, 2)}…`;
  const before = text.slice(Math.max(0, at - 40), at).replace(/\s+/g, ' ');
  const after = text.slice(at + length, at + length + 40).replace(/\s+/g, ' ');
  return `${before}[${shown}]${after}`;
}

interface Needle {
  readonly secret: Secret;
  readonly form: string;
  readonly value: string;
  readonly caseInsensitive: boolean;
}

function needlesOf(secret: Secret): Needle[] {
  const out: Needle[] = [];
  if (secret.bytes) {
    const b = secret.bytes;
    out.push({ secret, form: 'hex', value: b.toString('hex'), caseInsensitive: true });
    out.push({
      secret,
      form: 'base64',
      value: b.toString('base64').replace(/=+$/, ''),
      caseInsensitive: false,
    });
    out.push({ secret, form: 'base64url', value: b.toString('base64url'), caseInsensitive: false });
  }
  if (secret.text) {
    out.push({ secret, form: 'clear text', value: secret.text, caseInsensitive: false });
    if (secret.kind === 'card number') {
      const groups = secret.text.match(/.{1,4}/g) ?? [];
      out.push({ secret, form: 'grouped with blanks', value: groups.join(' '), caseInsensitive: false });
      out.push({ secret, form: 'grouped with dashes', value: groups.join('-'), caseInsensitive: false });
    }
  }
  return out;
}

export class SecretScanner {
  private readonly needles: Needle[];
  private readonly known: Set<string>;

  constructor(readonly secrets: readonly Secret[]) {
    this.needles = secrets.flatMap(needlesOf);
    this.known = new Set(secrets.filter((s) => s.kind === 'card number').map((s) => s.text!));
  }

  scan(items: Iterable<ScanItem>): Finding[] {
    const findings: Finding[] = [];
    for (const item of items) this.scanText(item.source, item.text, 0, findings);
    return findings;
  }

  private scanText(source: string, text: string, depth: number, out: Finding[]): void {
    const where = depth === 0 ? source : `${source} (inside a base64 blob)`;
    const lower = text.toLowerCase();
    for (const n of this.needles) {
      const at = n.caseInsensitive ? lower.indexOf(n.value) : text.indexOf(n.value);
      if (at >= 0)
        out.push({
          source: where,
          secret: n.secret.name,
          kind: n.secret.kind,
          form: n.form,
          excerpt: excerptAt(text, at, n.value.length),
        });
    }
    for (const m of text.matchAll(cardLike)) {
      const digits = m[0];
      if (this.known.has(digits) || !CARD_PREFIX.test(digits) || !luhnValid(digits)) continue;
      out.push({
        source: where,
        secret: `${digits.slice(0, 6)}…${digits.slice(-4)} (${digits.length} digits)`,
        kind: 'Luhn-valid card-like number',
        form: 'digits',
        excerpt: excerptAt(text, m.index, digits.length),
      });
    }
    if (depth >= 2) return;
    for (const m of text.matchAll(blobLike)) {
      const decoded = Buffer.from(m[0], 'base64');
      if (decoded.length < 12) continue;
      for (const s of this.secrets) {
        if (s.bytes && decoded.indexOf(s.bytes) >= 0)
          out.push({
            source: `${source} (inside a base64 blob)`,
            secret: s.name,
            kind: s.kind,
            form: 'raw bytes',
            excerpt: excerptAt(text, m.index, m[0].length),
          });
      }
      // Text inside the blob (JSON payloads, XML): the same rules, one level deeper.
      this.scanText(source, decoded.toString('latin1'), depth + 1, out);
    }
  }
}

/** One line per finding, for a failure message. */
export const describeFindings = (findings: readonly Finding[]): string =>
  findings.map((f) => `${f.kind}: ${f.secret} as ${f.form} in ${f.source}: …${f.excerpt}…`).join('\n');

// ---------------------------------------------------------------------------------------------------

const jsonOf = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** Every event of every stream, read through the store from the start of $all. */
export async function eventItems(store: EventStore): Promise<ScanItem[]> {
  const items: ScanItem[] = [];
  let from = 0n;
  for (;;) {
    const batch = await store.readAll({ fromPosition: from, limit: 500 });
    if (batch.length === 0) return items;
    for (const e of batch)
      items.push({
        source: `event ${e.streamId}@${e.revision} ${e.type}`,
        text: jsonOf({ streamId: e.streamId, type: e.type, data: e.data, metadata: e.metadata }),
      });
    from = batch[batch.length - 1].position;
  }
}

/** Every row of every table of a PostgreSQL schema, as JSON. */
export async function tableItems(pool: Pool, schema: string): Promise<ScanItem[]> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'
      ORDER BY table_name`,
    [schema],
  );
  const items: ScanItem[] = [];
  for (const { table_name: t } of tables) {
    const { rows } = await pool.query<{ j: string }>(
      `SELECT row_to_json(x)::text AS j FROM "${schema}"."${t}" x`,
    );
    rows.forEach((r, i) => items.push({ source: `table ${schema}.${t} row ${i}`, text: r.j }));
  }
  return items;
}

/** The number of tables of a schema (to check a scan saw any). */
export async function tableCount(pool: Pool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`,
    [schema],
  );
  return rows[0].n;
}

/** Every answer a wallet session received (Payment Exchanges, Responses, Error Blocks, HTTP errors). */
export function answerItems(label: string, steps: readonly SessionStep[]): ScanItem[] {
  return steps
    .filter((s) => s.direction === '←')
    .map((s, i) => ({
      source: `answer ${i + 1} (${s.msgId}) to wallet ${label}`,
      text: s.xml.toString('utf8'),
    }));
}

export const logItems = (lines: readonly string[]): ScanItem[] =>
  lines.map((text, i) => ({ source: `log line ${i + 1}`, text }));
