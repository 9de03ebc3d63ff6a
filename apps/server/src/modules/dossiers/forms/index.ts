/**
 * The one-stop forms of Circular 01/2018/TT-VPCP as PDF: pure functions from form data to the
 * bytes of an A4 document. Layout helpers shared by the forms are in layout.ts.
 */
export type {
  ApologyData,
  ControlSheetData,
  ControlSheetRow,
  FormAgency,
  FormApplicant,
  FormComponent,
  HandOverOutcome,
  ReceiptData,
  RefusalData,
  SupplementData,
} from './form-data.ts'
export { APOLOGY_TITLE, renderApology } from './apology.ts'
export { CONTROL_SHEET_TITLE, OUTCOME_LABEL, renderControlSheet } from './control-sheet.ts'
export { RECEIPT_TITLE, renderReceipt } from './receipt.ts'
export { REFUSAL_TITLE, renderRefusal } from './refusal.ts'
export { SUPPLEMENT_TITLE, renderSupplementRequest } from './supplement.ts'
export { renderResult, type ResultData } from './result.ts'
