import { type AddressInfo } from 'node:net';
import type http from 'node:http';
import { createAdminServer } from './admin-server';
import { HsmControls } from './controls';
import { Lmk } from './crypto/lmk';
import { HsmEngine } from './hsm-engine';
import { HsmServer } from './hsm-server';

export interface HsmSimulatorOptions {
  /** Defaults to the payShield test LMK (development only). */
  lmk?: Lmk;
  host?: string;
  /** 0 = a free port. */
  port?: number;
  /** Admin HTTP port; undefined = no admin server, 0 = a free port. */
  adminPort?: number;
  headerLength?: number;
  latencyMs?: number;
  maxFrameBytes?: number;
  idleTimeoutMs?: number;
  firmware?: string;
}

export interface HsmSimulator {
  readonly port: number;
  readonly adminPort?: number;
  readonly controls: HsmControls;
  readonly engine: HsmEngine;
  readonly server: HsmServer;
  stop(): Promise<void>;
}

/** Starts the TCP host port (and optionally the admin port) in this process. */
export async function startHsmSimulator(options: HsmSimulatorOptions = {}): Promise<HsmSimulator> {
  const host = options.host ?? '127.0.0.1';
  const controls = new HsmControls(options.latencyMs ?? 0);
  const engine = new HsmEngine({
    lmk: options.lmk ?? Lmk.test(),
    headerLength: options.headerLength,
    firmware: options.firmware,
    controls,
  });
  const server = new HsmServer({
    engine,
    host,
    port: options.port ?? 1500,
    maxFrameBytes: options.maxFrameBytes,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  const port = await server.start();
  let admin: http.Server | undefined;
  let adminPort: number | undefined;
  if (options.adminPort !== undefined) {
    const adminServer = createAdminServer(controls);
    admin = adminServer;
    adminPort = await new Promise<number>((resolve, reject) => {
      adminServer.once('error', reject);
      adminServer.listen(options.adminPort, host, () => resolve((adminServer.address() as AddressInfo).port));
    });
  }
  return {
    port,
    adminPort,
    controls,
    engine,
    server,
    async stop() {
      await server.stop();
      if (admin) {
        admin.closeAllConnections();
        await new Promise<void>((resolve) => admin.close(() => resolve()));
      }
    },
  };
}
