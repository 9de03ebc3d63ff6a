/**
 * TEST TOOLING ONLY: an RFC 3161 time-stamp authority over HTTP (§3.4: POST
 * application/timestamp-query, answer application/timestamp-reply), on an ephemeral local port.
 * It follows the protocol as a real TSA does — granted status, TSTInfo with policy, serial,
 * genTime, accuracy, the nonce echoed, the TSA certificate included on certReq, a SignedData
 * signed by the TSA key with ESS signing-certificate-v2 — and has switches to misbehave.
 */
import { createHash, randomBytes, sign } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID } from '../sign/signer.ts'
import { TSP_OID } from '../sign/timestamp.ts'
import type { TestIdentity } from './pki.ts'

export type TsaMode = 'ok' | 'reject' | 'wrong-nonce' | 'wrong-imprint' | 'down'

export interface TestTsa {
  url: string
  /** 'ok' grants; 'reject' answers status rejection; 'wrong-*' grant a token that does not match the request; 'down' drops the connection. */
  mode: TsaMode
  /** Time-stamp requests received. */
  requests: number
  /** genTime of the last token granted. */
  lastGenTime: Date | null
  close(): Promise<void>
}

export interface TestTsaOptions {
  /** The TSA policy written into TSTInfo (and the only one it accepts); default a demo OID. */
  policyOid?: string
  /** Certificates sent after the TSA's own when certReq is set; default none. */
  chain?: Uint8Array[]
}

export const DEMO_TSA_POLICY = '1.3.6.1.4.1.99999.1.1'
const HASH_LENGTHS: Record<string, [string, number]> = {
  [OID.sha256]: ['sha256', 32],
  [OID.sha384]: ['sha384', 48],
  [OID.sha512]: ['sha512', 64],
}
/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
const FAIL = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16, systemFailure: 25 }

export async function startTestTsa(identity: TestIdentity, opts: TestTsaOptions = {}): Promise<TestTsa> {
  const policy = opts.policyOid ?? DEMO_TSA_POLICY
  const tsaCert = pkijs.Certificate.fromBER(identity.certificate)
  const extra = (opts.chain ?? []).map((der) => pkijs.Certificate.fromBER(der))
  let serial = BigInt(`0x${randomBytes(4).toString('hex')}`)

  const state: TestTsa = {
    url: '',
    mode: 'ok',
    requests: 0,
    lastGenTime: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }

  const answer = (req: TimestampRequestLike): Uint8Array => {
    const { request, failure } = req
    if (!request) return reply(rejection(failure ?? FAIL.badDataFormat, 'cannot read the request'))
    if (state.mode === 'reject') return reply(rejection(FAIL.systemFailure, 'the TSA is out of service (simulated)'))
    const hash = HASH_LENGTHS[request.messageImprint.hashAlgorithm.algorithmId]
    const imprint = new Uint8Array(request.messageImprint.hashedMessage.valueBlock.valueHexView)
    if (!hash || imprint.length !== hash[1]) return reply(rejection(FAIL.badAlg, 'unsupported hash algorithm'))
    if (request.reqPolicy && request.reqPolicy !== policy) return reply(rejection(FAIL.unacceptedPolicy, 'policy not supported'))
    if (request.extensions?.length) return reply(rejection(FAIL.unacceptedExtension, 'no extensions supported'))

    if (state.mode === 'wrong-imprint') imprint[0] = imprint[0]! ^ 0xff
    let nonce = request.nonce
    if (nonce && state.mode === 'wrong-nonce') nonce = new asn1js.Integer({ value: 1 })
    const genTime = new Date()
    state.lastGenTime = genTime
    serial += 1n
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: request.messageImprint.hashAlgorithm.algorithmId }),
        hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
      }),
      serialNumber: asn1js.Integer.fromBigInt(serial),
      genTime,
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(nonce ? { nonce } : {}),
      tsa: new pkijs.GeneralName({ type: 4, value: tsaCert.subject }),
    })
    const content = new Uint8Array(tstInfo.toSchema().toBER(false))
    const token = signToken(content, request.certReq === true)
    return reply(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token }))
  }

  const signToken = (content: Uint8Array, withCerts: boolean): pkijs.ContentInfo => {
    const signerDer = identity.certificate
    const essCertIdV2 = new asn1js.Sequence({
      value: [
        new asn1js.OctetString({ valueHex: createHash('sha256').update(signerDer).digest() }),
        new asn1js.Sequence({
          value: [
            new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: tsaCert.issuer })] }).toSchema(),
            new asn1js.Integer({ valueHex: tsaCert.serialNumber.valueBlock.valueHexView }),
          ],
        }),
      ],
    })
    const attributes = [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: TSP_OID.tstInfo })] }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() })],
      }),
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
      }),
    ]
    const sorted = attributes
      .map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }))
      .sort((x, y) => Buffer.compare(x.der, y.der))
      .map((x) => x.a)
    const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted })
    const toSign = new Uint8Array(signedAttrs.toSchema().toBER(false))
    toSign[0] = 0x31
    const signature = sign('sha256', toSign, identity.privateKey)
    const encap = new pkijs.EncapsulatedContentInfo({ eContentType: TSP_OID.tstInfo })
    encap.eContent = new asn1js.OctetString({ valueHex: content }) // primitive: DER, not pkijs' chunked form
    const signedData = new pkijs.SignedData({
      version: 3,
      digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
      encapContentInfo: encap,
      ...(withCerts ? { certificates: [tsaCert, ...extra] } : {}),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: tsaCert.issuer, serialNumber: tsaCert.serialNumber }),
          digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
          signedAttrs,
          signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() }),
          signature: new asn1js.OctetString({ valueHex: signature }),
        }),
      ],
    })
    return new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) })
  }

  const server = createServer((req, res) => {
    void handle(req, res)
  })
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    state.requests++
    if (state.mode === 'down') {
      req.socket.destroy()
      return
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end()
      return
    }
    if (req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(415).end()
      return
    }
    const body = await readBody(req, 64 * 1024)
    const out = answer(parseRequest(body))
    res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': out.length }).end(out)
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`
  return state
}

interface TimestampRequestLike {
  request: pkijs.TimeStampReq | null
  failure?: number
}

function parseRequest(body: Uint8Array | null): TimestampRequestLike {
  if (!body) return { request: null, failure: FAIL.badRequest }
  try {
    const parsed = asn1js.fromBER(body)
    if (parsed.offset !== body.length) return { request: null }
    const request = new pkijs.TimeStampReq({ schema: parsed.result })
    return request.version === 1 ? { request } : { request: null, failure: FAIL.badRequest }
  } catch {
    return { request: null }
  }
}

function rejection(bit: number, text: string): pkijs.TimeStampResp {
  const bytes = new Uint8Array((bit >> 3) + 1)
  bytes[bit >> 3] = 0x80 >> (bit & 7)
  return new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: 2,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (bit & 7) }),
    }),
  })
}

function reply(response: pkijs.TimeStampResp): Uint8Array {
  return new Uint8Array(response.toSchema().toBER(false))
}

/** The request body, or null when it is larger than `max`. */
export async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    total += (chunk as Buffer).length
    if (total > max) return null
    chunks.push(chunk as Buffer)
  }
  return new Uint8Array(Buffer.concat(chunks))
}
