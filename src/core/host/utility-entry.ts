// Entry of the core process. In Electron it runs in a utilityProcess (messages on process.parentPort);
// under plain Node it runs as a forked child (process.send), which is how tests drive it without Electron.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './cli-args';
import { startHostedCore } from './host-core';
import { serveOverPort, type MessagePortLike } from './port-server';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): MessagePortLike {
  const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (electronPort) {
    return { onMessage: (fn) => electronPort.on('message', (e) => fn(e.data)), post: (m) => electronPort.postMessage(m) };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return { onMessage: (fn) => process.on('message', fn), post: (m) => void send(m) };
  }
  throw new Error('core-host must be started as an Electron utility process or a Node child with an IPC channel');
}

const args = parseArgs(process.argv.slice(2));
const hosted = startHostedCore(args, join(dirname(fileURLToPath(import.meta.url)), 'server-host.js'));
serveOverPort(hosted.core, parentPort());
// A closed channel or a termination signal means the parent is done with us: close the replica cleanly
// (checkpointing the WAL) and stop the embedded backend rather than linger or die mid-write.
const shutdown = () => {
  void hosted.close().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
