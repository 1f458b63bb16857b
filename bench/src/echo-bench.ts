import { IotpHttpClient } from '../../apps/wallet/src/lib';
import { closedLoop, type LoadResult } from './load';
import { freePort, log, startProcess, stopProcess } from './processes';
import { DURATION_MS, progress, WORKERS } from './settings';

/** (a) Raw baseline: Fastify echo in its own process, same client, same body size as a Payment Exchange. */
export async function benchEcho(): Promise<LoadResult> {
  const port = await freePort();
  log(`• raw baseline: Fastify XML echo, ${WORKERS} connections, ${DURATION_MS / 1000} s`);
  const echo = await startProcess('dist/bench/src/echo-server.js', { PORT: String(port) }, 'listening');
  const client = new IotpHttpClient(`http://127.0.0.1:${port}/iotp`, { maxSockets: WORKERS });
  const body = Buffer.from(`<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${'x'.repeat(1900)}</IotpMessage>`);
  try {
    return await closedLoop(
      WORKERS,
      DURATION_MS,
      async () => (await client.post(body)).status === 200,
      progress('echo requests'),
    );
  } finally {
    client.close();
    await stopProcess(echo);
  }
}
