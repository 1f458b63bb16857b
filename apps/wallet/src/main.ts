import { parseArgs } from 'node:util';
import { cancel, inquire, pay, pingCommand } from './cli/commands';
import { DEFAULT_GATEWAY, USAGE, UsageError } from './cli/usage';
import { IotpTransportError, WalletUsageError } from './lib';

/** `npm run wallet -- <command> [options]`: complete IOTP payments against a PH gateway (profile §6). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      gateway: { type: 'string', default: DEFAULT_GATEWAY },
      verbose: { type: 'boolean', short: 'v', default: false },
      amount: { type: 'string' },
      currency: { type: 'string', default: 'EUR' },
      customer: { type: 'string', default: 'alice' },
      brand: { type: 'string' },
      'unsigned-receipt': { type: 'boolean', default: false },
      trans: { type: 'string' },
      'trans-timestamp': { type: 'string' },
      'pay-id': { type: 'string' },
      'payment-ref': { type: 'string' },
    },
  });
  const common = { gateway: values.gateway, verbose: values.verbose };
  const payOptions = {
    ...common,
    amount: values.amount,
    currency: values.currency,
    customer: values.customer,
    brand: values.brand,
    unsignedReceipt: values['unsigned-receipt'],
  };
  switch (command) {
    case 'pay':
      return pay(payOptions);
    case 'cancel':
      return cancel(payOptions);
    case 'inquire':
      return inquire({
        ...common,
        trans: values.trans,
        transTimestamp: values['trans-timestamp'],
        payId: values['pay-id'],
        paymentRef: values['payment-ref'],
      });
    case 'ping':
      return pingCommand(common);
    default:
      throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One clear line for what an operator can fix; a stack only for real bugs.
    if (error instanceof IotpTransportError) console.error(`wallet: ${error.message}`);
    else if (error instanceof UsageError || isParseArgsError(error))
      console.error(`wallet: ${(error as Error).message}\n\n${USAGE}`);
    else if (error instanceof WalletUsageError) console.error(`wallet: ${error.message}`);
    else console.error(error);
    process.exitCode = 1;
  },
);

const isParseArgsError = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
