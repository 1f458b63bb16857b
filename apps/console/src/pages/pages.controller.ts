import { Body, Controller, Get, Header, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal, Role } from '../auth/api-keys';
import {
  Allow,
  AUTHENTICATOR,
  type Authenticator,
  type ConsoleRequest,
  isRefusal,
  requirePrincipal,
} from '../auth/authenticator';
import { cookieValue, SESSION_COOKIE } from '../auth/sessions';
import { checkPayId, parseLog, parseSearch, SEARCH_PARAMS } from '../api/api.controller';
import { OPENAPI_DOCUMENT } from '../api/openapi';
import { integer, oneOf, only, PROCESS_STATES, type Query as Q } from '../http/params';
import { ProblemError, problemOf } from '../http/problem';
import { ConsoleQueries, type PaymentRow } from '../read/console-queries';
import type { AppFigures } from '../metrics/scraper';
import { Inquiry } from '../read/inquiry';
import { CONSOLE_CSS, CONSOLE_JS } from './assets';
import { esc, formatAmount, maskPan } from './format';
import { layout, stateBadge, svgChart } from './layout';
import { loginPage, safeNext, sendHtml } from './login-page';
import type { OidcLogin } from '../auth/oidc-login';

export const DEV_KEYS_IN_FORCE = Symbol('DevKeysInForce');

export const OIDC_LOGIN = Symbol('OidcLogin');

/**
 * The dashboards: server-rendered HTML (a table or a timeline is plain markup, so the first paint
 * carries the data and needs no bundle), plus one small script for the live tail and the command
 * buttons. Every page needs a session (the login form turns an API key into an HttpOnly cookie).
 */
@Controller()
export class PagesController {
  constructor(
    @Inject(AUTHENTICATOR) private readonly auth: Authenticator,
    @Inject(ConsoleQueries) private readonly queries: ConsoleQueries,
    @Inject(Inquiry) private readonly inquiry: Inquiry,
    @Inject(DEV_KEYS_IN_FORCE) private readonly devKeys: boolean,
    @Inject(OIDC_LOGIN) private readonly oidcLogin: OidcLogin | null,
  ) {}

  @Get('assets/console.css')
  @Allow('public')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'max-age=300')
  css(): string {
    return CONSOLE_CSS;
  }

  @Get('assets/console.js')
  @Allow('public')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'max-age=300')
  js(): string {
    return CONSOLE_JS;
  }

  @Get('login')
  @Allow('public')
  login(
    @Query('next') next: string | undefined,
    @Query('failed') failed: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const page = loginPage({
      next: safeNext(next),
      ...(failed && { problem: 'That API key is not valid.' }),
      devKeys: this.devKeys,
      ...(this.oidcLogin && { oidcIssuer: this.oidcLogin.issuer }),
    });
    this.html(reply, 200, page);
  }

  @Post('login')
  @Allow('public')
  loginPost(
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: ConsoleRequest,
    @Res() reply: FastifyReply,
  ): void {
    const key = typeof body?.apiKey === 'string' ? body.apiKey : '';
    const next = safeNext(typeof body?.next === 'string' ? body.next : undefined);
    const wait = this.auth.throttle.retryAfterSeconds(req.ip);
    if (wait > 0) {
      const page = loginPage({
        next,
        problem: `Too many refused API keys from this address; try again in ${wait} s.`,
        devKeys: this.devKeys,
        ...(this.oidcLogin && { oidcIssuer: this.oidcLogin.issuer }),
      });
      void reply.header('retry-after', String(wait));
      this.html(reply, 429, page);
      return;
    }
    const who = this.auth.keys.verify(key);
    if (!who) {
      this.auth.throttle.fail(req.ip);
      void reply
        .code(303)
        .header('location', `/login?failed=1&next=${encodeURIComponent(next)}`)
        .send();
      return;
    }
    const token = this.auth.sessions.create(who);
    void reply
      .code(303)
      .header(
        'set-cookie',
        `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${this.auth.sessions.maxAgeSeconds}`,
      )
      .header('location', next)
      .send();
  }

  @Post('logout')
  @Allow('public')
  logout(@Req() req: ConsoleRequest, @Res() reply: FastifyReply): void {
    this.auth.sessions.delete(cookieValue(req.headers.cookie, SESSION_COOKIE));
    void reply
      .code(303)
      .header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`)
      .header('location', '/login')
      .send();
  }

  @Get()
  @Allow('public')
  async overview(@Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.page(req, reply, 'viewer', async (who) => {
      const o = await this.inquiry.overview(60);
      const totals = await this.queries.totals(
        new Date(Date.now() - 24 * 3600_000).toISOString(),
        new Date().toISOString(),
      );
      const ms = (s: number | null) => (s === null ? '—' : `${(s * 1000).toFixed(1)} ms`);
      const chart = svgChart(
        o.perMinute.map((m) => ({ label: m.minute, bars: m.started, lines: [m.ok, m.failed] })),
        { barTitle: 'started', lineTitles: ['completed ok', 'failed'] },
      );
      const lag = o.projection.behindEvents;
      const rows = totals
        .map(
          (t) =>
            `<tr><td>${stateBadge(t.processState)}</td><td>${esc(t.brandId)}</td><td>${esc(t.currency)}</td><td class="num">${t.count}</td><td class="num">${esc(formatAmount(t.amount, t.currency))}</td></tr>`,
        )
        .join('');
      return layout(
        'Overview',
        '/',
        who,
        `<h1>Overview</h1>
<div class="cards">
<div class="card">Payments / min (last 60)<b>${(o.perMinute.reduce((s, m) => s + m.started, 0) / o.minutes).toFixed(2)}</b></div>
<div class="card">Success rate (finished, 60 min)<b>${o.successRate === null ? '—' : `${(o.successRate * 100).toFixed(1)} %`}</b><span class="note">${o.finished} finished</span></div>
<div class="card">Exchange loop p50<b>${ms(o.exchangeLoop.p50Seconds)}</b><span class="note">${o.exchangeLoop.count} IOTP messages since start</span></div>
<div class="card">Exchange loop p99<b>${ms(o.exchangeLoop.p99Seconds)}</b><span class="note">${o.metricsSource === 'scraped' ? 'the scraped apps’ histograms' : 'this process’s histogram'}</span></div>
<div class="card">Projection lag<b id="projection-lag">${lag === null ? '—' : `${lag} events`}</b><span class="note">checkpoint ${esc(o.projection.position)}</span></div>
</div>
<h2>Payments per minute (last ${o.minutes} minutes)</h2>${chart}
<h2>Apps <span class="note">(${o.metricsSource === 'scraped' ? 'scraped /metrics' : 'this process’s registry: every app runs in it'}; rates and p50/p99 over the last ≤ 5 minutes)</span></h2>
${appsTable(o.apps)}
<h2>Totals, last 24 hours</h2>
<table><thead><tr><th>State</th><th>Brand</th><th>Currency</th><th>Count</th><th>Amount</th></tr></thead><tbody>${rows || '<tr><td colspan="5">No payments.</td></tr>'}</tbody></table>`,
      );
    });
  }

  @Get('payments')
  @Allow('public')
  async search(@Query() query: Q, @Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.page(req, reply, 'viewer', async (who) => {
      const v = (k: string) => esc(typeof query[k] === 'string' ? query[k] : '');
      const input = (k: string, label: string, type = 'text') =>
        `<label>${label}<input name="${k}" type="${type}" value="${v(k)}"></label>`;
      const states = ['', ...PROCESS_STATES]
        .map((s) => `<option${query.state === s ? ' selected' : ''}>${s}</option>`)
        .join('');
      const form = `<form class="filters" method="get" action="/payments" id="search">
${input('payId', 'PayId')}${input('transId', 'IOTP TransId')}${input('merchant', 'Merchant')}${input('brand', 'Brand')}
<label>State<select name="state">${states}</select></label>${input('completionCode', 'Completion code')}${input('currency', 'Currency')}
${input('amountMin', 'Amount ≥')}${input('amountMax', 'Amount ≤')}${input('from', 'From (ISO)')}${input('to', 'To (ISO)')}
<button class="primary" type="submit">Search</button></form>`;
      const cleaned = Object.fromEntries(Object.entries(query).filter(([, x]) => x !== ''));
      let results: string;
      try {
        const page = await this.queries.searchPayments(parseSearch(cleaned));
        const rows = page.items.map(paymentRow).join('');
        const next = page.nextCursor
          ? `<div class="pager"><a id="next-page" href="/payments?${esc(new URLSearchParams({ ...stringsOf(cleaned, SEARCH_PARAMS), cursor: page.nextCursor }).toString())}">Next page →</a></div>`
          : '';
        results = `<table id="results"><thead><tr><th>Started</th><th>PayId</th><th>IOTP TransId</th><th>Merchant</th><th>Brand</th><th>Amount</th><th>State</th><th>Code</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8">No payment matches.</td></tr>'}</tbody></table>${next}`;
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        results = `<div class="problem">${esc(error.title)}: ${esc(error.detail)}</div>`;
      }
      return layout('Inquiry', '/payments', who, `<h1>Payment inquiry</h1>${form}${results}`);
    });
  }

  @Get('payments/:payId')
  @Allow('public')
  async payment(
    @Param('payId') payId: string,
    @Req() req: ConsoleRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.page(req, reply, 'viewer', async (who) => {
      const detail = await this.inquiry.payment(checkPayId(payId));
      if (!detail) throw new ProblemError(404, `No payment ${payId}.`);
      const receipt = await this.inquiry.receipt(payId);
      const p = detail.payment;
      const facts = p
        ? `<dl class="kv" id="facts"><dt>PayId</dt><dd>${esc(p.payId)}</dd><dt>State</dt><dd>${stateBadge(p.processState)} ${esc(p.completionCode ?? '')}</dd>
<dt>Amount</dt><dd>${esc(formatAmount(p.amount, p.currency))}</dd><dt>Merchant</dt><dd>${esc(p.merchantOrgId)}</dd>
<dt>Brand / protocol</dt><dd>${esc(p.brandId)} / ${esc(p.protocolId)}</dd><dt>IOTP TransId</dt><dd><a href="/log?transId=${encodeURIComponent(p.iotpTransId)}">${esc(p.iotpTransId)}</a></dd>
<dt>Payment ref</dt><dd>${esc(p.paymentRef)}</dd><dt>Status</dt><dd>${esc(maskPan(p.statusDesc ?? ''))}</dd>
<dt>Started</dt><dd>${esc(p.startedAt)}</dd><dt>Finished</dt><dd>${esc(p.finishedAt ?? '—')}</dd>${p.logRemovedAt ? `<dt>Log removed</dt><dd>${esc(p.logRemovedAt)}</dd>` : ''}</dl>`
        : '<p class="note">The read model does not show this payment yet (projection catching up); the history below is from the event store.</p>';
      const timeline = detail.events
        .map(
          (
            e,
          ) => `<li data-type="${esc(e.type)}"><time>${esc(e.occurredAt)}</time><strong>${esc(e.type)}</strong> ${stateBadge(e.state)}
<div>${esc(e.summary)}</div><details><summary class="note">rev ${e.revision} · position ${esc(e.position)} · command ${esc(e.commandId ?? '')}</summary><pre>${esc(JSON.stringify(e.data, null, 2))}</pre></details></li>`,
        )
        .join('');
      const receiptHtml = receipt
        ? `<p>Check: <span class="${receipt.check.ok ? 'ok' : 'bad'}" id="receipt-check">${receipt.check.ok ? 'digests match' : 'DIGEST MISMATCH'}</span>
 <span class="note">(${receipt.check.matching}/${receipt.check.verifiable} of our items re-digested; the consumer's items are kept as digests only)</span> · completed ${esc(receipt.completedAt)}</p>
<table id="receipt"><thead><tr><th>Name</th><th>Direction</th><th>SHA-256</th><th>Content</th></tr></thead><tbody>${receipt.items
            .map(
              (i) =>
                `<tr><td>${esc(i.name)}</td><td>${esc(i.direction)}</td><td><code>${esc(i.sha256)}</code></td><td><code>${esc(i.packaged ? decoded(i.packaged) : '(digest only)')}</code></td></tr>`,
            )
            .join('')}</tbody></table>`
        : '<p class="note" id="receipt">No receipt (the payment is not finished, or finished without one).</p>';
      const state = p?.processState ?? detail.events[detail.events.length - 1]?.state;
      const buttons = [
        state === 'InProgress' || state === 'Suspended' ? ['cancel', 'Cancel payment', 'danger'] : undefined,
        state === 'Suspended' ? ['resume', 'Resume payment', 'primary'] : undefined,
        state === 'CompletedOk' || state === 'Failed' || state === 'ProcessError'
          ? ['remove-log', 'Remove payment log', 'danger']
          : undefined,
      ]
        .filter((b): b is string[] => b !== undefined)
        .map(
          ([a, label, cls]) =>
            `<button class="${cls}" data-action="${a}" data-pay-id="${esc(payId)}">${label}</button>`,
        )
        .join(' ');
      const actions = buttons
        ? `<h2>Operator actions</h2><p>${buttons} ${who.role === 'operator' ? '' : '<span class="note">(needs the operator role)</span>'}</p><div id="action-result" role="status"></div>`
        : '';
      return layout(
        `Payment ${payId}`,
        '/payments',
        who,
        `<h1>Payment ${esc(payId)}</h1>${facts}${actions}
<h2>Timeline (event store, ${detail.events.length} events)</h2><ol class="timeline" id="timeline">${timeline}</ol><h2>Receipt</h2>${receiptHtml}`,
      );
    });
  }

  @Get('log')
  @Allow('public')
  async log(@Query() query: Q, @Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.page(req, reply, 'viewer', async (who) => {
      const cleaned = Object.fromEntries(
        Object.entries(query).filter(
          ([k, x]) => x !== '' && ['payId', 'transId', 'eventType', 'category'].includes(k),
        ),
      );
      const v = (k: string) => esc(typeof cleaned[k] === 'string' ? cleaned[k] : '');
      const categories = ['', 'payment', 'iotptx']
        .map((c) => `<option${cleaned.category === c ? ' selected' : ''}>${c}</option>`)
        .join('');
      let rows = '';
      let head = '0';
      let problem = '';
      try {
        const filters = parseLog({ ...cleaned, limit: '50' });
        const page = await this.queries.log(filters);
        head = page.items[0]?.position ?? (await this.queries.logHead());
        rows = page.items
          .map(
            (r) =>
              `<tr data-position="${esc(r.position)}"><td>${esc(r.occurredAt)}</td><td>${esc(r.eventType)}</td><td>${r.payId ? `<a href="/payments/${encodeURIComponent(r.payId)}">${esc(r.payId)}</a>` : ''}</td><td>${esc(r.iotpTransId ?? '')}</td><td>${esc(maskPan(r.summary))}</td></tr>`,
          )
          .join('');
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        problem = `<div class="problem">${esc(error.title)}: ${esc(error.detail)}</div>`;
      }
      const qs = new URLSearchParams(
        stringsOf(cleaned, ['payId', 'transId', 'eventType', 'category']),
      ).toString();
      return layout(
        'Payment log',
        '/log',
        who,
        `<h1>Payment log <button id="pause" type="button">Pause</button><span id="live-status" class="note">connecting…</span></h1>
<form class="filters" method="get" action="/log"><label>PayId<input name="payId" value="${v('payId')}"></label><label>IOTP TransId<input name="transId" value="${v('transId')}"></label>
<label>Event type<input name="eventType" value="${v('eventType')}"></label><label>Category<select name="category">${categories}</select></label><button class="primary">Filter</button></form>${problem}
<table><thead><tr><th>Occurred</th><th>Event</th><th>PayId</th><th>IOTP TransId</th><th>Summary</th></tr></thead>
<tbody id="log-rows" data-query="${esc(qs)}" data-after="${esc(problem ? '' : head)}">${rows}</tbody></table>`,
      );
    });
  }

  @Get('pending')
  @Allow('public')
  async pending(@Query() query: Q, @Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.page(req, reply, 'viewer', async (who) => {
      const cleaned = Object.fromEntries(Object.entries(query).filter(([, x]) => x !== ''));
      only(cleaned, ['olderThan', 'state']);
      const olderThan = integer(cleaned, 'olderThan', 0, 0, 365 * 24 * 3600);
      const state = oneOf(cleaned, 'state', ['InProgress', 'Suspended'] as const);
      const page = await this.queries.pending({ olderThanSeconds: olderThan, state, limit: 200 });
      const now = Date.now();
      const rows = page.items
        .map((p) => {
          const next = Date.parse(p.nextCheckAt) - now;
          const act = [
            p.processState === 'Suspended'
              ? `<button class="primary" data-action="resume" data-pay-id="${esc(p.payId)}">Resume</button>`
              : '',
            `<button class="danger" data-action="cancel" data-pay-id="${esc(p.payId)}">Cancel</button>`,
          ].join(' ');
          return `<tr data-pay-id="${esc(p.payId)}"><td><a href="/payments/${encodeURIComponent(p.payId)}">${esc(p.payId)}</a></td><td>${stateBadge(p.processState)}</td>
<td class="num">${age(p.ageSeconds)}</td><td>${esc(p.brandId)} / ${esc(p.protocolId)}</td><td>${esc(formatAmount(p.amount, p.currency))}</td><td>${esc(p.merchantOrgId)}</td>
<td>${esc(p.nextCheckAt)} <span class="note">(${next <= 0 ? 'due' : `in ${age(Math.round(next / 1000))}`})</span></td><td>${esc(maskPan(p.reason ?? ''))}</td><td>${act}</td></tr>`;
        })
        .join('');
      const states = ['', 'InProgress', 'Suspended']
        .map((s) => `<option${state === s || (!state && s === '') ? ' selected' : ''}>${s}</option>`)
        .join('');
      return layout(
        'Pending payments',
        '/pending',
        who,
        `<h1>Pending payments</h1>
<form class="filters" method="get" action="/pending"><label>Older than (s)<input name="olderThan" type="number" min="0" value="${olderThan}"></label><label>State<select name="state">${states}</select></label><button class="primary">Show</button></form>
<div id="action-result" role="status"></div>
<table id="pending"><thead><tr><th>PayId</th><th>State</th><th>Age</th><th>Scheme</th><th>Amount</th><th>Merchant</th><th>Next check</th><th>Reason</th><th>Actions</th></tr></thead>
<tbody>${rows || '<tr><td colspan="9">No pending payment.</td></tr>'}</tbody></table>${page.nextCursor ? '<p class="note">Showing the oldest 200.</p>' : ''}`,
      );
    });
  }

  @Get('api/docs')
  @Allow('public')
  async docs(@Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const who = await this.auth.identify(req);
    const paths = Object.entries(
      OPENAPI_DOCUMENT.paths as unknown as Record<
        string,
        Record<
          string,
          {
            summary: string;
            description?: string;
            parameters?: readonly { name: string; in: string; description: string }[];
          }
        >
      >,
    )
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(
          ([
            method,
            op,
          ]) => `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}${op.description ? `<div class="note">${esc(op.description)}</div>` : ''}</td>
<td>${(op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> <span class="note">${esc(p.description)}</span>`).join('<br>')}</td></tr>`,
        ),
      )
      .join('');
    this.html(
      reply,
      200,
      layout(
        'API',
        '/api/docs',
        who === undefined || isRefusal(who) ? undefined : who,
        `<h1>${esc(OPENAPI_DOCUMENT.info.title)} <span class="note">${esc(OPENAPI_DOCUMENT.info.version)}</span></h1>
<p>${esc(OPENAPI_DOCUMENT.info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${OPENAPI_DOCUMENT.openapi}).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Parameters</th></tr></thead><tbody>${paths}</tbody></table>`,
      ),
    );
  }

  private async page(
    req: ConsoleRequest,
    reply: FastifyReply,
    role: Role,
    render: (who: Principal) => Promise<string>,
  ): Promise<void> {
    let who: Principal;
    try {
      who = await requirePrincipal(this.auth, req, role);
    } catch {
      void reply
        .code(303)
        .header('location', `/login?next=${encodeURIComponent(req.url)}`)
        .send();
      return;
    }
    try {
      this.html(reply, 200, await render(who));
    } catch (error) {
      const problem = problemOf(error, req.url.split('?')[0]);
      if (problem.status >= 500) throw error;
      this.html(
        reply,
        problem.status,
        layout(
          problem.title,
          '',
          who,
          `<h1>${esc(problem.title)}</h1><div class="problem">${esc(problem.detail)}</div>`,
        ),
      );
    }
  }

  private html(reply: FastifyReply, status: number, body: string): void {
    sendHtml(reply, status, body);
  }
}

function appsTable(apps: readonly AppFigures[]): string {
  const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
  const ms = (s: number | null | undefined) =>
    s === null || s === undefined ? '—' : `${(s * 1000).toFixed(1)} ms`;
  const rows = apps
    .map(
      (a) => `<tr data-app="${esc(a.name)}"><td>${esc(a.name)}<div class="note">${esc(a.source)}</div></td>
<td>${a.up ? '<span class="ok">up</span>' : `<span class="bad">down</span>${a.error ? ` <span class="note">${esc(a.error)}</span>` : ''}`}</td>
<td class="num">${a.scrapeAgeSeconds === null ? '—' : `${a.scrapeAgeSeconds.toFixed(0)} s`}</td>
<td class="num">${num(a.iotpMessagesPerSecond, 2)}</td><td class="num">${num(a.paymentApiCallsPerSecond, 2)}</td><td class="num">${num(a.paymentsFinishedPerSecond, 2)}</td>
<td class="num">${ms(a.exchangeLoop?.p50Seconds)}</td><td class="num">${ms(a.exchangeLoop?.p99Seconds)}</td>
<td class="num">${a.kafkaConsumerLag === null ? '—' : a.kafkaConsumerLag.toFixed(0)}</td>
<td class="num">${a.projectionLagEvents === null ? '—' : `${a.projectionLagEvents.toFixed(0)} events`}${a.projectionLagSeconds ? ` / ${a.projectionLagSeconds.toFixed(1)} s` : ''}</td>
<td class="num">${a.residentMemoryBytes === null ? '—' : `${(a.residentMemoryBytes / 1048576).toFixed(0)} MiB`}</td></tr>`,
    )
    .join('');
  return `<table id="apps"><thead><tr><th>App</th><th>State</th><th>Scrape age</th><th>IOTP msgs/s</th><th>Payment API calls/s</th><th>Payments finished/s</th>
<th>Exchange p50</th><th>Exchange p99</th><th>Kafka lag</th><th>Projection lag</th><th>Memory</th></tr></thead>
<tbody>${rows || '<tr><td colspan="11">No metrics source.</td></tr>'}</tbody></table>`;
}

function paymentRow(p: PaymentRow): string {
  return `<tr data-pay-id="${esc(p.payId)}"><td>${esc(p.startedAt)}</td><td><a href="/payments/${encodeURIComponent(p.payId)}">${esc(p.payId)}</a></td><td>${esc(p.iotpTransId)}</td><td>${esc(p.merchantOrgId)}</td>
<td>${esc(p.brandId)}</td><td class="num">${esc(formatAmount(p.amount, p.currency))}</td><td>${stateBadge(p.processState)}</td><td>${esc(p.completionCode ?? '')}</td></tr>`;
}

function stringsOf(query: Q, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    keys
      .filter((k) => typeof query[k] === 'string' && query[k] !== '' && k !== 'cursor')
      .map((k) => [k, query[k] as string]),
  );
}

function age(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

function decoded(pc: { content: string; transform: string; value: string }): string {
  const text = pc.transform === 'BASE64' ? Buffer.from(pc.value, 'base64').toString('utf8') : pc.value;
  return maskPan(`${pc.content}: ${text.length > 300 ? `${text.slice(0, 299)}…` : text}`);
}
