// A catching SMTP server for the browser tests: the portal under test sends its mail over real SMTP,
// and every message received is kept whole as an .eml file in one folder for the tests to read.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/** Starts the catcher on a free local port; resolves with that port once it listens. */
export function startMailCatcher(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
        // Written whole then renamed, so a test polling the folder never reads half a message.
        const temp = path.join(dir, `.${name}.part`);
        fs.writeFileSync(temp, Buffer.concat(chunks));
        fs.renameSync(temp, path.join(dir, name));
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ port: server.server.address().port, close: () => server.close() }));
  });
}
