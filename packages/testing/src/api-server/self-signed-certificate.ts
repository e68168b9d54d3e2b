import { createPrivateKey } from 'node:crypto';

/**
 * A PEM certificate and its PEM (PKCS#8) private key.
 */
export interface CertificateAndKey {
  readonly certificate: string;
  readonly privateKey: string;
}

const ecdsaP256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const hourMilliseconds = 3_600_000;
const yearMilliseconds = 365 * 86_400_000;

/**
 * Generates a self-signed ECDSA P-256 certificate for `127.0.0.1` and `localhost`, valid for
 * a year (from an hour ago, for clock skew), usable both as the server certificate and as the
 * client's CA.
 *
 * The X.509 encoding (and the random serial's positive, minimal DER form) is `@peculiar/x509`'s.
 * It is loaded here, on the first HTTPS server, rather than at import: its dependency injection
 * needs the global `reflect-metadata` polyfill, which a plain-HTTP user should not get.
 *
 * @param commonName - the subject and issuer common name.
 * @returns the PEM certificate and private key.
 */
export async function generateSelfSignedCertificate(
  commonName = 'kube-cache-fake-api-server',
): Promise<CertificateAndKey> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const keys = await crypto.subtle.generateKey(ecdsaP256, true, ['sign', 'verify']);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [commonName] }],
    notBefore: new Date(now - hourMilliseconds),
    notAfter: new Date(now + yearMilliseconds),
    signingAlgorithm: ecdsaP256,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certificate: certificate.toString('pem'),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
}
