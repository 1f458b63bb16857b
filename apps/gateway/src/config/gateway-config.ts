import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { EnvReader } from '@ph/platform';
import { developmentPhConfig, receiptKeyProblem, usesDevelopmentKeys, type PhConfig } from './ph-config';

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly iotpPath: string;
  readonly ph: PhConfig;
  /** Key of the PaymentHandlerPayId derivation (see pay-id.ts). */
  readonly payIdKey: Buffer;
  readonly paymentApiTimeoutMs: number;
  readonly bridges: readonly string[];
}

/** The bridges this build has (profile §3.1); a deployment may run fewer. */
export const DEFAULT_BRIDGES = 'hash-secret,set-like,sms-confirm,issuer-micro,e-purse';

export const SOFTWARE_ID = 'Example Bank AG; IOTP Payment Handler; 0.1.0; build 1';
/** Development default only: a production start requires PH_PAY_ID_KEY. */
const DEV_PAY_ID_KEY = createHash('sha256')
  .update('IOTP Payment Handler PaymentHandlerPayId key (DEV ONLY)')
  .digest();

/**
 * Gateway settings from the environment (README "Configuration"). A production start (NODE_ENV=production)
 * with the profile's published development keys is refused (profile §2.2).
 */
export function readGatewayConfig(env: EnvReader = new EnvReader()): GatewayConfig {
  const port = env.int('GATEWAY_PORT', 8080, 0, 65_535);
  const host = env.string('GATEWAY_HOST', '127.0.0.1');
  const iotpPath = env.string('GATEWAY_IOTP_PATH', '/iotp');
  const publicUrl = env.string('PH_PUBLIC_URL', `http://127.0.0.1:${port}${iotpPath}`);
  const configFile = env.optional('PH_CONFIG_FILE');
  const production = env.string('NODE_ENV', 'development') === 'production';
  let ph = developmentPhConfig(publicUrl, SOFTWARE_ID);
  if (configFile) {
    try {
      const loaded = JSON.parse(readFileSync(configFile, 'utf8')) as PhConfig;
      ph = {
        ...loaded,
        // The development ECDSA key is never carried into a configuration file's PH: it names its own.
        paymentHandler: {
          ...withoutEcdsaKey(ph.paymentHandler),
          ...loaded.paymentHandler,
          softwareId: SOFTWARE_ID,
        },
      };
    } catch (error) {
      env.problem(`PH_CONFIG_FILE ${configFile}: ${(error as Error).message}`);
    }
  }
  const payIdKeyHex = env.optional('PH_PAY_ID_KEY');
  if (payIdKeyHex !== undefined && !/^[0-9a-fA-F]{64}$/.test(payIdKeyHex))
    env.problem('PH_PAY_ID_KEY must be 64 hex digits');
  if (production && usesDevelopmentKeys(ph))
    env.problem("NODE_ENV=production with the profile's development keys: set PH_CONFIG_FILE");
  const keyProblem = receiptKeyProblem(ph);
  if (keyProblem) env.problem(`PH_CONFIG_FILE: ${keyProblem}`);
  if (production && payIdKeyHex === undefined) env.problem('NODE_ENV=production requires PH_PAY_ID_KEY');
  const config: GatewayConfig = {
    host,
    port,
    iotpPath,
    ph,
    payIdKey: payIdKeyHex ? Buffer.from(payIdKeyHex, 'hex') : DEV_PAY_ID_KEY,
    paymentApiTimeoutMs: env.int('PAYMENT_API_TIMEOUT_MS', 8000, 100, 9_000),
    bridges: env
      .string('BRIDGES', DEFAULT_BRIDGES)
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  };
  env.done();
  return config;
}

function withoutEcdsaKey(org: PhConfig['paymentHandler']): PhConfig['paymentHandler'] {
  const { ecdsaReceiptKey: _dev, ...rest } = org;
  return rest;
}
