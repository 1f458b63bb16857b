// Fails when an app reads an environment variable that k8s/ neither sets (env, envFrom ConfigMap) nor
// documents as left at its default (annotation iotp-ph/defaulted-env on the workload), and lints the
// Dockerfile with hadolint.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, itWith, loadTools } from './support/tools';

const tools = loadTools();
/** Deployed apps and the kustomization that holds each one's workload. */
const DEPLOYED: Record<string, string> = {
  gateway: 'base',
  'payment-worker': 'base',
  projector: 'base',
  console: 'base',
  'bank-simulator': 'overlays/dev',
  'acquirer-simulator': 'overlays/dev',
  'hsm-simulator': 'overlays/dev',
};
/** Apps under apps/ that get no manifests, and why (k8s/README.md). */
const NOT_DEPLOYED: Record<string, string> = {
  wallet: 'the consumer CLI',
  standalone: 'the embedded all-in-one mode (npm start)',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}
const READ = /\benv\s*\.\s*(?:string|int|optional|oneOf|bool)\(\s*'([A-Z0-9_]+)'|process\.env\.([A-Z0-9_]+)/g;
const varsIn = (text: string) => [...text.matchAll(READ)].map((m) => m[1] ?? m[2]);

/** Exported functions of libs/platform and the variables each reads (createLogger → LOG_LEVEL, …). */
function platformReaders(): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const file of sources(path.join(ROOT, 'libs/platform/src'))) {
    const text = readFileSync(file, 'utf8');
    const starts = [...text.matchAll(/export (?:async )?function (\w+)/g)];
    starts.forEach((m, i) => {
      const body = text.slice(m.index, starts[i + 1]?.index ?? text.length);
      const vars = varsIn(body);
      if (vars.length) readers.set(m[1], vars);
    });
  }
  return readers;
}

/** Every variable an app reads: its own sources plus the platform readers it calls. */
export function variablesReadBy(app: string): string[] {
  const text = sources(path.join(ROOT, 'apps', app, 'src'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const vars = new Set(varsIn(text));
  for (const [fn, fnVars] of platformReaders())
    if (new RegExp(`\\b${fn}\\(`).test(text)) fnVars.forEach((v) => vars.add(v));
  return [...vars].sort();
}

function covered(overlay: string, app: string): { set: Set<string>; defaulted: Set<string> } {
  const r = spawnSync(tools.kustomize.path as string, ['build', path.join(ROOT, 'k8s', overlay)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as any);
  const w = docs.find((d) => ['Deployment', 'StatefulSet'].includes(d.kind) && d.metadata.name === app);
  if (!w) throw new Error(`no workload ${app} in k8s/${overlay}`);
  const set = new Set<string>();
  for (const c of w.spec.template.spec.containers) {
    for (const e of c.env ?? []) set.add(e.name);
    for (const from of c.envFrom ?? []) {
      const cm = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === from.configMapRef?.name);
      Object.keys(cm?.data ?? {}).forEach((k) => set.add(k));
    }
  }
  const note: string = w.metadata.annotations?.['iotp-ph/defaulted-env'] ?? '';
  const defaulted = new Set([...note.matchAll(/([A-Z][A-Z0-9_]+):/g)].map((m) => m[1]));
  return { set, defaulted };
}

describe('environment variables: every one an app reads is set or documented in k8s/', () => {
  it('every app is either deployed or listed as not deployed', () => {
    const apps = readdirSync(path.join(ROOT, 'apps')).filter((a) =>
      statSync(path.join(ROOT, 'apps', a)).isDirectory(),
    );
    expect(apps.filter((a) => !(a in DEPLOYED) && !(a in NOT_DEPLOYED))).toEqual([]);
  });

  it('the scan finds the variables the README documents (sanity check of the scanner)', () => {
    expect(variablesReadBy('payment-worker')).toEqual(
      expect.arrayContaining([
        'BANK_SIMULATOR_URL',
        'KAFKA_BROKERS',
        'EVENT_STORE',
        'LOG_LEVEL',
        'INSTANCE_ID',
      ]),
    );
    expect(variablesReadBy('gateway')).toEqual(
      expect.arrayContaining(['BRIDGES', 'PH_PAY_ID_KEY', 'REPLY_PARTITION']),
    );
  });

  for (const [app, overlay] of Object.entries(DEPLOYED)) {
    itWith([tools.kustomize], `${app}: read variables ⊆ set in k8s/${overlay} ∪ documented defaults`, () => {
      const { set, defaulted } = covered(overlay, app);
      const missing = variablesReadBy(app).filter((v) => !set.has(v) && !defaulted.has(v));
      expect(missing).toEqual([]);
    });
  }
});

describe('Dockerfile', () => {
  itWith([tools.hadolint], 'hadolint passes (no warnings at all)', () => {
    const r = spawnSync(tools.hadolint.path as string, ['--failure-threshold', 'info', 'Dockerfile'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });

  it('multi-stage: npm ci and build, production dependencies only at run time, non-root, healthcheck, OCI labels', () => {
    const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/RUN npm ci .*\n.*[\s\S]*RUN node scripts\/build\.mjs/);
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(text).toMatch(/^USER 1000:1000$/m);
    expect(text).toMatch(/^HEALTHCHECK /m);
    expect(text).toMatch(/org\.opencontainers\.image\.(title|version|revision|source|licenses)/);
    const runtime = text.slice(text.lastIndexOf('\nFROM '));
    expect(runtime).not.toMatch(/COPY --from=build \/src\/node_modules/);
    // The build stage copies exactly what .dockerignore lets through.
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8');
    for (const m of text.matchAll(/^COPY (?!--from)([^\n]+) \S+$/gm))
      for (const src of m[1].split(' ')) expect([src, ignore.includes(`!${src}`)]).toEqual([src, true]);
  });
});
