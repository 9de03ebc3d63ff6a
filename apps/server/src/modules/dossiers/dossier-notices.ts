import type { AppContext } from '../../context.ts'
import { enqueueNotice, toSmsText } from '../notifications/notifications.service.ts'

type Deps = Pick<AppContext, 'queue' | 'log' | 'config'>

export interface DossierChange {
  code: string
  type: string
  at: Date
  data: Record<string, unknown>
  procedureName: string
  applicant: { email?: string | null; phone?: string | null }
}

/**
 * Queues the applicant's notice of a citizen-visible change, after the change committed. A failure
 * to queue is logged, never turned into a failed request: the change itself is already durable.
 */
export function noticeAfterCommit(ctx: Deps, c: DossierChange): void {
  const trackUrl = `${ctx.config.publicUrl}/tra-cuu-ho-so/${encodeURIComponent(c.code)}`
  const msg = compose(c.type, c.code, c.procedureName, c.at, c.data, trackUrl)
  if (!msg) return
  void enqueueNotice(
    ctx.queue,
    {
      dossierCode: c.code,
      email: c.applicant.email ?? null,
      phone: c.applicant.phone ?? null,
      subject: msg.subject,
      text: msg.text,
      sms: toSmsText(msg.sms),
    },
    ctx.log,
  )
}

const pad = (n: number) => String(n).padStart(2, '0')
/** `HH:mm ngày dd/mm/yyyy` in Vietnam time. */
export function vnDateTime(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000)
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())} ngày ${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`
}

interface Message {
  subject: string
  text: string
  sms: string
}

export function compose(
  type: string,
  code: string,
  procedure: string,
  at: Date,
  data: Record<string, unknown>,
  trackUrl: string,
): Message | null {
  const due = typeof data.dueAt === 'string' ? vnDateTime(new Date(data.dueAt)) : null
  const tail = `\n\nTheo dõi hồ sơ: ${trackUrl}\n(Nhập mã hồ sơ và 4 số cuối số điện thoại hoặc CCCD của người nộp.)`
  switch (type) {
    case 'submitted':
      return {
        subject: `Hồ sơ ${code} đã được nộp`,
        text: `Hồ sơ "${procedure}" của Ông/Bà đã được nộp lúc ${vnDateTime(at)}, mã hồ sơ ${code}. Cơ quan tiếp nhận sẽ kiểm tra và thông báo kết quả tiếp nhận.${tail}`,
        sms: `Ho so ${code} da duoc nop luc ${vnDateTime(at)}. Tra cuu: ${trackUrl}`,
      }
    case 'supplement_requested': {
      const items = Array.isArray(data.items) ? (data.items as { name?: string; reason?: string }[]) : []
      const list = items.map((i, n) => `${n + 1}. ${i.name ?? ''}: ${i.reason ?? ''}`).join('\n')
      return {
        subject: `Hồ sơ ${code} cần bổ sung, hoàn thiện`,
        text: `Hồ sơ "${procedure}" (mã ${code}) cần bổ sung, hoàn thiện các nội dung sau:\n${list}\n\nÔng/Bà vui lòng bổ sung trực tuyến hoặc tại Bộ phận Một cửa.${tail}`,
        sms: `Ho so ${code} can bo sung ${items.length} noi dung. Xem chi tiet: ${trackUrl}`,
      }
    }
    case 'supplement_submitted':
      return {
        subject: `Đã nhận hồ sơ bổ sung ${code}`,
        text: `Hồ sơ bổ sung cho "${procedure}" (mã ${code}) đã được nhận lúc ${vnDateTime(at)}.${tail}`,
        sms: `Da nhan ho so bo sung ${code}.`,
      }
    case 'accepted':
      return {
        subject: `Hồ sơ ${code} đã được tiếp nhận`,
        text: `Hồ sơ "${procedure}" (mã ${code}) đã được tiếp nhận lúc ${vnDateTime(at)}.${due ? ` Thời gian hẹn trả kết quả: ${due}.` : ''} Giấy tiếp nhận hồ sơ và hẹn trả kết quả có thể tải về trên Cổng dịch vụ công.${tail}`,
        sms: `Ho so ${code} da duoc tiep nhan.${due ? ` Hen tra ket qua: ${due}.` : ''}`,
      }
    case 'refused':
      return {
        subject: `Hồ sơ ${code} không được tiếp nhận`,
        text: `Hồ sơ "${procedure}" (mã ${code}) không được tiếp nhận, giải quyết. Lý do: ${typeof data.reason === 'string' ? data.reason : ''}${tail}`,
        sms: `Ho so ${code} khong duoc tiep nhan. Xem ly do: ${trackUrl}`,
      }
    case 'withdrawn':
      return {
        subject: `Hồ sơ ${code} đã được rút`,
        text: `Hồ sơ "${procedure}" (mã ${code}) đã được rút theo yêu cầu lúc ${vnDateTime(at)}.${tail}`,
        sms: `Ho so ${code} da duoc rut theo yeu cau.`,
      }
    case 'extended':
      return {
        subject: `Hồ sơ ${code} được gia hạn thời gian giải quyết`,
        text: `Hồ sơ "${procedure}" (mã ${code}) được gia hạn thời gian giải quyết.${due ? ` Thời gian hẹn trả kết quả mới: ${due}.` : ''} Lý do: ${typeof data.reason === 'string' ? data.reason : ''}${tail}`,
        sms: `Ho so ${code} duoc gia han.${due ? ` Hen tra moi: ${due}.` : ''}`,
      }
    default:
      return null
  }
}
