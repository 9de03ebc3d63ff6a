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
} as const satisfies Record<string, { status: number; vi: string; en: string }>

export type ErrorCode = keyof typeof errorCatalog
