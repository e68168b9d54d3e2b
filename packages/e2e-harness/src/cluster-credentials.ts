import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { E2eHarnessError } from './e2e-harness-error';

const execFileAsync = promisify(execFile);

/**
 * The key material and token file of one e2e cluster, all files inside its temp dir.
 */
export interface ClusterCredentials {
  /** Self-signed serving certificate for 127.0.0.1 / localhost, and its key. */
  servingCertFile: string;
  servingKeyFile: string;
  /** The serving certificate's PEM, which clients trust as their CA. */
  servingCertPem: string;
  /** Service-account signing key pair. */
  serviceAccountPrivateKeyFile: string;
  serviceAccountPublicKeyFile: string;
  /** The static token file. */
  tokenAuthFile: string;
  /** A token of user `kube-cache-admin` in group `system:masters` (may do everything). */
  adminToken: string;
  /** A token of user `kube-cache-nobody`, in no group but `system:authenticated` (403 under RBAC). */
  unprivilegedToken: string;
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await execFileAsync('openssl', [...args]);
  } catch (error) {
    throw new E2eHarnessError(`openssl ${args.join(' ')} failed (is openssl installed?)`, {
      cause: error,
    });
  }
}

/**
 * Creates, with `openssl`, a service-account key pair and a self-signed serving certificate for
 * 127.0.0.1, and writes a static token file with an admin and an unprivileged token.
 *
 * @param directory - an existing, private directory to write the files into.
 * @returns the file paths, the certificate PEM and the two tokens.
 * @throws E2eHarnessError when openssl is missing or fails.
 */
export async function createClusterCredentials(directory: string): Promise<ClusterCredentials> {
  const serviceAccountPrivateKeyFile = join(directory, 'service-account.key');
  const serviceAccountPublicKeyFile = join(directory, 'service-account.pub');
  const servingKeyFile = join(directory, 'serving.key');
  const servingCertFile = join(directory, 'serving.crt');
  const tokenAuthFile = join(directory, 'tokens.csv');
  await openssl(['genrsa', '-out', serviceAccountPrivateKeyFile, '2048']);
  await openssl([
    'rsa',
    '-in',
    serviceAccountPrivateKeyFile,
    '-pubout',
    '-out',
    serviceAccountPublicKeyFile,
  ]);
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    servingKeyFile,
    '-out',
    servingCertFile,
    '-days',
    '7',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  const adminToken = randomBytes(24).toString('hex');
  const unprivilegedToken = randomBytes(24).toString('hex');
  await writeFile(
    tokenAuthFile,
    `${adminToken},kube-cache-admin,kube-cache-admin-uid,"system:masters"\n` +
      `${unprivilegedToken},kube-cache-nobody,kube-cache-nobody-uid\n`,
    { mode: 0o600 },
  );
  return {
    servingCertFile,
    servingKeyFile,
    servingCertPem: await readFile(servingCertFile, 'utf8'),
    serviceAccountPrivateKeyFile,
    serviceAccountPublicKeyFile,
    tokenAuthFile,
    adminToken,
    unprivilegedToken,
  };
}
