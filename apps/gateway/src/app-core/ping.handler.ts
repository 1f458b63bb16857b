import {
  buildIotpSignatures,
  buildOrg,
  buildPingRespBlk,
  buildSignature,
  domHash,
  type InboundMessage,
  type PingReqBlk,
  type XmlElement,
} from '@ph/iotp';
import { checkPingSignature } from './ping-signature';
import type { CoreServices } from './core-services';
import type { Decision } from './decision';
import { writeMessage } from './outbound-message';

/**
 * Ping (profile §4.4): Q1, our Org first, then copies of the request's Orgs. Creates no state. A signed
 * request gets SigVerifyStatusCode, and when its signature verified, a response signed for its signer
 * (type PingResponse, digests of every Org in the PingRespBlk; profile §2.7).
 */
export function handlePing(
  services: CoreServices,
  msg: InboundMessage,
  block: PingReqBlk,
  status: 'Ok' | 'Busy' | 'Down',
): Decision {
  const ph = services.config.paymentHandler;
  const verified = msg.signatures ? checkPingSignature(services, msg, block) : undefined;
  const message = writeMessage(
    services.writer,
    { transId: msg.transRef.transId.element, inMsgId: msg.transRef.msgId.id, prefix: 'Q', number: 1 },
    (ids) => {
      const signer = verified?.signer;
      const signaturesId = signer ? ids.next() : undefined;
      const signatureId = signer ? ids.next() : undefined;
      const blkId = ids.next();
      const ourOrg = buildOrg(
        {
          orgId: ph.orgId,
          legalName: ph.legalName,
          shortDesc: ph.shortDesc,
          tradingRoles: [
            {
              tradingRole: 'PaymentHandler',
              iotpMsgIdPrefix: 'P',
              cancelNetLocn: `${ph.publicUrl}/cancelled`,
              errorNetLocn: `${ph.publicUrl}/error`,
              errorLogNetLocn: `${ph.publicUrl}/errorlog`,
            },
          ],
          postalAddress: { ...ph.postalAddress, legalLocation: true },
        },
        { orgId: ids.next(), tradingRoleIds: [ids.next()] },
      );
      const requestOrgs = block.orgs.map((o) => o.element);
      const pingRespBlk = buildPingRespBlk({
        id: blkId,
        pingStatusCode: status,
        sigVerifyStatusCode: verified?.status,
        pingStatusDesc: status === 'Ok' ? 'Payment Handler available' : 'Payment Handler busy or down',
        ourOrg,
        requestOrgs,
      });
      if (!signer) return { blocks: [pingRespBlk] };
      const digestOf = (e: XmlElement) => ({ id: e.attrs['ID'], digest: domHash(e) });
      const signature = buildSignature({
        nextId: () => ids.next(),
        signatureId,
        iotpTransId: msg.transRef.transId.iotpTransId,
        digests: [ourOrg, ...requestOrgs].map(digestOf),
        signatureType: 'PingResponse',
        originatorRef: ourOrg.attrs['ID'],
        recipientRefs: [signer.requesterOrgRef],
        keyId: signer.keyId,
        key: { alg: 'hmac-sha256', secret: signer.secret },
      });
      return {
        signatures: buildIotpSignatures({ id: signaturesId as string, signatures: [signature] }),
        blocks: [pingRespBlk],
      };
    },
  );
  return { kind: 'unsaved', message };
}
