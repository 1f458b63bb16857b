// A stand-in for the app in the kill test: starts the embedded server, prints its URL, then idles.
import { startEmbeddedPostgres } from '../../libs/event-store/src/postgres/embedded-server';

const [dataDir, port] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port), settings: { fsync: 'off' } }).then(
  (server) => {
    process.stdout.write(`READY ${server.connectionString}\n`);
    setInterval(() => undefined, 60_000);
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
