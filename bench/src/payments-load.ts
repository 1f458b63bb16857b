import { IotpHttpClient, PaymentSession } from '../../apps/wallet/src/lib';
import { closedLoop, type LoadResult } from './load';
import { DURATION_MS, progress, WORKERS } from './settings';

export interface PaymentsLoad {
  readonly result: LoadResult;
  /** IOTP requests sent (two per complete payment). */
  readonly exchanges: number;
}

/** Complete hash/secret payments (C1 → P1, C2 → P2, receipt verified) by WORKERS wallets in a closed loop. */
export async function payInLoop(gatewayUrl: string): Promise<PaymentsLoad> {
  const client = new IotpHttpClient(gatewayUrl, { maxSockets: WORKERS });
  let exchanges = 0;
  try {
    const result = await closedLoop(
      WORKERS,
      DURATION_MS,
      async () => {
        const session = new PaymentSession({
          gatewayUrl,
          client,
          customer: 'alice',
          amount: '0.01',
          currency: 'EUR',
        });
        const p1 = await session.paymentRequest();
        exchanges++;
        if (p1.kind !== 'exchange') throw new Error(`Payment Request answered ${p1.kind}`);
        const result = await session.pay();
        exchanges++;
        if (result.processState !== 'CompletedOk')
          throw new Error(
            `payment ended ${result.processState} ${result.completionCode ?? result.errorCode ?? ''}`,
          );
        return result.receiptVerified;
      },
      progress('payments'),
    );
    return { result, exchanges };
  } finally {
    client.close();
  }
}
