import net from 'node:net';
import {
  encodeFrame,
  FrameDecoder,
  HsmClient,
  hsmCrypto,
  HsmTimeoutError,
  startHsmSimulator,
  type HsmSimulator,
} from '../../apps/hsm-simulator/src';

const { Lmk, parseKeyType, toHex, optionAY, iccMasterKeyFromY, deriveCommonSessionKey, mastercardSkdR } =
  hsmCrypto;
const h = (hex: string) => Buffer.from(hex, 'hex');
const lmk = Lmk.test();
const ISSUER_MK = '0123456789ABCDEFFEDCBA9876543210';
const mkField = 'U' + toHex(lmk.encryptKey(h(ISSUER_MK), parseKeyType('109')!, 'U'));

/** Raw TCP exchange for malformed input; resolves with the frames received until close or `wait` ms. */
function rawExchange(
  port: number,
  bytes: Buffer,
  wait = 300,
): Promise<{ frames: Buffer[]; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const decoder = new FrameDecoder();
    const frames: Buffer[] = [];
    let closed = false;
    socket.on('data', (chunk) => {
      for (const e of decoder.push(chunk)) if (e.kind === 'frame') frames.push(Buffer.from(e.payload));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
    });
    socket.on('connect', () => socket.write(bytes));
    setTimeout(() => {
      socket.destroy();
      resolve({ frames, closed });
    }, wait);
  });
}

describe('HSM simulator over TCP', () => {
  let hsm: HsmSimulator;
  let client: HsmClient;

  beforeAll(async () => {
    hsm = await startHsmSimulator({ port: 0, adminPort: 0, idleTimeoutMs: 500 });
  });

  beforeEach(async () => {
    hsm.controls.reset();
    client = new HsmClient({ port: hsm.port, timeoutMs: 2_000 });
    await client.connect();
  });

  afterEach(() => client.close());
  afterAll(() => hsm.stop());

  it('answers NC with the LMK check value and firmware, echoing the header', async () => {
    const reply = await client.send('NC');
    expect(reply).toMatchObject({ header: '0001', responseCode: 'ND', errorCode: '00' });
    expect(reply.data.toString()).toBe('7D22274C5745C5A10007-E000');
  });

  it('answers pipelined commands in order', async () => {
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => client.send(i % 2 ? 'NC' : 'A00001U')),
    );
    expect(replies.map((r) => r.responseCode)).toEqual(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? 'ND' : 'A1')),
    );
    expect(replies.every((r) => r.errorCode === '00')).toBe(true);
  });

  it('verifies an ARQC and returns the ARPC through KQ', async () => {
    const y = optionAY('5413330089020011', '00');
    const atc = h('0042');
    const un = h('A1B2C3D4');
    const data = Buffer.concat([
      h('000000001250000000000000097800000000000978250101005A1B2C3D41800'),
      atc,
      h('80'),
    ]);
    const sk = deriveCommonSessionKey(iccMasterKeyFromY(h(ISSUER_MK), y), mastercardSkdR(atc, un));
    const arqc = hsmCrypto.generateAc(sk, data, 1);
    const body = Buffer.concat([
      Buffer.from('KQ11' + mkField),
      y,
      atc,
      un,
      Buffer.from(toHex(Buffer.from([data.length]))),
      data,
      Buffer.from(';'),
      arqc,
      h('3030'),
    ]);
    const reply = await client.send(body);
    expect([reply.responseCode, reply.errorCode]).toEqual(['KR', '00']);
    expect(reply.data).toEqual(hsmCrypto.arpcMethod1(sk, arqc, h('3030')));
  });

  it('answers unknown commands (68), truncated fields (15) and bad hex (15) without dropping the connection', async () => {
    expect((await client.send('XX')).errorCode).toBe('68');
    expect((await client.send('KQ01')).errorCode).toBe('15');
    expect((await client.send('BU001ZGGGGGGGGGGGGGGGG')).errorCode).toBe('15');
    expect((await client.send('NC')).errorCode).toBe('00');
  });

  it('answers a frame too short for a command with ZZ15 and an oversize frame with ZZ15 and a close', async () => {
    const short = await rawExchange(hsm.port, encodeFrame(Buffer.from('01')));
    expect(short.frames.map(String)).toEqual(['0100ZZ15']);
    const empty = await rawExchange(hsm.port, encodeFrame(Buffer.alloc(0)));
    expect(empty.frames.map(String)).toEqual(['0000ZZ15']);
    const oversize = await rawExchange(hsm.port, Buffer.from([0xff, 0xff, 0x30, 0x30]));
    expect(oversize.frames.map(String)).toEqual(['0000ZZ15']);
    expect(oversize.closed).toBe(true);
  });

  it('closes a connection that stops half-way through a frame after the idle time-out', async () => {
    const truncated = await rawExchange(hsm.port, Buffer.from([0x00, 0x20, 0x30, 0x30]), 1_000);
    expect(truncated.frames).toEqual([]);
    expect(truncated.closed).toBe(true);
  });

  it('applies latency and injected errors set over the admin port', async () => {
    const admin = `http://127.0.0.1:${hsm.adminPort}`;
    await fetch(`${admin}/latency`, { method: 'PUT', body: JSON.stringify({ ms: 150 }) });
    const started = Date.now();
    await client.send('NC');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await fetch(`${admin}/latency`, { method: 'PUT', body: JSON.stringify({ ms: 0 }) });
    const res = await fetch(`${admin}/errors`, {
      method: 'POST',
      body: JSON.stringify({ command: 'NC', code: '42', count: 2 }),
    });
    expect(res.status).toBe(200);
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await client.send('NC')).errorCode);
    expect(codes).toEqual(['42', '42', '00']);
    expect((await fetch(`${admin}/latency`, { method: 'PUT', body: '{"ms":-1}' })).status).toBe(400);
    const status = (await (await fetch(`${admin}/status`)).json()) as { processed: Record<string, number> };
    expect(status.processed.NC).toBeGreaterThanOrEqual(4);
  });

  it('times out a command during a blackhole outage, drops its late reply and keeps order', async () => {
    hsm.controls.setLatency(300);
    const slow = client.send('NC', 100);
    await expect(slow).rejects.toBeInstanceOf(HsmTimeoutError);
    hsm.controls.setLatency(0);
    const next = await client.send('A00001U');
    expect(next.responseCode).toBe('A1'); // the late ND was recognised and dropped
    hsm.controls.setOutage('blackhole');
    await hsm.server.settled();
    await expect(client.send('NC', 200)).rejects.toBeInstanceOf(HsmTimeoutError);
  });

  it('refuses connections during a refuse outage and serves again afterwards', async () => {
    hsm.controls.setOutage('refuse');
    await hsm.server.settled();
    await expect(client.send('NC')).rejects.toThrow('HSM');
    const during = new HsmClient({ port: hsm.port, connectTimeoutMs: 500 });
    await expect(during.connect()).rejects.toThrow('ECONNREFUSED');
    hsm.controls.setOutage('none');
    await hsm.server.settled();
    const after = new HsmClient({ port: hsm.port });
    await after.connect();
    expect((await after.send('NC')).errorCode).toBe('00');
    await after.close();
  });
});
