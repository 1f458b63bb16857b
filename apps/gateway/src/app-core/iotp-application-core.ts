import { WrongExpectedRevisionError } from '@ph/event-store';
import {
  domHash,
  parseIotpXml,
  readIotpMessage,
  scanTransRef,
  wireError,
  buildElement,
  type InboundMessage,
  type IotpWireError,
  type XmlElement,
} from '@ph/iotp';
import { KeyedMutex, iotpLatency, iotpMessages } from '@ph/platform';
import type { IotpAnswer, IotpMessageProcessor } from '../http/iotp-http';
import type { IotpTransactionState } from '../transaction/iotp-transaction.state';
import { exchangePrefix } from '../transaction/iotp-transaction.state';
import type { TransactionRepository } from '../transaction/transaction-repository';
import { handleCancel, handleErrorBlock } from './cancel-and-error.handler';
import { exchangeAddressing, located, refuseMessage, systemBusy, type CoreServices } from './core-services';
import type { Decision, Inbound } from './decision';
import { handleInquiry } from './inquiry.handler';
import { writeErrorMessage, type Addressing } from './outbound-message';
import { handlePaymentExchange } from './payment-exchange.handler';
import { handlePaymentRequest } from './payment-request.handler';
import { handlePing } from './ping.handler';

const NO_CONTENT: IotpAnswer = { status: 204 };
const answer = (xml: Buffer | string): IotpAnswer => ({
  status: 200,
  body: Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8'),
});

/**
 * The IOTP Application Core of the Payment Handler (iotp-messages §10.2): hardened parse, envelope
 * checks, duplicate detection, one message per transaction at a time, the block handlers, and one
 * append per message holding its effects together with the saved answer.
 */
export class IotpApplicationCore implements IotpMessageProcessor {
  private readonly order = new KeyedMutex();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly services: CoreServices,
    private readonly transactions: TransactionRepository,
  ) {}

  async process(body: Buffer, contentType: string): Promise<IotpAnswer> {
    const started = process.hrtime.bigint();
    let block = 'unreadable';
    let result: IotpAnswer;
    try {
      const parsed = parseIotpXml(body, contentType);
      if (!parsed.ok) {
        result = await this.rejectUnparsable(body, parsed.error.code, parsed.error.desc);
      } else {
        const read = readIotpMessage(parsed.root);
        if (!read.ok) {
          result = await this.rejectEnvelope(
            read.error,
            read.hint.transId,
            read.hint.msgId,
            read.hint.inquiryOrPing,
          );
        } else {
          block = read.message.block.type === 'Other' ? read.message.block.name : read.message.block.type;
          result = await this.route(read.message);
        }
      }
    } finally {
      iotpLatency.observe({ block }, Number(process.hrtime.bigint() - started) / 1e9);
    }
    iotpMessages.inc({ block, answer: result.status === 204 ? 'none' : 'message' });
    return result;
  }

  /** The answer when something inside the core failed: UnknownError, never a 5xx (profile §1.3). */
  internalErrorAnswer(): Buffer {
    return writeErrorMessage(
      this.services.writer,
      {
        prefix: 'P',
        number: 1,
        newTransId: { iotpTransId: this.newIotpTransId(), iotpTransType: 'x-iotp-unknown' },
      },
      located('UnknownError', 'An internal error occurred; the message was not processed.', {
        elementType: 'IotpMessage',
      }),
    ).xml;
  }

  private async route(msg: InboundMessage): Promise<IotpAnswer> {
    if (msg.block.type === 'PingReqBlk') {
      const decision = handlePing(this.services, msg, msg.block, 'Ok');
      return decision.message ? answer(decision.message.xml) : NO_CONTENT;
    }
    const iotpTransId = msg.transRef.transId.iotpTransId;
    const inMsgId = msg.transRef.msgId.id;
    const digest = domHash(msg.root).toString('hex');
    // Inquiries share the 'I' prefix among all inquirers, so their key includes the digest (profile §1.6).
    const key = msg.block.type === 'InquiryReqBlk' ? `${inMsgId}#${digest}` : inMsgId;
    const flight = `${iotpTransId}\n${key}`;
    if (this.inFlight.has(flight)) {
      return answer(
        writeErrorMessage(
          this.services.writer,
          {
            transId: msg.transRef.transId.element,
            inMsgId,
            prefix: msg.block.type === 'InquiryReqBlk' ? 'Q' : 'P',
            number: 1,
          },
          located(
            'MsgBeingProc',
            'This message is still being processed.',
            { elementType: 'IotpMessage', iotpMsgRef: inMsgId },
            'TransientError',
          ),
          2,
        ).xml,
      );
    }
    this.inFlight.add(flight);
    try {
      return await this.order.run(iotpTransId, () =>
        this.processInOrder(msg, iotpTransId, inMsgId, digest, key),
      );
    } finally {
      this.inFlight.delete(flight);
    }
  }

  private async processInOrder(
    msg: InboundMessage,
    iotpTransId: string,
    inMsgId: string,
    digest: string,
    key: string,
  ): Promise<IotpAnswer> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.transactions.load(iotpTransId);
      const saved = state.answers.get(key);
      if (saved) {
        if (saved.digest === digest) return saved.answer === null ? NO_CONTENT : answer(saved.answer);
        return answer(
          writeErrorMessage(
            this.services.writer,
            {
              transId: msg.transRef.transId.element,
              inMsgId,
              prefix: exchangePrefix(state),
              number: state.lastExchangeNumber + 1,
            },
            located(
              'ElInconsistent',
              `Message ${inMsgId} was already received with other content; this one is not processed.`,
              {
                elementType: 'MsgId',
                iotpMsgRef: inMsgId,
                attName: 'ID',
              },
              'Warning',
            ),
          ).xml,
        );
      }
      const inb: Inbound = { msg, iotpTransId, inMsgId, digest, key, state, now: this.services.writer.now() };
      const decision = await this.decide(inb);
      try {
        return await this.commit(inb, decision);
      } catch (error) {
        // Another gateway instance answered a message of this transaction in between: decide again.
        if (error instanceof WrongExpectedRevisionError && attempt < 3) continue;
        if (error instanceof WrongExpectedRevisionError) {
          return answer(
            systemBusy(
              this.services,
              inb,
              exchangeAddressing(inb),
              'Concurrent processing of this transaction.',
              2,
            ).message!.xml,
          );
        }
        throw error;
      }
    }
  }

  private decide(inb: Inbound): Promise<Decision> | Decision {
    const block = inb.msg.block;
    switch (block.type) {
      case 'PayReqBlk':
        return handlePaymentRequest(this.services, inb, block);
      case 'PayExchBlk':
        return handlePaymentExchange(this.services, inb, block);
      case 'CancelBlk':
        return handleCancel(this.services, inb, block);
      case 'ErrorBlk':
        return handleErrorBlock(this.services, inb, block);
      case 'InquiryReqBlk':
        return handleInquiry(this.services, inb, block);
      default:
        return refuseMessage(
          this.services,
          inb,
          exchangeAddressing(inb),
          located(
            'ElUnexpected',
            `A Payment Handler does not accept a ${block.type === 'Other' ? block.name : block.type}.`,
            {
              elementType: block.type === 'Other' ? block.name : block.type,
              iotpMsgRef: inb.inMsgId,
              blkRef: 'id' in block ? block.id : undefined,
            },
          ),
        );
    }
  }

  private async commit(inb: Inbound, decision: Decision): Promise<IotpAnswer> {
    const message = decision.message;
    if (decision.kind === 'saved') {
      await this.transactions.append(
        inb.iotpTransId,
        inb.state,
        inb.key,
        [
          ...decision.events,
          {
            type: 'IotpMessageAnswered',
            key: inb.key,
            inMsgId: inb.inMsgId,
            digest: inb.digest,
            answer: message ? message.xml.toString('utf8') : null,
            outMsgId: message?.msgId,
            received: decision.received,
            sentInExchange: decision.sentInExchange,
          },
        ],
        inb.now,
      );
    }
    return message ? answer(message.xml) : NO_CONTENT;
  }

  /** §1.4 rejections of bodies that could not be parsed: addressed from a scan, never saved. */
  private async rejectUnparsable(
    body: Buffer,
    code: IotpWireError['code'],
    desc: string,
  ): Promise<IotpAnswer> {
    const scan = scanTransRef(body);
    const transId =
      scan.iotpTransId !== undefined
        ? buildElement('TransId', {
            ID: scan.id,
            Version: scan.version,
            IotpTransId: scan.iotpTransId,
            IotpTransType: scan.iotpTransType,
            TransTimeStamp: scan.transTimeStamp,
          })
        : undefined;
    const error = wireError(
      code,
      desc,
      { elementType: 'IotpMessage', iotpMsgRef: scan.msgId },
      undefined,
      'HardError',
    );
    return this.rejectEnvelope(
      error,
      transId,
      scan.msgId,
      scan.msgId?.startsWith('I') ?? false,
      scan.iotpTransType,
    );
  }

  private async rejectEnvelope(
    error: IotpWireError,
    transId: XmlElement | undefined,
    inMsgId: string | undefined,
    inquiryOrPing: boolean,
    scannedTransType?: string,
  ): Promise<IotpAnswer> {
    const iotpTransId = transId?.attrs['IotpTransId'];
    let state: IotpTransactionState | undefined;
    if (iotpTransId) {
      try {
        state = await this.transactions.load(iotpTransId);
      } catch {
        state = undefined; // numbering is cosmetic here; the rejection must still be answered
      }
    }
    const known = state && state.status !== 'Unknown';
    const to: Addressing = {
      transId,
      newTransId: transId
        ? undefined
        : { iotpTransId: this.newIotpTransId(), iotpTransType: scannedTransType ?? 'x-iotp-unknown' },
      inMsgId,
      prefix: inquiryOrPing ? 'Q' : known && state ? exchangePrefix(state) : 'P',
      number: known && state ? (inquiryOrPing ? state.lastQNumber : state.lastExchangeNumber) + 1 : 1,
    };
    return answer(writeErrorMessage(this.services.writer, to, error).xml);
  }

  private newIotpTransId(): string {
    const now = this.services.writer.now();
    const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const hex = [...crypto.getRandomValues(new Uint8Array(8))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    return `${stamp}.${hex}@${this.services.config.paymentHandler.orgId}`;
  }
}
