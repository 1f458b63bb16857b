import { benchSchema } from './postgres';
import { freePort, startProcess, stopProcess } from './processes';

/** The embedded Payment Handler (apps/standalone, one process) as the bench starts it. */
export interface EmbeddedPaymentHandler {
  readonly gatewayUrl: string;
  readonly metricsUrl: string;
  /** The bank simulator (hash/secret clearing, SMS operator, issuer, e-purse clearing centre). */
  readonly bankUrl: string;
  readonly acquirerUrl: string;
  /** Which program runs it (apps/standalone's main). */
  readonly launcher: string;
  stop(): Promise<void>;
}

const STANDALONE = 'dist/apps/standalone/src/main.js';
/**
 * Starts apps/standalone from dist/ against `databaseUrl` in schemas of its own (labelled `label`),
 * every port it opens on a free one (gateway, bank, acquirer, console, HSM), and waits until it is
 * ready. `bridges` sets BRIDGES (default: the app's own default).
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
  const launcher = STANDALONE;
  const hsm = { port: await freePort(), adminPort: await freePort() };
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
      HSM_PORT: String(hsm.port),
      HSM_ADMIN_PORT: String(hsm.adminPort),
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
