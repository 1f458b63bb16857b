import { readFileSync } from 'node:fs';
import path from 'node:path';
import { benchSchema } from './postgres';
import { freePort, ROOT, startProcess, stopProcess } from './processes';

/** The embedded Payment Handler (apps/standalone, one process) as the bench starts it. */
export interface EmbeddedPaymentHandler {
  readonly gatewayUrl: string;
  readonly metricsUrl: string;
  /** The bank simulator (hash/secret clearing, SMS operator, issuer, e-purse clearing centre). */
  readonly bankUrl: string;
  readonly acquirerUrl: string;
  /** Which program runs it: apps/standalone's main, or the bench's launcher (standalone-free-ports.ts). */
  readonly launcher: string;
  stop(): Promise<void>;
}

const STANDALONE = 'dist/apps/standalone/src/main.js';
const FREE_PORTS_LAUNCHER = 'dist/bench/src/standalone-free-ports.js';

/** True if the built standalone app names `word` (an env variable, a bridge id) as a string literal. */
export function standaloneReads(word: string): boolean {
  return [STANDALONE, 'dist/apps/standalone/src/standalone.js'].some((file) => {
    try {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return text.includes(`'${word}'`) || text.includes(`"${word}"`);
    } catch {
      return false;
    }
  });
}

/** The e-purse bridge's HSM simulator can be put on free ports (HSM_PORT, HSM_ADMIN_PORT). */
export const standaloneTakesHsmPorts = (): boolean =>
  standaloneReads('HSM_PORT') && standaloneReads('HSM_ADMIN_PORT');

/**
 * Starts apps/standalone from dist/ against `databaseUrl` in schemas of its own (labelled `label`),
 * every port it opens on a free one (gateway, bank, acquirer, console, HSM), and waits until it is
 * ready. `bridges` sets BRIDGES (default: the app's own default). With the e-purse bridge and a main
 * that does not take HSM_PORT/HSM_ADMIN_PORT yet, the bench's launcher runs the same startStandalone()
 * with the HSM on free ports (and no console) instead of binding 1500/1501.
 */
export async function startEmbeddedPaymentHandler(
  databaseUrl: string,
  label: string,
  bridges?: readonly string[],
): Promise<EmbeddedPaymentHandler> {
  const [gatewayPort, bankPort, acquirerPort, consolePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const ePurse = bridges?.includes('e-purse') === true;
  const launcher = ePurse && !standaloneTakesHsmPorts() ? FREE_PORTS_LAUNCHER : STANDALONE;
  const hsm = ePurse ? { port: await freePort(), adminPort: await freePort() } : undefined;
  const ph = await startProcess(
    launcher,
    {
      DATABASE_URL: databaseUrl,
      EVENT_STORE_SCHEMA: benchSchema(`es_${label}`),
      BANK_SIMULATOR_SCHEMA: benchSchema(`bank_${label}`),
      READ_MODEL_SCHEMA: benchSchema(`rm_${label}`),
      ACQUIRER_SIMULATOR_SCHEMA: benchSchema(`acq_${label}`),
      GATEWAY_PORT: String(gatewayPort),
      BANK_SIMULATOR_PORT: String(bankPort),
      ACQUIRER_SIMULATOR_PORT: String(acquirerPort),
      CONSOLE_PORT: String(consolePort),
      ...(bridges ? { BRIDGES: bridges.join(',') } : {}),
      ...(hsm ? { HSM_PORT: String(hsm.port), HSM_ADMIN_PORT: String(hsm.adminPort) } : {}),
    },
    'IOTP Payment Handler ready',
  );
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/iotp`,
    metricsUrl: `http://127.0.0.1:${gatewayPort}/metrics`,
    bankUrl: `http://127.0.0.1:${bankPort}`,
    acquirerUrl: `http://127.0.0.1:${acquirerPort}`,
    launcher,
    stop: () => stopProcess(ph),
  };
}
