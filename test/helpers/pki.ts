/**
 * A throw-away certificate authority for the signing tests, made at run
 * time (nothing secret in the repository): RSA keys from node:crypto,
 * certificates and PKCS#12 files from node-forge.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** A key pair and its certificate. */
export interface Identity {
  readonly key: forge.pki.rsa.PrivateKey;
  readonly cert: forge.pki.Certificate;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

let serial = 1;
const DAY = 86_400_000;

/** A certificate for `commonName` valid from `fromDays` to `toDays` days from now, signed by `issuer` (itself when absent: a CA). */
export function identity(commonName: string, opts: { readonly issuer?: Identity; readonly fromDays?: number; readonly toDays?: number } = {}): Identity {
  const { privateKey, publicKey } = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = String(10 + serial++).padStart(2, '0');
  cert.validity.notBefore = new Date(Date.now() + (opts.fromDays ?? -1) * DAY);
  cert.validity.notAfter = new Date(Date.now() + (opts.toDays ?? 30) * DAY);
  const subject = [{ shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }, { shortName: 'C', value: 'VN' }];
  cert.setSubject(subject);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : subject);
  cert.setExtensions(opts.issuer ? [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }] : [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }]);
  cert.sign(opts.issuer?.key ?? privateKey, forge.md.sha256.create());
  return { key: privateKey, cert };
}

/** A PKCS#12 file with the identity's key, its certificate and the chain, under `password` (3DES, as many tokens export). */
export function p12(who: Identity, password: string, chain: readonly Identity[] = []): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(who.key, [who.cert, ...chain.map((c) => c.cert)], password, { algorithm: '3des', friendlyName: 'ketluan-test' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** The certificate as PEM (for pdfsig's trust store or openssl). */
export function pem(who: Identity): string {
  return forge.pki.certificateToPem(who.cert);
}
