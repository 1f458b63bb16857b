import http from 'node:http';
import { type HsmControls, type OutageMode } from './controls';

/**
 * Admin HTTP port for tests and operators (127.0.0.1 only by default):
 *   GET    /status                          controls snapshot
 *   PUT    /latency        {"ms": 250}
 *   POST   /errors         {"command": "KQ", "code": "42", "count": 3}   ("*" = any command)
 *   DELETE /errors
 *   POST   /outage         {"mode": "refuse" | "blackhole" | "none"}
 *   POST   /commands/KQ/disable   ·   POST /commands/KQ/enable
 *   POST   /reset
 */
export function createAdminServer(controls: HsmControls): http.Server {
  return http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let raw = '';
    let tooLarge = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
      if (raw.length > 4096) tooLarge = true;
    });
    req.on('end', () => {
      if (tooLarge) return send(413, { error: 'body too large' });
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return send(400, { error: 'body is not JSON' });
      }
      try {
        const path = (req.url ?? '/').split('?')[0];
        const command = /^\/commands\/([A-Z0-9]{2})\/(disable|enable)$/.exec(path);
        if (req.method === 'GET' && path === '/status') return send(200, controls.snapshot());
        if (req.method === 'PUT' && path === '/latency') controls.setLatency(Number(body.ms));
        else if (req.method === 'POST' && path === '/errors') {
          controls.injectError(
            String(body.command),
            String(body.code),
            body.count === undefined ? 1 : Number(body.count),
          );
        } else if (req.method === 'DELETE' && path === '/errors') controls.clearErrors();
        else if (req.method === 'POST' && path === '/outage')
          controls.setOutage(String(body.mode) as OutageMode);
        else if (req.method === 'POST' && command) {
          if (command[2] === 'disable') controls.disable(command[1]);
          else controls.enable(command[1]);
        } else if (req.method === 'POST' && path === '/reset') controls.reset();
        else return send(404, { error: 'not found' });
        return send(200, controls.snapshot());
      } catch (error) {
        return send(400, { error: error instanceof RangeError ? error.message : 'bad request' });
      }
    });
  });
}
