import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IotpHttpClient, IotpTransportError } from './iotp-http-client';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** A bare node:http server on a free port whose answer each test chooses. */
async function listen(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/iotp`, server };
}

describe(IotpHttpClient.name, () => {
  let server: Server | undefined;
  let client: IotpHttpClient | undefined;
  afterEach(async () => {
    client?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = client = undefined;
  });

  it('POSTs the bytes as application/iotp and returns status, body and media type', async () => {
    const seen: { method?: string; url?: string; type?: string; length?: string; body?: string }[] = [];
    const s = await listen((req, body, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        type: req.headers['content-type'],
        length: req.headers['content-length'],
        body: body.toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/iotp; charset=utf-8' }).end('<answer/>');
    });
    server = s.server;
    client = new IotpHttpClient(s.url);
    const xml = Buffer.from('<IotpMessage>é</IotpMessage>', 'utf8');
    const answer = await client.post(xml);
    expect(answer).toEqual({
      status: 200,
      body: Buffer.from('<answer/>'),
      contentType: 'application/iotp; charset=utf-8',
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/iotp',
        type: 'application/iotp; charset=utf-8',
        length: String(xml.byteLength),
        body: '<IotpMessage>é</IotpMessage>',
      },
    ]);
  });

  it('keeps the connection alive between requests', async () => {
    const ports: number[] = [];
    const s = await listen((req, _body, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.writeHead(204).end();
    });
    server = s.server;
    client = new IotpHttpClient(s.url);
    for (let i = 0; i < 3; i++) expect((await client.post(Buffer.from('<x/>'))).status).toBe(204);
    expect(new Set(ports).size).toBe(1);
  });

  it('returns 204 and other statuses with their (empty) body', async () => {
    const s = await listen((_req, _body, res) => res.writeHead(415).end());
    server = s.server;
    client = new IotpHttpClient(s.url);
    const answer = await client.post(Buffer.from('<x/>'));
    expect(answer.status).toBe(415);
    expect(answer.body.byteLength).toBe(0);
  });

  it('reports an unreachable gateway as an IotpTransportError with Node’s code', async () => {
    const s = await listen((_req, _body, res) => res.end());
    const url = s.url;
    await new Promise((resolve) => s.server.close(resolve));
    client = new IotpHttpClient(url);
    const failure = client.post(Buffer.from('<x/>'));
    await expect(failure).rejects.toBeInstanceOf(IotpTransportError);
    await expect(failure).rejects.toMatchObject({ code: 'ECONNREFUSED', url });
  });

  it('gives up after its time-out', async () => {
    const s = await listen(() => undefined); // never answers
    server = s.server;
    client = new IotpHttpClient(s.url, { timeoutMs: 50 });
    await expect(client.post(Buffer.from('<x/>'))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    server.closeAllConnections();
  });
});
