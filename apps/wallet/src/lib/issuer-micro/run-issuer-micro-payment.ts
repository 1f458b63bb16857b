import { buildMpAuth, readMpResult } from '../../schemes/issuer-micro/mp-payloads';
import type { IotpAnswer } from '../iotp/answer';
import { KNOWN_BRANDS } from '../merchant/offer-brands';
import {
  jsonContent,
  SchemeSession,
  schemeResult,
  type SchemePaymentResult,
} from '../session/scheme-session';

export interface RunIssuerMicroPaymentOptions {
  readonly gatewayUrl: string;
  /** The card token registered with the issuer (demo: CR-ALICE-0001). */
  readonly cardRef: string;
  readonly amount: string;
  readonly currency: string;
  /** Resend the Payment Request unchanged this many times after the answer (retransmission tests). */
  readonly resends?: number;
}

export interface IssuerMicroPaymentResult extends SchemePaymentResult {
  readonly authId?: string;
  readonly mpStatus?: string;
  /** The answers to the resent Payment Requests. */
  readonly resent: readonly IotpAnswer[];
  readonly session: SchemeSession;
}

/** An x-IssuerMicro payment (profile §3.7): MP-Auth → MP-Result in one round trip. */
export async function runIssuerMicroPayment(
  options: RunIssuerMicroPaymentOptions,
): Promise<IssuerMicroPaymentResult> {
  const session = new SchemeSession({
    gatewayUrl: options.gatewayUrl,
    amount: options.amount,
    currency: options.currency,
    brand: KNOWN_BRANDS['x-IssuerMicro'],
  });
  const answer = await session.paymentRequest(
    jsonContent('MP-Auth', buildMpAuth(options.cardRef)),
    `Payment Request  ${options.currency} ${options.amount}  x-IssuerMicro  (${options.cardRef})`,
  );
  const resent: IotpAnswer[] = [];
  for (let i = 0; i < (options.resends ?? 0); i++) resent.push(await session.resend());
  let mp: { authId: string; status: string } | undefined;
  const result = schemeResult(session, answer, (names, contents) =>
    names.join(' ') === 'MP-Result' && contents.has('MP-Result') ? [] : ['receipt is not MP-Result'],
  );
  if (answer.kind === 'response') {
    const text = answer.block.paySchemeData?.packagedContents.find((p) => p.name === 'MP-Result')?.value;
    if (text !== undefined) mp = readMpResult(text);
  }
  return {
    ...result,
    ...(mp ? { authId: mp.authId, mpStatus: mp.status } : {}),
    resent,
    session,
  };
}
