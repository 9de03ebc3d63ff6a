/**
 * The one-stop forms of Circular 01/2018/TT-VPCP as PDF: pure functions from form data to the
 * bytes of an A4 document. Layout helpers for the forms still to come (Mẫu 04, 05) are in layout.ts.
 */
export type { FormAgency, FormApplicant, FormComponent, ReceiptData, RefusalData, SupplementData } from './form-data.ts'
export { RECEIPT_TITLE, renderReceipt } from './receipt.ts'
export { REFUSAL_TITLE, renderRefusal } from './refusal.ts'
export { SUPPLEMENT_TITLE, renderSupplementRequest } from './supplement.ts'
