import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type Principal } from '../auth/api-keys';
import { Allow, type ConsoleRequest } from '../auth/authenticator';
import { OperatorActions } from '../commands/operator-actions';
import { type CommandResult, OperatorCommands } from '../commands/operator-commands';
import {
  checkRange,
  compareDecimals,
  currencyCode,
  decimal,
  decodeCursor,
  integer,
  oneOf,
  only,
  PROCESS_STATES,
  type Query as Q,
  time,
  token,
} from '../http/params';
import { badRequest, notFound } from '../http/problem';
import { ConsoleQueries, type LogSearch } from '../read/console-queries';
import { Inquiry } from '../read/inquiry';
import { LogTail } from './log-tail';
import { OPENAPI_DOCUMENT } from './openapi';

const PAY_ID = /^[A-Za-z0-9._:@-]{1,80}$/;

export function checkPayId(payId: string): string {
  if (!PAY_ID.test(payId))
    throw badRequest('The PaymentHandlerPayId must be 1–80 letters, digits or . _ : @ -.', {
      invalidParams: [{ name: 'payId', reason: 'bad format' }],
    });
  return payId;
}

export const SEARCH_PARAMS = [
  'payId',
  'transId',
  'merchant',
  'brand',
  'state',
  'completionCode',
  'currency',
  'amountMin',
  'amountMax',
  'from',
  'to',
  'order',
  'limit',
  'cursor',
];
export const LOG_PARAMS = [
  'payId',
  'transId',
  'eventType',
  'category',
  'from',
  'to',
  'limit',
  'cursor',
  'after',
];

export function parseSearch(query: Q) {
  only(query, SEARCH_PARAMS);
  const amountMin = decimal(query, 'amountMin');
  const amountMax = decimal(query, 'amountMax');
  if (amountMin !== undefined && amountMax !== undefined && compareDecimals(amountMin, amountMax) > 0)
    throw badRequest('amountMin must not be greater than amountMax.', {
      invalidParams: [{ name: 'amountMin', reason: 'greater than amountMax' }],
    });
  const from = time(query, 'from');
  const to = time(query, 'to');
  checkRange('from', from, 'to', to);
  return {
    payId: token(query, 'payId'),
    transId: token(query, 'transId'),
    merchant: token(query, 'merchant'),
    brand: token(query, 'brand'),
    state: oneOf(query, 'state', PROCESS_STATES),
    completionCode: token(query, 'completionCode'),
    currency: currencyCode(query, 'currency'),
    amountMin,
    amountMax,
    from,
    to,
    order: oneOf(query, 'order', ['asc', 'desc'] as const) ?? 'desc',
    limit: integer(query, 'limit', 50, 1, 200),
    after: decodeCursor(query, 'cursor', 'payments', 2),
  };
}

export function parseLog(query: Q): LogSearch {
  only(query, LOG_PARAMS);
  const from = time(query, 'from');
  const to = time(query, 'to');
  checkRange('from', from, 'to', to);
  // A time window pages by (occurred time, position), everything else by position: the cursor of a
  // page fits only the same kind of query.
  const windowed = from !== undefined || to !== undefined;
  const cursor = windowed
    ? decodeCursor(query, 'cursor', 'logt', 2)
    : decodeCursor(query, 'cursor', 'log', 1);
  const before = cursor?.[cursor.length - 1];
  const beforeOccurredAt = windowed ? cursor?.[0] : undefined;
  if (beforeOccurredAt !== undefined && Number.isNaN(Date.parse(beforeOccurredAt)))
    throw badRequest('Parameter cursor is not a cursor this endpoint issued.', {
      invalidParams: [{ name: 'cursor', reason: 'bad cursor' }],
    });
  const after = token(query, 'after');
  for (const [name, v] of [
    ['cursor', before],
    ['after', after],
  ] as const)
    if (v !== undefined && !/^[0-9]{1,19}$/.test(v))
      throw badRequest(`Parameter ${name} must be a log position.`, {
        invalidParams: [{ name, reason: 'bad position' }],
      });
  if (before !== undefined && after !== undefined) throw badRequest('Give either cursor or after, not both.');
  return {
    payId: token(query, 'payId'),
    transId: token(query, 'transId'),
    eventType: token(query, 'eventType'),
    category: oneOf(query, 'category', ['payment', 'iotptx'] as const),
    from,
    to,
    limit: integer(query, 'limit', 50, 1, 500),
    before,
    ...(beforeOccurredAt !== undefined && { beforeOccurredAt }),
    after,
  };
}

/** The operator API under /api (OpenAPI: /api/openapi.json). */
@Controller('api')
export class ApiController {
  constructor(
    @Inject(ConsoleQueries) private readonly queries: ConsoleQueries,
    @Inject(Inquiry) private readonly inquiry: Inquiry,
    @Inject(OperatorCommands) private readonly commands: OperatorCommands,
    @Inject(OperatorActions) private readonly actions: OperatorActions,
    @Inject(LogTail) private readonly tail: LogTail,
  ) {}

  @Get('openapi.json')
  @Allow('public')
  openapi(): unknown {
    return OPENAPI_DOCUMENT;
  }

  @Get('whoami')
  @Allow('viewer')
  whoami(@Req() req: ConsoleRequest): Principal {
    return req.principal!;
  }

  @Get('payments')
  @Allow('viewer')
  search(@Query() query: Q) {
    return this.queries.searchPayments(parseSearch(query));
  }

  @Get('payments/:payId')
  @Allow('viewer')
  async payment(@Param('payId') payId: string, @Query() query: Q) {
    only(query, []);
    const detail = await this.inquiry.payment(checkPayId(payId));
    if (!detail) throw notFound(`No payment ${payId}.`);
    return detail;
  }

  @Get('payments/:payId/receipt')
  @Allow('viewer')
  async receipt(@Param('payId') payId: string, @Query() query: Q) {
    only(query, []);
    const receipt = await this.inquiry.receipt(checkPayId(payId));
    if (!receipt)
      throw notFound(
        `Payment ${payId} has no receipt (it is unknown, not finished, or finished without one).`,
      );
    return receipt;
  }

  @Get('pending')
  @Allow('viewer')
  pending(@Query() query: Q) {
    only(query, ['olderThan', 'state', 'brand', 'limit', 'cursor']);
    return this.queries.pending({
      olderThanSeconds: integer(query, 'olderThan', 0, 0, 365 * 24 * 3600),
      state: oneOf(query, 'state', ['InProgress', 'Suspended'] as const),
      brand: token(query, 'brand'),
      limit: integer(query, 'limit', 50, 1, 200),
      after: decodeCursor(query, 'cursor', 'pending', 2),
    });
  }

  @Get('log')
  @Allow('viewer')
  log(@Query() query: Q) {
    return this.queries.log(parseLog(query));
  }

  /** Server-Sent Events: every new payment-log row (filters as /api/log), `id:` = its position. */
  @Get('log/stream')
  @Allow('viewer')
  async stream(@Query() query: Q, @Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const {
      limit: _limit,
      before: _before,
      beforeOccurredAt: _beforeOccurredAt,
      ...filters
    } = parseLog({ ...query, limit: undefined, cursor: undefined });
    const lastEventId = req.headers['last-event-id'];
    const resume =
      typeof lastEventId === 'string' && /^[0-9]{1,19}$/.test(lastEventId) ? lastEventId : undefined;
    await this.tail.open(req, reply, { ...filters, after: resume ?? filters.after });
  }

  @Get('totals')
  @Allow('viewer')
  async totals(@Query() query: Q) {
    only(query, ['from', 'to']);
    const to = time(query, 'to') ?? new Date().toISOString();
    const from = time(query, 'from') ?? new Date(Date.parse(to) - 24 * 3600 * 1000).toISOString();
    checkRange('from', from, 'to', to);
    const rows = await this.queries.totals(from, to);
    const byState: Record<string, number> = {};
    for (const r of rows) byState[r.processState] = (byState[r.processState] ?? 0) + r.count;
    return { from, to, byState, rows };
  }

  @Get('overview')
  @Allow('viewer')
  overview(@Query() query: Q) {
    only(query, ['minutes']);
    return this.inquiry.overview(integer(query, 'minutes', 60, 1, 24 * 60));
  }

  @Get('operator-actions')
  @Allow('viewer')
  async operatorActions(@Query() query: Q) {
    only(query, ['payId', 'limit']);
    return {
      items: await this.actions.list({
        payId: token(query, 'payId'),
        limit: integer(query, 'limit', 50, 1, 500),
      }),
    };
  }

  @Post('payments/:payId/cancel')
  @Allow('operator')
  @HttpCode(200)
  cancel(@Param('payId') payId: string, @Req() req: ConsoleRequest): Promise<CommandResult> {
    return this.commands.cancel(checkPayId(payId), req.principal!);
  }

  @Post('payments/:payId/resume')
  @Allow('operator')
  @HttpCode(200)
  resume(@Param('payId') payId: string, @Req() req: ConsoleRequest): Promise<CommandResult> {
    return this.commands.resume(checkPayId(payId), req.principal!);
  }

  @Post('payments/:payId/remove-log')
  @Allow('operator')
  @HttpCode(200)
  removeLog(@Param('payId') payId: string, @Req() req: ConsoleRequest): Promise<CommandResult> {
    return this.commands.removeLog(checkPayId(payId), req.principal!);
  }
}
