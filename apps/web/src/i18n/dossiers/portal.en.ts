import type { dossierPortalVi } from './portal.vi.ts'

export const dossierPortalEn = {} as const satisfies Record<keyof typeof dossierPortalVi, string>
