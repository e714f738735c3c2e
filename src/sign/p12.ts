/**
 * A PKCS#12 (.p12, .pfx) key file opened with its password: the private key
 * and the certificate that matches it, plus the rest of the chain. node-forge
 * parses the file (legacy 3DES/RC2 files and OpenSSL 3's AES/PBKDF2 ones);
 * the password is used here and kept nowhere.
 */
import forge from 'node-forge';

/** An opened key file. */
export interface KeyFile {
  /** The private key as PKCS#8 DER, for WebCrypto. */
  readonly keyPkcs8: Uint8Array;
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** The other certificates in the file (the chain), DER. */
  readonly chain: readonly Uint8Array[];
  /** The certificate's subject common name, as written in it. */
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Why a key file could not be opened. */
export type KeyFileProblem = 'password' | 'corrupt' | 'no-key' | 'unsupported-key';

/** A key file that could not be opened, and why. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
  constructor(readonly problem: KeyFileProblem) {
    super(problem);
  }
}

const der = (asn1: forge.asn1.Asn1): Uint8Array => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

/** forge keeps UTF8String values as their UTF-8 bytes in a binary string; other string types as they are. */
function utf8(binary: string): string {
  try {
    return forge.util.decodeUtf8(binary);
  } catch {
    return binary;
  }
}

/** Opens a PKCS#12 file; throws KeyFileError. */
export function openKeyFile(bytes: Uint8Array, password: string): KeyFile {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    throw new KeyFileError(/MAC could not be verified|Invalid password/i.test((error as Error).message) ? 'password' : 'corrupt');
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  if (keyBags.length === 0) throw new KeyFileError('no-key');
  // forge decodes RSA keys only; an EC key comes back without one.
  const key = keyBags[0].key as forge.pki.rsa.PrivateKey | undefined;
  if (!key || !key.n) throw new KeyFileError('unsupported-key');
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!own) throw new KeyFileError('no-key');
  const cn = own.subject.getField('CN') as { value: string } | null;
  return {
    keyPkcs8: der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certificate: der(forge.pki.certificateToAsn1(own)),
    chain: certs.filter((c) => c !== own).map((c) => der(forge.pki.certificateToAsn1(c))),
    commonName: cn ? utf8(cn.value).normalize('NFC') : '',
    notBefore: own.validity.notBefore,
    notAfter: own.validity.notAfter,
  };
}
