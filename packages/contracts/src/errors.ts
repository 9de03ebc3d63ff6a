/**
 * Stable error codes. Each maps (exhaustively, checked by the compiler) to an HTTP status and
 * a Vietnamese and an English message. Programs branch on `code`; people read `message`.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  BODY_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn', en: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng dữ liệu không được hỗ trợ', en: 'Unsupported media type' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập', en: 'Authentication required' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'Forbidden' },
  CSRF_FAILED: { status: 403, vi: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang', en: 'CSRF check failed' },
  RATE_LIMITED: { status: 429, vi: 'Bạn thao tác quá nhanh, vui lòng thử lại sau', en: 'Too many requests' },
  INTERNAL: { status: 500, vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error' },
  AUTH_INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Invalid credentials' },
  AUTH_LOCKED: { status: 423, vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần, vui lòng thử lại sau', en: 'Account temporarily locked' },
  AUTH_DISABLED: { status: 403, vi: 'Tài khoản đã bị vô hiệu hóa', en: 'Account disabled' },
  AUTH_TOTP_INVALID: { status: 401, vi: 'Mã xác thực không đúng hoặc đã hết hạn', en: 'Invalid one-time code' },
  AUTH_STAGE: { status: 403, vi: 'Cần hoàn tất bước xác thực trước', en: 'Finish the sign-in step first' },
  AUTH_OIDC_DISABLED: { status: 404, vi: 'Đăng nhập bằng tài khoản định danh chưa được cấu hình', en: 'OIDC login is not configured' },
  AUTH_OIDC_FAILED: { status: 400, vi: 'Đăng nhập qua tài khoản định danh thất bại', en: 'OIDC login failed' },
  AUTH_WRONG_PASSWORD: { status: 400, vi: 'Mật khẩu hiện tại không đúng', en: 'Current password is wrong' },
  CITIZEN_EXISTS: { status: 409, vi: 'Số CCCD, e-mail hoặc số điện thoại đã được đăng ký', en: 'Citizen already registered' },
  ORG_CODE_TAKEN: { status: 409, vi: 'Mã định danh đã được sử dụng', en: 'Agency code already in use' },
  ORG_INVALID_PARENT: { status: 400, vi: 'Cơ quan cấp trên không phù hợp với loại cơ quan', en: 'Invalid parent agency' },
  ORG_INVALID_SUCCESSOR: {
    status: 400,
    vi: 'Cơ quan kế thừa không hợp lệ (không được là chính nó hoặc cơ quan trực thuộc nó)',
    en: 'Invalid successor agency',
  },
  ORG_CODE_REQUIRED: { status: 400, vi: 'Cơ quan này bắt buộc có mã định danh', en: 'This agency needs an identification code' },
  ORG_DISTRICT_DISABLED: {
    status: 400,
    vi: 'Tỉnh đang cấu hình chính quyền 2 cấp, không có cấp huyện',
    en: 'District level is disabled (2-level government)',
  },
  STAFF_USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại', en: 'Username already taken' },
  STAFF_UNIT_MISMATCH: { status: 400, vi: 'Phòng/đơn vị không thuộc cơ quan đã chọn', en: 'Unit does not belong to the agency' },
  CATALOG_CODE_TAKEN: { status: 409, vi: 'Mã thủ tục đã tồn tại', en: 'Procedure code already exists' },
  CATALOG_NO_DRAFT: { status: 409, vi: 'Thủ tục không có bản dự thảo để công bố', en: 'No draft version to publish' },
  CATALOG_DRAFT_EXISTS: { status: 409, vi: 'Thủ tục đã có một bản dự thảo đang soạn', en: 'A draft version already exists' },
  CATALOG_NOT_PUBLISHED: { status: 409, vi: 'Thủ tục chưa được công bố', en: 'Procedure is not published' },
  CATALOG_PUBLICATION_KIND: {
    status: 400,
    vi: 'Loại quyết định công bố không phù hợp với trạng thái thủ tục',
    en: 'Publication kind does not match the procedure state',
  },
  CATALOG_IMPORT_INVALID: {
    status: 422,
    vi: 'Tệp nhập có dòng không hợp lệ, không dòng nào được nhập',
    en: 'Import file has invalid rows; nothing imported',
  },
  CATALOG_CODE_MISMATCH: {
    status: 400,
    vi: 'Không được đổi mã thủ tục trong bản dự thảo',
    en: 'The draft cannot change the procedure code',
  },
  CATALOG_TEMPLATE_NOT_FOUND: {
    status: 400,
    vi: 'Không tìm thấy tệp mẫu đơn, tờ khai của thành phần hồ sơ',
    en: 'Template file of a dossier component not found',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Định dạng tệp không được chấp nhận (chỉ PDF, DOC, DOCX, XLS, XLSX, PNG, JPEG)',
    en: 'File type not allowed (PDF, DOC, DOCX, XLS, XLSX, PNG, JPEG only)',
  },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn', en: 'File too large' },
  FILE_NAME_REQUIRED: { status: 400, vi: 'Thiếu tên tệp', en: 'File name required' },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Định dạng tệp đính kèm không được chấp nhận (chỉ PDF, JPEG, PNG, DOCX, XLSX; kiểm tra theo nội dung tệp)',
    en: 'Attachment type not allowed (PDF, JPEG, PNG, DOCX, XLSX only, checked by content)',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    vi: 'Thiếu tiêu đề Idempotency-Key (8–128 ký tự) để tránh nộp trùng',
    en: 'Idempotency-Key header (8–128 characters) is required',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác',
    en: 'Idempotency-Key was already used with a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    vi: 'Yêu cầu này đang được xử lý, vui lòng thử lại sau giây lát',
    en: 'Request still in progress',
  },
  DOSSIER_ONLINE_NOT_ALLOWED: {
    status: 409,
    vi: 'Thủ tục này không cung cấp dịch vụ công trực tuyến, vui lòng nộp tại Bộ phận Một cửa',
    en: 'This procedure cannot be submitted online',
  },
  DOSSIER_AGENCY_REQUIRED: { status: 400, vi: 'Cần chọn cơ quan tiếp nhận hồ sơ', en: 'Receiving agency required' },
  DOSSIER_AGENCY_NOT_IMPLEMENTING: {
    status: 400,
    vi: 'Cơ quan đã chọn không thực hiện thủ tục này',
    en: 'The agency does not implement this procedure',
  },
  DOSSIER_APPLICANT_REQUIRED: { status: 400, vi: 'Cần nhập thông tin người nộp hồ sơ', en: 'Applicant details required' },
  DOSSIER_POSTAL_RECEIPT_REQUIRED: {
    status: 400,
    vi: 'Hồ sơ gửi qua bưu chính cần số biên nhận bưu chính',
    en: 'Postal receipt number required',
  },
  DOSSIER_RETURN_ADDRESS_REQUIRED: {
    status: 400,
    vi: 'Nhận kết quả qua bưu chính cần địa chỉ nhận',
    en: 'Postal return needs an address',
  },
  DOSSIER_COMPONENT_MISSING: { status: 422, vi: 'Thiếu thành phần hồ sơ bắt buộc', en: 'Required dossier component missing' },
  DOSSIER_COMPONENT_UNKNOWN: { status: 400, vi: 'Thành phần hồ sơ không có trong thủ tục', en: 'Unknown dossier component' },
  DOSSIER_FORM_INVALID: { status: 422, vi: 'Tờ khai điện tử chưa hợp lệ', en: 'E-form is invalid' },
  DOSSIER_FILE_NOT_FOUND: {
    status: 400,
    vi: 'Tệp đính kèm không tồn tại, không thuộc về bạn hoặc đã dùng cho hồ sơ khác',
    en: 'Attachment not found, not yours, or already used',
  },
  DOSSIER_TOO_LARGE: { status: 413, vi: 'Tổng dung lượng tệp của hồ sơ vượt quá giới hạn', en: 'Dossier attachments too large' },
  DOSSIER_WRONG_STATE: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ',
    en: 'Action not allowed in the dossier’s current status',
  },
  DOSSIER_VERSION_CONFLICT: {
    status: 409,
    vi: 'Hồ sơ vừa được người khác cập nhật, vui lòng tải lại để xem thay đổi',
    en: 'The dossier was changed by someone else; reload it',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>

export type ErrorCode = keyof typeof errorCatalog
