// The message-building logic of one SET-like card payment (RFC 3538 over IOTP; schemes.md §6.9–§6.11,
// profile §3.4), shared by the k6 scripts and the Node load runner. NO Node or k6 imports: all crypto is
// injected and the caller does the HTTP, as in ./iotp-hash-secret.js (whose offer and XML helpers this
// module reuses; that file imports nothing either).
//
//   crypto = { sha256, hmacSha256, randomBytes                       (as iotp-hash-secret.js; sync)
//              sha1(data): Uint8Array                                 (SET OD, schemes.md §6.3; sync)
//              ecGenerate(usage: 'sign'|'derive') → { privateKey, publicJwk }     P-256, fresh
//              ecImportSigningKey(jwk with d) → privateKey                         P-256, for ECDSA
//              ecdsaSign(privateKey, data) → Uint8Array(64)     ECDSA P-256/SHA-256, IEEE P1363 r‖s
//              ecdsaVerify(publicJwk, data, sig) → boolean
//              ecdh(privateKey, publicJwk) → Uint8Array(32)     ECDH P-256 shared secret Z
//              aesGcmEncrypt(key32, iv12, plaintext, aad) → ciphertext ‖ 16-byte tag }
//   The EC and AES functions may return Promises (WebCrypto in k6) or values (node:crypto); every
//   function here that uses them is async.
//
// A payment, the caller POSTing in between:
//   const w = await registerCard(crypto, { pan, expiry })    once per wallet (cardholder credential)
//   const p = startSetPayment(crypto, w, opts)               → p.c1 (Payment Request with PInitReq)
//   const c2 = await answerPInitRes(crypto, p, p1Text)       → { ok, body } (Payment Exchange with PReq)
//   const r = await checkSetPaymentResponse(crypto, p, p2)   → { ok, processState, authCode, xid, … }
// DEV ONLY: the simulated CA's private key is the published deterministic key of the simulation
// (libs/bridges/set-like/src/crypto/dev-keys.ts); the demo cards are the acquirer simulator's seed.
import {
  DEMO_MERCHANT,
  answerKind,
  attrsOf,
  base64,
  concat,
  decodeRefs,
  el,
  errorSummary,
  fromBase64,
  hex,
  message,
  newIotpTransId,
  paymentRequestMessage,
  signedOffer,
  transRef,
  utf8,
} from './iotp-hash-secret.js';

export const SETLIKE = 'SETLIKE/1';
export const SET_PROTOCOL_ID = 'SETv1.0';
const SET_PROTOCOL_NAME = 'Secure Electronic Transaction Version 1.0 (SET-like simulation)';
const logo = (name) => `https://demo-merchant.example/logos/${name}.png`;

/** The card brands the demo merchant offers with SETv1.0 (as the wallet's offer-brands.ts). */
export const SET_BRANDS = {
  VISA: {
    brandId: 'VISA',
    brandName: 'Visa (SET-like simulation)',
    brandLogoNetLocn: logo('VISA'),
    protocolBrandId: 'VISA',
    protocolId: SET_PROTOCOL_ID,
    protocolName: SET_PROTOCOL_NAME,
  },
  MasterCard: {
    brandId: 'MasterCard',
    brandName: 'MasterCard (SET-like simulation)',
    brandLogoNetLocn: logo('MasterCard'),
    protocolBrandId: 'MasterCard',
    protocolId: SET_PROTOCOL_ID,
    protocolName: SET_PROTOCOL_NAME,
  },
};

/**
 * The acquirer simulator's seeded test cards a load may use (schemes.md §6.11; apps/acquirer-simulator
 * README) and how each payment must end. The slow, silent and system-error cards are left out: they
 * test time-outs, not throughput. `approved` cards hold 10 000.00 EUR each.
 */
export const DEMO_CARDS = {
  4111111111111111: { cardId: 'visa-approved', expiry: '2030-12', expect: { processState: 'CompletedOk' } },
  5555555555554444: { cardId: 'mc-approved', expiry: '2030-12', expect: { processState: 'CompletedOk' } },
  4000000000000002: {
    cardId: 'visa-declined',
    expiry: '2030-12',
    expect: { processState: 'Failed', completionCode: 'PaymentDecl', statusDesc: 'declined' },
  },
  4000000000009995: {
    cardId: 'visa-insufficient',
    expiry: '2030-12',
    expect: { processState: 'Failed', completionCode: 'PaymentDecl', statusDesc: 'declined' },
  },
  4000000000000069: {
    cardId: 'visa-expired',
    expiry: '2020-01',
    expect: { processState: 'Failed', completionCode: 'PaymentDecl', statusDesc: 'expiredCard' },
  },
};
/** Default cards of a load: both brands, both approved. */
export const DEFAULT_CARDS = ['4111111111111111', '5555555555554444'];

/** The simulated CA's public key (devKeyPair('ca') of the bridge; the unit test compares them). */
export const DEV_CA_PUBLIC = {
  kty: 'EC',
  crv: 'P-256',
  x: 'B2s33DdluGhVTL6BISckvuknpqrto-_Sw67Hg99LDt8',
  y: 'gsfxqH2H0irIbtpoad9l-2PQJS9STo-hUWlZ5SYLQvk',
};
const DEV_KEY_LABEL = 'SET-like simulation DEV ONLY key: ';
const CA_KID = 'SETLIKE-DEV-CA';
const CRED_VALID = { NotBefore: '2020-01-01T00:00:00Z', NotAfter: '2099-12-31T23:59:59Z' };

// ---------------------------------------------------------------- bytes, JSON, JCS

export const b64u = (bytes) => base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function fromB64u(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const s = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(s + '='.repeat((4 - (s.length % 4)) % 4));
}

/** UTF-8 bytes → string (no TextDecoder in k6); throws on ill-formed input. */
export function fromUtf8(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (n < 0 || i + n >= bytes.length) throw new Error('not UTF-8');
    let c = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cont = bytes[i + k];
      if ((cont & 0xc0) !== 0x80) throw new Error('not UTF-8');
      c = (c << 6) | (cont & 0x3f);
    }
    s += String.fromCodePoint(c);
    i += n + 1;
  }
  return s;
}

/** RFC 8785 (JCS) for the values SET-like messages carry (objects, arrays, strings, booleans, safe integers). */
export function jcs(value) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('JCS: only safe integers');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`;
}

/** H(x) = base64url(SHA-256(JCS(x))). */
export const digest = (crypto, value) => b64u(crypto.sha256(utf8(jcs(value))));

/** Thumbprint of a credential: base64url(SHA-256(JCS(credential))). */
export const thumbprint = (crypto, cred) => digest(crypto, cred);

/** The dual signature input: SHA-256(H(PIData) ‖ H(OIData)), both digests as raw bytes. */
export const dsInput = (crypto, piDigest, oiDigest) =>
  crypto.sha256(concat([fromB64u(piDigest), fromB64u(oiDigest)]));

/** `Sig` = { alg: ES256, kid, value } over JCS(object without Sig). */
export async function signObject(crypto, obj, privateKey, kid) {
  const rest = { ...obj };
  delete rest.Sig;
  const value = b64u(await crypto.ecdsaSign(privateKey, utf8(jcs(rest))));
  return { ...rest, Sig: { alg: 'ES256', kid, value } };
}

export async function verifyObject(crypto, obj, publicJwk) {
  const sig = obj && obj.Sig;
  if (!sig || sig.alg !== 'ES256' || typeof sig.value !== 'string') return false;
  const rest = { ...obj };
  delete rest.Sig;
  try {
    return (await crypto.ecdsaVerify(publicJwk, utf8(jcs(rest)), fromB64u(sig.value))) === true;
  } catch {
    return false;
  }
}

const isoSeconds = (d) => `${d.toISOString().slice(0, 19)}Z`;

function utf16be(s) {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) >> 8;
    out[2 * i + 1] = s.charCodeAt(i) & 255;
  }
  return out;
}

/**
 * SET OD (schemes.md §6.3): SHA-1 over the UTF-16BE text, BASE64. Our offers carry no Order component,
 * so, like the wallet, we digest a text naming the transaction, the Payment and the amount.
 */
export const setOrderDescription = (crypto, text) => base64(crypto.sha1(utf16be(text)));

const ISO4217_NUMERIC = {
  EUR: '978',
  USD: '840',
  GBP: '826',
  CHF: '756',
  JPY: '392',
  SEK: '752',
  DKK: '208',
};

/** IOTP `12.50 EUR` → SET PurchAmt `{ currency: '978', amount: '1250', amtExp10: '-2' }`. */
export function purchAmt(amount, currency) {
  const numeric = ISO4217_NUMERIC[currency];
  if (!numeric || !/^[0-9]+(\.[0-9]+)?$/.test(amount))
    throw new Error(`no SET PurchAmt for ${amount} ${currency}`);
  const [int, frac = ''] = amount.split('.');
  return {
    currency: numeric,
    amount: `${int}${frac}`.replace(/^0+(?=\d)/, ''),
    amtExp10: String(-frac.length),
  };
}

/** Minor units (cents) of a PurchAmt with exponent 0…-2, as a Number; undefined otherwise. */
export function purchAmtCents(p) {
  const e = Number(p && p.amtExp10);
  if (!(e <= 0 && e >= -2) || !/^\d+$/.test((p && p.amount) || '')) return undefined;
  return Number(p.amount) * 10 ** (2 + e);
}

/** VISA for 4…, MasterCard for 51–55 / 2221–2720. */
export function brandOfPan(pan) {
  if (/^4\d{11,18}$/.test(pan)) return 'VISA';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'MasterCard';
  return undefined;
}

export const maskedPan = (pan) => `${pan.slice(0, 6)}…${pan.slice(-4)}`;

// ---------------------------------------------------------------- the wallet: card and credentials

/** The DEV ONLY private key of the simulated CA (d = SHA-256 of its label, as dev-keys.ts). */
export function devCaPrivateJwk(crypto) {
  return { ...DEV_CA_PUBLIC, d: b64u(crypto.sha256(utf8(`${DEV_KEY_LABEL}ca`))) };
}

/**
 * Simulated SET cardholder registration (schemes.md §6.9): a fresh P-256 key pair and PANSecret, and a
 * credential signed by the DEV ONLY CA with AcctHash = SHA-256(PAN ‖ CardExpiry ‖ PANSecret). Returns
 * the wallet, which also keeps the merchant and gateway credentials it has verified (so its PInitReq
 * can name them in `Thumbs` and the PH leaves them out of PInitRes).
 * `card`: { pan, expiry?: 'YYYY-MM' (default: the demo card's, else 2030-12) }.
 */
export async function registerCard(crypto, card, opts = {}) {
  const pan = card.pan;
  const expiry = card.expiry ?? DEMO_CARDS[pan]?.expiry ?? '2030-12';
  const brand = brandOfPan(pan);
  if (!brand) throw new Error(`card ${maskedPan(pan)}: unknown brand`);
  if (!/^\d{4}-\d{2}$/.test(expiry)) throw new Error('card expiry must be YYYY-MM');
  const key = await crypto.ecGenerate('sign');
  const panSecret = b64u(crypto.randomBytes(16));
  const ca = await crypto.ecImportSigningKey(devCaPrivateJwk(crypto));
  const credential = await signObject(
    crypto,
    {
      CredType: 'cardholder',
      CredID: `ch-${b64u(crypto.randomBytes(9))}`,
      Subject: 'cardholder',
      BrandID: opts.credentialBrand ?? brand,
      PubKey: key.publicJwk,
      ...CRED_VALID,
      AcctHash: b64u(crypto.sha256(utf8(`${pan}${expiry}${panSecret}`))),
    },
    ca,
    CA_KID,
  );
  return { card: { pan, expiry }, brand, panSecret, privateKey: key.privateKey, credential, creds: {} };
}

/** A credential of the CA, valid now, of the expected type; else a problem text. */
async function checkCredential(crypto, cred, now) {
  if (!cred || typeof cred !== 'object') return 'credential is not an object';
  const pk = cred.PubKey;
  if (!pk || pk.kty !== 'EC' || pk.crv !== 'P-256') return 'credential key is not P-256';
  if (!(await verifyObject(crypto, cred, DEV_CA_PUBLIC))) return 'a credential is not signed by the CA';
  const t = now.getTime();
  if (!(Date.parse(cred.NotBefore) <= t && t <= Date.parse(cred.NotAfter)))
    return 'a credential is not valid now';
  return undefined;
}

// ---------------------------------------------------------------- C1: Payment Request with PInitReq

/** @param {string} text @param {string} [name] */
function setPackaged(text, name) {
  /** @type {[string, string][]} */
  const attrs = name ? [['Name', name]] : [];
  attrs.push(['Content', 'PCDATA'], ['Transform', 'BASE64']);
  return el('PackagedContent', attrs, [text]);
}
export const encodeSet = (obj) => base64(utf8(JSON.stringify(obj)));

/**
 * Starts a payment: the demo merchant's signed offer of the card's brand with SETv1.0 and the
 * Consumer's Payment Request (C1) with a PInitReq. `opts`: phUrl, amount ('1.00'), currency ('EUR'),
 * now, brand (default the card's; another brand makes the PH refuse the PReq), signedPayReceipt.
 */
export function startSetPayment(crypto, wallet, opts) {
  const now = opts.now ?? new Date();
  const brand = SET_BRANDS[opts.brand ?? wallet.brand];
  if (!brand) throw new Error(`no SET brand ${opts.brand}`);
  const amount = opts.amount ?? '1.00';
  const currency = opts.currency ?? 'EUR';
  const offer = signedOffer(crypto, {
    phUrl: opts.phUrl,
    customerId: 'cardholder',
    amount,
    currency,
    now,
    signedPayReceipt: opts.signedPayReceipt,
    iotpTransId: opts.iotpTransId ?? newIotpTransId(now, hex(crypto.randomBytes(8)), DEMO_MERCHANT.orgId),
    orderId: opts.orderId ?? `ORD-${hex(crypto.randomBytes(4))}`,
    brand,
  });
  const consumerPaymentId = opts.consumerPaymentId ?? `CP${hex(crypto.randomBytes(6))}`;
  const init = {
    ver: SETLIKE,
    msg: 'PInitReq',
    Date: isoSeconds(now),
    RRPID: b64u(crypto.randomBytes(16)),
    Language: 'en',
    'LID-C': consumerPaymentId,
    'Chall-C': b64u(crypto.randomBytes(16)),
    BrandID: brand.protocolBrandId,
    Thumbs: Object.keys(wallet.creds),
  };
  const pinitReq = encodeSet(init);
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
      [setPackaged(pinitReq)],
    ),
  );
  return { wallet, offer, consumerPaymentId, init, pinitReq, c1, startedAt: now };
}

// ---------------------------------------------------------------- reading the PH's answers

/** The packaged contents (attributes and text) of an IOTP message, in document order. */
export function packagedContents(xml) {
  /** @type {({ value: string } & Record<string, string>)[]} */
  const out = [];
  const re = /<PackagedContent\b((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*>([^<]*)<\/PackagedContent>/g;
  let m;
  while ((m = re.exec(xml)) !== null) {
    /** @type {Record<string, string>} */
    const attrs = {};
    const ra = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
    let a;
    while ((a = ra.exec(m[1])) !== null) attrs[a[1]] = decodeRefs(a[2]);
    out.push({ ...attrs, value: decodeRefs(m[2]) });
  }
  return out;
}

/** Decodes a SET-like payload (BASE64 of UTF-8 JSON) and checks `ver` and `msg`. */
export function decodeSet(text, msg) {
  const value = JSON.parse(fromUtf8(fromBase64(text)));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${msg}: not an object`);
  if (value.ver !== SETLIKE) throw new Error(`${msg}: ver is not ${SETLIKE}`);
  if (value.msg !== msg) throw new Error(`expected ${msg}, got ${String(value.msg)}`);
  return value;
}

const u32 = (n) => Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);

/**
 * EncPI (schemes.md §6.9): JWE compact, alg ECDH-ES (Concat KDF, RFC 7518 §4.6.2, AlgorithmID
 * "A256GCM", no PartyU/PartyV), enc A256GCM, for the gateway key-exchange credential `kid`, with the
 * XID in the protected header.
 */
export async function encryptPI(crypto, recipientJwk, kid, xid, plaintext) {
  const eph = await crypto.ecGenerate('derive');
  const header = { alg: 'ECDH-ES', enc: 'A256GCM', kid, xid, epk: eph.publicJwk };
  const z = await crypto.ecdh(eph.privateKey, recipientJwk);
  const algId = utf8('A256GCM');
  const otherInfo = concat([u32(algId.length), algId, u32(0), u32(0), u32(256)]);
  const cek = crypto.sha256(concat([u32(1), z, otherInfo]));
  const h = b64u(utf8(JSON.stringify(header)));
  const iv = crypto.randomBytes(12);
  const sealed = await crypto.aesGcmEncrypt(cek, iv, plaintext, utf8(h));
  const ct = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  return `${h}..${b64u(iv)}.${b64u(ct)}.${b64u(tag)}`;
}

/**
 * Checks the PInitRes in P1 (our RRPID and Chall-C echoed, credentials signed by the CA, the PH's
 * signature, TransIDs naming our LID-C) and builds C2: the Payment Exchange with the PReq — OIData for
 * the PH, PIData (card data) encrypted for the gateway, bound by the cardholder's dual signature.
 * Returns { ok: false, problem } when P1 is not the PInitRes we expect (no card data is sent then).
 */
export async function answerPInitRes(crypto, pay, p1, now = new Date()) {
  const fail = (problem) => ({ ok: false, problem });
  if (answerKind(p1) !== 'exchange') return fail(`no PInitRes: ${errorSummary(p1)}`);
  const psd = attrsOf(p1, 'PaySchemeData') ?? {};
  const phMsgId = (attrsOf(p1, 'MsgId') ?? {}).ID;
  const pc = packagedContents(p1.slice(p1.indexOf('<PayExchBlk')))[0];
  if (!pc || pc.Content !== 'PCDATA' || pc.Transform !== 'BASE64')
    return fail('PInitRes must be PCDATA/BASE64');
  if (psd.PaymentRef !== 'M1.20' || psd.ConsumerPaymentId !== pay.consumerPaymentId || !phMsgId)
    return fail('PaySchemeData not ours');
  let m;
  try {
    m = decodeSet(pc.value, 'PInitRes');
  } catch (e) {
    return fail(String(e instanceof Error ? e.message : e));
  }
  if (m.RRPID !== pay.init.RRPID || m['Chall-C'] !== pay.init['Chall-C'])
    return fail('PInitRes RRPID/Chall-C not ours');
  const w = pay.wallet;
  for (const cred of Array.isArray(m.Creds) ? m.Creds : []) {
    const problem = await checkCredential(crypto, cred, now);
    if (problem) return fail(problem);
    w.creds[thumbprint(crypto, cred)] = cred;
  }
  const merchant = w.creds[m.Sig && m.Sig.kid];
  const kex = w.creds[m.PEThumb];
  if (!merchant || merchant.CredType !== 'merchant')
    return fail('PInitRes not signed with a merchant credential');
  if (!kex || kex.CredType !== 'gatewayKex') return fail('PEThumb does not name a gateway credential');
  if (!(await verifyObject(crypto, m, merchant.PubKey))) return fail('PInitRes signature does not verify');
  const transIds = m.TransIDs;
  if (!transIds || typeof transIds.XID !== 'string' || transIds['LID-C'] !== pay.consumerPaymentId)
    return fail('TransIDs not ours');

  const o = pay.offer;
  const amt = purchAmt(o.amount, o.currency);
  const od = setOrderDescription(crypto, `${o.iotpTransId} M1.20 ${o.currency} ${o.amount}`);
  const odSalt = b64u(crypto.randomBytes(16));
  const rrpid = b64u(crypto.randomBytes(16));
  const OIData = {
    TransIDs: transIds,
    RRPID: rrpid,
    'Chall-C': pay.init['Chall-C'],
    'Chall-M': m['Chall-M'],
    HOD: digest(crypto, { OD: od, PurchAmt: amt, ODSalt: odSalt }),
    ODSalt: odSalt,
    OD: od,
    PurchAmt: amt,
    BrandID: pay.init.BrandID,
  };
  const PIData = {
    PIHead: {
      TransIDs: transIds,
      Inputs: { HOD: OIData.HOD, PurchAmt: amt },
      MerchantID: o.merchantOrgId.toLowerCase(),
    },
    PANData: {
      PAN: w.card.pan,
      CardExpiry: w.card.expiry,
      PANSecret: w.panSecret,
      EXNonce: b64u(crypto.randomBytes(16)),
    },
  };
  const piDigest = digest(crypto, PIData);
  const oiDigest = digest(crypto, OIData);
  const ds = b64u(await crypto.ecdsaSign(w.privateKey, dsInput(crypto, piDigest, oiDigest)));
  const encPI = await encryptPI(crypto, kex.PubKey, m.PEThumb, transIds.XID, utf8(JSON.stringify(PIData)));
  const preq = encodeSet({
    ver: SETLIKE,
    msg: 'PReq',
    Date: isoSeconds(now),
    RRPID: rrpid,
    OIData,
    PIDigest: piDigest,
    DS: ds,
    EncPI: encPI,
    CardholderCred: w.credential,
  });
  const payId = psd.PaymentHandlerPayId;
  Object.assign(pay, {
    payId,
    xid: transIds.XID,
    transIds,
    challM: m['Chall-M'],
    merchantKey: merchant.PubKey,
    preqRrpid: rrpid,
    purchAmt: amt,
    preq,
  });
  const body = message([
    transRef(o, 2, phMsgId, now),
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
            ['PaymentHandlerPayId', payId ?? ''],
          ],
          [setPackaged(preq)],
        ),
      ],
    ),
  ]);
  return { ok: true, body, payId, xid: transIds.XID };
}

/**
 * Reads P2: Status, PayReceipt and the PRes (Name="PRes", PCDATA/BASE64); verifies the PRes (the PH's
 * signature with its merchant credential, Chall-C, XID, the RRPID of our PReq, the authorised amount)
 * and, when paid, that PayReceiptNameRefs names PRes and the receipt is signed if the offer asked.
 */
export async function checkSetPaymentResponse(crypto, pay, p2) {
  const kind = answerKind(p2);
  const status = attrsOf(p2, 'Status') ?? {};
  const base = {
    kind,
    payId: pay.payId,
    xid: pay.xid,
    processState: status.ProcessState ?? 'Unknown',
    completionCode: status.CompletionCode,
    statusDesc: status.StatusDesc,
  };
  if (kind !== 'response') return { ...base, ok: false, receiptVerified: false, problem: errorSummary(p2) };
  const problems = [];
  const pc = packagedContents(p2).find((p) => p.Name === 'PRes');
  let pres;
  if (!pc) problems.push('no PRes');
  else if (pc.Content !== 'PCDATA' || pc.Transform !== 'BASE64') problems.push('PRes must be PCDATA/BASE64');
  else {
    try {
      pres = decodeSet(pc.value, 'PRes');
    } catch (e) {
      problems.push(String(e instanceof Error ? e.message : e));
    }
  }
  const payload = (pres && pres.PResPayload) || {};
  const auth = (payload.Results && payload.Results.AuthStatus) || {};
  const cap = (payload.Results && payload.Results.CapStatus) || undefined;
  if (pres) {
    if (!(await verifyObject(crypto, pres, pay.merchantKey))) problems.push('PRes signature');
    if (pres['Chall-C'] !== pay.init['Chall-C']) problems.push('Chall-C');
    if (!pres.TransIDs || pres.TransIDs.XID !== pay.xid) problems.push('XID');
    if (pres.RRPID !== pay.preqRrpid) problems.push('RRPID');
    if (auth.AuthCode === 'approved' && jcs(auth.AuthAmt) !== jcs(pay.purchAmt)) problems.push('AuthAmt');
    if (cap && cap.CapCode === 'success' && jcs(cap.CapAmt) !== jcs(pay.purchAmt)) problems.push('CapAmt');
  }
  const paid = status.ProcessState === 'CompletedOk';
  if (paid) {
    const receipt = attrsOf(p2, 'PayReceipt');
    if (!receipt || !(receipt.PayReceiptNameRefs ?? '').split(/\s+/).includes('PRes'))
      problems.push('PayReceipt');
    if (auth.AuthCode !== 'approved') problems.push('paid without approval');
  }
  if (pay.offer.signedPayReceipt && !/<IotpSignatures\b/.test(p2)) problems.push('no receipt signature');
  const capturedCents = cap && cap.CapCode === 'success' ? purchAmtCents(cap.CapAmt) : 0;
  return {
    ...base,
    ok: problems.length === 0,
    receiptVerified: problems.length === 0,
    presCompletionCode: payload.CompletionCode,
    authCode: auth.AuthCode,
    capCode: cap && cap.CapCode,
    respReason: auth.RespReason,
    capturedCents,
    problem: problems.length ? `receipt: ${problems.join(', ')}` : undefined,
  };
}

/** How a payment with this card must end (CompletedOk for an unknown card). */
export const expectedCardOutcome = (pan) =>
  DEMO_CARDS[pan] ? DEMO_CARDS[pan].expect : { processState: 'CompletedOk' };

/** True when the payment ended as expected for its card (receipt verified either way). */
export function cardEndedAsExpected(result, pan) {
  if (!result.ok) return false;
  const e = expectedCardOutcome(pan);
  return (
    result.processState === e.processState &&
    (e.completionCode === undefined || result.completionCode === e.completionCode) &&
    (e.statusDesc === undefined || result.statusDesc === e.statusDesc)
  );
}

/** `CARDS` text ('4111111111111111,5555555555554444') → PANs; refuses what is not a demo card's form. */
export function parseCards(text) {
  const pans = (text || DEFAULT_CARDS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of pans)
    if (!/^\d{12,19}$/.test(p) || !brandOfPan(p)) throw new Error(`not a card number: ${maskedPan(p)}`);
  return pans;
}
