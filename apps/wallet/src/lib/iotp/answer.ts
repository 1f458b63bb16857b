import {
  parseIotpXml,
  readIotpMessage,
  type CancelBlk,
  type ErrorBlk,
  type InboundMessage,
  type InquiryRespBlk,
  type PayExchBlk,
  type PayRespBlk,
  type PingRespBlk,
} from '@ph/iotp';
import type { IotpHttpAnswer } from '../http/iotp-http-client';

interface Read<K extends string, B> {
  readonly kind: K;
  readonly httpStatus: number;
  readonly raw: Buffer;
  readonly message: InboundMessage;
  readonly block: B;
}

/** What the PH answered, typed by its trading block (profile §1.3). */
export type IotpAnswer =
  | Read<'exchange', PayExchBlk>
  | Read<'response', PayRespBlk>
  | Read<'cancel', CancelBlk>
  | Read<'error', ErrorBlk>
  | Read<'inquiry-response', InquiryRespBlk>
  | Read<'ping-response', PingRespBlk>
  /** 204: nothing to send (our Cancel, or a message of a cancelled/hard-errored transaction). */
  | { readonly kind: 'no-content'; readonly httpStatus: number; readonly raw: Buffer }
  /** Not an IOTP answer at all: another HTTP status or media type, unreadable XML, an unexpected block. */
  | { readonly kind: 'invalid'; readonly httpStatus: number; readonly raw: Buffer; readonly problem: string };

export type AnswerKind = IotpAnswer['kind'];

const IOTP_MEDIA_TYPE = /^application\/(x-)?iotp\s*(;|$)/i;

export function readAnswer(http: IotpHttpAnswer): IotpAnswer {
  const { status: httpStatus, body: raw } = http;
  if (httpStatus === 204) return { kind: 'no-content', httpStatus, raw };
  const invalid = (problem: string): IotpAnswer => ({ kind: 'invalid', httpStatus, raw, problem });
  if (httpStatus !== 200) return invalid(`HTTP ${httpStatus}`);
  if (!http.contentType || !IOTP_MEDIA_TYPE.test(http.contentType))
    return invalid(`media type '${http.contentType ?? ''}' is not application/iotp`);
  const parsed = parseIotpXml(raw, http.contentType);
  if (!parsed.ok) return invalid(`${parsed.error.code}: ${parsed.error.desc}`);
  const read = readIotpMessage(parsed.root);
  if (!read.ok) return invalid(`${read.error.code}: ${read.error.desc}`);
  const message = read.message;
  const block = message.block;
  const common = { httpStatus, raw, message };
  switch (block.type) {
    case 'PayExchBlk':
      return { kind: 'exchange', ...common, block };
    case 'PayRespBlk':
      return { kind: 'response', ...common, block };
    case 'CancelBlk':
      return { kind: 'cancel', ...common, block };
    case 'ErrorBlk':
      return { kind: 'error', ...common, block };
    case 'InquiryRespBlk':
      return { kind: 'inquiry-response', ...common, block };
    case 'PingRespBlk':
      return { kind: 'ping-response', ...common, block };
    default:
      return invalid(`a PH does not send ${block.type === 'Other' ? block.name : block.type}`);
  }
}

/** "P1", or "—" when the answer has no readable MsgId. */
export const answerMsgId = (a: IotpAnswer): string =>
  a.kind === 'no-content' || a.kind === 'invalid' ? '—' : a.message.transRef.msgId.id;
