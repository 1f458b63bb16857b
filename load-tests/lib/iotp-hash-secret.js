// The message-building logic of one hash/secret IOTP payment (profile §2.4–§2.5, §3.3, §6.1), shared by
// the k6 scripts and the Node load runner. NO imports: crypto and HTTP are injected, so the same file
// runs under k6 (k6/crypto, k6/http) and under Node (node:crypto, fetch).
//
//   crypto = { hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array,
//              sha256(data: Uint8Array): Uint8Array,
//              randomBytes(n: number): Uint8Array }
//
// A payment is three pure steps; the caller does the POSTs in between (sync in k6, async in Node):
//   const p = startPayment(crypto, opts)          → p.c1 (the Payment Request text)
//   const c2 = answerChallenge(crypto, p, p1Text) → { ok, body } (the Payment Exchange with HS-Pay)
//   const r = checkPaymentResponse(crypto, p, p2Text) → { ok, processState, completionCode, balance, … }
// DEV ONLY: the demo merchant key and the demo customers are the profile's published test values.

export const IOTP_CONTENT_TYPE = 'application/iotp; charset=utf-8';
export const DEMO_MERCHANT = {
  orgId: 'demo-merchant.example',
  keyId: 'demo-merchant.example/hmac-1',
  keyHex: 'f10ac7a575421f85be5e40a8f4dc3f4a1527251ccc13aa4a776c841589fbae26',
};
export const DEMO_BANK = 'demo-bank.example';
export const WALLET_SOFTWARE_ID = 'IOTP Payment Handler project; k6/load wallet (ES module); 0.1.0; build 1';
/** The brand the demo merchant offers for hash/secret (profile §3.1); signedOffer takes another one. */
export const HASH_SECRET_BRAND = {
  brandId: 'x-DemoHashPay',
  brandName: 'Demo HashPay',
  brandLogoNetLocn: 'https://demo-merchant.example/logos/DemoHashPay.png',
  protocolBrandId: 'DemoHashPay',
  protocolId: 'x-HashSecret-1.0',
  protocolName: 'Hash/secret customer-merchant-bank protocol 1.0',
};

// ---------------------------------------------------------------- bytes

/** UTF-8 bytes of a string (no TextEncoder in k6). */
export function utf8(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** UTF-16BE code units of a string (DOM-HASH's U16). */
function utf16be(s) {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 255;
  }
  return out;
}

function u32(n) {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

export function concat(parts) {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function hex(bytes) {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

export function fromHex(h) {
  if (!/^([0-9a-fA-F]{2})*$/.test(h)) throw new Error('not hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
}

export function fromBase64(text) {
  const s = text.replace(/[ \t\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('invalid base64');
  const out = [];
  for (let i = 0; i < s.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (s[i + k] === '=' ? 0 : B64.indexOf(s[i + k])));
    const n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push((n >> 16) & 255);
    if (s[i + 2] !== '=') out.push((n >> 8) & 255);
    if (s[i + 3] !== '=') out.push(n & 255);
  }
  return Uint8Array.from(out);
}

function bytesToAscii(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

// ---------------------------------------------------------------- XML tree, serialisation, DOM-HASH

/** An element of our own tree: attributes in the order written, children elements or one text. */
export function el(name, attrs, children) {
  return { name, attrs: attrs ?? [], children: children ?? [] };
}

const escAttr = (v) =>
  v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
const escText = (v) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

export function serialize(node) {
  if (typeof node === 'string') return escText(node);
  let out = `<${node.name}`;
  for (const [k, v] of node.attrs) out += ` ${k}="${escAttr(v)}"`;
  if (node.children.length === 0) return `${out}/>`;
  return `${out}>${node.children.map(serialize).join('')}</${node.name}>`;
}

/** RFC 2803 DOM-HASH with SHA-256 as profile §2.4.2 narrows it (names as written, xmlns excluded). */
export function domHash(crypto, node, parentName) {
  if (typeof node === 'string') {
    return crypto.sha256(concat([u32(3), utf16be(node)]));
  }
  const attrs = node.attrs
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .slice()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const children = node.children.filter(
    (c) =>
      typeof c !== 'string' || (c !== '' && (node.name === 'PackagedContent' || !/^[ \t\r\n]*$/.test(c))),
  );
  void parentName;
  return crypto.sha256(
    concat([
      u32(1),
      utf16be(node.name),
      Uint8Array.of(0, 0),
      u32(attrs.length),
      ...attrs.map(([k, v]) => crypto.sha256(concat([u32(2), utf16be(k), Uint8Array.of(0, 0), utf16be(v)]))),
      u32(children.length),
      ...children.map((c) => domHash(crypto, c, node.name)),
    ]),
  );
}

// ---------------------------------------------------------------- hash/secret MACs (profile §3.3.3)

function lp(fields) {
  return concat(
    fields.flatMap((f) => [
      u32((typeof f === 'string' ? utf8(f) : f).length),
      typeof f === 'string' ? utf8(f) : f,
    ]),
  );
}
export const hashLp = (crypto, ...fields) => crypto.sha256(lp(fields));
export const macLp = (crypto, key, ...fields) => crypto.hmacSha256(key, lp(fields));

/** Demo customer credentials of profile §3.3.9 (DEV ONLY) and the keys derived from them. */
export function demoCustomer(crypto, customerId, merchantOrgId = DEMO_MERCHANT.orgId, bankId = DEMO_BANK) {
  const r = crypto.sha256(utf8(`IOTP profile 1.0 diskette r of ${customerId} (DEV ONLY)`));
  const s = hashLp(crypto, 's', `${customerId}-dev-passphrase`, r);
  return {
    customerId,
    bankId,
    kcm: hashLp(crypto, 'CM', s, merchantOrgId.toLowerCase()),
    kcb: hashLp(crypto, 'CB', s, bankId),
  };
}

/** Minimal decimal form of an IOTP amount (profile §3.2): 12.50 → 12.5, 012.00 → 12. */
export function minimalAmount(amount) {
  const m = /^([0-9]*)(?:\.([0-9]*))?$/.exec(amount);
  if (!m) throw new Error(`not an IOTP amount: ${amount}`);
  const int = m[1].replace(/^0+/, '') || '0';
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

// ---------------------------------------------------------------- the merchant's signed offer (§2.5, §6.1 C1)

const pad = (n, w = 2) => String(n).padStart(w, '0');
export const iotpTimestamp = (d) => d.toISOString();
export function newIotpTransId(now, random16Hex, domain) {
  const stamp =
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${stamp}.${random16Hex}@${domain}`;
}

const org = (id, orgId, extra, role) =>
  el('Org', [['ID', id], ['xml:lang', 'en'], ['OrgId', orgId], ...extra], role);

/**
 * The offer components of the demo merchant exactly as the reference merchant builds them (IDs M1.x of
 * profile §6.1) and its Offer Response Signature (HMAC-SHA256 over the DOM-HASH of the Manifest).
 */
export function signedOffer(crypto, o) {
  const { phUrl, customerId, amount, currency, now, iotpTransId, orderId } = o;
  const signedPayReceipt = o.signedPayReceipt !== false;
  const merchant = o.merchant ?? DEMO_MERCHANT;
  const brand = o.brand ?? HASH_SECRET_BRAND;
  const transTimeStamp = iotpTimestamp(now);
  const transId = el('TransId', [
    ['ID', 'M1.2'],
    ['Version', '1.0'],
    ['IotpTransId', iotpTransId],
    ['IotpTransType', 'BaselinePurchase'],
    ['TransTimeStamp', transTimeStamp],
  ]);
  const brandList = el(
    'BrandList',
    [
      ['ID', 'M1.5'],
      ['xml:lang', 'en'],
      ['ShortDesc', `Order ${orderId}`],
      ['PayDirection', 'Debit'],
    ],
    [
      el(
        'Brand',
        [
          ['ID', 'M1.6'],
          ['BrandId', brand.brandId],
          ['BrandName', brand.brandName],
          ['BrandLogoNetLocn', brand.brandLogoNetLocn],
          ['ProtocolAmountRefs', 'M1.8'],
        ],
        [
          el('ProtocolBrand', [
            ['ProtocolId', brand.protocolId],
            ['ProtocolBrandId', brand.protocolBrandId],
          ]),
        ],
      ),
      el('ProtocolAmount', [
        ['ID', 'M1.8'],
        ['PayProtocolRef', 'M1.10'],
        ['CurrencyAmountRefs', 'M1.9'],
      ]),
      el('CurrencyAmount', [
        ['ID', 'M1.9'],
        ['Amount', amount],
        ['CurrCodeType', 'ISO4217-A'],
        ['CurrCode', currency],
      ]),
      el('PayProtocol', [
        ['ID', 'M1.10'],
        ['xml:lang', 'en'],
        ['ProtocolId', brand.protocolId],
        ['ProtocolName', brand.protocolName],
        ['ActionOrgRef', 'M1.15'],
        ['PayReqNetLocn', phUrl],
      ]),
    ],
  );
  const payment = el('Payment', [
    ['ID', 'M1.20'],
    ['OkFrom', iotpTimestamp(new Date(now.getTime() - 5 * 60_000))],
    ['OkTo', iotpTimestamp(new Date(now.getTime() + 60 * 60_000))],
    ['BrandListRef', 'M1.5'],
    ['SignedPayReceipt', signedPayReceipt ? 'True' : 'False'],
  ]);
  const offerStatus = el('Status', [
    ['ID', 'M1.18'],
    ['xml:lang', 'en'],
    ['StatusType', 'Offer'],
    ['ElRef', 'M1.19'],
    ['ProcessState', 'CompletedOk'],
    ['ProcessReference', orderId],
  ]);
  const merchantOrg = org(
    'M1.11',
    merchant.orgId,
    [
      ['LegalName', 'Demo Merchant Ltd (DEV ONLY)'],
      ['ShortDesc', 'Demo Merchant'],
    ],
    [
      el('TradingRole', [
        ['ID', 'M1.12'],
        ['TradingRole', 'Merchant'],
        ['IotpMsgIdPrefix', 'M'],
        ['CancelNetLocn', 'https://demo-merchant.example/iotp/cancelled'],
        ['ErrorNetLocn', 'https://demo-merchant.example/iotp/error'],
        ['ErrorLogNetLocn', 'https://demo-merchant.example/iotp/errorlog'],
      ]),
      postal('1 Test Street', 'Berlin', '10115', 'DE'),
    ],
  );
  const consumerOrg = org(
    'M1.13',
    `Consumer:${customerId}/${merchant.orgId}`,
    [],
    [
      el('TradingRole', [
        ['ID', 'M1.14'],
        ['TradingRole', 'Consumer'],
        ['IotpMsgIdPrefix', 'C'],
      ]),
    ],
  );
  const phOrg = org(
    'M1.15',
    'pay.bank.example',
    [
      ['LegalName', 'Example Bank AG'],
      ['ShortDesc', 'Example Bank'],
    ],
    [
      el('TradingRole', [
        ['ID', 'M1.16'],
        ['TradingRole', 'PaymentHandler'],
        ['IotpMsgIdPrefix', 'P'],
        ['CancelNetLocn', `${phUrl}/cancelled`],
        ['ErrorNetLocn', `${phUrl}/error`],
        ['ErrorLogNetLocn', `${phUrl}/errorlog`],
      ]),
      postal('Bankplatz 5', 'Frankfurt am Main', '60311', 'DE'),
    ],
  );
  const digested = [transId, brandList, payment, merchantOrg, phOrg, consumerOrg, offerStatus];
  const digests = digested.map((e) =>
    el(
      'Digest',
      [['DigestAlgorithmRef', 'M1.24']],
      [
        el('Locator', [['href', `${iotpTransId}#${e.attrs[0][1]}`]]),
        el('Value', [], [base64(domHash(crypto, e))]),
      ],
    ),
  );
  const manifest = el(
    'Manifest',
    [],
    [
      el('Algorithm', [
        ['ID', 'M1.23'],
        ['type', 'digest'],
        ['name', 'urn:fips:sha256'],
      ]),
      el(
        'Algorithm',
        [
          ['ID', 'M1.24'],
          ['type', 'digest'],
          ['name', 'urn:ibm:dom-hash'],
        ],
        [el('Parameter', [['type', 'AlgorithmRef']], ['M1.23'])],
      ),
      el(
        'Algorithm',
        [
          ['ID', 'M1.25'],
          ['type', 'signature'],
          ['name', 'urn:ibm:hmac'],
        ],
        [
          el('Parameter', [['type', 'AlgorithmRef']], ['M1.24']),
          el('Parameter', [['type', 'HashAlgorithmRef']], ['M1.23']),
        ],
      ),
      ...digests,
      el(
        'Attribute',
        [
          ['type', 'IOTPSignatureType'],
          ['critical', 'true'],
        ],
        ['OfferResponse'],
      ),
      el('OriginatorInfo', [['OriginatorRef', 'M1.11']]),
      el(
        'RecipientInfo',
        [
          ['SignatureAlgorithmRef', 'M1.25'],
          ['SignatureValueRef', 'M1.26'],
          ['RecipientRefs', 'M1.15'],
        ],
        [el('KeyIdentifier', [['value', merchant.keyId]])],
      ),
    ],
  );
  const manifestHash = domHash(crypto, manifest);
  const value = base64(crypto.hmacSha256(fromHex(merchant.keyHex), manifestHash));
  const signature = el(
    'Signature',
    [['ID', 'M1.22']],
    [
      manifest,
      el(
        'Value',
        [
          ['ID', 'M1.26'],
          ['encoding', 'base64'],
        ],
        [value],
      ),
    ],
  );
  return {
    iotpTransId,
    transTimeStamp,
    amount,
    currency,
    brand,
    merchantOrgId: merchant.orgId,
    signedPayReceipt,
    parts: { transId, brandList, payment, offerStatus, merchantOrg, consumerOrg, phOrg, signature },
    manifestHash,
    digests: digested.map((e, i) => [e.attrs[0][1], digests[i].children[1].children[0]]),
    signatureValue: value,
  };
}

function postal(line1, city, code, country) {
  return el('PostalAddress', [
    ['AddressLine1', line1],
    ['CityOrTown', city],
    ['PostalCode', code],
    ['Country', country],
    ['LegalLocation', 'True'],
  ]);
}

// ---------------------------------------------------------------- consumer messages (§6.1 C1, C2)

const hsJson = (obj) => base64(utf8(JSON.stringify(obj)));
const packaged = (name, text) =>
  el(
    'PackagedContent',
    [
      ['Name', name],
      ['Content', 'MIME:application/json'],
      ['Transform', 'BASE64'],
    ],
    [text],
  );

export function transRef(offer, msgNumber, respIotpMsg, now) {
  return el(
    'TransRefBlk',
    [['ID', `C${msgNumber}.1`]],
    [
      offer.parts.transId,
      el('MsgId', [
        ['ID', `C${msgNumber}`],
        ['RespIotpMsg', respIotpMsg],
        ['xml:lang', 'en'],
        ['SenderTradingRoleRef', 'M1.14'],
        ['SoftwareId', WALLET_SOFTWARE_ID],
        ['TimeStamp', iotpTimestamp(now)],
      ]),
    ],
  );
}

export const message = (blocks) =>
  '<?xml version="1.0" encoding="UTF-8"?>' +
  serialize(el('IotpMessage', [['xmlns', 'iotp:ietf.org/iotp-v1.0']], blocks));

/**
 * The Consumer's Payment Request (C1, profile §6.1) for a signed offer: the merchant's components and
 * signature copied, the Brand Selection (the offer's one brand) and the scheme's PaySchemeData (ID C1.5).
 */
export function paymentRequestMessage(offer, now, paySchemeData) {
  const p = offer.parts;
  return message([
    transRef(offer, 1, 'M1', now),
    el('IotpSignatures', [['ID', 'C1.2']], [p.signature]),
    el(
      'PayReqBlk',
      [['ID', 'C1.3']],
      [
        p.offerStatus,
        p.brandList,
        el('BrandSelection', [
          ['ID', 'C1.4'],
          ['BrandListRef', 'M1.5'],
          ['BrandRef', 'M1.6'],
          ['ProtocolAmountRef', 'M1.8'],
          ['CurrencyAmountRef', 'M1.9'],
        ]),
        p.payment,
        paySchemeData,
        p.merchantOrg,
        p.consumerOrg,
        p.phOrg,
      ],
    ),
  ]);
}

/** HS-Init JSON text (before base64): keys in the profile's order. */
export const hsInitJson = (customerId, nA) =>
  JSON.stringify({ type: 'HS-Init', v: 1, C: customerId, nA: hex(nA) });

/**
 * Starts a payment: the merchant's signed offer and the Consumer's Payment Request (C1) with a fresh
 * HS-Init. `opts`: phUrl (the PH's public IOTP URL), customer ('alice'), amount ('12.50'), currency
 * ('EUR'), now (Date), and for reproducible tests iotpTransId, orderId, nA, consumerPaymentId.
 */
export function startPayment(crypto, opts) {
  const now = opts.now ?? new Date();
  const customer = demoCustomer(crypto, opts.customer ?? 'alice');
  const offer = signedOffer(crypto, {
    phUrl: opts.phUrl,
    customerId: customer.customerId,
    amount: opts.amount ?? '12.50',
    currency: opts.currency ?? 'EUR',
    now,
    signedPayReceipt: opts.signedPayReceipt,
    iotpTransId: opts.iotpTransId ?? newIotpTransId(now, hex(crypto.randomBytes(8)), DEMO_MERCHANT.orgId),
    orderId: opts.orderId ?? `ORD-${hex(crypto.randomBytes(4))}`,
  });
  const nA = opts.nA ?? crypto.randomBytes(32);
  const consumerPaymentId = opts.consumerPaymentId ?? `CP${hex(crypto.randomBytes(6))}`;
  const c1 = paymentRequestMessage(
    offer,
    now,
    el(
      'PaySchemeData',
      [
        ['ID', 'C1.5'],
        ['PaymentRef', 'M1.20'],
        ['ConsumerPaymentId', consumerPaymentId],
      ],
      [packaged('HS-Init', base64(utf8(hsInitJson(customer.customerId, nA))))],
    ),
  );
  return { offer, customer, nA, consumerPaymentId, c1, startedAt: now };
}

// ---------------------------------------------------------------- reading the PH's answers

const DECODE = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const decodeRefs = (s) =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, r) =>
    r[0] === '#'
      ? String.fromCodePoint(r[1] === 'x' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10))
      : DECODE[r],
  );

/** Attributes of the first element `name` in an answer (the PH writes double-quoted attributes). */
export function attrsOf(xml, name) {
  const m = new RegExp(`<${name}((?:\\s+[\\w:.-]+\\s*=\\s*"[^"]*")*)\\s*/?>`).exec(xml);
  if (!m) return undefined;
  const out = {};
  const re = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
  let a;
  while ((a = re.exec(m[1])) !== null) out[a[1]] = decodeRefs(a[2]);
  return out;
}

/** The decoded JSON of the PackagedContent named `name`, or undefined. */
export function packagedJson(xml, name) {
  const m = new RegExp(`<PackagedContent\\b[^>]*\\bName="${name}"[^>]*>([^<]*)</PackagedContent>`).exec(xml);
  if (!m) return undefined;
  return JSON.parse(bytesToAscii(fromBase64(decodeRefs(m[1]))));
}

/** What kind of answer a PH message is (exchange, response, cancel, error). */
export function answerKind(xml) {
  if (/<PayExchBlk\b/.test(xml)) return 'exchange';
  if (/<PayRespBlk\b/.test(xml)) return 'response';
  if (/<CancelBlk\b/.test(xml)) return 'cancel';
  if (/<ErrorBlk\b/.test(xml)) return 'error';
  return 'unknown';
}

export function errorSummary(xml) {
  const e = attrsOf(xml, 'ErrorComp') ?? {};
  const s = attrsOf(xml, 'Status') ?? {};
  return [answerKind(xml), e.ErrorCode, s.ProcessState, s.CompletionCode].filter(Boolean).join(' ');
}

/**
 * Checks the HS-Challenge in P1 (profile §3.3.8) and builds C2 with HS-Pay: a_C, π, o and a fresh n_C.
 * Returns { ok: false, problem } when the challenge is not the one we expect (no π is computed then).
 */
export function answerChallenge(crypto, pay, p1, now = new Date()) {
  if (answerKind(p1) !== 'exchange') return { ok: false, problem: `no challenge: ${errorSummary(p1)}` };
  const psd = attrsOf(p1, 'PaySchemeData') ?? {};
  const ch = packagedJson(p1, 'HS-Challenge');
  const phMsgId = (attrsOf(p1, 'MsgId') ?? {}).ID;
  const c = pay.customer;
  const u = minimalAmount(pay.offer.amount);
  const M = pay.offer.merchantOrgId.toLowerCase();
  const problems = [];
  if (!ch) problems.push('no HS-Challenge');
  else {
    if (psd.PaymentRef !== 'M1.20') problems.push('PaymentRef');
    if (psd.ConsumerPaymentId !== pay.consumerPaymentId) problems.push('ConsumerPaymentId');
    if (ch.C !== c.customerId || ch.M !== M || ch.B !== c.bankId) problems.push('C/M/B');
    if (ch.y !== psd.PaymentHandlerPayId) problems.push('y');
    if (ch.u !== u || ch.cur !== pay.offer.currency) problems.push('u/cur');
    const aM = macLp(crypto, c.kcm, 'authM', M, c.customerId, ch.t, pay.nA);
    if (!/^[0-9a-fA-F]{64}$/.test(ch.aM ?? '') || !equalBytes(aM, fromHex(ch.aM))) problems.push('aM');
  }
  if (problems.length > 0 || !phMsgId) return { ok: false, problem: `bad challenge: ${problems.join(', ')}` };
  const nC = pay.nC ?? crypto.randomBytes(32);
  const { t, y, cur } = ch;
  const aC = macLp(crypto, c.kcm, 'authC', c.customerId, M, t);
  const pi = macLp(crypto, c.kcb, 'pay', c.customerId, M, c.bankId, t, y, u, cur, nC);
  const o = macLp(crypto, c.kcm, 'confirm', t, y, u, cur, nC, pi);
  const hsPay = {
    type: 'HS-Pay',
    v: 1,
    C: c.customerId,
    t,
    y,
    u,
    cur,
    aC: hex(aC),
    nC: hex(nC),
    pi: hex(pi),
    o: hex(o),
  };
  Object.assign(pay, { challenge: ch, payId: y, nC, pi, hsPay });
  const body = message([
    transRef(pay.offer, 2, phMsgId, now),
    el(
      'PayExchBlk',
      [['ID', 'C2.2']],
      [
        el(
          'PaySchemeData',
          [
            ['ID', 'C2.3'],
            ['PaymentRef', 'M1.20'],
            ['ConsumerPaymentId', pay.consumerPaymentId],
            ['PaymentHandlerPayId', y],
          ],
          [packaged('HS-Pay', hsJson(hsPay))],
        ),
      ],
    ),
  ]);
  return { ok: true, body, payId: y };
}

/**
 * Reads P2: Status, HS-Result and HS-Balance; verifies A_B (the bank cleared exactly our π) and T (the
 * merchant side acknowledges it) and, for CompletedOk, the PayReceipt naming HS-Pay and HS-Result.
 */
export function checkPaymentResponse(crypto, pay, p2) {
  const kind = answerKind(p2);
  const status = attrsOf(p2, 'Status') ?? {};
  const base = {
    kind,
    payId: pay.payId,
    processState: status.ProcessState ?? 'Unknown',
    completionCode: status.CompletionCode,
  };
  if (kind !== 'response') return { ...base, ok: false, receiptVerified: false, problem: errorSummary(p2) };
  const result = packagedJson(p2, 'HS-Result');
  const balance = packagedJson(p2, 'HS-Balance');
  const problems = [];
  const c = pay.customer;
  const u = minimalAmount(pay.offer.amount);
  if (!result) problems.push('no HS-Result');
  else {
    if (result.y !== pay.payId || result.u !== u || result.cur !== pay.offer.currency)
      problems.push('y/u/cur');
    if (result.AB && result.T) {
      const ab = macLp(crypto, c.kcb, 'ack', pay.pi, result.status);
      const t = macLp(crypto, c.kcm, 'receipt', pay.payId, u, pay.offer.currency, pay.nC, ab);
      if (!equalBytes(ab, fromHex(result.AB))) problems.push('AB');
      if (!equalBytes(t, fromHex(result.T))) problems.push('T');
    } else if (status.ProcessState === 'CompletedOk') problems.push('no AB/T');
  }
  if (status.ProcessState === 'CompletedOk') {
    const receipt = attrsOf(p2, 'PayReceipt');
    if (!receipt || receipt.PayReceiptNameRefs !== 'HS-Pay HS-Result') problems.push('PayReceipt');
  }
  if (pay.offer.signedPayReceipt && !/<IotpSignatures\b/.test(p2)) problems.push('no receipt signature');
  return {
    ...base,
    ok: problems.length === 0,
    receiptVerified: problems.length === 0,
    hsStatus: result?.status,
    balance: balance?.balance,
    problem: problems.length ? `receipt: ${problems.join(', ')}` : undefined,
  };
}

/** Expected outcome of a demo customer (profile §3.3.9): carol is always declined. */
export const expectedOutcome = (customerId) => (customerId === 'carol' ? 'InsuffFunds' : 'CompletedOk');

/** True when the payment ended as expected for its customer. */
export function endedAsExpected(result, customerId) {
  if (!result.ok) return false;
  return expectedOutcome(customerId) === 'CompletedOk'
    ? result.processState === 'CompletedOk'
    : result.processState === 'Failed' && result.completionCode === expectedOutcome(customerId);
}

// ---------------------------------------------------------------- profiles shared by k6 and the Node runner

/** Load profiles: the k6 scripts and `npm run load` read the same numbers. */
// smoke checks function (any error fails; its p99 bound is loose: 20 payments include a cold start);
// load and soak hold a rate below the breakpoint measured here; staircase climbs until p99 passes 50 ms.
export const PROFILES = {
  smoke: { kind: 'iterations', payments: 20, concurrency: 1, maxSeconds: 60, p99Ms: 1000 },
  load: { kind: 'constant-arrival-rate', rate: 20, seconds: 60, maxInFlight: 100, p99Ms: 50 },
  // warmupSeconds: held at the first step's rate before the steps, not reported (JIT and connection pools
  // warm up; without it the first step's p99 measures the warm-up, not the rate).
  staircase: {
    kind: 'steps',
    start: 10,
    step: 10,
    steps: 15,
    stepSeconds: 10,
    warmupSeconds: 5,
    maxInFlight: 400,
    p99Ms: 50,
  },
  soak: { kind: 'constant-arrival-rate', rate: 10, seconds: 1800, maxInFlight: 100, p99Ms: 50 },
};

/** Thresholds: the run fails on any error or when p99 of a complete payment passes p99Ms. */
export const THRESHOLDS = { maxErrorRate: 0, p99Ms: 50 };
