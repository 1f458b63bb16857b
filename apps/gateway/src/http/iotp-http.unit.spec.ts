import Fastify from 'fastify';
import { registerIotpRoute, type IotpAnswer } from './iotp-http';

const IOTP = { 'content-type': 'application/iotp; charset=utf-8' };

describe('the IOTP HTTP binding (profile §1.3)', () => {
  it('refuses requests beyond the in-flight limit with 503 and Retry-After, then serves again', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const app = Fastify();
    registerIotpRoute(
      app,
      '/iotp',
      {
        process: async (): Promise<IotpAnswer> => {
          await blocked;
          return { status: 204 };
        },
      },
      () => Buffer.from('error'),
      1,
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/iotp`;
    const first = fetch(url, { method: 'POST', headers: IOTP, body: '<x/>' });
    await new Promise((r) => setTimeout(r, 50));
    const second = await fetch(url, { method: 'POST', headers: IOTP, body: '<x/>' });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(204);
    expect((await fetch(url, { method: 'POST', headers: IOTP, body: '<x/>' })).status).toBe(204);
    await app.close();
  });

  it('answers an internal failure with 200 and an IOTP message, never a 5xx', async () => {
    const app = Fastify();
    registerIotpRoute(app, '/iotp', { process: () => Promise.reject(new Error('boom')) }, () =>
      Buffer.from('<err/>'),
    );
    const res = await app.inject({ method: 'POST', url: '/iotp', headers: IOTP, payload: '<x/>' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/iotp; charset=utf-8');
    expect(res.body).toBe('<err/>');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
