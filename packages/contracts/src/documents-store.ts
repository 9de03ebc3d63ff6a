import { z } from 'zod'
import { IsoDateTime, Uuid } from './common.ts'

/**
 * The citizen's document store (kho dữ liệu): results returned electronically are kept for the
 * citizen, who downloads them and offers them again as a component of a later dossier.
 */
export const CitizenDocument = z
  .object({
    id: Uuid,
    title: z.string(),
    /** The stored result file: downloadable at `GET /api/v1/files/:fileId` by the citizen. */
    fileId: Uuid,
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int().min(0),
    /** The dossier the document was the result of, when it came from one. */
    dossierCode: z.string().nullable(),
    procedureCode: z.string().nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ description: 'Giấy tờ trong kho dữ liệu của công dân' })
export type CitizenDocument = z.infer<typeof CitizenDocument>

export const CitizenDocumentList = z.array(CitizenDocument)
export type CitizenDocumentList = z.infer<typeof CitizenDocumentList>
