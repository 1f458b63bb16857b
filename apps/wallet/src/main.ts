import { parseArgs } from 'node:util';
import { amountOf, cancel, inquire, pay, pingCommand } from './cli/commands';
import { payIssuerMicro, paySetLike, paySms } from './cli/scheme-commands';
import { payEPurse } from './cli/e-purse-command';
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
      bank: { type: 'string', default: 'http://127.0.0.1:8091' },
      msisdn: { type: 'string', default: '+4915100000001' },
      answer: { type: 'string', default: 'YES' },
      card: { type: 'string' },
      expiry: { type: 'string', default: '2030-12' },
      purse: { type: 'string', default: 'EP-0001' },
      signed: { type: 'boolean', default: false },
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
      if (values.brand === 'GeldKarte')
        return payEPurse({ ...common, ...amountOf(payOptions), purse: values.purse });
      if (values.brand === 'VISA' || values.brand === 'MasterCard') {
        const card = values.card ?? (values.brand === 'VISA' ? '4111111111111111' : '5555555555554444');
        return paySetLike({
          ...common,
          ...amountOf(payOptions),
          brand: values.brand,
          card,
          expiry: values.expiry,
        });
      }
      if (values.brand === 'x-SmsConfirm' || values.brand === 'x-IssuerMicro') {
        const answer = values.answer as 'YES' | 'NO' | 'none';
        if (!['YES', 'NO', 'none'].includes(answer))
          throw new UsageError(`--answer must be YES, NO or none, not '${answer}'`);
        const scheme = {
          ...common,
          ...amountOf(payOptions),
          bank: values.bank,
          msisdn: values.msisdn,
          answer,
          card: values.card ?? 'CR-ALICE-0001',
        };
        return values.brand === 'x-SmsConfirm' ? paySms(scheme) : payIssuerMicro(scheme);
      }
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
      return pingCommand({ ...common, signed: values.signed });
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
