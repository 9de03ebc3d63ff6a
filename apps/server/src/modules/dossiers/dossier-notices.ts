import type { AppContext } from '../../context.ts'
import type { JobHandler } from '../../jobs/queue.ts'
import { enqueueNotice, toSmsText } from '../notifications/notifications.service.ts'
import { findDossier } from './dossiers.repo.ts'

type Deps = Pick<AppContext, 'database' | 'queue' | 'log' | 'config'>

export const DOSSIER_NOTICE_JOB = 'dossier.notice'

interface NoticeJob {
  code: string
  seq: number
}

/**
 * Queues the applicant's notice of a citizen-visible change, after the change committed. A failure
 * to queue is logged, never turned into a failed request: the change itself is already durable.
 */
export function noticeAfterCommit(ctx: Deps, code: string, seq: number): void {
  ctx.queue.send(DOSSIER_NOTICE_JOB, { code, seq } satisfies NoticeJob).catch((err: unknown) => {
    ctx.log.error({ err, code, seq }, 'could not queue the dossier notice')
  })
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

function compose(type: string, code: string, procedure: string, at: Date, data: Record<string, unknown>, trackUrl: string): Message | null {
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

/** Composes the notice from the committed event and hands it to the notifications module. */
export function dossierNoticeJob(ctx: Deps): JobHandler {
  return {
    name: DOSSIER_NOTICE_JOB,
    async handle(raw) {
      const job = raw as NoticeJob
      const db = ctx.database.db
      const d = await findDossier(db, job.code)
      if (!d) return
      const [e, proc] = await Promise.all([
        db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', d.id).where('seq', '=', job.seq).executeTakeFirst(),
        db.selectFrom('procedure_versions').select('name').where('id', '=', d.procedure_version_id).executeTakeFirst(),
      ])
      if (!e) return
      const trackUrl = `${ctx.config.publicUrl}/tra-cuu-ho-so/${encodeURIComponent(d.code)}`
      const msg = compose(e.type, d.code, proc?.name ?? d.procedure_code, e.at, (e.data ?? {}) as Record<string, unknown>, trackUrl)
      if (!msg) return
      const applicant = d.applicant as { email?: string | null; phone?: string | null }
      await enqueueNotice(
        ctx.queue,
        {
          dossierCode: d.code,
          email: applicant.email ?? null,
          phone: applicant.phone ?? null,
          subject: msg.subject,
          text: msg.text,
          sms: toSmsText(msg.sms),
        },
        ctx.log,
      )
    },
  }
}
