// The k6 scripts are type-checked against @types/k6 (k6 itself, AGPL, is not installed here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './support/tools';

const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');

describe('load-tests/: k6 scripts', () => {
  it('tsc -p load-tests/tsconfig.json --noEmit is clean', () => {
    const r = spawnSync(
      process.execPath,
      [tsc, '-p', path.join(ROOT, 'load-tests/tsconfig.json'), '--noEmit', '--pretty', 'false'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 130_000);

  it('checks the card scheme too: the SET-like script, its shared module and the Web Crypto declarations', () => {
    const r = spawnSync(
      process.execPath,
      [tsc, '-p', path.join(ROOT, 'load-tests/tsconfig.json'), '--listFilesOnly'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const files = r.stdout.split('\n').map((f) => path.relative(ROOT, f.trim()));
    for (const f of [
      'load-tests/k6/set-like.js',
      'load-tests/k6/scheme.js',
      'load-tests/k6/webcrypto.d.ts',
      'load-tests/lib/iotp-set-like.js',
      'load-tests/lib/iotp-set-like.d.ts',
    ])
      expect(files).toContain(f);
  }, 130_000);

  it('the same check catches a misused k6 API (so the clean run above means something)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'k6-check-'));
    try {
      writeFileSync(
        path.join(dir, 'bad.js'),
        "import http from 'k6/http';\nexport const options = { scenarios: { a: { executor: 'constant-arrival-rate', rate: '5' } } };\nexport default function () { http.post(1, 'x'); }\n",
      );
      // …and a misused Web Crypto call (k6's global `crypto`, declared in load-tests/k6/webcrypto.d.ts).
      writeFileSync(
        path.join(dir, 'bad-webcrypto.js'),
        "export default async function () { await crypto.subtle.deriveBits({ name: 'ECDSA', public: 1 }, 2, 256); }\n",
      );
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: path.join(ROOT, 'load-tests/tsconfig.json'),
          compilerOptions: { typeRoots: [path.join(ROOT, 'node_modules/@types')] },
          include: ['bad.js', 'bad-webcrypto.js', path.join(ROOT, 'load-tests/k6/webcrypto.d.ts')],
        }),
      );
      const r = spawnSync(
        process.execPath,
        [tsc, '-p', path.join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/bad\.js\(\d+,\d+\): error TS/);
      expect(r.stdout).toMatch(/bad-webcrypto\.js\(\d+,\d+\): error TS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 130_000);
});
