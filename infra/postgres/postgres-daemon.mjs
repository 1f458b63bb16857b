// Keeps the embedded PostgreSQL of `infra/scripts/postgres.mjs up` running in the background and stops
// it cleanly on SIGTERM/SIGINT. Uses the project's own embedded server code (compiled to dist/).
import { writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../../dist/libs/event-store/src/postgres/embedded-server.js');
const [dataDir, port, readyFile] = process.argv.slice(2);

const pg = await startEmbeddedPostgres({
  dataDir,
  port: Number(port),
  onProgress: (line) => process.stdout.write(`[postgres] ${line}\n`),
});
writeFileSync(readyFile, pg.connectionString);
const stop = async () => {
  await pg.stop();
  rmSync(readyFile, { force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
