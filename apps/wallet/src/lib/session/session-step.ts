import { serializeIotpXml, type XmlElement } from '@ph/iotp';
import type { IotpHttpClient } from '../http/iotp-http-client';
import { answerMsgId, readAnswer, type IotpAnswer } from '../iotp/answer';

/** One IOTP message on the wire, as the CLI prints it and tests inspect it. */
export interface SessionStep {
  readonly direction: '→' | '←';
  /** `C1`, `P1`, `I1`, `Q1`; `—` for an answer without a readable MsgId (204, HTTP error). */
  readonly msgId: string;
  /** e.g. `Payment Request  EUR 12.50  x-DemoHashPay  (alice)`. */
  summary: string;
  readonly xml: Buffer;
  /** On answers only. */
  readonly httpStatus?: number;
}

export interface Outbound {
  readonly msgId: string;
  readonly summary: string;
  readonly xml: Buffer;
}

export const outbound = (root: XmlElement, msgId: string, summary: string): Outbound => ({
  msgId,
  summary,
  xml: serializeIotpXml(root),
});

/**
 * POSTs one message and records both directions. The answer's step is returned so the caller can
 * complete its summary once it has checked the answer (receipt, balance).
 */
export async function postAndRecord(
  client: IotpHttpClient,
  steps: SessionStep[],
  out: Outbound,
): Promise<{ answer: IotpAnswer; step: SessionStep }> {
  steps.push({ direction: '→', msgId: out.msgId, summary: out.summary, xml: out.xml });
  const answer = readAnswer(await client.post(out.xml));
  const step: SessionStep = {
    direction: '←',
    msgId: answerMsgId(answer),
    summary: describeAnswer(answer),
    xml: answer.raw,
    httpStatus: answer.httpStatus,
  };
  steps.push(step);
  return { answer, step };
}

/** The one-line description of an answer (the CLI's `← P1 …` lines). */
export function describeAnswer(a: IotpAnswer): string {
  switch (a.kind) {
    case 'exchange': {
      const psd = a.block.paySchemeData;
      // SET-like payloads travel unnamed (profile §3.4): name them by their SET message.
      const names = psd.packagedContents
        .map((p) => p.name ?? setMessageName(p.value) ?? '(unnamed)')
        .join(' ');
      return `Payment Exchange  ${names}  PaymentHandlerPayId=${psd.paymentHandlerPayId ?? '?'}`;
    }
    case 'response':
      return `Payment Response  ${statusText(a.block.status)}`;
    case 'cancel':
      return `Cancel  ${statusText(a.block.status)}`;
    case 'error': {
      const e = a.block.errorComps[0];
      return e ? `Error  ${e.severity} ${e.errorCode}: ${e.errorDesc}` : 'Error';
    }
    case 'inquiry-response':
      return `Inquiry Response  ${statusText(a.block.status)}  last received ${a.block.lastReceivedIotpMsgRef ?? 'Null'}, last sent ${a.block.lastSentIotpMsgRef ?? 'Null'}`;
    case 'ping-response':
      return `Ping Response  ${a.block.pingStatusCode}${a.block.pingStatusDesc ? `  ${a.block.pingStatusDesc}` : ''}`;
    case 'no-content':
      return `(HTTP ${a.httpStatus}, no content)`;
    case 'invalid':
      return `(not an IOTP answer: ${a.problem})`;
  }
}

const statusText = (s: {
  readonly processState: string;
  readonly completionCode?: string;
  readonly statusDesc?: string;
}): string =>
  [s.processState, s.completionCode, s.statusDesc && `"${s.statusDesc}"`].filter(Boolean).join(' ');

/** The `msg` of a SET-like JSON payload (base64), for the step summary only. */
function setMessageName(value: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? parsed.msg : undefined;
  } catch {
    return undefined;
  }
}
