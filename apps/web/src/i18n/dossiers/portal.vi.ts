/** Messages of the portal dossier pages. */
export const dossierPortalVi = {} as const
