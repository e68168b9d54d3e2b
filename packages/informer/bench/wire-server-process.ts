// Starts and stops the wire benchmark's server process, with a throw-away self-signed certificate.
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerMessage, ServerStats, WatchFraming } from './wire-server-messages';

/** Node options for a child that runs this repository's TypeScript source through tsx. */
export function typeScriptExecArgv(): string[] {
  return ['--conditions=@kube-cache/source', '--import', import.meta.resolve('tsx')];
}

/** The running server process. */
export interface WireServer {
  readonly tlsPort: number;
  readonly plainPort: number;
  /** The PEM certificate the clients must trust (it is its own CA). */
  readonly certificateAuthority: string;
  readonly certificateAuthorityFile: string;
  readonly bytesPerPod: number;
  readonly framing: WatchFraming;
  /** Requests and connections since the last call. */
  stats(): Promise<ServerStats>;
  /** Kills the process and removes the certificate. */
  close(): void;
}

function selfSignedCertificate(directory: string): { certificate: string; key: string } {
  const certificate = join(directory, 'certificate.pem');
  const key = join(directory, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      certificate,
    ],
    { stdio: 'ignore' },
  );
  return { certificate, key };
}

/**
 * Forks the server (wire-server.ts) with `pods` pre-encoded pods and waits until it listens.
 *
 * @param pods - the largest size any measurement asks for.
 * @param framing - how the server writes a watch (see wire-server.ts).
 * @returns the server.
 */
export async function startWireServer(
  pods: number,
  framing: WatchFraming = 'batch',
): Promise<WireServer> {
  const directory = mkdtempSync(join(tmpdir(), 'kube-cache-wire-bench-'));
  const { certificate, key } = selfSignedCertificate(directory);
  const child: ChildProcess = fork(
    new URL('wire-server.ts', import.meta.url).pathname,
    [String(pods), certificate, key, framing],
    { execArgv: typeScriptExecArgv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const next = (type: ServerMessage['type']): Promise<ServerMessage> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: ServerMessage): void => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null): void => {
        child.off('message', onMessage);
        reject(new Error(`the bench server exited (code ${code})`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  if (ready.type !== 'ready') throw new Error('unexpected server message');
  return {
    tlsPort: ready.tlsPort,
    plainPort: ready.plainPort,
    certificateAuthority: readFileSync(certificate, 'utf8'),
    certificateAuthorityFile: certificate,
    bytesPerPod: ready.bytesPerPod,
    framing: ready.framing,
    async stats(): Promise<ServerStats> {
      const answer = next('stats');
      child.send({ type: 'stats' });
      const message = await answer;
      if (message.type !== 'stats') throw new Error('unexpected server message');
      return message.stats;
    },
    close(): void {
      child.kill();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
