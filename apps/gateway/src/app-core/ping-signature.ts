import {
  parseSignature,
  signaturesAddressedTo,
  verifyIotpSignature,
  type InboundMessage,
  type PingReqBlk,
  type SigVerifyStatusCode,
} from '@ph/iotp';
import type { CoreServices } from './core-services';

/** The requester's key that verified its Ping Request: the Ping Response is signed with it for it. */
export interface PingSigner {
  /** `ID` of the requester's Org (copied unchanged into the Ping Response). */
  readonly requesterOrgRef: string;
  readonly keyId: string;
  readonly secret: Buffer;
}

/**
 * Profile §2.7 [LESS FINAL]: `Ok` when a Signature addressed to our Org (of the request's Orgs)
 * verifies with a registry key of the Org that signed it, `Fail` when one addressed to us does not,
 * `NotSupported` when none is addressed to us (or its signer is not in our registry). Only `Ok`
 * yields a signer for the response.
 */
export function checkPingSignature(
  services: CoreServices,
  msg: InboundMessage,
  block: PingReqBlk,
): { status: SigVerifyStatusCode; signer?: PingSigner } {
  const ours = block.orgs.find(
    (o) => o.orgId.toLowerCase() === services.config.paymentHandler.orgId.toLowerCase(),
  );
  if (!msg.signatures || !ours) return { status: 'NotSupported' };
  const addressed = signaturesAddressedTo(msg.signatures.element, ours.id);
  if (addressed.length === 0) return { status: 'NotSupported' };
  let verifiable = false;
  for (const signature of addressed) {
    const parsed = parseSignature(signature);
    const originator = parsed.ok
      ? block.orgs.find((o) => o.id === parsed.signature.originatorRef)
      : undefined;
    const merchant = originator && services.registry.find(originator.orgId.toLowerCase());
    if (!originator || !merchant) continue;
    verifiable = true;
    let used: { keyId: string; secret: Buffer } | undefined;
    const check = verifyIotpSignature({
      signature,
      iotpTransId: msg.transRef.transId.iotpTransId,
      elementsById: msg.index,
      requiredTargetIds: block.orgs.map((o) => o.id),
      signatureType: 'PingRequest',
      originatorOrgId: originator.id,
      recipientOrgId: ours.id,
      lookupKey: (keyId) => {
        const secret = services.registry.hmacKey(merchant, keyId);
        used = secret && { keyId, secret };
        return secret ? { alg: 'hmac-sha256', secret } : undefined;
      },
    });
    if (check.ok && used) return { status: 'Ok', signer: { requesterOrgRef: originator.id, ...used } };
    if (!check.ok) return { status: 'Fail' };
  }
  return { status: verifiable ? 'Fail' : 'NotSupported' };
}
