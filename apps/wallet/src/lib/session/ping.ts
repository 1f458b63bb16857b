import { randomBytes } from 'node:crypto';
import {
  buildIotpMessage,
  buildPingReqBlk,
  buildTransId,
  buildTransRefBlk,
  IdAllocator,
  newIotpTransId,
  type PingStatusCode,
} from '@ph/iotp';
import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import type { IotpAnswer } from '../iotp/answer';
import { WALLET_SOFTWARE_ID } from '../iotp/consumer-messages';
import { outbound, postAndRecord, type SessionStep } from './session-step';

export interface PingOutcome {
  readonly answer: IotpAnswer;
  readonly pingStatusCode?: PingStatusCode;
  readonly steps: readonly SessionStep[];
}

/** An anonymous Ping Request (profile §4.4): its own transaction, BaselinePing, no state at the PH. */
export async function ping(gatewayUrl: string, client?: IotpHttpClient): Promise<PingOutcome> {
  const now = new Date();
  const ids = new IdAllocator('I', 1);
  const transRefBlkId = ids.next();
  const root = buildIotpMessage({
    transRefBlk: buildTransRefBlk({
      id: transRefBlkId,
      transId: buildTransId({
        id: ids.next(),
        iotpTransId: newIotpTransId(now, randomBytes(8).toString('hex'), 'wallet.example'),
        iotpTransType: 'BaselinePing',
        transTimeStamp: now,
      }),
      msgId: { id: ids.msgId, softwareId: WALLET_SOFTWARE_ID, timeStamp: now },
    }),
    blocks: [buildPingReqBlk({ id: ids.next() })],
  });
  const steps: SessionStep[] = [];
  const { answer } = await postAndRecord(
    client ?? sharedClient(gatewayUrl),
    steps,
    outbound(root, ids.msgId, 'Ping Request'),
  );
  return {
    answer,
    ...(answer.kind === 'ping-response' ? { pingStatusCode: answer.block.pingStatusCode } : {}),
    steps,
  };
}
