/**
 * The data the one-stop forms of Circular 01/2018/TT-VPCP are rendered from. The dossiers service
 * builds these from a dossier and its procedure version; the renderers know nothing of the database.
 */

export interface FormAgency {
  name: string
  /** The body the agency belongs to, printed above its name, e.g. 'UBND TỈNH DEMO'. */
  parentName?: string | null
  code: string
  /** Địa danh for the date line, e.g. 'Demo'. */
  place: string
}

export interface FormApplicant {
  name: string
  idNumber?: string | null
  address?: string | null
  phone?: string | null
  email?: string | null
}

export interface FormComponent {
  name: string
  form: 'original' | 'copy' | 'either'
  quantity: number
}

export interface ReceiptData {
  agency: FormAgency
  dossierCode: string
  applicant: FormApplicant
  procedureName: string
  components: FormComponent[]
  sets: number
  /** As the procedure states it, e.g. '15 ngày làm việc'. */
  processingTime: string
  receivedAt: Date
  appointmentAt: Date
  returnChannel: 'counter' | 'post' | 'online'
  /** The postal address when the result goes by post; the applicant's address when absent. */
  returnAddress?: string | null
  officerName: string
  bookVolume: string
  bookNumber: number
  trackingUrl: string
}

export interface SupplementData {
  agency: FormAgency
  dossierCode: string
  applicant: FormApplicant
  procedureName: string
  issuedAt: Date
  items: { name: string; reason: string }[]
  officerName: string
  trackingUrl: string
}

export interface RefusalData {
  agency: FormAgency
  dossierCode: string
  applicant: FormApplicant
  procedureName: string
  issuedAt: Date
  reason: string
  officerName: string
  trackingUrl: string
}

/** How one hand-over went against the time allotted to that step; null while it is not yet due. */
export type HandOverOutcome = 'early' | 'on_time' | 'late'

/** One hand-over of the dossier between agencies or units: a row of the control sheet. */
export interface ControlSheetRow {
  /** The agency or unit handing the dossier over ("Giao"). */
  fromName: string
  /** The agency or unit receiving it ("Nhận"); for the last row, the applicant. */
  toName: string
  /** Null for a hand-over still to come: the row then prints blanks to fill in by hand. */
  handedOverAt: Date | null
  giver: string | null
  receiver: string | null
  /** The step judged against its own allotted time, not the dossier's deadline. */
  outcome: HandOverOutcome | null
  note: string | null
}

export interface ControlSheetData {
  /** The agency whose one-stop counter received the dossier; it heads the sheet. */
  agency: FormAgency
  dossierCode: string
  applicantName: string
  procedureName: string
  /** "Cơ quan (bộ phận) giải quyết hồ sơ"; since 07/2025 often not the receiving agency. Blank when null. */
  competentAgencyName?: string | null
  receivedAt: Date
  /** The appointment on the receipt; null for procedures without a set time (printed as a blank). */
  dueAt: Date | null
  /** In order: the first is reception → the competent agency, the last the return of the result. */
  rows: ControlSheetRow[]
  printedAt: Date
  /** When given, the QR code at the top points there, as on the other forms. */
  trackingUrl?: string | null
}

export interface ApologyData {
  /** The agency responsible for the delay, which issues and signs the letter. */
  agency: FormAgency
  dossierCode: string
  applicantName: string
  procedureName: string
  receivedAt: Date
  originalDueAt: Date
  newDueAt: Date
  /** The specific reason; line breaks start new paragraphs. */
  reason: string
  /** What follows "Số: ", e.g. '15/PXL-STP'; the line is left out when null. */
  number: string | null
  issuedAt: Date
  /** The signer's position, one line each, e.g. 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC'. */
  signerTitle: string
  signerName: string | null
  /** "Nơi nhận"; defaults to the addressee ("Như trên") and the agency's file copy. */
  recipients?: string[]
  trackingUrl?: string | null
}
