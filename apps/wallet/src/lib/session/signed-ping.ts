import { randomBytes } from 'node:crypto';
import {
  buildIotpMessage,
  buildIotpSignatures,
  buildPingReqBlk,
  buildTransId,
  buildTransRefBlk,
  IdAllocator,
  newIotpTransId,
  verifyIotpSignature,
  type SigVerifyStatusCode,
} from '@ph/iotp';
import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import type { IotpAnswer } from '../iotp/answer';
import type { DemoMerchant } from '../merchant/demo-merchant';
import { outbound, postAndRecord, type SessionStep } from './session-step';

export interface SignedPingOutcome {
  readonly answer: IotpAnswer;
  readonly sigVerifyStatusCode?: SigVerifyStatusCode;
  /** The Ping Response carried a PingResponse signature for us that verifies with our key. */
  readonly responseSignatureVerified: boolean;
  readonly steps: readonly SessionStep[];
}

/**
 * A signed Ping Request from the demo merchant to the PH (profile §2.7, iotp-messages §4.8): the two Orgs
 * and a `PingRequest` signature addressed to the PH; the PH answers SigVerifyStatusCode and, when it
 * verified, signs its response (`PingResponse`, every Org) for the merchant, which checks it here.
 */
export async function signedPing(
  merchant: DemoMerchant,
  options: { readonly tamper?: boolean; readonly client?: IotpHttpClient } = {},
): Promise<SignedPingOutcome> {
  const now = new Date();
  const ids = new IdAllocator('I', 1);
  const transRefBlkId = ids.next();
  const iotpTransId = newIotpTransId(now, randomBytes(8).toString('hex'), merchant.orgId);
  const transId = buildTransId({
    id: ids.next(),
    iotpTransId,
    iotpTransType: 'BaselinePing',
    transTimeStamp: now,
  });
  const signaturesId = ids.next();
  const blkId = ids.next();
  const signed = merchant.pingOrgsAndSignature(iotpTransId, ids, options.tamper === true);
  const root = buildIotpMessage({
    transRefBlk: buildTransRefBlk({
      id: transRefBlkId,
      transId,
      msgId: { id: ids.msgId, softwareId: 'Demo Merchant; IOTP demo shop; 0.1.0', timeStamp: now },
    }),
    signatures: buildIotpSignatures({ id: signaturesId, signatures: [signed.signature] }),
    blocks: [buildPingReqBlk({ id: blkId, orgs: signed.orgs })],
  });
  const steps: SessionStep[] = [];
  const { answer } = await postAndRecord(
    options.client ?? sharedClient(merchant.gatewayUrl),
    steps,
    outbound(root, ids.msgId, `Ping Request (signed${options.tamper ? ', spoilt' : ''})`),
  );
  if (answer.kind !== 'ping-response') return { answer, responseSignatureVerified: false, steps };
  const block = answer.block;
  const phOrg = block.orgs[0];
  const signature = answer.message.signatures?.signatures[0];
  const check =
    signature && phOrg
      ? verifyIotpSignature({
          signature,
          iotpTransId,
          elementsById: answer.message.index,
          requiredTargetIds: block.orgs.map((o) => o.id),
          signatureType: 'PingResponse',
          originatorOrgId: phOrg.id,
          recipientOrgId: signed.merchantOrgRef,
          lookupKey: merchant.lookupKey,
        })
      : undefined;
  return {
    answer,
    ...(block.sigVerifyStatusCode ? { sigVerifyStatusCode: block.sigVerifyStatusCode } : {}),
    responseSignatureVerified: check?.ok === true,
    steps,
  };
}
