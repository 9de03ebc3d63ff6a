import type { RevisionChange } from './report.ts'

/**
 * What each incremental update after `signedEnd` changed, and whether the signature's permissions
 * allow it. TODO(issue 5, in progress): the object-level diff; until then any later revision is
 * reported as not analysed and the document as modified.
 */
export function analyseLaterRevisions(
  pdf: Uint8Array,
  signedEnd: number,
  _docMdp: 1 | 2 | 3 | null,
): { laterRevisions: RevisionChange[]; modifiedAfterSigning: boolean } {
  if (signedEnd >= pdf.length) return { laterRevisions: [], modifiedAfterSigning: false }
  return { laterRevisions: [{ revision: 0, changes: ['not-analysed'], allowed: false }], modifiedAfterSigning: true }
}
