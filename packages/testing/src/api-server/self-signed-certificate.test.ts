import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from './self-signed-certificate';

// The serial as DER bytes: the INTEGER right after the TBSCertificate's [0] version field.
function serialBytes(pem: string): Buffer {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  // Certificate SEQUENCE and TBSCertificate SEQUENCE headers (long-form lengths), then a0 03 02 01 02.
  const tbsStart = 2 + (der[1]! & 0x80 ? der[1]! & 0x7f : 0);
  const versionStart = tbsStart + 2 + (der[tbsStart + 1]! & 0x80 ? der[tbsStart + 1]! & 0x7f : 0);
  const serialStart = versionStart + 5;
  expect(der[serialStart]).toBe(0x02);
  const length = der[serialStart + 1]!;
  return der.subarray(serialStart + 2, serialStart + 2 + length);
}

describe('generateSelfSignedCertificate', () => {
  it('should produce a self-signed CA certificate for 127.0.0.1 and localhost, with its key', async () => {
    const { certificate, privateKey } = await generateSelfSignedCertificate('test-server');
    const parsed = new X509Certificate(certificate);
    expect(parsed.subject).toBe('CN=test-server');
    expect(parsed.issuer).toBe('CN=test-server');
    expect(parsed.ca).toBe(true);
    expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(parsed.checkHost('localhost')).toBe('localhost');
    expect(parsed.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.checkPrivateKey(createPrivateKey(privateKey))).toBe(true);
    expect(parsed.publicKey.asymmetricKeyType).toBe('ec');
    expect(parsed.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(new Date(parsed.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(parsed.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('should give every certificate a fresh key and a positive, minimally encoded serial', async () => {
    // A serial with a redundant leading zero byte once made HTTPS start fail ("illegal padding"),
    // about one start in 512; 100 certificates make a regression of that kind likely to show.
    const serials = new Set<string>();
    const keys = new Set<string>();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { certificate, privateKey } = await generateSelfSignedCertificate();
      const serial = serialBytes(certificate);
      expect(serial[0]! & 0x80).toBe(0);
      if (serial.length > 1) expect(serial[0] !== 0 || serial[1]! >= 0x80).toBe(true);
      expect(new X509Certificate(certificate).serialNumber).toMatch(/^[0-9A-F]+$/);
      serials.add(serial.toString('hex'));
      keys.add(privateKey);
    }
    expect(serials.size).toBe(100);
    expect(keys.size).toBe(100);
  });
});
