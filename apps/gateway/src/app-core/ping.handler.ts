import { buildOrg, buildPingRespBlk, type InboundMessage, type PingReqBlk } from '@ph/iotp';
import type { CoreServices } from './core-services';
import type { Decision } from './decision';
import { writeMessage } from './outbound-message';

/** Ping (profile §4.4): Q1, our Org first, then copies of the request's Orgs. Creates no state. */
export function handlePing(
  services: CoreServices,
  msg: InboundMessage,
  block: PingReqBlk,
  status: 'Ok' | 'Busy' | 'Down',
): Decision {
  const ph = services.config.paymentHandler;
  const message = writeMessage(
    services.writer,
    { transId: msg.transRef.transId.element, inMsgId: msg.transRef.msgId.id, prefix: 'Q', number: 1 },
    (ids) => {
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
      return {
        blocks: [
          buildPingRespBlk({
            id: blkId,
            pingStatusCode: status,
            // Signed pings are LESS FINAL in the profile (§2.7): we do not verify them yet.
            sigVerifyStatusCode: msg.signatures ? 'NotSupported' : undefined,
            pingStatusDesc: status === 'Ok' ? 'Payment Handler available' : 'Payment Handler busy or down',
            ourOrg,
            requestOrgs: block.orgs.map((o) => o.element),
          }),
        ],
      };
    },
  );
  return { kind: 'unsaved', message };
}
