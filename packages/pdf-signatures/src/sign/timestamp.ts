import { createHash, randomBytes } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { fetchBytes } from '../validate/revocation.ts'
import { SigningError } from './errors.ts'
import { OID } from './signer.ts'

/**
 * An RFC 3161 time-stamp authority. `stamp` receives the SHA-256 of the CMS signature value and
 * returns the DER TimeStampToken (a ContentInfo of SignedData over TSTInfo).
 */
export interface TimestampClient {
  stamp(messageImprint: Uint8Array): Promise<Uint8Array>
}

export const TSP_OID = {
  /** id-aa-signatureTimeStampToken (RFC 3161 appendix A): the unsigned attribute of PAdES B-T. */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** id-ct-TSTInfo: the eContentType of a time-stamp token. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** id-kp-timeStamping. */
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const

export interface HttpTimestampOptions {
  /** Injected for tests or a proxy; default the global fetch. */
  fetch?: typeof fetch
  /** Default 10 000 ms. */
  timeoutMs?: number
  /** TSA policy to request (reqPolicy); the token must then carry it. */
  policyOid?: string
  /** Extra request headers, e.g. Authorization for a commercial TSA. */
  headers?: Record<string, string>
}

const MAX_REPLY_BYTES = 1024 * 1024
const STATUS_TEXT = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification']
const FAIL_INFO: [number, string][] = [
  [0, 'badAlg'],
  [2, 'badRequest'],
  [5, 'badDataFormat'],
  [14, 'timeNotAvailable'],
  [15, 'unacceptedPolicy'],
  [16, 'unacceptedExtension'],
  [17, 'addInfoNotAvailable'],
  [25, 'systemFailure'],
]

const failed = (message: string): SigningError => new SigningError('timestamp-failed', message)

/** An RFC 3161 client over HTTP (POST application/timestamp-query → application/timestamp-reply). */
export class HttpTimestampClient implements TimestampClient {
  constructor(
    readonly url: string,
    private readonly opts: HttpTimestampOptions = {},
  ) {
    if (!/^https?:\/\//i.test(url)) throw new TypeError(`the TSA address must be http(s): ${url}`)
  }

  async stamp(messageImprint: Uint8Array): Promise<Uint8Array> {
    if (messageImprint.length !== 32) throw new RangeError('expected a SHA-256 message imprint')
    const nonce = randomBytes(8)
    nonce[0] = (nonce[0]! % 0x7f) + 1 // positive and minimally encoded
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: messageImprint }),
      }),
      nonce: new asn1js.Integer({ valueHex: nonce }),
      certReq: true,
      ...(this.opts.policyOid ? { reqPolicy: this.opts.policyOid } : {}),
    })
    let reply: Uint8Array
    try {
      reply = await fetchBytes(
        this.url,
        {
          method: 'POST',
          headers: { ...this.opts.headers, 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
          body: new Uint8Array(request.toSchema().toBER(false)),
        },
        { fetch: this.opts.fetch, timeoutMs: this.opts.timeoutMs ?? 10_000, maxBytes: MAX_REPLY_BYTES },
      )
    } catch (e) {
      throw failed(`the time-stamp authority ${this.url} did not answer: ${e instanceof Error ? e.message : String(e)}`)
    }
    return parseReply(reply, messageImprint, BigInt(`0x${nonce.toString('hex')}`), this.opts.policyOid)
  }
}

/** Checks a TimeStampResp against the request and returns the token's exact bytes. */
function parseReply(reply: Uint8Array, imprint: Uint8Array, nonce: bigint, policy: string | undefined): Uint8Array {
  const parsed = asn1js.fromBER(reply)
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw failed('the TSA reply is not DER')
  let response: pkijs.TimeStampResp
  try {
    response = new pkijs.TimeStampResp({ schema: parsed.result })
  } catch {
    throw failed('the TSA reply is not a TimeStampResp')
  }
  const status = response.status.status as number
  if (status !== 0 && status !== 1) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ')
    const bits = response.status.failInfo ? failInfoNames(response.status.failInfo) : []
    throw failed(`the TSA refused: ${STATUS_TEXT[status] ?? status}${bits.length ? ` (${bits.join(', ')})` : ''}${text ? `: ${text}` : ''}`)
  }
  const tokenBlock = parsed.result.valueBlock.value[1]
  if (!tokenBlock || !response.timeStampToken) throw failed('the TSA granted but sent no token')
  const token = new Uint8Array(tokenBlock.valueBeforeDecodeView)
  const info = readTstInfo(token)
  if (!info) throw failed('the time-stamp token is not a SignedData over TSTInfo')
  const { tstInfo, signedData } = info
  if (tstInfo.messageImprint.hashAlgorithm.algorithmId !== OID.sha256) throw failed('the token imprint is not SHA-256')
  if (!Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(imprint)))
    throw failed('the token is over another message imprint')
  if (!tstInfo.nonce || tstInfo.nonce.toBigInt() !== nonce) throw failed('the token does not echo the request nonce')
  if (policy && tstInfo.policy !== policy) throw failed(`the token policy ${tstInfo.policy} is not the requested ${policy}`)
  if (!signedData.certificates?.length) throw failed('the token does not include the TSA certificate (certReq was set)')
  return token
}

function failInfoNames(bits: asn1js.BitString): string[] {
  const bytes = bits.valueBlock.valueHexView
  return FAIL_INFO.filter(([bit]) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0).map(([, name]) => name)
}

/** The TSTInfo of a time-stamp token, or null when it is not one. Throws nothing. */
export function readTstInfo(token: Uint8Array): { tstInfo: pkijs.TSTInfo; signedData: pkijs.SignedData; content: Uint8Array } | null {
  try {
    const parsed = asn1js.fromBER(token)
    if (parsed.offset === -1) return null
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID.signedData) return null
    const signedData = new pkijs.SignedData({ schema: info.content })
    const eContent = signedData.encapContentInfo.eContent
    if (signedData.encapContentInfo.eContentType !== TSP_OID.tstInfo || !eContent) return null
    const content = octets(eContent)
    const tst = asn1js.fromBER(content)
    if (tst.offset !== content.length) return null
    return { tstInfo: new pkijs.TSTInfo({ schema: tst.result }), signedData, content }
  } catch {
    return null
  }
}

/** The value of an OCTET STRING, primitive or (BER) constructed from segments. */
export function octets(s: asn1js.OctetString): Uint8Array {
  if (!s.idBlock.isConstructed) return new Uint8Array(s.valueBlock.valueHexView)
  return Buffer.concat(s.valueBlock.value.map((part) => octets(part as asn1js.OctetString)))
}

/**
 * Adds the signature time-stamp token (PAdES B-T, ETSI EN 319 122-1 §5.3) as the unsigned
 * attribute id-aa-signatureTimeStampToken of the single SignerInfo. The token is inserted
 * byte for byte; the signed attributes and the signature value are checked to be unchanged.
 */
export async function addSignatureTimestamp(cms: Uint8Array, client: TimestampClient): Promise<Uint8Array> {
  const before = parseSignerInfo(cms)
  const imprint = new Uint8Array(createHash('sha256').update(before.signatureValue).digest())
  let token: Uint8Array
  try {
    token = await client.stamp(imprint)
  } catch (e) {
    if (e instanceof SigningError) throw e
    throw failed(`time-stamping failed: ${e instanceof Error ? e.message : String(e)}`)
  }
  const { signedData, signerInfo } = before
  const parsedToken = asn1js.fromBER(token)
  if (parsedToken.offset !== token.length) throw failed('the time-stamp token is not a single DER value')
  const attribute = new pkijs.Attribute({ type: TSP_OID.signatureTimeStampToken, values: [parsedToken.result] })
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [...(signerInfo.unsignedAttrs?.attributes ?? []), attribute],
  })
  const out = new Uint8Array(
    new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(false) }).toSchema().toBER(false),
  )
  // Re-encoding goes through asn1js: the signed attributes, the signature and the token must come
  // out byte for byte (a token that is BER rather than DER would not, and is refused).
  const after = parseSignerInfo(out)
  if (!Buffer.from(after.signedAttrs).equals(Buffer.from(before.signedAttrs)) || !after.signatureValue.equals(before.signatureValue))
    throw new SigningError('cms-malformed', 'the CMS did not survive re-encoding unchanged')
  const embedded = after.signerInfo.unsignedAttrs?.attributes.at(-1)?.values[0] as asn1js.BaseBlock | undefined
  if (!embedded || !Buffer.from(embedded.valueBeforeDecodeView).equals(Buffer.from(token)))
    throw failed('the time-stamp token does not survive DER re-encoding')
  return out
}

function parseSignerInfo(cms: Uint8Array): {
  signedData: pkijs.SignedData
  signerInfo: pkijs.SignerInfo
  signedAttrs: Uint8Array
  signatureValue: Buffer
} {
  try {
    const parsed = asn1js.fromBER(cms)
    if (parsed.offset === -1) throw new Error('not DER')
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID.signedData) throw new Error('not SignedData')
    const signedData = new pkijs.SignedData({ schema: info.content })
    const [signerInfo, ...more] = signedData.signerInfos
    if (!signerInfo || more.length > 0 || !signerInfo.signedAttrs) throw new Error('not one SignerInfo with signed attributes')
    return {
      signedData,
      signerInfo,
      signedAttrs: new Uint8Array(signerInfo.signedAttrs.encodedValue),
      signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    }
  } catch (e) {
    throw new SigningError('cms-malformed', `cannot add a time-stamp: ${e instanceof Error ? e.message : String(e)}`)
  }
}
