/** DEMO data generation only (the demo province's certificates and seal images); see demo-pki.ts. */
export { createDemoPki, type DemoPki, type DemoPkiSpec } from './demo-pki.ts'
export { demoSealPng, demoSignaturePng } from './images.ts'
