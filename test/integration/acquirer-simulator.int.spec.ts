import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import {
  acctHash,
  AcquirerRefusedError,
  AcquirerUnavailableError,
  b64u,
  DEV_CA,
  devGatewayKexKey,
  devGatewaySigKey,
  devKeyPair,
  devMerchantKey,
  digestOf,
  dualSignatureInput,
  HttpAcquirer,
  issueCredential,
  jweEncrypt,
  signBytes,
  signObject,
  thumbprint,
  toPurchAmt,
  verifyObject,
  type AuthReq,
  type CapReq,
} from '@ph/bridges/set-like';
import { createAcquirerSimulator, type AcquirerSimulator } from '../../apps/acquirer-simulator/src';
import { databaseUrl, uniqueSchemaName } from '../support/database';

const MERCHANT = 'demo-merchant.example';
const merchant = devMerchantKey();
const kex = devGatewayKexKey();

/** A complete, correctly signed AuthReq for `pan` as the PH would forward it from a wallet's PReq. */
function authReq(
  card: { pan: string; expiry: string; brand?: string },
  amount: string,
  xid = b64u(randomBytes(20)),
): AuthReq {
  const holder = devKeyPair(`holder-${randomBytes(4).toString('hex')}`);
  const panSecret = b64u(randomBytes(16));
  const cred = issueCredential(
    {
      CredType: 'cardholder',
      CredID: 'ch-test',
      Subject: 'cardholder',
      BrandID: card.brand ?? (card.pan.startsWith('4') ? 'VISA' : 'MasterCard'),
      PubKey: holder.publicJwk,
      NotBefore: '2020-01-01T00:00:00Z',
      NotAfter: '2099-01-01T00:00:00Z',
      AcctHash: acctHash(card.pan, card.expiry, panSecret),
    },
    DEV_CA.privateKey,
  );
  const purchAmt = toPurchAmt(amount, 'EUR')!;
  const transIds = {
    'LID-C': 'CP1',
    'LID-M': 'PH1',
    XID: xid,
    PReqDate: '2026-01-01T00:00:00Z',
    Language: 'en',
  };
  const oiDigest = digestOf({ order: 'test', xid });
  const piData = {
    PIHead: { TransIDs: transIds, Inputs: { HOD: 'x', PurchAmt: purchAmt }, MerchantID: MERCHANT },
    PANData: { PAN: card.pan, CardExpiry: card.expiry, PANSecret: panSecret, EXNonce: 'n' },
  };
  const piDigest = digestOf(piData);
  return signObject(
    {
      ver: 'SETLIKE/1',
      msg: 'AuthReq',
      Date: '2026-01-01T00:00:00Z',
      RRPID: b64u(randomBytes(16)),
      TransIDs: transIds,
      MerchantID: MERCHANT,
      AuthReqAmt: purchAmt,
      CaptureNow: false,
      EncPI: jweEncrypt(
        Buffer.from(JSON.stringify(piData)),
        kex.credential.PubKey,
        thumbprint(kex.credential),
        xid,
      ),
      PIDigest: piDigest,
      OIDigest: oiDigest,
      DS: signBytes(holder.privateKey, dualSignatureInput(piDigest, oiDigest)),
      CardholderCred: cred,
      MerchantCred: merchant.credential,
    } satisfies AuthReq,
    merchant.privateKey,
    merchant.kid,
  );
}

const capReq = (xid: string, capToken: string, amount: string): CapReq =>
  signObject(
    {
      ver: 'SETLIKE/1',
      msg: 'CapReq',
      Date: '2026-01-01T00:00:00Z',
      RRPID: b64u(randomBytes(16)),
      XID: xid,
      MerchantID: MERCHANT,
      CapReqAmt: toPurchAmt(amount, 'EUR')!,
      CapToken: capToken,
      MerchantCred: merchant.credential,
    } satisfies CapReq,
    merchant.privateKey,
    merchant.kid,
  );

describe('acquirer simulator on PostgreSQL', () => {
  let pool: Pool;
  let sim: AcquirerSimulator;
  let client: HttpAcquirer;
  let base: string;
  const schema = uniqueSchemaName('acq');
  const errors: unknown[] = [];

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 5 });
    sim = await createAcquirerSimulator({
      pool,
      schema,
      admin: true,
      noAnswerMs: 1000,
      onError: (e) => errors.push(e),
    });
    await sim.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
    client = new HttpAcquirer({ baseUrl: base, timeoutMs: 500 });
  });
  afterAll(async () => {
    await sim?.app.close();
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.end();
  });

  const available = async (cardId: string) =>
    BigInt(
      (
        (
          await pool.query(`SELECT available_minor::text AS a FROM ${schema}.cards WHERE card_id = $1`, [
            cardId,
          ])
        ).rows[0] as { a: string }
      ).a,
    );
  const putCard = (cardId: string, body: object) =>
    fetch(`${base}/admin/cards/${cardId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('approves the VISA test card, signs the AuthRes and holds the amount', async () => {
    const before = await available('visa-approved');
    const res = await client.authorize(authReq({ pan: '4111111111111111', expiry: '2030-12' }, '12.50'));
    expect(res.AuthCode).toBe('approved');
    expect(res.CapToken).toBeDefined();
    expect(
      verifyObject(res as unknown as Record<string, unknown>, devGatewaySigKey().credential.PubKey),
    ).toBe(true);
    expect(before - (await available('visa-approved'))).toBe(1250n);
  });

  it.each([
    ['4000000000009995', '2030-12', 'declined', 'insufficient funds'],
    ['4000000000000069', '2020-01', 'expiredCard', 'card expired'],
    ['4000000000000002', '2030-12', 'declined', 'issuer rule'],
    ['4000000000000119', '2030-12', 'systemError', 'issuer rule'],
    ['4999999999999999', '2030-12', 'declined', 'unknown card'],
  ])('declines card %s (expiry %s) as %s', async (pan, expiry, code, reason) => {
    const res = await client.authorize(authReq({ pan, expiry }, '1.00'));
    expect(res.AuthCode).toBe(code);
    expect(res.RespReason).toBe(reason);
    expect(res.AuthRatio).toBe('0');
  });

  it('answers cardMerchBrandMismatch for a MasterCard card in a VISA credential, piAuthMismatch for a wrong XID', async () => {
    const mc = await client.authorize(
      authReq({ pan: '5555555555554444', expiry: '2030-12', brand: 'VISA' }, '1.00'),
    );
    expect(mc.AuthCode).toBe('cardMerchBrandMismatch');
    const good = authReq({ pan: '4111111111111111', expiry: '2030-12' }, '1.00');
    const moved = signObject(
      { ...good, TransIDs: { ...good.TransIDs, XID: b64u(randomBytes(20)) } },
      merchant.privateKey,
      merchant.kid,
    );
    expect((await client.authorize(moved)).AuthCode).toBe('piAuthMismatch');
  });

  it('declines blocked/lost cards and over-limit amounts set at run time', async () => {
    await putCard('mc-approved', { status: 'lost' });
    expect(
      (await client.authorize(authReq({ pan: '5555555555554444', expiry: '2030-12' }, '1.00'))).AuthCode,
    ).toBe('declined');
    await putCard('mc-approved', { status: 'active', singleLimitMinor: '500' });
    expect(
      (await client.authorize(authReq({ pan: '5555555555554444', expiry: '2030-12' }, '6.00'))).AuthCode,
    ).toBe('amountError');
    await putCard('mc-approved', { singleLimitMinor: null });
    expect(
      (await client.authorize(authReq({ pan: '5555555555554444', expiry: '2030-12' }, '6.00'))).AuthCode,
    ).toBe('approved');
  });

  it('authorises at most once per XID: a resent AuthReq gets the stored AuthRes, a new RRPID piPreviouslyUsed', async () => {
    const req = authReq({ pan: '4111111111111111', expiry: '2030-12' }, '3.00');
    const before = await available('visa-approved');
    const first = await client.authorize(req);
    // Re-signed (ECDSA differs) but otherwise identical: the same answer, byte for byte.
    const again = await client.authorize(signObject(req, merchant.privateKey, merchant.kid));
    expect(again).toEqual(first);
    const other = signObject({ ...req, RRPID: b64u(randomBytes(16)) }, merchant.privateKey, merchant.kid);
    expect((await client.authorize(other)).AuthCode).toBe('piPreviouslyUsed');
    expect(before - (await available('visa-approved'))).toBe(300n);
    // The same RRPID with another body is our fault: 409.
    const changed = signObject({ ...req, CaptureNow: true }, merchant.privateKey, merchant.kid);
    await expect(client.authorize(changed)).rejects.toBeInstanceOf(AcquirerRefusedError);
  });

  it('captures idempotently: the resent CapReq gets the same CapRes, a second capture duplicateRequest', async () => {
    const req = authReq({ pan: '4111111111111111', expiry: '2030-12' }, '4.00');
    const auth = await client.authorize(req);
    const cap = capReq(auth.XID, auth.CapToken!, '4.00');
    const first = await client.capture(cap);
    expect(first.CapCode).toBe('success');
    expect(await client.capture(cap)).toEqual(first);
    expect((await client.capture(capReq(auth.XID, auth.CapToken!, '4.00'))).CapCode).toBe('duplicateRequest');
    expect((await client.capture(capReq(b64u(randomBytes(20)), 'x', '1.00'))).CapCode).toBe('unknownXID');
    expect(await client.status(auth.XID)).toMatchObject({ state: 'captured', AuthCode: 'approved' });
  });

  it('reverses an uncaptured authorisation and releases the hold', async () => {
    const before = await available('visa-approved');
    const auth = await client.authorize(authReq({ pan: '4111111111111111', expiry: '2030-12' }, '9.00'));
    const rev = await client.reverse(
      signObject(
        {
          ver: 'SETLIKE/1',
          msg: 'AuthRevReq',
          Date: '2026-01-01T00:00:00Z',
          RRPID: b64u(randomBytes(16)),
          XID: auth.XID,
          MerchantID: MERCHANT,
          AuthNewAmt: '0',
          MerchantCred: merchant.credential,
        },
        merchant.privateKey,
        merchant.kid,
      ),
    );
    expect(rev.RevCode).toBe('success');
    expect(await available('visa-approved')).toBe(before);
    expect((await client.status(auth.XID)).state).toBe('reversed');
  });

  it('refuses an unsigned or forged request with 401 problem+json', async () => {
    const req = authReq({ pan: '4111111111111111', expiry: '2030-12' }, '1.00');
    const res = await fetch(`${base}/set/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...req, MerchantID: 'evil.example' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('fails over the outage switch, http503, slow and never-answering cards as "unavailable"', async () => {
    const outage = (down: boolean) =>
      fetch(`${base}/admin/outage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down }),
      });
    await outage(true);
    await expect(
      client.authorize(authReq({ pan: '4111111111111111', expiry: '2030-12' }, '1.00')),
    ).rejects.toBeInstanceOf(AcquirerUnavailableError);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    await outage(false);
    await putCard('visa-approved', { http503: true });
    await expect(
      client.authorize(authReq({ pan: '4111111111111111', expiry: '2030-12' }, '1.00')),
    ).rejects.toBeInstanceOf(AcquirerUnavailableError);
    await putCard('visa-approved', { http503: false });
    await expect(
      client.authorize(authReq({ pan: '4000000000000259', expiry: '2030-12' }, '1.00')),
    ).rejects.toThrow('timed out');
    await expect(
      client.authorize(authReq({ pan: '4000000000003063', expiry: '2030-12' }, '1.00')),
    ).rejects.toThrow('timed out');
  });

  it('stores no full card number in any of its tables and reports no card data in errors', async () => {
    const pans = [
      '4111111111111111',
      '4000000000009995',
      '4000000000000069',
      '5555555555554444',
      '4999999999999999',
    ];
    const dump = (
      await Promise.all(
        ['cards', 'authorizations', 'messages'].map((t) => pool.query(`SELECT * FROM ${schema}.${t}`)),
      )
    )
      .map((r) => JSON.stringify(r.rows))
      .join('\n');
    expect(dump).toContain('411111…1111');
    for (const pan of pans) expect(dump).not.toContain(pan);
    const cards = await (await fetch(`${base}/admin/cards`)).text();
    for (const pan of pans) expect(cards).not.toContain(pan);
    expect(errors.map(String).join('\n')).not.toMatch(/\d{12,19}/);
  });
});
