import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import {
  acctHash,
  b64u,
  DEV_CA_PUBLIC,
  devGatewayKexKey,
  devGatewaySigKey,
  digestOf,
  dualSignatureInput,
  jweDecrypt,
  readPurchAmt,
  samePurchAmt,
  signObject,
  verifyBytes,
  verifyCredential,
  verifyObject,
  type AuthCode,
  type AuthRes,
  type AuthRevRes,
  type CapCode,
  type CapRes,
  type Credential,
  type KeyWithCredential,
  type PublicJwk,
  type PurchAmt,
  type XidStatus,
} from '@ph/bridges/set-like';
import { IssuerHsmUnavailable, readChipData, type ChipData, type IssuerHsm } from './chip';
import { acquirerSchema, maskPan, panHash } from './schema';

/** A request the gateway cannot read or verify: HTTP 4xx (schemes.md §6.11). */
export class RequestRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the HTTP layer does besides answering: per-card injected behaviour. */
export type Delivery =
  | { readonly kind: 'answer'; readonly body: object; readonly delayMs: number }
  | { readonly kind: 'http503'; readonly detail?: string }
  | { readonly kind: 'noAnswer' };

export interface AcquirerServiceOptions {
  readonly schema?: string;
  readonly panHashKey: Buffer;
  readonly clock?: () => Date;
  /** ACQ_AUTH_VALIDITY in ms (default 7 days). */
  readonly authValidityMs?: number;
  readonly ca?: PublicJwk;
  readonly sigKey?: KeyWithCredential;
  readonly kexKey?: KeyWithCredential;
  /** The HSM that checks chip cards' ARQCs (KQ). Without it a chip card is answered 503, never approved. */
  readonly issuerHsm?: IssuerHsm;
}

interface CardRow {
  card_id: string;
  pan_masked: string;
  brand: string;
  expiry: string;
  status: string;
  currency: string;
  available_minor: string;
  single_limit_minor: string | null;
  rule_auth_code: string | null;
  delay_ms: number;
  no_answer: boolean;
  http503: boolean;
  chip_cvn: 'visa-cvn10' | 'mchip' | null;
  chip_psn: string | null;
  chip_last_atc: number;
}

type Body = Readonly<Record<string, unknown>>;
const VER = 'SETLIKE/1';
const AUTH_CODES: readonly string[] = [
  'approved',
  'declined',
  'expiredCard',
  'amountError',
  'callIssuer',
  'systemError',
  'piPreviouslyUsed',
  'piAuthMismatch',
  'cardMerchBrandMismatch',
  'unspecifiedFailure',
];

/**
 * The acquirer's payment gateway (schemes.md §6.11): verifies the merchant's signed requests, decrypts
 * the payment instructions, decides by the card rules, keeps holds and captures in PostgreSQL.
 * Idempotent by (MerchantID, RRPID); at most one authorisation per XID; at most one capture per XID.
 * The PAN exists only in memory while a request is handled: stored as a keyed hash and first6…last4.
 */
export class AcquirerService {
  readonly schema: string;
  private readonly clock: () => Date;
  private readonly validityMs: number;
  private readonly ca: PublicJwk;
  private readonly sigKey: KeyWithCredential;
  private readonly kexKey: KeyWithCredential;

  constructor(
    private readonly pool: Pool,
    private readonly options: AcquirerServiceOptions,
  ) {
    this.schema = acquirerSchema(options.schema);
    this.clock = options.clock ?? (() => new Date());
    this.validityMs = options.authValidityMs ?? 7 * 24 * 3600_000;
    this.ca = options.ca ?? DEV_CA_PUBLIC;
    this.sigKey = options.sigKey ?? devGatewaySigKey();
    this.kexKey = options.kexKey ?? devGatewayKexKey();
  }

  /** The gateway's public credentials (what the PH puts into PInitRes). */
  credentials(): { gatewaySig: Credential; gatewayKex: Credential } {
    return { gatewaySig: this.sigKey.credential, gatewayKex: this.kexKey.credential };
  }

  async authorize(body: Body): Promise<Delivery> {
    const merchant = this.verifyMerchantRequest(body, 'AuthReq');
    const rrpid = text(body, 'RRPID');
    const transIds = body.TransIDs as Body | undefined;
    const xid = transIds && typeof transIds.XID === 'string' ? transIds.XID : undefined;
    const amount = readPurchAmt(body.AuthReqAmt);
    if (!xid || !amount || typeof body.CaptureNow !== 'boolean')
      throw new RequestRejected(400, 'AuthReq ill-formed');
    const requestHash = requestHashOf(body);

    // A resent request is answered from the store, promptly (the late answer is never applied twice).
    const stored = await this.stored(merchant, rrpid, requestHash);
    if (stored) return { kind: 'answer', body: stored, delayMs: 0 };

    const pi = this.openPaymentInstructions(body, xid, merchant, amount);
    const card = pi.ok ? await this.cardByPan(pi.pan) : undefined;
    if (card?.http503) return { kind: 'http503' };
    if (card?.no_answer) return { kind: 'noAnswer' };

    let answer: object;
    try {
      answer = await this.authorizeOnce(body, merchant, rrpid, xid, amount, requestHash, pi, card);
    } catch (error) {
      // Nothing was stored: the PH may resend, and the ARQC is never taken as checked.
      if (error instanceof IssuerHsmUnavailable)
        return { kind: 'http503', detail: 'the issuer cannot check the chip cryptogram now' };
      throw error;
    }
    return { kind: 'answer', body: answer, delayMs: card?.delay_ms ?? 0 };
  }

  private authorizeOnce(
    body: Body,
    merchant: string,
    rrpid: string,
    xid: string,
    amount: PurchAmt,
    requestHash: string,
    pi: OpenedPi,
    card: CardRow | undefined,
  ): Promise<object> {
    return this.inTransaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xid:${xid}`]);
      const again = await this.stored(merchant, rrpid, requestHash, db);
      if (again) return again;
      const previous = await db.query(`SELECT 1 FROM ${this.schema}.authorizations WHERE xid = $1`, [xid]);
      let decision: Decision;
      if (previous.rowCount) decision = decline('piPreviouslyUsed', 'an authorisation exists for this XID');
      else if (!pi.ok) decision = decline('piAuthMismatch', pi.reason);
      else decision = await this.decide(db, pi, card, amount);
      const now = this.clock();
      const captured = decision.code === 'approved' && body.CaptureNow === true;
      const capToken = decision.code === 'approved' ? b64u(randomBytes(16)) : undefined;
      const batchId = captured ? batchOf(now) : undefined;
      if (decision.code !== 'piPreviouslyUsed') {
        await db.query(
          `INSERT INTO ${this.schema}.authorizations
             (xid, merchant_id, rrpid, card_id, pan_masked, amount_minor, auth_code, cap_token, captured, batch_id, authorized_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            xid,
            merchant,
            rrpid,
            card?.card_id ?? null,
            pi.ok ? maskPan(pi.pan) : null,
            decision.minor ?? '0',
            decision.code,
            capToken ?? null,
            captured,
            batchId ?? null,
            now,
          ],
        );
      }
      const approvedAmt = decision.code === 'approved';
      const res: AuthRes = {
        ver: VER,
        msg: 'AuthRes',
        Date: isoSeconds(now),
        RRPID: rrpid,
        XID: xid,
        AuthCode: decision.code,
        AuthAmt: approvedAmt ? amount : { ...amount, amount: '0' },
        AuthRatio: approvedAmt ? '1' : '0',
        AuthDate: isoSeconds(now),
        RespReason: decision.reason,
        ...(decision.issuerAuthData ? { IssuerAuthData: decision.issuerAuthData } : {}),
        ...(captured
          ? {
              CapStatus: {
                CapCode: 'success' as const,
                CapAmt: amount,
                CapRatio: '1',
                BatchID: batchId ?? '',
              },
            }
          : capToken
            ? { CapToken: capToken }
            : {}),
      };
      const signed = signObject(res, this.sigKey.privateKey, this.sigKey.kid);
      await this.store(db, merchant, rrpid, 'AuthReq', requestHash, signed, now);
      return signed;
    });
  }

  async capture(body: Body): Promise<object> {
    const merchant = this.verifyMerchantRequest(body, 'CapReq');
    const rrpid = text(body, 'RRPID');
    const xid = text(body, 'XID');
    const amount = readPurchAmt(body.CapReqAmt);
    if (!amount || typeof body.CapToken !== 'string') throw new RequestRejected(400, 'CapReq ill-formed');
    const requestHash = requestHashOf(body);
    const stored = await this.stored(merchant, rrpid, requestHash);
    if (stored) return stored;
    return this.inTransaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xid:${xid}`]);
      const again = await this.stored(merchant, rrpid, requestHash, db);
      if (again) return again;
      const now = this.clock();
      const { rows } = await db.query(
        `SELECT * FROM ${this.schema}.authorizations WHERE xid = $1 AND merchant_id = $2`,
        [xid, merchant],
      );
      const auth = rows[0] as
        | {
            auth_code: string;
            cap_token: string | null;
            captured: boolean;
            reversed: boolean;
            amount_minor: string;
            authorized_at: Date;
          }
        | undefined;
      let code: CapCode;
      const minor = toMinor(amount);
      if (!auth || auth.auth_code !== 'approved' || auth.reversed) code = 'unknownXID';
      else if (auth.captured) code = 'duplicateRequest';
      else if (auth.cap_token !== body.CapToken) code = 'invalidCapToken';
      else if (now.getTime() - auth.authorized_at.getTime() > this.validityMs) code = 'authExpired';
      else if (minor === undefined || BigInt(minor) > BigInt(auth.amount_minor)) code = 'unspecifiedFailure';
      else code = 'success';
      const batchId = code === 'success' ? batchOf(now) : '';
      if (code === 'success')
        await db.query(
          `UPDATE ${this.schema}.authorizations SET captured = true, batch_id = $2 WHERE xid = $1`,
          [xid, batchId],
        );
      const res: CapRes = signObject(
        {
          ver: VER,
          msg: 'CapRes',
          Date: isoSeconds(now),
          RRPID: rrpid,
          XID: xid,
          CapCode: code,
          CapAmt: code === 'success' ? amount : { ...amount, amount: '0' },
          CapRatio: code === 'success' ? '1' : '0',
          BatchID: batchId,
        } satisfies CapRes,
        this.sigKey.privateKey,
        this.sigKey.kid,
      );
      await this.store(db, merchant, rrpid, 'CapReq', requestHash, res, now);
      return res;
    });
  }

  async reverse(body: Body): Promise<object> {
    const merchant = this.verifyMerchantRequest(body, 'AuthRevReq');
    const rrpid = text(body, 'RRPID');
    const xid = text(body, 'XID');
    const requestHash = requestHashOf(body);
    const stored = await this.stored(merchant, rrpid, requestHash);
    if (stored) return stored;
    return this.inTransaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xid:${xid}`]);
      const again = await this.stored(merchant, rrpid, requestHash, db);
      if (again) return again;
      const now = this.clock();
      const { rows } = await db.query(
        `SELECT * FROM ${this.schema}.authorizations WHERE xid = $1 AND merchant_id = $2 FOR UPDATE`,
        [xid, merchant],
      );
      const auth = rows[0] as
        | {
            auth_code: string;
            captured: boolean;
            reversed: boolean;
            amount_minor: string;
            card_id: string | null;
          }
        | undefined;
      let code: AuthRevRes['RevCode'];
      if (!auth || auth.auth_code !== 'approved') code = 'unknownXID';
      else if (auth.captured) code = 'alreadyCaptured';
      else {
        code = 'success';
        if (!auth.reversed) {
          await db.query(`UPDATE ${this.schema}.authorizations SET reversed = true WHERE xid = $1`, [xid]);
          await db.query(
            `UPDATE ${this.schema}.cards SET available_minor = available_minor + $2 WHERE card_id = $1`,
            [auth.card_id, auth.amount_minor],
          );
        }
      }
      const res = signObject(
        {
          ver: VER,
          msg: 'AuthRevRes',
          Date: isoSeconds(now),
          RRPID: rrpid,
          XID: xid,
          RevCode: code,
        } satisfies AuthRevRes,
        this.sigKey.privateKey,
        this.sigKey.kid,
      );
      await this.store(db, merchant, rrpid, 'AuthRevReq', requestHash, res, now);
      return res;
    });
  }

  async xidStatus(xid: string): Promise<XidStatus> {
    const { rows } = await this.pool.query(
      `SELECT auth_code, captured, reversed FROM ${this.schema}.authorizations WHERE xid = $1`,
      [xid],
    );
    const a = rows[0] as { auth_code: AuthCode; captured: boolean; reversed: boolean } | undefined;
    if (!a) return { XID: xid, state: 'unknown' };
    const state =
      a.auth_code !== 'approved'
        ? 'declined'
        : a.reversed
          ? 'reversed'
          : a.captured
            ? 'captured'
            : 'authorized';
    return { XID: xid, state, AuthCode: a.auth_code };
  }

  /** Admin: cards without any PAN (masked only). */
  async listCards(): Promise<object[]> {
    const { rows } = await this.pool.query(
      `SELECT card_id, pan_masked, brand, expiry, status, currency, available_minor::text, single_limit_minor::text,
              rule_auth_code, delay_ms, no_answer, http503, chip_cvn, chip_last_atc FROM ${this.schema}.cards ORDER BY card_id`,
    );
    return rows as object[];
  }

  /** Admin: PUT /admin/cards/{id}: status, availableMinor, singleLimitMinor, authCode, delayMs, noAnswer, http503. */
  async updateCard(cardId: string, patch: Body): Promise<boolean> {
    const sets: string[] = [];
    const values: unknown[] = [cardId];
    const put = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.status !== undefined) {
      if (!['active', 'blocked', 'lost'].includes(patch.status as string))
        throw new RequestRejected(400, 'status must be active, blocked or lost');
      put('status', patch.status);
    }
    if (patch.availableMinor !== undefined)
      put('available_minor', minorText(patch.availableMinor, 'availableMinor'));
    if (patch.singleLimitMinor !== undefined)
      put(
        'single_limit_minor',
        patch.singleLimitMinor === null ? null : minorText(patch.singleLimitMinor, 'singleLimitMinor'),
      );
    if (patch.authCode !== undefined) {
      if (patch.authCode !== null && !AUTH_CODES.includes(patch.authCode as string))
        throw new RequestRejected(400, 'unknown authCode');
      put('rule_auth_code', patch.authCode);
    }
    if (patch.delayMs !== undefined) {
      if (
        !Number.isInteger(patch.delayMs) ||
        (patch.delayMs as number) < 0 ||
        (patch.delayMs as number) > 600_000
      )
        throw new RequestRejected(400, 'delayMs must be an integer 0…600000');
      put('delay_ms', patch.delayMs);
    }
    for (const [key, column] of [
      ['noAnswer', 'no_answer'],
      ['http503', 'http503'],
    ] as const) {
      if (patch[key] === undefined) continue;
      if (typeof patch[key] !== 'boolean') throw new RequestRejected(400, `${key} must be true or false`);
      put(column, patch[key]);
    }
    if (sets.length === 0) throw new RequestRejected(400, 'nothing to change');
    const r = await this.pool.query(
      `UPDATE ${this.schema}.cards SET ${sets.join(', ')} WHERE card_id = $1`,
      values,
    );
    return (r.rowCount ?? 0) > 0;
  }

  // ---- internals ---------------------------------------------------------------------------------

  /** The merchant's credential (CA-signed) and its signature on the request: else 401/400. */
  private verifyMerchantRequest(body: Body, msg: string): string {
    if (body.ver !== VER || body.msg !== msg) throw new RequestRejected(400, `expected a ${VER} ${msg}`);
    const cred = verifyCredential(body.MerchantCred, this.ca, this.clock());
    if (!cred || cred.CredType !== 'merchant')
      throw new RequestRejected(401, 'merchant credential not valid');
    if (!verifyObject(body, cred.PubKey))
      throw new RequestRejected(401, 'merchant signature does not verify');
    const merchant = text(body, 'MerchantID');
    return merchant;
  }

  private async stored(
    merchant: string,
    rrpid: string,
    hash: string,
    db: Pool | PoolClient = this.pool,
  ): Promise<object | undefined> {
    const { rows } = await db.query(
      `SELECT request_hash, response FROM ${this.schema}.messages WHERE merchant_id = $1 AND rrpid = $2`,
      [merchant, rrpid],
    );
    const row = rows[0] as { request_hash: string; response: object } | undefined;
    if (!row) return undefined;
    if (row.request_hash !== hash) throw new RequestRejected(409, 'RRPID already used for another request');
    return row.response;
  }

  private async store(
    db: PoolClient,
    merchant: string,
    rrpid: string,
    kind: string,
    hash: string,
    response: object,
    now: Date,
  ) {
    await db.query(
      `INSERT INTO ${this.schema}.messages (merchant_id, rrpid, kind, request_hash, response, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [merchant, rrpid, kind, hash, JSON.stringify(response), now],
    );
  }

  /** Gateway checks of schemes.md §6.10 on EncPI; the reason never contains card data. */
  private openPaymentInstructions(body: Body, xid: string, merchant: string, amount: PurchAmt): OpenedPi {
    const holder = verifyCredential(body.CardholderCred, this.ca, this.clock());
    if (!holder || holder.CredType !== 'cardholder')
      return { ok: false, reason: 'cardholder credential not valid' };
    if (typeof body.EncPI !== 'string' || typeof body.OIDigest !== 'string' || typeof body.DS !== 'string')
      return { ok: false, reason: 'EncPI, OIDigest or DS missing' };
    let piData: Body;
    try {
      const { header, plaintext } = jweDecrypt(body.EncPI, this.kexKey.privateKey);
      if (header.xid !== xid) return { ok: false, reason: 'EncPI xid differs from XID' };
      piData = JSON.parse(plaintext.toString('utf8')) as Body;
    } catch {
      return { ok: false, reason: 'EncPI does not decrypt' };
    }
    const head = piData.PIHead as Body | undefined;
    const pan = piData.PANData as Body | undefined;
    if (
      !head ||
      !pan ||
      typeof pan.PAN !== 'string' ||
      typeof pan.CardExpiry !== 'string' ||
      typeof pan.PANSecret !== 'string'
    )
      return { ok: false, reason: 'PIData ill-formed' };
    if (!/^\d{12,19}$/.test(pan.PAN) || !/^\d{4}-\d{2}$/.test(pan.CardExpiry))
      return { ok: false, reason: 'PANData ill-formed' };
    if (acctHash(pan.PAN, pan.CardExpiry, pan.PANSecret) !== holder.AcctHash)
      return { ok: false, reason: 'account data do not match the cardholder credential' };
    const piDigest = digestOf(piData);
    if (
      body.PIDigest !== piDigest ||
      !verifyBytes(holder.PubKey, dualSignatureInput(piDigest, body.OIDigest), body.DS)
    )
      return { ok: false, reason: 'dual signature does not verify' };
    const headXid = (head.TransIDs as Body | undefined)?.XID;
    const headAmt = readPurchAmt((head.Inputs as Body | undefined)?.PurchAmt);
    if (headXid !== xid || head.MerchantID !== merchant || !headAmt || !samePurchAmt(headAmt, amount))
      return { ok: false, reason: 'PIHead differs from the AuthReq' };
    let chip: ChipData | undefined;
    if (piData.ChipData !== undefined) {
      const read = readChipData(piData.ChipData);
      if ('problem' in read) return { ok: false, reason: read.problem };
      chip = read;
    }
    return {
      ok: true,
      pan: pan.PAN,
      expiry: pan.CardExpiry,
      brand: holder.BrandID.split(':')[0],
      ...(chip ? { chip } : {}),
    };
  }

  private async cardByPan(pan: string): Promise<CardRow | undefined> {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.schema}.cards WHERE pan_hash = $1`, [
      panHash(this.options.panHashKey, pan),
    ]);
    return rows[0] as CardRow | undefined;
  }

  /** The decision rules of schemes.md §6.11, first match wins. */
  private async decide(
    db: PoolClient,
    pi: Extract<OpenedPi, { ok: true }>,
    card: CardRow | undefined,
    amount: PurchAmt,
  ): Promise<Decision> {
    if (!card) return decline('declined', 'unknown card');
    const { rows } = await db.query(`SELECT * FROM ${this.schema}.cards WHERE card_id = $1 FOR UPDATE`, [
      card.card_id,
    ]);
    const c = rows[0] as CardRow;
    if (c.brand !== pi.brand)
      return decline('cardMerchBrandMismatch', 'card brand differs from the credential');
    const decision = this.cardRules(c, pi, amount);
    let issuerAuthData: string | undefined;
    if (c.chip_cvn !== null) {
      const chip = await this.checkChip(db, c, pi, amount, decision);
      if ('decline' in chip) return chip.decline;
      issuerAuthData = chip.issuerAuthData;
    }
    if (decision.code === 'approved')
      await db.query(
        `UPDATE ${this.schema}.cards SET available_minor = available_minor - $2 WHERE card_id = $1`,
        [c.card_id, decision.minor],
      );
    return { ...decision, ...(issuerAuthData ? { issuerAuthData } : {}) };
  }

  /**
   * A chip card (schemes.md §6.11 [IMPL]): chip data present and covering this amount, an ATC above
   * the last one seen, then KQ at the HSM verifies the ARQC under the issuer's MK-AC (under the LMK)
   * and returns ARPC method 1 for the ARC of `decision`. The ATC advances only with a verified ARQC.
   * An HSM that cannot answer throws IssuerHsmUnavailable: the request is answered 503, never approved.
   */
  private async checkChip(
    db: PoolClient,
    c: CardRow,
    pi: Extract<OpenedPi, { ok: true }>,
    amount: PurchAmt,
    decision: Decision,
  ): Promise<{ decline: Decision } | { issuerAuthData: string }> {
    const chip = pi.chip;
    if (!chip)
      return { decline: decline('declined', 'chipDataMissing: a chip card needs its ARQC (no fallback)') };
    const minor = toMinor(amount);
    if (
      minor === undefined ||
      BigInt(chip.AmtAuth) !== BigInt(minor) ||
      Number(chip.TxnCurrency) !== Number(amount.currency) ||
      chip.PANSeqNo !== c.chip_psn
    )
      return {
        decline: decline('declined', 'cryptogramFailure: the chip data do not cover this authorisation'),
      };
    const atc = parseInt(chip.ATC, 16);
    if (atc <= c.chip_last_atc)
      return { decline: decline('declined', 'atcReplayed: the ATC is not above the last one seen') };
    if (!this.options.issuerHsm) throw new IssuerHsmUnavailable('no HSM configured for chip cards');
    const arc = decision.code === 'approved' ? '00' : '05';
    const issuerAuthData = await this.options.issuerHsm.verify(pi.pan, c.chip_cvn!, chip, arc);
    if (!issuerAuthData)
      return { decline: decline('declined', 'cryptogramFailure: the ARQC does not verify') };
    await db.query(`UPDATE ${this.schema}.cards SET chip_last_atc = $2 WHERE card_id = $1`, [c.card_id, atc]);
    return { issuerAuthData };
  }

  /** The card rules of schemes.md §6.11 after the brand check, first match wins; no side effect. */
  private cardRules(c: CardRow, pi: Extract<OpenedPi, { ok: true }>, amount: PurchAmt): Decision {
    if (c.status !== 'active')
      return decline('declined', c.status === 'lost' ? 'card reported lost or stolen' : 'card blocked');
    const now = this.clock();
    const [y, m] = c.expiry.split('-').map(Number);
    if (Date.UTC(y, m, 1) <= now.getTime()) return decline('expiredCard', 'card expired');
    if (pi.expiry !== c.expiry) return decline('declined', 'card data mismatch');
    const minor = amount.currency === '978' && c.currency === 'EUR' ? toMinor(amount) : undefined;
    if (minor === undefined) return decline('amountError', 'currency or amount not accepted');
    if (BigInt(minor) > BigInt(c.available_minor.split('.')[0]))
      return decline('declined', 'insufficient funds');
    if (c.single_limit_minor !== null && BigInt(minor) > BigInt(c.single_limit_minor.split('.')[0]))
      return decline('amountError', 'over the single-payment limit');
    if (c.rule_auth_code && c.rule_auth_code !== 'approved')
      return decline(c.rule_auth_code as AuthCode, 'issuer rule');
    return { code: 'approved', reason: 'approved', minor };
  }

  private async inTransaction<T>(work: (db: PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  }
}

type OpenedPi =
  | {
      readonly ok: true;
      readonly pan: string;
      readonly expiry: string;
      readonly brand: string;
      readonly chip?: ChipData;
    }
  | { readonly ok: false; readonly reason: string };

interface Decision {
  readonly code: AuthCode;
  readonly reason: string;
  readonly minor?: string;
  /** Chip cards: ARPC ‖ ARC (EMV tag 91), hex. */
  readonly issuerAuthData?: string;
}

const decline = (code: AuthCode, reason: string): Decision => ({ code, reason });

function text(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > 255)
    throw new RequestRejected(400, `"${key}" missing or ill-formed`);
  return v;
}

/** SHA-256 of the JCS form without `Sig` (ECDSA signatures differ on each signing of the same request). */
function requestHashOf(body: Body): string {
  const { Sig: _drop, ...rest } = body;
  void _drop;
  return digestOf(rest);
}

/** PurchAmt → EUR cents (exponent 2); undefined when it is not a whole number of cents. */
function toMinor(p: PurchAmt): string | undefined {
  const exp = Number(p.amtExp10) + 2;
  const value = BigInt(p.amount);
  if (exp >= 0) return (value * 10n ** BigInt(exp)).toString();
  const div = 10n ** BigInt(-exp);
  return value % div === 0n ? (value / div).toString() : undefined;
}

function minorText(v: unknown, name: string): string {
  if (typeof v !== 'string' || !/^(0|[1-9]\d{0,17})$/.test(v))
    throw new RequestRejected(400, `${name} must be a decimal string of minor units`);
  return v;
}

const batchOf = (now: Date): string => `B${now.toISOString().slice(0, 10).replace(/-/g, '')}`;
const isoSeconds = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
