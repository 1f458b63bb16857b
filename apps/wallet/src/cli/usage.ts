export const DEFAULT_GATEWAY = 'http://127.0.0.1:8080/iotp';

export const USAGE = `usage: npm run wallet -- <command> [options]

  pay      --amount 12.50 --currency EUR [--customer alice] [--brand x-DemoHashPay]
           [--unsigned-receipt] [--gateway ${DEFAULT_GATEWAY}] [--verbose]
  pay      --brand x-SmsConfirm --amount 4.20 [--msisdn +4915100000001] [--answer YES|NO|none]
           [--bank http://127.0.0.1:8091]   (the simulated phone answers the offer SMS)
  pay      --brand VISA|MasterCard --amount 12.50 [--card 4111111111111111] [--expiry 2030-12]
  pay      --brand x-IssuerMicro --amount 0.05 [--card CR-ALICE-0001] [--bank …]
  pay      --brand GeldKarte --amount 2.50 [--purse EP-0001]   (simulated chip card, .data/wallet/)
  inquire  [--trans <IotpTransId> --trans-timestamp <TransTimeStamp>] [--pay-id PH…] [--payment-ref M1.20]
           [--gateway …] [--verbose]          (no options: the last payment, from .data/wallet-last.json)
  cancel   --amount 12.50 --currency EUR [--customer alice] [--gateway …] [--verbose]
           (pays up to the challenge, then cancels)
  ping     [--gateway …] [--signed] [--verbose]

exit code: 0 CompletedOk (or the command succeeded), 2 the payment Failed, 1 any other error`;

/** A mistake on the command line: printed with the usage, exit code 1. */
export class UsageError extends Error {}
