import Fastify from 'fastify';

/**
 * The raw baseline of `npm run bench`: Fastify accepting an IOTP body and answering a fixed 1 KB IOTP
 * message, no parsing, no storage. Started as its own process like the Payment Handler.
 */
const answer = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>\n<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${'<!-- pad -->'.repeat(80)}</IotpMessage>\n`,
);
const app = Fastify({ bodyLimit: 8 * 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/iotp', async (_req, reply) => reply.type('application/iotp; charset=utf-8').send(answer));
app
  .listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
  .then((address) => process.stdout.write(`listening ${address}\n`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
