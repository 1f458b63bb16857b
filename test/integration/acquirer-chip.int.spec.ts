import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import {
  acctHash,
  AcquirerUnavailableError,
  b64u,
  DEV_CA,
  devGatewayKexKey,
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
  type AuthReq,
} from '@ph/bridges/set-like';
import { createAcquirerSimulator, type AcquirerSimulator } from '../../apps/acquirer-simulator/src';
import { startHsmSimulator, type HsmSimulator } from '../../apps/hsm-simulator/src';
import { ChipCard, DEMO_CHIP_CARDS, type ChipData } from '../../apps/wallet/src/schemes/set-like';
import { databaseUrl, uniqueSchemaName } from '../support/database';

/*
 * Chip cards at the acquirer simulator against a real HSM simulator over TCP: the gateway verifies the
 * ARQC with KQ under the issuer's MK-AC held under the HSM's LMK and returns the ARPC (IssuerAuthData).
 */
const MERCHANT = 'demo-merchant.example';
const merchant = devMerchantKey();
const kex = devGatewayKexKey();
const VISA_CHIP = DEMO_CHIP_CARDS.find((c) => c.cvn === 'visa-cvn10')!;
const MC_CHIP = DEMO_CHIP_CARDS.find((c) => c.cvn === 'mchip')!;

/** A correctly signed AuthReq whose PIData carries `chip` (as the wallet's PReq would). */
function authReq(pan: string, amount: string, chip?: ChipData, xid = b64u(randomBytes(20))): AuthReq {
  const expiry = '2030-12';
  const holder = devKeyPair(`holder-${randomBytes(4).toString('hex')}`);
  const panSecret = b64u(randomBytes(16));
  const cred = issueCredential(
    {
      CredType: 'cardholder',
      CredID: 'ch-test',
      Subject: 'cardholder',
      BrandID: pan.startsWith('4') ? 'VISA' : 'MasterCard',
      PubKey: holder.publicJwk,
      NotBefore: '2020-01-01T00:00:00Z',
      NotAfter: '2099-01-01T00:00:00Z',
      AcctHash: acctHash(pan, expiry, panSecret),
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
    PANData: { PAN: pan, CardExpiry: expiry, PANSecret: panSecret, EXNonce: 'n' },
    ...(chip ? { ChipData: chip } : {}),
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
      CaptureNow: true,
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

const chipTx = (amountMinor: string) => ({
  amountMinor,
  currencyNumeric: '978',
  date: new Date(),
  un: randomBytes(4),
});

describe('acquirer simulator: chip cards through the HSM simulator (KQ)', () => {
  let pool: Pool;
  let hsm: HsmSimulator;
  let sim: AcquirerSimulator;
  let client: HttpAcquirer;
  const schema = uniqueSchemaName('acqchip');
  const errors: unknown[] = [];

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 5 });
    hsm = await startHsmSimulator({ port: 0 });
    sim = await createAcquirerSimulator({
      pool,
      schema,
      admin: true,
      hsm: { port: hsm.port, timeoutMs: 1500 },
      onError: (e) => errors.push(e),
    });
    await sim.app.listen({ port: 0, host: '127.0.0.1' });
    client = new HttpAcquirer({
      baseUrl: `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`,
      timeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await sim?.app.close();
    await hsm?.stop();
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.end();
  });
  const outage = async (mode: 'none' | 'refuse') => {
    hsm.controls.setOutage(mode);
    await hsm.server.settled();
  };
  afterEach(() => outage('none'));

  const lastAtc = async (cardId: string) =>
    (await pool.query(`SELECT chip_last_atc FROM ${schema}.cards WHERE card_id = $1`, [cardId])).rows[0]
      .chip_last_atc as number;

  it('approves the VISA (CVN 10) and the MasterCard (M/Chip) chip card and returns an ARPC the chip verifies', async () => {
    for (const [profile, cardId] of [
      [VISA_CHIP, 'visa-chip'],
      [MC_CHIP, 'mc-chip'],
    ] as const) {
      const card = new ChipCard(profile);
      const chip = card.generateArqc(chipTx('1250'));
      const res = await client.authorize(authReq(profile.pan, '12.50', chip));
      expect([res.AuthCode, res.RespReason]).toEqual(['approved', 'approved']);
      expect(res.CapStatus?.CapCode).toBe('success');
      expect(res.IssuerAuthData).toMatch(/^[0-9A-F]{16}3030$/);
      expect(card.verifyArpc(chip, res.IssuerAuthData!)).toEqual({ ok: true, arc: '00' });
      expect(await lastAtc(cardId)).toBe(1);
    }
    expect(hsm.controls.snapshot().processed.KQ).toBeGreaterThanOrEqual(2);
  });

  it('declines a tampered ARQC (cryptogramFailure) without an ARPC and without advancing the ATC', async () => {
    const card = new ChipCard(VISA_CHIP, 10);
    const chip = card.generateArqc(chipTx('500'));
    const arqc = (parseInt(chip.ARQC[15], 16) ^ 1).toString(16).toUpperCase();
    const res = await client.authorize(
      authReq(VISA_CHIP.pan, '5.00', { ...chip, ARQC: chip.ARQC.slice(0, 15) + arqc }),
    );
    expect(res.AuthCode).toBe('declined');
    expect(res.RespReason).toMatch(/^cryptogramFailure/);
    expect(res.IssuerAuthData).toBeUndefined();
    expect(await lastAtc('visa-chip')).toBe(1);
    // Chip data for another amount than the authorisation's is not covered by the ARQC either.
    const other = card.generateArqc(chipTx('501'));
    const res2 = await client.authorize(authReq(VISA_CHIP.pan, '5.00', other));
    expect([res2.AuthCode, res2.RespReason]).toEqual([
      'declined',
      'cryptogramFailure: the chip data do not cover this authorisation',
    ]);
  });

  it('declines a replayed or lower ATC (and a chip card without chip data)', async () => {
    const card = new ChipCard(MC_CHIP, 4);
    const chip = card.generateArqc(chipTx('700')); // ATC 5
    expect((await client.authorize(authReq(MC_CHIP.pan, '7.00', chip))).AuthCode).toBe('approved');
    expect(await lastAtc('mc-chip')).toBe(5);
    // The same chip data (a replay) under a new XID, and a genuine ARQC with a lower ATC.
    const replay = await client.authorize(authReq(MC_CHIP.pan, '7.00', chip));
    expect([replay.AuthCode, replay.RespReason]).toEqual([
      'declined',
      'atcReplayed: the ATC is not above the last one seen',
    ]);
    const lower = new ChipCard(MC_CHIP, 2).generateArqc(chipTx('700'));
    expect((await client.authorize(authReq(MC_CHIP.pan, '7.00', lower))).RespReason).toMatch(/^atcReplayed/);
    const none = await client.authorize(authReq(MC_CHIP.pan, '7.00'));
    expect([none.AuthCode, none.RespReason]).toEqual(['declined', expect.stringMatching(/^chipDataMissing/)]);
    expect(await lastAtc('mc-chip')).toBe(5);
  });

  it('answers 503 while the HSM is down (never approves unchecked), then the same request is approved', async () => {
    const card = new ChipCard(VISA_CHIP, 20);
    const request = authReq(VISA_CHIP.pan, '3.00', card.generateArqc(chipTx('300')));
    await outage('refuse');
    const refused = await client.authorize(request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AcquirerUnavailableError);
    expect((refused as Error).message).toContain('HTTP 503');
    expect((refused as AcquirerUnavailableError).maybeDelivered).toBe(false);
    expect(await lastAtc('visa-chip')).toBe(1);
    await outage('none');
    const res = await client.authorize(request);
    expect(res.AuthCode).toBe('approved');
    expect(await lastAtc('visa-chip')).toBe(21);
  });

  it('keeps magstripe cards working without any HSM call', async () => {
    const before = hsm.controls.snapshot().processed.KQ ?? 0;
    await outage('refuse');
    const res = await client.authorize(authReq('4111111111111111', '1.00'));
    expect(res.AuthCode).toBe('approved');
    expect(res.IssuerAuthData).toBeUndefined();
    expect(hsm.controls.snapshot().processed.KQ ?? 0).toBe(before);
    expect(errors).toEqual([]);
  });
});
