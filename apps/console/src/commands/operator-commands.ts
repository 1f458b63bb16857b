import { randomUUID } from 'node:crypto';
import type { EventStore } from '@ph/event-store';
import type { PaymentApiTransport } from '@ph/messaging';
import { NoHandlerError, RequestTimeoutError, TransportClosedError } from '@ph/messaging';
import type { ApiRequest, IotpPaymentApiRequest, IotpPaymentApiResponse } from '@ph/payment-api';
import { fold, fromStoredEvent, isFinal, paymentStream, type PaymentTransactionState } from '@ph/payments';
import type { Principal } from '../auth/api-keys';
import { conflict, notFound, ProblemError } from '../http/problem';
import type { ConsoleQueries } from '../read/console-queries';
import type { OperatorAction, OperatorActions } from './operator-actions';

/**
 * Brand → bridge, as profile §3.1 routes them (the gateway's BrandRouting holds the same table; apps
 * do not import each other). Used only when the payment's IOTP transaction stream does not name its
 * bridge.
 */
const BRIDGE_OF_BRAND: Readonly<Record<string, string>> = {
  'x-DemoHashPay': 'hash-secret',
  VISA: 'set-like',
  MasterCard: 'set-like',
  GeldKarte: 'e-purse',
  'x-SmsConfirm': 'sms-confirm',
  'x-IssuerMicro': 'issuer-micro',
};

export interface CommandResult {
  readonly actionId: string;
  readonly commandId: string;
  readonly payId: string;
  readonly action: OperatorAction['action'];
  readonly processState?: string;
  readonly completionCode?: string;
  readonly statusDesc?: string;
}

/**
 * Operator commands through the same Payment API path as the gateway's: an RFC 3867 request on
 * `paymentapi.<bridge>.requests` keyed by the PaymentHandlerPayId, with the operator command id as
 * correlation id (the worker's idempotency key). The payment worker decides; the console only checks
 * the payment's stream first so an impossible command gets a clear 409 instead of a bus error.
 */
export class OperatorCommands {
  constructor(
    private readonly deps: {
      readonly transport: PaymentApiTransport;
      readonly store: EventStore;
      readonly queries: ConsoleQueries;
      readonly actions: OperatorActions;
      readonly timeoutMs: number;
    },
  ) {}

  async cancel(payId: string, who: Principal): Promise<CommandResult> {
    const state = await this.load(payId);
    if (state.processState !== 'InProgress' && state.processState !== 'Suspended')
      throw conflict(
        `Payment ${payId} is ${state.processState}; only a payment in progress (or suspended) can be cancelled.`,
        {
          processState: state.processState,
        },
      );
    return this.run('cancel', payId, who, state, {
      call: 'ChangeProcessState',
      PayId: payId,
      ProcessState: 'Failed',
      CompletionCode: 'PaymtCancelled',
    } as ApiRequest);
  }

  async resume(payId: string, who: Principal): Promise<CommandResult> {
    const state = await this.load(payId);
    if (state.processState !== 'Suspended')
      throw conflict(`Payment ${payId} is ${state.processState}; only a suspended payment can be resumed.`, {
        processState: state.processState,
      });
    return this.run('resume', payId, who, state, {
      call: 'ResumePaymentPaymentHandler',
      PaymentHandlerPayId: payId,
    } as ApiRequest);
  }

  async removeLog(payId: string, who: Principal): Promise<CommandResult> {
    const state = await this.load(payId);
    if (!isFinal(state.processState))
      throw conflict(
        `Payment ${payId} is ${state.processState}; its log is kept until the payment is finished (RFC 3867 RemovePaymentLog).`,
        {
          processState: state.processState,
        },
      );
    return this.run('remove-log', payId, who, state, {
      call: 'RemovePaymentLog',
      PayId: payId,
    } as ApiRequest);
  }

  private async load(payId: string): Promise<PaymentTransactionState> {
    const recorded = await this.deps.store.readStream(paymentStream(payId));
    if (recorded.length === 0) throw notFound(`No payment ${payId}.`);
    const state = fold(recorded.map((e) => fromStoredEvent(e)));
    if (state.removed)
      throw conflict(`The log of payment ${payId} was removed; it can no longer be changed.`);
    return state;
  }

  private async bridgeOf(payId: string, state: PaymentTransactionState): Promise<string> {
    const stream = await this.deps.queries.attemptStream(payId);
    if (stream) {
      const events = await this.deps.store.readStream(stream);
      for (const e of events) {
        const d = e.data as { payId?: unknown; bridgeId?: unknown };
        if (e.type === 'PaymentAttemptStarted' && d.payId === payId && typeof d.bridgeId === 'string')
          return d.bridgeId;
      }
    }
    const brand = state.context?.brandId;
    const bridge = brand === undefined ? undefined : BRIDGE_OF_BRAND[brand];
    if (!bridge) throw new ProblemError(503, `No payment bridge is known for payment ${payId}.`);
    return bridge;
  }

  private async run(
    action: OperatorAction['action'],
    payId: string,
    who: Principal,
    state: PaymentTransactionState,
    request: ApiRequest,
  ): Promise<CommandResult> {
    const bridge = await this.bridgeOf(payId, state);
    const actionId = randomUUID();
    const commandId = `op-${actionId}`;
    await this.deps.actions.requested({
      id: actionId,
      actor: who.name,
      actorName: who.username ?? null,
      via: who.via,
      role: who.role,
      action,
      payId,
      commandId,
    });
    let reply: IotpPaymentApiResponse;
    try {
      const envelope: IotpPaymentApiRequest = { request };
      reply = (await this.deps.transport.request(`paymentapi.${bridge}.requests`, payId, envelope, {
        timeoutMs: this.deps.timeoutMs,
        correlationId: commandId,
      })) as IotpPaymentApiResponse;
    } catch (error) {
      const busy =
        error instanceof RequestTimeoutError ||
        error instanceof NoHandlerError ||
        error instanceof TransportClosedError;
      const detail = busy
        ? `The payment bridge ${bridge} did not answer in time; the command (${commandId}) may still take effect — look at the payment before repeating it.`
        : `The command could not be sent to the payment bridge ${bridge}.`;
      await this.deps.actions.finished(actionId, 'failed', detail);
      throw new ProblemError(busy ? 503 : 502, detail, busy ? 'Service unavailable' : 'Bad gateway', {
        actionId,
        commandId,
      });
    }
    const err = reply.ErrorResponse;
    if (err && err.Severity !== 'Warning') {
      const detail = `${err.ErrorCode}: ${err.ErrorDesc}`;
      await this.deps.actions.finished(actionId, 'rejected', detail);
      throw new ProblemError(
        err.Severity === 'TransientError' ? 503 : 409,
        `The payment handler refused the command. ${detail}`,
        err.Severity === 'TransientError' ? 'Service unavailable' : 'Conflict',
        {
          actionId,
          commandId,
          errorCode: err.ErrorCode,
        },
      );
    }
    // The answer of ResumePaymentPaymentHandler is a continuation: the state comes from the stream.
    const after = fold(
      (await this.deps.store.readStream(paymentStream(payId))).map((e) => fromStoredEvent(e)),
    );
    await this.deps.actions.finished(actionId, 'done', after.removed ? 'log removed' : after.processState);
    return {
      actionId,
      commandId,
      payId,
      action,
      processState: after.processState,
      ...(after.completionCode !== undefined && { completionCode: after.completionCode }),
      ...(after.statusDesc !== undefined && { statusDesc: after.statusDesc }),
    };
  }
}
