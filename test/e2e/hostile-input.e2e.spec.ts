import { parseIotpXml, readIotpMessage } from '@ph/iotp';
import { startHarness, type Harness } from './support/standalone-harness';

/** Bad input gets the IOTP Error Block the profile names (§1.3, §1.4), never a 5xx or a hang. */
describe('hostile and malformed input at POST /iotp', () => {
  let ph: Harness;
  beforeAll(async () => {
    ph = await startHarness();
  });
  afterAll(async () => {
    await ph?.stop();
  });

  const TRANS =
    '<TransRefBlk ID="C1.1"><TransId ID="M1.2" Version="1.0" IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example" ' +
    'IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>' +
    '<MsgId ID="C1" xml:lang="en" SoftwareId="test"/></TransRefBlk>';

  async function errorOf(body: string | Buffer) {
    const res = await ph.post(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/iotp; charset=utf-8/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const parsed = parseIotpXml(Buffer.from(res.body, 'utf8'));
    if (!parsed.ok) throw new Error(`answer is not IOTP: ${parsed.error.desc}`);
    const read = readIotpMessage(parsed.root);
    if (!read.ok || read.message.block.type !== 'ErrorBlk') throw new Error('answer holds no Error Block');
    return { comp: read.message.block.errorComps[0], message: read.message };
  }

  it('answers malformed XML with XmlNotWellFrmd and addresses it from a scan of the TransId', async () => {
    const { comp, message } = await errorOf(
      `<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS}<PayExchBlk ID="C1.3">`,
    );
    expect(comp.errorCode).toBe('XmlNotWellFrmd');
    expect(comp.severity).toBe('HardError');
    expect(message.transRef.transId.iotpTransId).toBe(
      '20240501101530.e2780c0935b324b6@demo-merchant.example',
    );
    expect(message.transRef.msgId.respIotpMsg).toBe('C1');
  });

  it('answers a foreign namespace with XmlNotValid', async () => {
    const { comp } = await errorOf(
      `<IotpMessage xmlns="urn:example:not-iotp">${TRANS}<PingReqBlk ID="C1.3"/></IotpMessage>`,
    );
    expect(comp.errorCode).toBe('XmlNotValid');
    expect(comp.locations[0]).toMatchObject({ elementType: 'IotpMessage' });
  });

  it('answers an entity-expansion attack (billion laughs) with XmlNotValid without expanding anything', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE IotpMessage [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
      `<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS}<PingReqBlk ID="C1.3">&d;</PingReqBlk></IotpMessage>`;
    expect((await errorOf(lol)).comp.errorCode).toBe('XmlNotValid');
  });

  it('refuses an external entity (XXE) and an undeclared entity reference', async () => {
    const xxe = `<!DOCTYPE IotpMessage [<!ENTITY x SYSTEM "file:///etc/passwd">]><IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS}</IotpMessage>`;
    expect((await errorOf(xxe)).comp.errorCode).toBe('XmlNotValid');
    const undeclared = `<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS}<PingReqBlk ID="C1.3">&nbsp;</PingReqBlk></IotpMessage>`;
    expect((await errorOf(undeclared)).comp.errorCode).toBe('XmlNotWellFrmd');
  });

  it('answers a body over 262 144 bytes with MsgTooLarge, and one over 8 MiB with 413', async () => {
    const padding = ' '.repeat(262_145);
    const big = `<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS}${padding}</IotpMessage>`;
    expect((await errorOf(big)).comp.errorCode).toBe('MsgTooLarge');
    const huge = await ph.post(Buffer.alloc(8 * 1024 * 1024 + 1, 0x20)).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
  });

  it('answers an empty body with XmlNotWellFrmd and a message without trading block with ElMissing', async () => {
    expect((await errorOf('')).comp.errorCode).toBe('XmlNotWellFrmd');
    expect(
      (await errorOf(`<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS}</IotpMessage>`)).comp.errorCode,
    ).toBe('ElMissing');
  });

  it('answers 405 to other methods, 415 to other media types and 404 elsewhere', async () => {
    const get = await fetch(ph.gatewayUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await ph.post('<x/>', { 'content-type': 'text/xml' })).status).toBe(415);
    expect(
      (await ph.post('<x/>', { 'content-type': 'application/iotp', 'content-encoding': 'gzip' })).status,
    ).toBe(415);
    expect((await fetch(ph.gatewayUrl.replace('/iotp', '/nowhere'), { method: 'POST' })).status).toBe(404);
  });

  it('answers a Payment Exchange of an unknown transaction with AttValNotRecog on IotpTransId', async () => {
    const body =
      `<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${TRANS.replace('"C1"', '"C2"')}` +
      '<PayExchBlk ID="C2.2"><PaySchemeData ID="C2.3" PaymentRef="M1.20" PaymentHandlerPayId="PH000000000000">' +
      '<PackagedContent Name="HS-Pay">e30=</PackagedContent></PaySchemeData></PayExchBlk></IotpMessage>';
    const { comp } = await errorOf(body);
    expect(comp.errorCode).toBe('AttValNotRecog');
    expect(comp.locations[0]).toMatchObject({ elementType: 'TransId', attName: 'IotpTransId' });
  });

  it('answers a Ping with a Ping Response naming our organisation', async () => {
    const ping =
      '<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0"><TransRefBlk ID="I1.1"><TransId ID="I1.2" Version="1.0" ' +
      'IotpTransId="20240501104000.0f6d48e15efc7715@wallet.example" IotpTransType="BaselinePing" TransTimeStamp="2024-05-01T10:40:00.350Z"/>' +
      '<MsgId ID="I1" xml:lang="en" SoftwareId="test"/></TransRefBlk><PingReqBlk ID="I1.3"/></IotpMessage>';
    const res = await ph.post(ping);
    expect(res.status).toBe(200);
    expect(res.body).toContain('PingStatusCode="Ok"');
    expect(res.body).toContain('OrgId="pay.bank.example"');
  });
});
