/**
 * The CMS part of a PAdES signature (ETSI EN 319 142-1, baseline B-B, PDF
 * SubFilter ETSI.CAdES.detached): a detached SignedData over the PDF's
 * signed byte ranges, SHA-256 with RSA, whose signed attributes are the
 * content type, the message digest and the ESS signing-certificate-v2
 * (RFC 5035) that binds the signer's certificate. No signing-time
 * attribute: PAdES puts the time in the signature dictionary's /M.
 * pkijs builds and verifies the structures; WebCrypto signs.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { KeyFile } from './p12.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

const arrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(arrayBuffer(der));
}

/** ESS signing-certificate-v2: SEQUENCE { SEQUENCE OF ESSCertIDv2 { certHash (SHA-256, the default), issuerSerial } }. */
function signingCertificateV2(der: Uint8Array, cert: pkijs.Certificate): pkijs.Attribute {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  const certId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: arrayBuffer(createHash('sha256').update(der).digest()) }), issuerSerial.toSchema()],
  });
  return new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] })] });
}

/** The DER of a detached CAdES SignedData over `data`, signed with `key`. */
export async function cadesDetached(data: Uint8Array, key: KeyFile): Promise<Uint8Array> {
  const cert = parseCertificate(key.certificate);
  const digest = createHash('sha256').update(data).digest();
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: arrayBuffer(digest) })] }),
            signingCertificateV2(key.certificate, cert),
          ],
        }),
      }),
    ],
    certificates: [cert, ...key.chain.map(parseCertificate)],
  });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', arrayBuffer(key.keyPkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  await signed.sign(privateKey as unknown as CryptoKey, 0, 'SHA-256', undefined, engine);
  const content = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  return new Uint8Array(content.toSchema().toBER(false));
}

/** Whether `cms` (a detached SignedData, possibly zero-padded) is a valid signature of `data` by the certificate it carries. */
export async function verifyDetached(cms: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const asn1 = asn1js.fromBER(arrayBuffer(cms));
    if (asn1.offset === -1) return false;
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    const signed = new pkijs.SignedData({ schema: info.content });
    return await signed.verify({ signer: 0, data: arrayBuffer(data), checkChain: false }, engine);
  } catch {
    return false;
  }
}
