import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, itWith, type Tool } from './support/tools';

/**
 * infra/docker-compose.yml against the Compose Specification's JSON schema, as vendored by
 * check-jsonschema (PyPI, Apache-2.0; `.ci/run` installs it): our machines have no Docker engine to
 * run `docker compose config`, so a schema validator stands in.
 */
const PYTHON = process.env.PYTHON ?? 'python3';

function checkJsonschema(): Tool {
  const r = spawnSync(PYTHON, ['-m', 'check_jsonschema', '--version'], { encoding: 'utf8' });
  return r.status === 0
    ? { path: `${PYTHON} -m check_jsonschema` }
    : { reason: 'check-jsonschema not installed (pip install check-jsonschema)' };
}

const validate = (file: string) =>
  spawnSync(PYTHON, ['-m', 'check_jsonschema', '--builtin-schema', 'vendor.compose-spec', file], {
    encoding: 'utf8',
  });

describe('infra/docker-compose.yml', () => {
  const tool = checkJsonschema();

  itWith([tool], 'is valid against the Compose Specification schema', () => {
    const r = validate(path.join(ROOT, 'infra/docker-compose.yml'));
    expect(r.stdout + r.stderr).toContain('ok -- validation done');
    expect(r.status).toBe(0);
  });

  itWith(
    [tool],
    'the same check rejects a compose file with a misspelt key (so the pass above means something)',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'compose-check-'));
      try {
        const bad = path.join(dir, 'docker-compose.yml');
        writeFileSync(bad, 'services:\n  gateway:\n    image: node:20\n    restart_policy: always\n');
        expect(validate(bad).status).not.toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
