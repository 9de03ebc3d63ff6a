import type { dossierOfficerVi } from './officer.vi.ts'

export const dossierOfficerEn = {} as const satisfies Record<keyof typeof dossierOfficerVi, string>
