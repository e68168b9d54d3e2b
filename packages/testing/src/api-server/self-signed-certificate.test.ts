import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from './self-signed-certificate';

describe('generateSelfSignedCertificate', () => {
  it('should produce a self-signed CA certificate for 127.0.0.1 and localhost, with its key', () => {
    const { certificate, privateKey } = generateSelfSignedCertificate('test-server');
    const parsed = new X509Certificate(certificate);
    expect(parsed.subject).toBe('CN=test-server');
    expect(parsed.issuer).toBe('CN=test-server');
    expect(parsed.ca).toBe(true);
    expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(parsed.checkHost('localhost')).toBe('localhost');
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.checkPrivateKey(createPrivateKey(privateKey))).toBe(true);
    expect(new Date(parsed.validTo).getTime()).toBeGreaterThan(Date.now());
  });
});
