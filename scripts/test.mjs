// `npm test`: builds dist/ (end-to-end tests start the real apps from it), runs the unit, integration
// and end-to-end projects in one jest run, then prints the counts from jest's own JSON report as the
// single line CI reads: `tests: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const report = join(root, 'test-results', 'jest.json');
mkdirSync(join(root, 'test-results'), { recursive: true });

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const jestArgs = ['--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const jest = spawnSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), ...jestArgs], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
});

if (!existsSync(report)) {
  console.error('jest wrote no report');
  console.log('tests: 0 passed, 1 failed, 0 skipped');
  process.exit(jest.status || 1);
}
const r = JSON.parse(readFileSync(report, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
// A suite that fails to load has no test results: count it as a failure so it cannot hide.
const brokenSuites = r.testResults.filter(
  (s) => s.status === 'failed' && s.assertionResults.length === 0,
).length;
console.log(
  `tests: ${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed, ${skipped} skipped`,
);
process.exit(jest.status ?? 1);
