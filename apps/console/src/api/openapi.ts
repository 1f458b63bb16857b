/**
 * The operator API's OpenAPI 3.1 document, written by hand (no decorators to keep in step: the
 * e2e test compares its paths with the routes the app registers). Served at /api/openapi.json and
 * rendered at /api/docs.
 */
const problem = { $ref: '#/components/responses/Problem' };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problem]));
const q = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const payIdParam = {
  name: 'payId',
  in: 'path',
  required: true,
  description: 'PaymentHandlerPayId',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:@\\-]{1,80}$' },
};
const ok = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pageOf = (item: string) => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: 'string' } },
});
const limit = (max: number, dflt: number) =>
  q('limit', `Page size, 1–${max}`, { type: 'integer', minimum: 1, maximum: max, default: dflt });
const cursor = q('cursor', 'Opaque cursor from nextCursor of the previous page');
const time = (name: string, d: string) => q(name, d, { type: 'string', format: 'date-time' });
const decimal = (name: string, d: string) =>
  q(name, d, { type: 'string', pattern: '^[0-9]{1,30}(\\.[0-9]{1,30})?$' });
const viewer = [{ apiKey: [] }, { xApiKey: [] }, { bearer: [] }];
const command = (summary: string, description: string) => ({
  tags: ['commands'],
  summary,
  description: `${description} Needs the role operator. Recorded in operator_actions with who did it.`,
  security: viewer,
  parameters: [payIdParam],
  responses: {
    '200': ok('The command was accepted by the payment handler', ref('CommandResult')),
    ...errors(400, 401, 403, 404, 409, 502, 503),
  },
});

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'IOTP Payment Handler operator API',
    version: '1.0.0',
    description:
      'Operator console API. Authenticate with `Authorization: ApiKey <key>` or `X-Api-Key: <key>`, or, ' +
      'when an identity provider is configured, `Authorization: Bearer <JWT>` (roles from a claim). ' +
      'Roles: viewer (read) and operator (read and commands). Errors are application/problem+json (RFC 9457). ' +
      'Amounts are decimal strings, never numbers. Lists use keyset pagination: pass nextCursor back as cursor.',
  },
  servers: [{ url: '/' }],
  security: viewer,
  tags: [{ name: 'payments' }, { name: 'log' }, { name: 'commands' }, { name: 'meta' }],
  paths: {
    '/api/openapi.json': {
      get: {
        tags: ['meta'],
        summary: 'This document',
        security: [],
        responses: { '200': ok('OpenAPI document', { type: 'object' }) },
      },
    },
    '/api/whoami': {
      get: {
        tags: ['meta'],
        summary: 'The caller and its role',
        responses: { '200': ok('Principal', ref('Principal')), ...errors(401) },
      },
    },
    '/api/payments': {
      get: {
        tags: ['payments'],
        summary: 'Search payments',
        description: 'Sorted by start time (then PayId); filters combine with AND.',
        parameters: [
          q('payId', 'PaymentHandlerPayId (exact)'),
          q('transId', 'IOTP TransId (exact)'),
          q('merchant', 'Merchant OrgId (exact, case-insensitive)'),
          q('brand', 'BrandId (exact)'),
          q('state', 'Process state', {
            type: 'string',
            enum: ['NotYetStarted', 'InProgress', 'Suspended', 'CompletedOk', 'Failed', 'ProcessError'],
          }),
          q('completionCode', 'Completion code (exact)'),
          q('currency', 'ISO 4217 code', { type: 'string', pattern: '^[A-Z]{3}$' }),
          decimal('amountMin', 'Smallest amount (inclusive), compared as a decimal'),
          decimal('amountMax', 'Largest amount (inclusive), compared as a decimal'),
          time('from', 'Started at or after'),
          time('to', 'Started before'),
          q('order', 'Sort direction by start time', {
            type: 'string',
            enum: ['desc', 'asc'],
            default: 'desc',
          }),
          limit(200, 50),
          cursor,
        ],
        responses: { '200': ok('A page of payments', pageOf('Payment')), ...errors(400, 401) },
      },
    },
    '/api/payments/{payId}': {
      get: {
        tags: ['payments'],
        summary: 'One payment with its full event history (from the event store)',
        parameters: [payIdParam],
        responses: { '200': ok('Payment and events', ref('PaymentDetail')), ...errors(400, 401, 404) },
      },
    },
    '/api/payments/{payId}/receipt': {
      get: {
        tags: ['payments'],
        summary: 'The payment receipt and its digest check',
        parameters: [payIdParam],
        responses: { '200': ok('Receipt', ref('Receipt')), ...errors(400, 401, 404) },
      },
    },
    '/api/payments/{payId}/cancel': {
      post: command(
        'Cancel a payment in progress',
        'Sends ChangeProcessState(ProcessState=Failed, CompletionCode=PaymtCancelled) over the Payment API.',
      ),
    },
    '/api/payments/{payId}/resume': {
      post: command('Resume a suspended payment', 'Sends ResumePaymentPaymentHandler over the Payment API.'),
    },
    '/api/payments/{payId}/remove-log': {
      post: command(
        'Remove the payment log of a finished payment',
        'Sends RemovePaymentLog over the Payment API (RFC 3867: only for a finished payment).',
      ),
    },
    '/api/pending': {
      get: {
        tags: ['payments'],
        summary: 'Pending payments (InProgress or Suspended) older than N seconds, oldest first',
        parameters: [
          q('olderThan', 'Minimum age in seconds', { type: 'integer', minimum: 0, default: 0 }),
          q('state', 'InProgress or Suspended', { type: 'string', enum: ['InProgress', 'Suspended'] }),
          q('brand', 'BrandId'),
          limit(200, 50),
          cursor,
        ],
        responses: { '200': ok('A page of pending payments', pageOf('Pending')), ...errors(400, 401) },
      },
    },
    '/api/log': {
      get: {
        tags: ['log'],
        summary: 'The payment log, newest first (or oldest first after a position)',
        description:
          'Newest first by log position; with a time window (from/to), newest first by occurred time, then position. ' +
          'A cursor fits only the same kind of query (with or without a window).',
        parameters: [
          q('payId', 'PaymentHandlerPayId'),
          q('transId', 'IOTP TransId'),
          q('eventType', 'Event type, e.g. PaymentCompleted'),
          q('category', 'payment or iotptx', { type: 'string', enum: ['payment', 'iotptx'] }),
          time('from', 'Occurred at or after'),
          time('to', 'Occurred before'),
          q('after', 'Only rows after this position, oldest first', {
            type: 'string',
            pattern: '^[0-9]{1,19}$',
          }),
          limit(500, 50),
          cursor,
        ],
        responses: { '200': ok('A page of log rows', pageOf('LogRow')), ...errors(400, 401) },
      },
    },
    '/api/log/stream': {
      get: {
        tags: ['log'],
        summary: 'Live tail of the payment log (Server-Sent Events)',
        description:
          'Events `log` with a LogRow as data and its position as id; honours Last-Event-ID. Filters as /api/log.',
        parameters: [
          q('payId', 'PaymentHandlerPayId'),
          q('transId', 'IOTP TransId'),
          q('eventType', 'Event type'),
          q('category', 'payment or iotptx'),
          q('after', 'Start after this position'),
        ],
        responses: {
          '200': {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errors(400, 401),
        },
      },
    },
    '/api/totals': {
      get: {
        tags: ['payments'],
        summary:
          'Counts and amount sums per state, brand and currency for a time window (default: last 24 h)',
        parameters: [time('from', 'Started at or after'), time('to', 'Started before (default now)')],
        responses: { '200': ok('Totals', ref('Totals')), ...errors(400, 401) },
      },
    },
    '/api/overview': {
      get: {
        tags: ['meta'],
        summary: 'Payments per minute, success rate, exchange-loop p50/p99, projection lag, per-app metrics',
        description:
          "apps: one entry per scraped /metrics target (CONSOLE_METRICS_TARGETS) or this process's registry: " +
          'up, scrape age, request rates and exchange-loop p50/p99 over the last ≤ 5 minutes, Kafka consumer lag ' +
          '(if exported), projection lag.',
        parameters: [
          q('minutes', 'Window in minutes', { type: 'integer', minimum: 1, maximum: 1440, default: 60 }),
        ],
        responses: { '200': ok('Overview', ref('Overview')), ...errors(400, 401) },
      },
    },
    '/api/operator-actions': {
      get: {
        tags: ['commands'],
        summary: 'Operator commands, newest first, with who did them',
        parameters: [q('payId', 'PaymentHandlerPayId'), limit(500, 50)],
        responses: {
          '200': ok('Actions', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('OperatorAction') } },
          }),
          ...errors(400, 401),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'ApiKey', description: 'Authorization: ApiKey <key>' },
      xApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'Authorization: Bearer <JWT> from the identity provider (RS256 or ES256), when CONSOLE_OIDC_ISSUER is configured',
      },
    },
    responses: {
      Problem: {
        description: 'RFC 9457 problem details',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          invalidParams: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } },
          },
        },
      },
      Principal: {
        type: 'object',
        properties: {
          name: { type: 'string', description: "the API key's name, or the OIDC token's sub" },
          role: { type: 'string', enum: ['viewer', 'operator'] },
          via: { type: 'string', enum: ['api-key', 'session', 'oidc'] },
          username: { type: 'string', description: "the OIDC token's preferred_username" },
        },
      },
      Payment: {
        type: 'object',
        properties: {
          payId: { type: 'string' },
          iotpTransId: { type: 'string' },
          paymentRef: { type: 'string' },
          merchantOrgId: { type: 'string' },
          consumerPaymentId: { type: ['string', 'null'] },
          brandId: { type: 'string' },
          protocolId: { type: 'string' },
          amount: { type: 'string', description: 'decimal string' },
          currency: { type: 'string' },
          processState: { type: 'string' },
          completionCode: { type: ['string', 'null'] },
          statusDesc: { type: ['string', 'null'] },
          messageCount: { type: 'integer' },
          hasReceipt: { type: 'boolean' },
          logRemovedAt: { type: ['string', 'null'] },
          startedAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          finishedAt: { type: ['string', 'null'], format: 'date-time' },
          streamRevision: { type: 'integer' },
        },
      },
      TimelineEvent: {
        type: 'object',
        properties: {
          revision: { type: 'integer' },
          position: { type: 'string' },
          type: { type: 'string' },
          occurredAt: { type: 'string' },
          recordedAt: { type: 'string' },
          commandId: { type: ['string', 'null'] },
          state: { type: 'string', description: 'process state after the event' },
          summary: { type: 'string' },
          data: { type: 'object' },
        },
      },
      PaymentDetail: {
        type: 'object',
        properties: {
          payment: { oneOf: [ref('Payment'), { type: 'null' }] },
          events: { type: 'array', items: ref('TimelineEvent') },
        },
      },
      Receipt: {
        type: 'object',
        properties: {
          payId: { type: 'string' },
          nameRefs: { type: 'array', items: { type: 'string' } },
          items: { type: 'array', items: { type: 'object' } },
          notes: { type: 'array', items: { type: 'object' } },
          completedAt: { type: 'string' },
          check: {
            type: 'object',
            properties: {
              verifiable: { type: 'integer' },
              matching: { type: 'integer' },
              ok: { type: 'boolean' },
            },
          },
        },
      },
      Pending: {
        type: 'object',
        properties: {
          payId: { type: 'string' },
          processState: { type: 'string' },
          brandId: { type: 'string' },
          protocolId: { type: 'string' },
          merchantOrgId: { type: 'string' },
          iotpTransId: { type: 'string' },
          amount: { type: 'string' },
          currency: { type: 'string' },
          since: { type: 'string' },
          ageSeconds: { type: 'integer' },
          nextCheckAt: { type: 'string' },
          reason: { type: ['string', 'null'] },
        },
      },
      LogRow: {
        type: 'object',
        properties: {
          position: { type: 'string' },
          streamId: { type: 'string' },
          streamRevision: { type: 'integer' },
          category: { type: 'string' },
          eventType: { type: 'string' },
          payId: { type: ['string', 'null'] },
          iotpTransId: { type: ['string', 'null'] },
          commandId: { type: ['string', 'null'] },
          occurredAt: { type: 'string' },
          recordedAt: { type: 'string' },
          summary: { type: 'string' },
          inMsgId: { type: ['string', 'null'] },
          outMsgId: { type: ['string', 'null'] },
        },
      },
      Totals: {
        type: 'object',
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          byState: { type: 'object', additionalProperties: { type: 'integer' } },
          rows: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                processState: { type: 'string' },
                brandId: { type: 'string' },
                currency: { type: 'string' },
                count: { type: 'integer' },
                amount: { type: 'string' },
              },
            },
          },
        },
      },
      CommandResult: {
        type: 'object',
        properties: {
          actionId: { type: 'string' },
          commandId: { type: 'string' },
          payId: { type: 'string' },
          action: { type: 'string' },
          processState: { type: 'string' },
          completionCode: { type: 'string' },
          statusDesc: { type: 'string' },
        },
      },
      Overview: {
        type: 'object',
        properties: {
          minutes: { type: 'integer' },
          perMinute: { type: 'array', items: { type: 'object' } },
          finished: { type: 'integer' },
          successRate: { type: ['number', 'null'] },
          exchangeLoop: ref('LoopFigures'),
          projection: { type: 'object' },
          metricsSource: { type: 'string', enum: ['scraped', 'in-process', 'none'] },
          apps: { type: 'array', items: ref('AppFigures') },
        },
      },
      LoopFigures: {
        type: 'object',
        properties: {
          count: { type: 'number' },
          p50Seconds: { type: ['number', 'null'] },
          p99Seconds: { type: ['number', 'null'] },
        },
      },
      AppFigures: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          source: { type: 'string', description: 'the scraped URL, or in-process' },
          up: { type: 'boolean' },
          lastScrapeAt: { type: ['string', 'null'], format: 'date-time' },
          scrapeAgeSeconds: { type: ['number', 'null'] },
          error: { type: ['string', 'null'] },
          windowSeconds: { type: ['number', 'null'] },
          iotpMessagesPerSecond: { type: ['number', 'null'] },
          paymentApiCallsPerSecond: { type: ['number', 'null'] },
          paymentsFinishedPerSecond: { type: ['number', 'null'] },
          exchangeLoop: { oneOf: [ref('LoopFigures'), { type: 'null' }] },
          kafkaConsumerLag: { type: ['number', 'null'] },
          projectionLagEvents: { type: ['number', 'null'] },
          projectionLagSeconds: { type: ['number', 'null'] },
          residentMemoryBytes: { type: ['number', 'null'] },
        },
      },
      OperatorAction: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          at: { type: 'string' },
          actor: { type: 'string', description: "the API key's name, or the OIDC token's sub" },
          actorName: { type: ['string', 'null'], description: "the OIDC token's preferred_username" },
          via: { type: ['string', 'null'], enum: ['api-key', 'session', 'oidc', null] },
          role: { type: 'string' },
          action: { type: 'string' },
          payId: { type: 'string' },
          commandId: { type: 'string' },
          outcome: { type: 'string' },
          detail: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
