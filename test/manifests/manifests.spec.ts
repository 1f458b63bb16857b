// k8s/: every overlay builds with kustomize and validates with kubeconform against the schemas
// vendored in k8s/schemas (no network), and the rules of the "ship it" issue hold in what is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, itWith, loadTools } from './support/tools';

type Doc = {
  kind: string;
  apiVersion: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
};

const tools = loadTools();
const OVERLAYS = ['base', 'overlays/dev', 'overlays/production'];
const SCHEMAS = path.join(ROOT, 'k8s/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json');
const built = new Map<string, Doc[]>();

function build(overlay: string): Doc[] {
  const cached = built.get(overlay);
  if (cached) return cached;
  const r = spawnSync(tools.kustomize.path as string, ['build', path.join(ROOT, 'k8s', overlay)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`kustomize build k8s/${overlay} failed:\n${r.stderr}`);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as Doc);
  built.set(overlay, docs);
  return docs;
}
const yamlOf = (overlay: string) =>
  spawnSync(tools.kustomize.path as string, ['build', path.join(ROOT, 'k8s', overlay)], { encoding: 'utf8' })
    .stdout;
const find = (docs: Doc[], kind: string, name: string) =>
  docs.find((d) => d.kind === kind && d.metadata.name === name);
const workloads = (docs: Doc[]) => docs.filter((d) => ['Deployment', 'StatefulSet'].includes(d.kind));
const containersOf = (d: Doc) => [...(d.spec.template.spec.containers ?? [])];

describe('k8s/: kustomize build | kubeconform -strict (vendored Kubernetes 1.31 and CRD schemas)', () => {
  for (const overlay of OVERLAYS) {
    itWith(
      [tools.kustomize, tools.kubeconform],
      `k8s/${overlay} builds and every resource validates (none skipped)`,
      () => {
        const yaml = yamlOf(overlay);
        expect(yaml.length).toBeGreaterThan(100);
        const r = spawnSync(
          tools.kubeconform.path as string,
          ['-strict', '-summary', '-schema-location', SCHEMAS, '-'],
          { input: yaml, encoding: 'utf8', timeout: 60_000 },
        );
        expect(`${r.stdout}${r.stderr}`).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
        expect(r.status).toBe(0);
      },
      120_000,
    );
  }

  itWith([tools.kubeconform], 'kubeconform rejects a misspelt field (the schemas are strict)', () => {
    const bad = readFileSync(path.join(ROOT, 'k8s/base/projector.yaml'), 'utf8').replace(
      'terminationGracePeriodSeconds',
      'terminationGracePeriodSecond',
    );
    const r = spawnSync(tools.kubeconform.path as string, ['-strict', '-schema-location', SCHEMAS, '-'], {
      input: bad,
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain("additional properties 'terminationGracePeriodSecond' not allowed");
  });
});

describe('k8s/: what the operators rely on', () => {
  const apps = ['gateway', 'payment-worker', 'projector'];

  itWith(
    [tools.kustomize],
    'base: per app a workload, Service, ConfigMap, ServiceAccount and ServiceMonitor; probes on /healthz and /readyz',
    () => {
      const docs = build('base');
      for (const app of apps) {
        const w = workloads(docs).find((d) => d.metadata.name === app);
        expect(w).toBeDefined();
        for (const kind of ['Service', 'ConfigMap', 'ServiceAccount', 'ServiceMonitor'])
          expect([kind, find(docs, kind, app)?.metadata.name]).toEqual([kind, app]);
        const [c] = containersOf(w as Doc);
        expect(c.livenessProbe.httpGet.path).toBe('/healthz');
        expect(c.readinessProbe.httpGet.path).toBe('/readyz');
        expect(c.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
        expect(w?.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
        expect(w?.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      }
      const worker = find(docs, 'Deployment', 'payment-worker') as Doc;
      // Workers finish in-flight payments: grace > the PH's 10 s answer limit + preStop.
      expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      expect(containersOf(worker)[0].lifecycle.preStop).toBeDefined();
      expect(find(docs, 'Job', 'migrate-schemas')).toBeDefined();
    },
  );

  itWith(
    [tools.kustomize],
    'secrets only by reference: no Secret objects, credentials only through secretKeyRef',
    () => {
      for (const overlay of OVERLAYS) {
        const docs = build(overlay);
        expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
        for (const w of [...workloads(docs), ...docs.filter((d) => d.kind === 'Job')]) {
          for (const c of containersOf(w)) {
            for (const e of c.env ?? []) {
              if (/(_URL|KEY|PASSWORD|SECRET|TOKEN)$/.test(e.name) && e.name !== 'BANK_SIMULATOR_URL')
                expect([w.metadata.name, e.name, e.valueFrom?.secretKeyRef?.name ?? 'literal']).not.toContain(
                  'literal',
                );
            }
          }
        }
        for (const cm of docs.filter((d) => d.kind === 'ConfigMap'))
          for (const key of Object.keys(cm.data ?? {}))
            expect([cm.metadata.name, key]).not.toEqual([
              cm.metadata.name,
              expect.stringMatching(/DATABASE_URL|KURRENTDB_URL|PH_PAY_ID_KEY/),
            ]);
      }
    },
  );

  itWith(
    [tools.kustomize],
    'the gateway Ingress: TLS, only POST /iotp published, body limit above 262144 bytes',
    () => {
      const ingress = find(build('base'), 'Ingress', 'gateway') as Doc;
      expect(ingress.spec.tls[0].secretName).toBeTruthy();
      expect(ingress.spec.rules[0].http.paths.map((p: { path: string }) => p.path)).toEqual(['/iotp']);
      const size = ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'] ?? '';
      const bytes = Number(size.replace(/k$/i, '')) * (/k$/i.test(size) ? 1024 : 1);
      expect(bytes).toBeGreaterThan(262_144);
    },
  );

  itWith([tools.kustomize], 'dev: single replicas, PostgreSQL, one-node Kafka, the bank simulator', () => {
    const docs = build('overlays/dev');
    for (const w of workloads(docs)) expect([w.metadata.name, w.spec.replicas]).toEqual([w.metadata.name, 1]);
    expect(find(docs, 'Cluster', 'ph-pg')?.spec.instances).toBe(1);
    expect(find(docs, 'KafkaNodePool', 'dual-role')?.spec.replicas).toBe(1);
    expect(find(docs, 'Deployment', 'bank-simulator')).toBeDefined();
    for (const t of docs.filter((d) => d.kind === 'KafkaTopic')) expect(t.spec.replicas).toBe(1);
  });

  itWith(
    [tools.kustomize],
    'production: >= 2 replicas, HPA (CPU + consumer lag), PDBs, anti-affinity, NetworkPolicies, 3-node stores, no bank simulator',
    () => {
      const docs = build('overlays/production');
      for (const app of ['gateway', 'payment-worker']) {
        const w = workloads(docs).find((d) => d.metadata.name === app) as Doc;
        expect(w.spec.replicas).toBeGreaterThanOrEqual(2);
        expect(w.spec.template.spec.affinity.podAntiAffinity).toBeDefined();
        expect(find(docs, 'PodDisruptionBudget', app)).toBeDefined();
        const hpa = find(docs, 'HorizontalPodAutoscaler', app) as Doc;
        expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(hpa.spec.metrics.map((m: { type: string }) => m.type)).toContain('Resource');
      }
      const workerHpa = find(docs, 'HorizontalPodAutoscaler', 'payment-worker') as Doc;
      expect(workerHpa.spec.metrics.map((m: { type: string }) => m.type)).toContain('External');
      const topic = (name: string) =>
        docs.find((d) => d.kind === 'KafkaTopic' && d.spec.topicName === name) as Doc;
      // Workers beyond the partitions would idle; gateways beyond the reply partitions would have none.
      expect(workerHpa.spec.maxReplicas).toBeLessThanOrEqual(
        topic('paymentapi.hash-secret.requests').spec.partitions,
      );
      expect(find(docs, 'HorizontalPodAutoscaler', 'gateway')?.spec.maxReplicas).toBeLessThanOrEqual(
        topic('paymentapi.replies').spec.partitions,
      );
      expect(find(docs, 'StatefulSet', 'kurrentdb')?.spec.replicas).toBe(3);
      expect(find(docs, 'Cluster', 'ph-pg')?.spec.instances).toBeGreaterThanOrEqual(3);
      expect(find(docs, 'KafkaNodePool', 'dual-role')?.spec.replicas).toBe(3);
      expect(find(docs, 'Deployment', 'bank-simulator')).toBeUndefined();
      const policies = docs.filter((d) => d.kind === 'NetworkPolicy');
      expect(policies.map((p) => p.metadata.name)).toEqual(
        expect.arrayContaining([
          'default-deny',
          'gateway-from-ingress',
          'workers-to-bank',
          'apps-to-infrastructure',
        ]),
      );
      // Only the gateway accepts traffic from outside the namespace's apps (besides Prometheus).
      const fromIngress = policies.filter((p) =>
        JSON.stringify(p.spec.ingress ?? []).includes('ingress-nginx'),
      );
      expect(fromIngress.map((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'])).toEqual([
        'gateway',
      ]);
      // Only the workers reach addresses outside the cluster.
      const external = policies.filter((p) => JSON.stringify(p.spec.egress ?? []).includes('ipBlock'));
      expect(external.map((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'])).toEqual([
        'payment-worker',
      ]);
    },
  );

  it('the migration Job calls compiled migrations that exist in dist/', () => {
    const job = readFileSync(path.join(ROOT, 'k8s/base/migrate-job.yaml'), 'utf8');
    const paths = [...job.matchAll(/require\('\/app\/(dist\/[^']+)'\)/g)].map((m) => m[1]);
    expect(paths).toEqual([
      'dist/libs/read-models/src/schema.js',
      'dist/libs/event-store/src/postgres/schema.js',
    ]);
    for (const p of paths) expect([p, existsSync(path.join(ROOT, p))]).toEqual([p, true]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(path.join(ROOT, paths[0])).migrateReadModels).toBe('function');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(path.join(ROOT, paths[1])).migrateEventStore).toBe('function');
  });
});
