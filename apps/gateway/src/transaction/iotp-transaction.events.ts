import type { XmlElement } from '@ph/iotp';

/**
 * Facts the IOTP Application Core records about one IOTP transaction at the Payment Handler
 * (stream `iotptx-<digest of IotpTransId>`). The payment itself lives in its own stream
 * (`payment-<PaymentHandlerPayId>`, owned by the payment worker); this stream holds what the wire
 * protocol needs: attempts, message numbering, the saved answers that make retransmissions
 * byte-identical (profile §1.6), and the transaction's Open/Cancelled/HardErrored status (§4.1).
 */

/** A digest target the receipt signature will reference (profile §2.6). */
export interface DigestRef {
  readonly id: string;
  /** base64 DOM-HASH. */
  readonly digest: string;
}

export interface PaymentAttemptStarted {
  readonly type: 'PaymentAttemptStarted';
  readonly payId: string;
  readonly bridgeId: string;
  readonly merchantId: string;
  /** Payment/@ID, the ElRef of every Status about this payment. */
  readonly paymentRef: string;
  readonly consumerPaymentId?: string;
  /** The PH's TradingRole/@IotpMsgIdPrefix in the Payment Request ('P' if none). */
  readonly msgIdPrefix: string;
  readonly phTradingRoleId?: string;
  readonly phOrgRef: string;
  readonly merchantOrgRef: string;
  readonly signedPayReceipt: boolean;
  readonly transTimeStamp: string;
  /** What the receipt signature digests besides the Payment Response itself. */
  readonly receiptDigests: {
    readonly transId: DigestRef;
    readonly signatures: readonly DigestRef[];
    readonly brandSelection: DigestRef;
  };
}

/** A Consumer PaySchemeData digest kept for a later receipt signature (e.g. HS-Pay, profile §2.6 item 9). */
export interface SchemeDataReceived {
  readonly type: 'SchemeDataReceived';
  readonly payId: string;
  readonly names: readonly string[];
  readonly ref: DigestRef;
}

export interface IotpMessageAnswered {
  readonly type: 'IotpMessageAnswered';
  /** Replay key: the inbound MsgId/@ID, plus the digest for inquiries (profile §1.6). */
  readonly key: string;
  readonly inMsgId: string;
  /** hex DOM-HASH of the inbound IotpMessage. */
  readonly digest: string;
  /** The answer as sent (UTF-8 XML), or null for 204 No Content. */
  readonly answer: string | null;
  /** The MsgId/@ID of our answer, when there is one. */
  readonly outMsgId?: string;
  /** Whether the inbound message counts as processed for LastReceivedIotpMsgRef (ignored ones do not). */
  readonly received: boolean;
  /** Whether our answer belongs to the payment exchange (LastSentIotpMsgRef). */
  readonly sentInExchange: boolean;
}

export interface PaymentAttemptFinished {
  readonly type: 'PaymentAttemptFinished';
  readonly payId: string;
  /** The Status element sent in the Payment Response or Cancel Block, copied into inquiry answers. */
  readonly status: XmlElement;
  readonly processState: string;
  readonly completionCode?: string;
  /** A recoverable failure lets a new Payment Request start a new attempt (iotp-messages §7.7). */
  readonly recoverable: boolean;
}

export interface TransactionCancelledByConsumer {
  readonly type: 'TransactionCancelledByConsumer';
  readonly payId?: string;
  readonly completionCode: string;
}

export interface TransactionHardErrored {
  readonly type: 'TransactionHardErrored';
  readonly payId?: string;
  /** The ErrorComp sent or received, copied into inquiry answers (profile §4.3). */
  readonly errorComp: XmlElement;
  readonly sentByUs: boolean;
}

export type IotpTransactionEvent =
  | PaymentAttemptStarted
  | SchemeDataReceived
  | IotpMessageAnswered
  | PaymentAttemptFinished
  | TransactionCancelledByConsumer
  | TransactionHardErrored;
