import type { Pool } from 'pg';
import { Counter } from 'prom-client';
import type { EventStore } from '@ph/event-store';
import { paymentStream } from '@ph/payments';
import { metricsRegistry, type Logger } from '@ph/platform';
import type { PaymentApiRequestHandler } from '../payment-api-request.handler';
import { decideOnPendingPayment } from './janitor-decision';
import type { JanitorPolicy } from './janitor-policy';

const decisions = new Counter({
  name: 'janitor_decisions_total',
  help: 'Pending-payment janitor checks by decision (wait, close, resume, escalate, done)',
  labelNames: ['decision'] as const,
  registers: [metricsRegistry],
});

export interface JanitorDeps {
  /** The read models' database: `pending_payments` lists the candidates. */
  readonly pool: Pool;
  readonly readModelSchema: string;
  /** The payment streams: every decision is made on the stream, never on the projection. */
  readonly store: EventStore;
  /** Closing goes through the Payment API like every other state change. */
  readonly handler: Pick<PaymentApiRequestHandler, 'handle'>;
  readonly policy: JanitorPolicy;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now?: () => Date;
}

export interface JanitorReport {
  readonly checked: number;
  readonly closed: number;
  /** Suspended payments the janitor's resumption decided (the existing payment software answered). */
  readonly resumed: number;
  readonly escalated: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/**
 * Looks after payments left InProgress or Suspended (issue 5 item 5, payment-api §11 "close payments
 * abandoned by the Consumer"): candidates come from the `pending_payments` read model, each is checked
 * on its own stream with back-off between checks; a payment whose Consumer did not come back by the
 * deadline is closed Failed/TimedOutRcvr, one whose scheme data came in without an outcome is reported
 * for reconciliation instead of guessed.
 */
export class PendingPaymentJanitor {
  private readonly nextCheck = new Map<string, { at: number; checks: number }>();
  private readonly escalated = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<JanitorReport> | undefined;

  constructor(private readonly deps: JanitorDeps) {
    if (!SCHEMA_NAME.test(deps.readModelSchema))
      throw new Error(`invalid read-model schema '${deps.readModelSchema}'`);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.deps.policy.scanIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One scan; overlapping calls share the scan in progress. */
  tick(): Promise<JanitorReport> {
    this.running ??= this.scan()
      .catch((error: unknown) => {
        this.deps.logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'janitor scan failed',
        );
        return { checked: 0, closed: 0, resumed: 0, escalated: 0 };
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async scan(): Promise<JanitorReport> {
    const now = this.now();
    const { policy } = this.deps;
    const { rows } = await this.deps.pool.query<{ pay_id: string }>(
      `SELECT pay_id FROM ${this.deps.readModelSchema}.pending_payments
        WHERE since <= $1 ORDER BY since, pay_id LIMIT $2`,
      [new Date(now.getTime() - policy.firstCheckAfterMs), policy.batchSize],
    );
    let checked = 0;
    let closed = 0;
    let resumed = 0;
    let escalated = 0;
    for (const { pay_id: payId } of rows) {
      const due = this.nextCheck.get(payId);
      if (due && due.at > now.getTime()) continue;
      checked++;
      const decision = decideOnPendingPayment(
        await this.deps.store.readStream(paymentStream(payId)),
        now,
        policy.abandonAfterMs,
      );
      decisions.inc({ decision: decision.kind });
      if (decision.kind === 'close') {
        if (await this.close(payId, decision.completionCode)) closed++;
      } else if (decision.kind === 'resume') {
        const state = await this.resume(payId);
        if (state !== 'Suspended') resumed++;
        else if (decision.overdue) {
          escalated++;
          if (!this.escalated.has(payId)) {
            this.escalated.add(payId);
            this.deps.logger.warn(
              { payId, suspendedMs: decision.suspendedMs },
              'suspended payment still without an answer from its existing payment software past the deadline; needs reconciliation',
            );
          }
        }
      } else if (decision.kind === 'escalate') {
        escalated++;
        if (!this.escalated.has(payId)) {
          this.escalated.add(payId);
          this.deps.logger.warn({ payId, reason: decision.reason }, 'pending payment needs reconciliation');
        }
      }
      if (decision.kind === 'done') this.nextCheck.delete(payId);
      else this.scheduleNext(payId, now);
    }
    return { checked, closed, resumed, escalated };
  }

  private scheduleNext(payId: string, now: Date): void {
    const { policy } = this.deps;
    const checks = (this.nextCheck.get(payId)?.checks ?? 0) + 1;
    const wait = Math.min(
      policy.maxCheckIntervalMs,
      policy.firstCheckAfterMs * policy.backoffFactor ** checks,
    );
    this.nextCheck.set(payId, { at: now.getTime() + wait, checks });
  }

  /**
   * ResumePaymentPaymentHandler without scheme data; one command id per payment: while the payment
   * stays suspended the worker runs it again, once decided it is a replay. Returns the state after it.
   */
  private async resume(payId: string): Promise<string | undefined> {
    const response = await this.deps.handler.handle(
      { request: { call: 'ResumePaymentPaymentHandler', PaymentHandlerPayId: payId } },
      { commandId: `janitor:${payId}:resume` },
    );
    const inquiry = await this.deps.handler.handle(
      { request: { call: 'InquireProcessState', PayId: payId } },
      { commandId: `janitor:${payId}:inquire` },
    );
    const state =
      inquiry.response && 'ProcessState' in inquiry.response ? inquiry.response.ProcessState : undefined;
    if (state !== 'Suspended') {
      this.deps.logger.info(
        {
          payId,
          state,
          completionCode:
            inquiry.response && 'CompletionCode' in inquiry.response
              ? inquiry.response.CompletionCode
              : undefined,
        },
        'janitor resumed a suspended payment: its existing payment software answered',
      );
    } else if (response.ErrorResponse && response.ErrorResponse.ErrorCode !== 'SystemBusy') {
      this.deps.logger.warn(
        { payId, error: response.ErrorResponse.ErrorCode, desc: response.ErrorResponse.ErrorDesc },
        'janitor could not resume the payment',
      );
    }
    return state;
  }

  private async close(payId: string, completionCode: string): Promise<boolean> {
    const response = await this.deps.handler.handle(
      {
        request: {
          call: 'ChangeProcessState',
          PayId: payId,
          ProcessState: 'Failed',
          CompletionCode: completionCode,
        },
      },
      // One command id per payment and decision: a janitor on another instance closing it too is a replay.
      { commandId: `janitor:${payId}:${completionCode}` },
    );
    const state =
      response.response && 'ProcessState' in response.response ? response.response.ProcessState : undefined;
    if (response.ErrorResponse || state !== 'Failed') {
      this.deps.logger.warn(
        { payId, error: response.ErrorResponse?.ErrorCode, state },
        'janitor could not close the payment',
      );
      return false;
    }
    this.deps.logger.info({ payId, completionCode }, 'janitor closed an abandoned payment');
    return true;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
