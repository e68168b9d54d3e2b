import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A PEM certificate and its PEM (PKCS#8) private key.
 *
 * @since 0.1.0
 */
export interface CertificateAndKey {
  readonly certificate: string;
  readonly privateKey: string;
}

// A minimal DER writer: just the ASN.1 types an X.509 v3 certificate needs. Node can sign but
// cannot build certificates, and the libraries that can pull in heavy polyfills.
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tagged(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

const sequence = (...parts: Buffer[]): Buffer => tagged(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tagged(0x31, Buffer.concat(parts));
const octetString = (content: Buffer): Buffer => tagged(0x04, content);
const utf8String = (text: string): Buffer => tagged(0x0c, Buffer.from(text, 'utf8'));
const bitString = (content: Buffer): Buffer =>
  tagged(0x03, Buffer.concat([Buffer.from([0]), content]));

/**
 * DER-encodes unsigned big-endian bytes as a positive INTEGER, in the minimal form DER requires:
 * leading zero bytes are dropped (a random serial may start with some; OpenSSL rejects such a
 * certificate with "illegal padding"), and one zero byte is put back when the first remaining
 * byte has its high bit set, which would otherwise read as negative.
 *
 * @internal
 */
export function positiveInteger(content: Buffer): Buffer {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start += 1;
  const minimal = content.subarray(start);
  const first = minimal[0] ?? 0;
  return tagged(
    0x02,
    minimal.length === 0
      ? Buffer.from([0])
      : first & 0x80
        ? Buffer.concat([Buffer.from([0]), minimal])
        : minimal,
  );
}

function objectIdentifier(dotted: string): Buffer {
  const numbers = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = numbers;
  const bytes: number[] = [first * 40 + second];
  for (const value of rest) {
    const chunk: number[] = [value & 0x7f];
    for (let remaining = value >>> 7; remaining > 0; remaining >>>= 7)
      chunk.unshift(0x80 | (remaining & 0x7f));
    bytes.push(...chunk);
  }
  return tagged(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  // UTCTime (YYMMDDHHMMSSZ) up to 2049, GeneralizedTime after, as RFC 5280 requires.
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? tagged(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tagged(0x18, Buffer.from(`${iso}Z`));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(
    objectIdentifier(oid),
    ...(critical ? [Buffer.from([0x01, 0x01, 0xff])] : []),
    octetString(value),
  );
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Generates a self-signed ECDSA P-256 certificate for `127.0.0.1` and `localhost`, valid for
 * a year, usable both as the server certificate and as the client's CA.
 *
 * @param commonName - the subject and issuer common name.
 * @returns the PEM certificate and private key.
 * @since 0.1.0
 */
export function generateSelfSignedCertificate(
  commonName = 'kube-cache-fake-api-server',
): CertificateAndKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaWithSha256 = sequence(objectIdentifier('1.2.840.10045.4.3.2'));
  const name = sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String(commonName))));
  const now = Date.now();
  const subjectAlternativeNames = sequence(
    tagged(0x87, Buffer.from([127, 0, 0, 1])),
    tagged(0x82, Buffer.from('localhost')),
  );
  const extensions = tagged(
    0xa3,
    sequence(
      extension('2.5.29.19', true, sequence(Buffer.from([0x01, 0x01, 0xff]))),
      extension('2.5.29.15', true, bitString(Buffer.from([0xa4]))),
      extension('2.5.29.17', false, subjectAlternativeNames),
    ),
  );
  const toBeSigned = sequence(
    tagged(0xa0, tagged(0x02, Buffer.from([2]))),
    positiveInteger(randomBytes(16)),
    ecdsaWithSha256,
    name,
    sequence(time(new Date(now - 3_600_000)), time(new Date(now + 365 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', toBeSigned, privateKey);
  const certificate = sequence(toBeSigned, ecdsaWithSha256, bitString(signature));
  return {
    certificate: toPem('CERTIFICATE', certificate),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
