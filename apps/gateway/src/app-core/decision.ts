import { createHash } from 'node:crypto';
import type { InboundMessage } from '@ph/iotp';
import type { IotpTransactionEvent } from '../transaction/iotp-transaction.events';
import type { IotpTransactionState } from '../transaction/iotp-transaction.state';
import type { OutboundMessage } from './outbound-message';

/** One inbound message with what the Application Core knows about its transaction. */
export interface Inbound {
  readonly msg: InboundMessage;
  readonly iotpTransId: string;
  readonly inMsgId: string;
  /** hex DOM-HASH of the whole IotpMessage (profile §1.6). */
  readonly digest: string;
  /** Replay key (profile §1.6). */
  readonly key: string;
  readonly state: IotpTransactionState;
  readonly now: Date;
}

/**
 * What handling one message decided. `saved` answers are recorded with the events in one append, so a
 * retransmission gets them byte for byte; `unsaved` ones change nothing (profile §1.4, §1.6, §4.1).
 */
export type Decision =
  | {
      readonly kind: 'saved';
      /** undefined = 204 No Content. */
      readonly message?: OutboundMessage;
      readonly events: readonly IotpTransactionEvent[];
      /** Counts for LastReceivedIotpMsgRef (ignored messages do not). */
      readonly received: boolean;
      /** Our answer belongs to the payment exchange (LastSentIotpMsgRef). */
      readonly sentInExchange: boolean;
    }
  | { readonly kind: 'unsaved'; readonly message?: OutboundMessage };

export const ignored: Decision = { kind: 'unsaved' };

/**
 * The command id of a Payment API call caused by an inbound message: unique across transactions (MsgIds
 * repeat in every transaction), stable across retransmissions, so the worker recognises a reissued call.
 */
export function commandIdFor(inb: Inbound, step: string): string {
  const base = createHash('sha256').update(`${inb.iotpTransId}\n${inb.key}`).digest('base64url').slice(0, 22);
  return `${base}.${step}`;
}
