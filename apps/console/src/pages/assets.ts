/*
 * The dashboards' only CSS and script, served from /assets so the pages can run under a strict
 * Content-Security-Policy (script-src 'self', no inline script). No build step: plain ES2020 that
 * every current browser runs, so the console ships as part of the Node app with nothing to bundle.
 */
export const CONSOLE_CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9;--ok:#1b7f3b;--bad:#b3261e;--warn:#a15c00;--acc:#1f5fbf}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#1d2330;color:#fff;padding:.6rem 1rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header a{color:#cfd8ea;text-decoration:none}header a.on,header a:hover{color:#fff;text-decoration:underline}
header .who{margin-left:auto;color:#cfd8ea}header form{display:inline}header button{font-size:12px}
main{padding:1rem;max-width:1300px;margin:0 auto}h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.05rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.02em}td.num{text-align:right;font-variant-numeric:tabular-nums}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;background:#fff;border:1px solid var(--line);padding:.7rem;margin-bottom:1rem}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}input,select,button{font:inherit;padding:.25rem .4rem}
button{cursor:pointer;border:1px solid #9aa5b8;background:#fff;border-radius:3px}button.primary{background:var(--acc);color:#fff;border-color:var(--acc)}
button.danger{border-color:var(--bad);color:var(--bad)}.state{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:12px;font-weight:600;background:#e6e9ef}
.state-CompletedOk{background:#dcf2e3;color:var(--ok)}.state-Failed,.state-ProcessError{background:#f8dedc;color:var(--bad)}.state-Suspended{background:#fdecc8;color:var(--warn)}.state-InProgress{background:#dde8fb;color:var(--acc)}
.problem{background:#f8dedc;border:1px solid var(--bad);padding:.6rem .8rem;margin:.5rem 0}.note{color:var(--muted);font-size:12px}.ok{color:var(--ok)}.bad{color:var(--bad)}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border:1px solid var(--line);padding:.7rem 1rem;min-width:170px}.card b{display:block;font-size:1.4rem}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}ol.timeline li{padding:.3rem .8rem;position:relative;background:#fff;margin:0 0 .4rem .6rem;border:1px solid var(--line)}
ol.timeline time{color:var(--muted);font-size:12px;margin-right:.5rem}details pre{white-space:pre-wrap;word-break:break-all;font-size:12px;background:#f3f4f7;padding:.4rem}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;background:#fff;border:1px solid var(--line);padding:.7rem}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
code{font-size:12px}.pager{margin:.6rem 0}#live-status{font-size:12px;margin-left:.6rem}tr.fresh{animation:fresh 2s}@keyframes fresh{from{background:#fff7c2}to{background:#fff}}
svg.chart{background:#fff;border:1px solid var(--line)}
a.button{display:inline-block;padding:.35rem .9rem;border:1px solid var(--acc);border-radius:3px;text-decoration:none;color:var(--acc);background:#fff}a.button.primary{background:var(--acc);color:#fff}
.login{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-start}.login section{background:#fff;border:1px solid var(--line);padding:.2rem 1rem 1rem;min-width:300px}.login form.filters{border:0;padding:0;margin:0}
`;

export const CONSOLE_JS = `
'use strict';
(function () {
  function text(el, s) { el.textContent = s; }
  // Operator commands: POST with the same-origin header; the answer (or the problem) is shown.
  document.querySelectorAll('button[data-action]').forEach(function (b) {
    b.addEventListener('click', async function () {
      var action = b.getAttribute('data-action'), payId = b.getAttribute('data-pay-id');
      if (!window.confirm(action + ' payment ' + payId + '?')) return;
      var out = document.getElementById('action-result');
      b.disabled = true;
      try {
        var res = await fetch('/api/payments/' + encodeURIComponent(payId) + '/' + action, {
          method: 'POST', headers: { 'x-console-request': '1', accept: 'application/json' }, credentials: 'same-origin' });
        var body = await res.json().catch(function () { return {}; });
        out.className = res.ok ? 'ok' : 'problem';
        text(out, res.ok ? 'Done: ' + action + ' → ' + (body.processState || 'accepted') + ' (command ' + body.commandId + ')'
                         : (body.title || 'Error') + ' (' + res.status + '): ' + (body.detail || ''));
      } catch (e) { out.className = 'problem'; text(out, 'The console did not answer: ' + e); }
      b.disabled = false;
    });
  });
  // Live tail of the payment log (Server-Sent Events) with pause.
  var table = document.getElementById('log-rows');
  if (table && window.EventSource) {
    var status = document.getElementById('live-status'), pause = document.getElementById('pause');
    var paused = false, held = [];
    var qs = table.getAttribute('data-query') || '';
    var after = table.getAttribute('data-after');
    var src = new EventSource('/api/log/stream?' + qs + (after ? (qs ? '&' : '') + 'after=' + after : ''));
    src.addEventListener('ready', function () { text(status, 'live'); status.className = 'ok'; });
    src.addEventListener('error', function () { text(status, 'reconnecting…'); status.className = 'bad'; });
    function add(row) {
      var tr = document.createElement('tr'); tr.className = 'fresh'; tr.setAttribute('data-position', row.position);
      [row.occurredAt, row.eventType, row.payId || '', row.iotpTransId || '', row.summary].forEach(function (v, i) {
        var td = document.createElement('td');
        if (i === 2 && v) { var a = document.createElement('a'); a.href = '/payments/' + encodeURIComponent(v); a.textContent = v; td.appendChild(a); }
        else td.textContent = v;
        tr.appendChild(td);
      });
      table.insertBefore(tr, table.firstChild);
      while (table.children.length > 500) table.removeChild(table.lastChild);
    }
    src.addEventListener('log', function (e) {
      var row = JSON.parse(e.data);
      if (paused) { held.push(row); text(pause, 'Resume (' + held.length + ' new)'); } else add(row);
    });
    pause.addEventListener('click', function () {
      paused = !paused;
      if (!paused) { held.forEach(add); held = []; }
      text(pause, paused ? 'Resume' : 'Pause'); text(status, paused ? 'paused' : 'live');
    });
  }
})();
`;
