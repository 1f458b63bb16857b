import { suspend, systemBusy } from '@ph/bridges/common';
import { randomBytes } from 'node:crypto';
import type {
  AcceptedBrand,
  BridgeOutcome,
  BridgeState,
  PaymentBridge,
  PaymentContext,
  SchemePackagedContent,
} from '../../../common/src/payment-bridge';
import {
  AcquirerRefusedError,
  AcquirerUnavailableError,
  type AcquirerGateway,
} from '../acquirer/acquirer.port';
import type { AuthReq, AuthRes, TransIds } from '../acquirer/acquirer-wire';
import { thumbprint, verifyCredential } from '../crypto/credentials';
import { b64u, digestOf, dualSignatureInput, signObject, verifyBytes, verifyObject } from '../crypto/es256';
import {
  encodeSetPayload,
  onlySetPayload,
  PRES_NAME,
  setPackagedContent,
  SETLIKE_VERSION,
} from '../messages/payload';
import { samePurchAmt, toPurchAmt } from '../messages/purch-amt';
import {
  decodePInitReq,
  decodePReq,
  type PInitReq,
  type PInitRes,
  type PReq,
  type PRes,
} from '../messages/set-messages';
import type { SetLikeConfig } from './set-like.config';
import {
  awaitingAuthResState,
  awaitingPReqState,
  readAwaitingAuthRes,
  readAwaitingPReq,
  type AwaitingPReq,
} from './set-like.state';

export const SET_PROTOCOL_ID = 'SETv1.0';
export const SET_LIKE_BRANDS: readonly AcceptedBrand[] = [
  { brandId: 'VISA', protocolId: SET_PROTOCOL_ID, protocolBrandId: 'VISA' },
  { brandId: 'MasterCard', protocolId: SET_PROTOCOL_ID, protocolBrandId: 'MasterCard' },
];

const reject = (errorCode: string, errorDesc: string, attName?: string): BridgeOutcome => ({
  kind: 'reject',
  errorCode,
  severity: 'HardError',
  errorDesc,
  ...(attName !== undefined ? { attName } : {}),
});
/** SET transaction error (schemes.md §6.7): EncapProtErr HardError; the desc names the SET ErrorCode. */
const setError = (code: string, detail: string) => reject('EncapProtErr', `SET-like ${code}: ${detail}`);

/**
 * The PH side of the SET-like card scheme (RFC 3538 over IOTP, schemes.md §6; profile §3.4):
 * PInitReq → PInitRes (StartPaymentPaymentHandler), PReq → AuthReq/AuthRes with the acquirer's payment
 * gateway → PRes (ContinueProcess). Stateless between calls; the card number never reaches it.
 */
export class SetLikeBridge implements PaymentBridge {
  readonly id = 'set-like';
  readonly brands = SET_LIKE_BRANDS;

  constructor(
    private readonly config: SetLikeConfig,
    private readonly acquirer: AcquirerGateway,
    private readonly random: (size: number) => Buffer = randomBytes,
  ) {}

  async start(ctx: PaymentContext, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome> {
    let init: PInitReq;
    try {
      init = decodePInitReq(onlySetPayload(schemeIn));
    } catch (error) {
      // Also a SET Initiation Response (not simulated) ends here (RFC 3538 §9.4.1).
      return reject('EncapProtErr', (error as Error).message);
    }
    if (init.BrandID !== ctx.protocolBrandId)
      return reject(
        'ElInconsistent',
        'PInitReq BrandID differs from the selected ProtocolBrandId',
        'BrandId',
      );
    if (!toPurchAmt(ctx.amount, ctx.currency))
      return reject('AttValIllegal', 'Amount or currency cannot be expressed as a SET PurchAmt', 'Amount');

    const initDate = isoSeconds(ctx.now);
    const state: Omit<AwaitingPReq, 'step'> = {
      XID: b64u(this.random(20)),
      lidC: init['LID-C'],
      lidM: ctx.payId,
      language: init.Language,
      challC: init['Chall-C'],
      challM: b64u(this.random(16)),
      rrpidInit: init.RRPID,
      authRrpid: b64u(this.random(16)),
      initDate,
    };
    const res: PInitRes = {
      ver: SETLIKE_VERSION,
      msg: 'PInitRes',
      Date: initDate,
      RRPID: init.RRPID,
      TransIDs: transIds(state),
      'Chall-C': init['Chall-C'],
      'Chall-M': state.challM,
      PEThumb: thumbprint(this.config.gatewayKex),
      Creds: [this.config.merchantCred, this.config.gatewayKex].filter(
        (c) => !init.Thumbs.includes(thumbprint(c)),
      ),
    };
    const signed = signObject(res, this.config.merchantKey(), this.config.merchantKid);
    return {
      kind: 'continue',
      schemeOut: [setPackagedContent(encodeSetPayload(signed))],
      state: awaitingPReqState(state),
    };
  }

  async continue(
    ctx: PaymentContext,
    bridgeState: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    const state = readAwaitingPReq(bridgeState);
    if (!state) return reject('ElUnexpected', 'no SET-like payment awaits a PReq');
    let preq: PReq;
    try {
      preq = decodePReq(onlySetPayload(schemeIn));
    } catch (error) {
      return setError('decodingFailure', (error as Error).message);
    }
    const oi = preq.OIData;
    // Checks in the order of schemes.md §6.10.
    if (oi.TransIDs.XID !== state.XID) return setError('unknownXID', 'XID is not the one of our PInitRes');
    if (oi['Chall-C'] !== state.challC || oi['Chall-M'] !== state.challM)
      return setError('challengeMismatch', 'Chall-C/Chall-M differ from PInitReq/PInitRes');
    if (preq.RRPID === state.rrpidInit) return setError('decodingFailure', 'RRPID reused');
    const cred = verifyCredential(preq.CardholderCred, this.config.ca, ctx.now);
    if (!cred || cred.CredType !== 'cardholder' || cred.AcctHash === undefined)
      return setError('invalidCertificate', 'cardholder credential not signed by the CA or not valid now');
    if (!sameBrand(cred.BrandID, ctx.protocolBrandId) || oi.BrandID !== ctx.protocolBrandId)
      return reject(
        'ElInconsistent',
        'the cardholder credential brand differs from the selected ProtocolBrandId',
        'BrandId',
      );
    const purchAmt = toPurchAmt(ctx.amount, ctx.currency);
    const hod = purchAmt && digestOf({ OD: oi.OD, PurchAmt: purchAmt, ODSalt: oi.ODSalt });
    if (!purchAmt || !samePurchAmt(oi.PurchAmt, purchAmt) || hod !== oi.HOD)
      return reject(
        'ElInconsistent',
        'PReq amount or order digest differs from the Payment Request',
        'Amount',
      );
    const oiDigest = digestOf(oi);
    if (!verifyBytes(cred.PubKey, dualSignatureInput(preq.PIDigest, oiDigest), preq.DS))
      return setError('signatureFailure', 'dual signature does not verify');

    // The same inputs give the same AuthReq on every resend (RRPID and Date fixed at PInitRes).
    const authReq = signObject(
      {
        ver: SETLIKE_VERSION,
        msg: 'AuthReq',
        Date: state.initDate,
        RRPID: state.authRrpid,
        TransIDs: transIds(state),
        MerchantID: ctx.merchantOrgId,
        AuthReqAmt: purchAmt,
        CaptureNow: this.config.captureNow,
        EncPI: preq.EncPI,
        PIDigest: preq.PIDigest,
        OIDigest: oiDigest,
        DS: preq.DS,
        CardholderCred: cred,
        MerchantCred: this.config.merchantCred,
      } satisfies AuthReq,
      this.config.merchantKey(),
      this.config.merchantKid,
    );
    return this.authorize(ctx, state, preq.RRPID, authReq);
  }

  /**
   * ResumePaymentPaymentHandler: a payment suspended while the payment gateway was asked resends the
   * kept AuthReq (answered from the gateway's store if it was authorised meanwhile). A PReq the
   * Consumer comes back with must be the one being authorised; the janitor resumes without one. A
   * payment suspended before the PReq (by the AppCore) goes on as PReq processing.
   */
  async resume(
    ctx: PaymentContext,
    bridgeState: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    const pending = readAwaitingAuthRes(bridgeState);
    if (!pending) return this.continue(ctx, bridgeState, schemeIn);
    if (schemeIn.length > 0) {
      let preq: PReq;
      try {
        preq = decodePReq(onlySetPayload(schemeIn));
      } catch (error) {
        return setError('decodingFailure', (error as Error).message);
      }
      if (preq.RRPID !== pending.preqRrpid)
        return reject('ElInconsistent', 'the PReq differs from the one being authorised', 'RRPID');
    }
    let authReq: AuthReq;
    try {
      authReq = JSON.parse(pending.authReq) as AuthReq;
    } catch {
      return suspend('the kept AuthReq is unreadable', bridgeState);
    }
    return this.authorize(ctx, { ...pending, step: 'awaiting-PReq' }, pending.preqRrpid, authReq);
  }

  /** AuthReq → AuthRes → PRes. No answer in time after it went out: suspended, the AuthReq kept. */
  private async authorize(
    ctx: PaymentContext,
    state: AwaitingPReq,
    preqRrpid: string,
    authReq: AuthReq,
  ): Promise<BridgeOutcome> {
    let authRes: AuthRes;
    try {
      authRes = await this.acquirer.authorize(authReq);
    } catch (error) {
      if (error instanceof AcquirerRefusedError)
        return reject('UnknownError', 'the payment gateway could not read our request');
      if (error instanceof AcquirerUnavailableError && error.maybeDelivered)
        return suspend(`payment gateway: ${error.message}`, awaitingAuthResState(state, preqRrpid, authReq));
      if (error instanceof AcquirerUnavailableError) return systemBusy(`payment gateway: ${error.message}`);
      return systemBusy('payment gateway unavailable');
    }
    if (
      !verifyObject(authRes as unknown as Record<string, unknown>, this.config.gatewaySig.PubKey) ||
      authRes.RRPID !== state.authRrpid ||
      authRes.XID !== state.XID
    ) {
      return systemBusy('payment gateway answer does not verify');
    }
    return this.paymentResponse(ctx, state, preqRrpid, authRes);
  }

  private paymentResponse(
    ctx: PaymentContext,
    state: AwaitingPReq,
    preqRrpid: string,
    auth: AuthRes,
  ): BridgeOutcome {
    const approved = auth.AuthCode === 'approved';
    const captured = approved && auth.CapStatus?.CapCode === 'success';
    const pres: PRes = {
      ver: SETLIKE_VERSION,
      msg: 'PRes',
      Date: isoSeconds(ctx.now),
      RRPID: preqRrpid,
      TransIDs: transIds(state),
      'Chall-C': state.challC,
      PResPayload: {
        CompletionCode: captured ? 'capturePerformed' : approved ? 'authorizationPerformed' : 'orderRejected',
        Results: {
          AuthStatus: {
            AuthDate: auth.AuthDate,
            AuthCode: auth.AuthCode,
            AuthRatio: auth.AuthRatio,
            AuthAmt: auth.AuthAmt,
            RespReason: auth.RespReason,
            // Only when the gateway sent one: a magstripe card's PRes stays as it was.
            ...(typeof auth.IssuerAuthData === 'string' && /^[0-9A-F]{20}$/.test(auth.IssuerAuthData)
              ? { IssuerAuthData: auth.IssuerAuthData }
              : {}),
          },
          ...(auth.CapStatus ? { CapStatus: auth.CapStatus } : {}),
        },
      },
    };
    const signed = signObject(pres, this.config.merchantKey(), this.config.merchantKid);
    const schemeOut = [setPackagedContent(encodeSetPayload(signed), PRES_NAME)];
    const ended: BridgeState = {
      step: 'ended',
      XID: state.XID,
      lidM: state.lidM,
      authCode: auth.AuthCode,
      capCode: auth.CapStatus?.CapCode ?? '',
    };
    if (approved) {
      return {
        kind: 'end',
        processState: 'CompletedOk',
        statusDesc: captured ? 'capturePerformed' : 'authorizationPerformed',
        schemeOut,
        receiptNameRefs: [PRES_NAME],
        state: ended,
      };
    }
    return {
      kind: 'end',
      processState: 'Failed',
      completionCode: 'PaymentDecl',
      statusDesc: auth.AuthCode,
      schemeOut,
      state: ended,
    };
  }
}

function transIds(s: Omit<AwaitingPReq, 'step'>): TransIds {
  return { 'LID-C': s.lidC, 'LID-M': s.lidM, XID: s.XID, PReqDate: s.initDate, Language: s.language };
}

/** Brand equal; Product and PCN equal where the selected id has them (schemes.md §6.10). */
function sameBrand(credBrand: string, selected: string): boolean {
  const [cb, cp = '', cpcn = ''] = credBrand.split(':');
  const [sb, sp = '', spcn = ''] = selected.split(':');
  return cb === sb && (sp === '' || sp === cp) && (spcn === '' || spcn === cpcn);
}

const isoSeconds = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
