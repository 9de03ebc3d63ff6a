/**
 * TEST AND DEMO TOOLING of @congso/pdf-signatures: generated PKIs, sample PDFs and images, and
 * simulators of the third parties a signature involves (an external USB-token signer, an RFC 3161
 * time-stamp authority, CRL and OCSP services). Never used to sign or validate real documents.
 */
export { createTestPki, exportPkcs12, type TestIdentity, type TestPki } from './pki.ts'
export { makeSamplePdf } from './fixtures.ts'
export { demoSealPng, demoSignaturePng } from './images.ts'
export { ReferenceExternalSigner } from './external-signer.ts'
export { startTestTsa, type TestTsa } from './tsa.ts'
export { startRevocationServer, type TestRevocationServer } from './revocation-server.ts'
export { createDemoPki, type DemoPki, type DemoPkiSpec } from './demo-pki.ts'
export { makeDemoDecisionPdf, type DemoDecision } from './demo-document.ts'
