import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate, positiveInteger } from './self-signed-certificate';

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

describe('positiveInteger', () => {
  const hex = (bytes: number[]): string => positiveInteger(Buffer.from(bytes)).toString('hex');

  it('should drop leading zero bytes, as DER requires (a random serial may start with them)', () => {
    expect(hex([0x00, 0x12, 0x34])).toBe('02021234');
    expect(hex([0x00, 0x00, 0x7f])).toBe('02017f');
  });

  it('should keep one zero byte before a high bit, so the integer stays positive', () => {
    expect(hex([0x80, 0x01])).toBe('0203008001');
    expect(hex([0x00, 0x00, 0x80])).toBe('02020080');
  });

  it('should encode zero as a single zero byte', () => {
    expect(hex([0x00, 0x00])).toBe('020100');
    expect(hex([])).toBe('020100');
  });

  it('should give certificates that parse whatever the serial (leading zero bytes included)', () => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const { certificate } = generateSelfSignedCertificate();
      expect(new X509Certificate(certificate).serialNumber).toMatch(/^[0-9A-F]+$/);
    }
  });
});
