/** Messages of the officer dossier pages. */
export const dossierOfficerVi = {} as const
