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
