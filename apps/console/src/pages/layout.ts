import type { Principal } from '../auth/api-keys';
import { esc } from './format';

const NAV: readonly [string, string][] = [
  ['/', 'Overview'],
  ['/payments', 'Inquiry'],
  ['/log', 'Payment log'],
  ['/pending', 'Pending'],
  ['/api/docs', 'API'],
];

export function layout(
  title: string,
  active: string,
  who: Principal | undefined,
  body: string,
  /** More head elements (the sign-in's meta refresh). */
  head = '',
): string {
  const nav = NAV.map(
    ([href, label]) => `<a href="${href}"${href === active ? ' class="on"' : ''}>${label}</a>`,
  ).join('');
  const user = who
    ? `<span class="who">${esc(who.username ?? who.name)} (${esc(who.role)}) <form method="post" action="/logout"><button>Log out</button></form></span>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · PH console</title><link rel="stylesheet" href="/assets/console.css">${head}</head>
<body><header><strong>Payment Handler console</strong>${nav}${user}</header><main>${body}</main>
<script src="/assets/console.js"></script></body></html>`;
}

export const stateBadge = (state: string | null | undefined): string =>
  state ? `<span class="state state-${esc(state)}">${esc(state)}</span>` : '';

/** A simple inline SVG chart: bars for one series, a line for others; no library, no script. */
export function svgChart(
  points: readonly { label: string; bars: number; lines: readonly number[] }[],
  options: { width?: number; height?: number; barTitle: string; lineTitles: readonly string[] },
): string {
  const w = options.width ?? 900;
  const h = options.height ?? 180;
  const pad = 24;
  const max = Math.max(1, ...points.flatMap((p) => [p.bars, ...p.lines]));
  const step = points.length === 0 ? 0 : (w - pad * 2) / points.length;
  const y = (v: number) => h - pad - (v / max) * (h - pad * 2);
  const bars = points
    .map(
      (p, i) =>
        `<rect x="${(pad + i * step + 1).toFixed(1)}" y="${y(p.bars).toFixed(1)}" width="${Math.max(1, step - 2).toFixed(1)}" height="${(h - pad - y(p.bars)).toFixed(1)}" fill="#9fb8e6"><title>${esc(p.label)}: ${p.bars} ${esc(options.barTitle)}</title></rect>`,
    )
    .join('');
  const colours = ['#1b7f3b', '#b3261e'];
  const lines = options.lineTitles
    .map((title, li) => {
      const pts = points
        .map((p, i) => `${(pad + i * step + step / 2).toFixed(1)},${y(p.lines[li] ?? 0).toFixed(1)}`)
        .join(' ');
      return `<polyline fill="none" stroke="${colours[li % colours.length]}" stroke-width="2" points="${pts}"><title>${esc(title)}</title></polyline>`;
    })
    .join('');
  const legend = [options.barTitle, ...options.lineTitles]
    .map(
      (t, i) =>
        `<tspan fill="${i === 0 ? '#4a6fb0' : colours[(i - 1) % colours.length]}">■ ${esc(t)}  </tspan>`,
    )
    .join('');
  return `<svg class="chart" role="img" viewBox="0 0 ${w} ${h}" width="100%" height="${h}">
<text x="${pad}" y="14" font-size="11">${legend}</text><text x="${w - pad}" y="14" font-size="11" text-anchor="end">max ${max}</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/>${bars}${lines}
<text x="${pad}" y="${h - 6}" font-size="10">${esc(points[0]?.label.slice(11, 16) ?? '')}</text>
<text x="${w - pad}" y="${h - 6}" font-size="10" text-anchor="end">${esc(points[points.length - 1]?.label.slice(11, 16) ?? '')}</text></svg>`;
}
