import { useId, type ReactNode } from 'react'
import type { ProcessDefinitionInput } from '@congso/contracts'
import type { BranchCondition, StepKind } from '@congso/domain'
import { useI18n } from '../../i18n/index.tsx'
import { BOX_H, BOX_W, layoutProcess, type EdgeGeom, type NodeBox } from './layout.ts'
import { formatNumber } from '../../lib/format.ts'
import { durationLabel, ellipsize, textWidth, wrapText } from './text.ts'

type Step = ProcessDefinitionInput['steps'][number]
type Transition = ProcessDefinitionInput['transitions'][number]

interface Props {
  definition: ProcessDefinitionInput
  /** The name of a unit (phòng) by id, for the step boxes and the text version. */
  unitName?: (id: string) => string | undefined
  /** A branch condition in words ("Loại phiếu = Phiếu số 2"); by default its field, operator and value. */
  describeCondition?: (c: BranchCondition) => string
  /** Steps and transitions (by index) the editor's check found something wrong with: outlined in red. */
  stepIssues?: ReadonlySet<number>
  transitionIssues?: ReadonlySet<number>
}

const KIND_STYLE: Record<StepKind, { fill: string; stroke: string; text: string }> = {
  task: { fill: '#eef4fb', stroke: '#0a52a3', text: '#063a75' },
  approval: { fill: '#fff4e5', stroke: '#ad4e00', text: '#7a3700' },
  result: { fill: '#effaf0', stroke: '#237804', text: '#135200' },
}
const GREY = { fill: '#f2f2f2', stroke: '#8c8c8c', text: '#595959' }
const ERROR = '#c0161f'
const EDGE = { forward: '#3d3d3d', branch: '#0a52a3', return: '#6b2fbf', grey: '#a6a6a6' }
const LABEL_FONT = 11.5
const CURVE_LABEL_W = 170
const LANE_LABEL_W = 200
export const OP_SYMBOL: Record<BranchCondition['op'], string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: '∈' }

const defaultCondition = (c: BranchCondition) =>
  `${c.field} ${OP_SYMBOL[c.op]} ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`

/** The outline of a step: a rounded box for work, a box with cut corners for the decision, a pill for the hand-back. */
function shapePath(kind: StepKind, x: number, y: number, w: number, h: number): string {
  if (kind === 'approval') {
    const c = 14
    return `M${x + c} ${y} H${x + w - c} L${x + w} ${y + c} V${y + h - c} L${x + w - c} ${y + h} H${x + c} L${x} ${y + h - c} V${y + c} Z`
  }
  const r = kind === 'result' ? 26 : 8
  return `M${x + r} ${y} H${x + w - r} A${r} ${r} 0 0 1 ${x + w} ${y + r} V${y + h - r} A${r} ${r} 0 0 1 ${x + w - r} ${y + h} H${x + r} A${r} ${r} 0 0 1 ${x} ${y + h - r} V${y + r} A${r} ${r} 0 0 1 ${x + r} ${y} Z`
}

/**
 * The process as a picture (plain SVG): steps as boxes in columns from the start (left) to the
 * result (right), forward moves as arrows (branches labelled with their condition), returns as
 * dashed arrows below; steps the start does not reach are greyed with a warning. For screen
 * readers the picture has a one-sentence summary and the same content as two ordered lists.
 */
export function ProcessDiagram({ definition, unitName, describeCondition = defaultCondition, stepIssues, transitionIssues }: Props) {
  const { t, lang } = useI18n()
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '')
  const { steps, transitions } = definition
  /** Forward moves out of one step with a condition form a branch; there an unconditional move is the default. */
  const branching = new Set(transitions.filter((tr) => tr.kind === 'forward' && tr.condition).map((tr) => tr.from))
  const edgeLabel = (tr: Transition): string | null => {
    if (tr.kind === 'return') return tr.label || t('wf.tr.return')
    if (tr.condition) return tr.label || describeCondition(tr.condition)
    if (branching.has(tr.from)) return tr.label || t('wf.tr.default')
    return tr.label || null
  }
  // Labels of moves between columns take up to two lines; the gap after a column widens to fit them.
  const labels = transitions.map((tr) => {
    const text = edgeLabel(tr)
    return text ? { text, lines: wrapText(text, CURVE_LABEL_W, LABEL_FONT, 2) } : null
  })
  const layout = layoutProcess(definition, (i) => Math.max(0, ...(labels[i]?.lines ?? []).map((l) => textWidth(l, LABEL_FONT))) + 12)
  const stepName = (id: string) => {
    const i = layout.graph.indexOf.get(id)
    return i === undefined ? id : steps[i]!.name || id
  }
  const roleLine = (s: Step) => {
    const unit = s.unitId ? unitName?.(s.unitId) : undefined
    return unit ? `${t(`role.${s.role}`)} · ${unit}` : t(`role.${s.role}`)
  }

  if (steps.length === 0) {
    return (
      <p className="cs-process-diagram-empty" data-testid="process-diagram">
        {t('wf.dg.empty')}
      </p>
    )
  }

  const unreachable = layout.nodes.filter((n) => !n.reachable).length
  const forwardCount = transitions.filter((tr) => tr.kind === 'forward').length
  const summary =
    t('wf.dg.label', {
      steps: steps.length,
      forward: forwardCount,
      returns: transitions.length - forwardCount,
      start: layout.start ? stepName(definition.startStepId) : t('wf.dg.noStart'),
    }) + (unreachable > 0 ? ` ${t('wf.dg.unreachableCount', { n: unreachable })}` : '')

  const marker = (name: keyof typeof EDGE | 'error') => `url(#${uid}-${name})`
  const edgeColour = (e: EdgeGeom, tr: Transition) => {
    if (transitionIssues?.has(e.index) || e.cycle) return { stroke: ERROR, marker: marker('error') }
    if (!e.reachable) return { stroke: EDGE.grey, marker: marker('grey') }
    if (tr.kind === 'return') return { stroke: EDGE.return, marker: marker('return') }
    if (tr.condition) return { stroke: EDGE.branch, marker: marker('branch') }
    return { stroke: EDGE.forward, marker: marker('forward') }
  }

  const box = (n: NodeBox) => {
    const s = steps[n.index]!
    const style = n.reachable ? KIND_STYLE[s.kind] : GREY
    const issue = stepIssues?.has(n.index) ?? false
    const cx = n.x + BOX_W / 2
    const inner = BOX_W - 20
    const name = wrapText(s.name || s.id, inner, 13, 2, true)
    const nameTop = name.length === 1 ? n.y + 54 : n.y + 46
    const unit = s.unitId ? unitName?.(s.unitId) : undefined
    const muted = n.reachable ? '#3d3d3d' : GREY.text
    return (
      <g key={n.id}>
        <title>{`${s.name} (${t(`wf.kind.${s.kind}`)}) — ${roleLine(s)} — ${durationLabel(t, lang, s.duration)}`}</title>
        {issue && (
          <path
            d={shapePath(s.kind, n.x - 5, n.y - 5, BOX_W + 10, BOX_H + 10)}
            fill="none"
            stroke={ERROR}
            strokeWidth={2}
            strokeDasharray="5 3"
          />
        )}
        <path
          d={shapePath(s.kind, n.x, n.y, BOX_W, BOX_H)}
          fill={style.fill}
          stroke={style.stroke}
          strokeWidth={n.start ? 2.5 : 1.6}
          strokeDasharray={n.reachable ? undefined : '6 4'}
        />
        {n.reachable ? (
          <>
            <text x={n.x + 12} y={n.y + 19} fontSize={11} fontWeight={700} letterSpacing={0.3} fill={style.text}>
              {t(`wf.kind.${s.kind}`).toLocaleUpperCase(lang)}
            </text>
            <text x={n.x + BOX_W - 12} y={n.y + 19} textAnchor="end" fontSize={11.5} fontWeight={600} fill={muted}>
              {t(s.duration.unit === 'working_hour' ? 'wf.dg.hours' : 'wf.dg.days', { n: formatNumber(s.duration.value, lang) })}
            </text>
          </>
        ) : (
          <>
            <path d={`M${n.x + 12} ${n.y + 20} l7 -12 l7 12 Z`} fill={ERROR} />
            <text x={n.x + 19} y={n.y + 18.5} textAnchor="middle" fontSize={9} fontWeight={700} fill="#fff">
              !
            </text>
            <text x={n.x + 31} y={n.y + 19} fontSize={11} fontWeight={700} fill={ERROR}>
              {t('wf.dg.unreachable')}
            </text>
          </>
        )}
        <line x1={n.x + 10} x2={n.x + BOX_W - 10} y1={n.y + 27} y2={n.y + 27} stroke={style.stroke} strokeOpacity={0.35} />
        {name.map((line, i) => (
          <text
            key={i}
            x={cx}
            y={nameTop + i * 16}
            textAnchor="middle"
            fontSize={13}
            fontWeight={700}
            fill={n.reachable ? '#1f1f1f' : GREY.text}
          >
            {line}
          </text>
        ))}
        <text x={cx} y={n.y + (unit ? 82 : 88)} textAnchor="middle" fontSize={12} fill={muted}>
          {ellipsize(t(`role.${s.role}`), inner, 12)}
        </text>
        {unit && (
          <text x={cx} y={n.y + 96} textAnchor="middle" fontSize={11} fill={muted}>
            {ellipsize(unit, inner, 11)}
          </text>
        )}
        {issue && (
          <g>
            <circle cx={n.x + BOX_W - 2} cy={n.y + 2} r={10} fill={ERROR} />
            <text x={n.x + BOX_W - 2} y={n.y + 7} textAnchor="middle" fontSize={14} fontWeight={700} fill="#fff">
              !
            </text>
          </g>
        )}
      </g>
    )
  }

  const edge = (e: EdgeGeom) => {
    const tr = transitions[e.index]!
    const { stroke, marker: end } = edgeColour(e, tr)
    return (
      <path
        key={`e${e.index}`}
        d={e.d}
        fill="none"
        stroke={stroke}
        strokeWidth={1.6}
        strokeDasharray={tr.kind === 'return' ? '6 4' : undefined}
        markerEnd={end}
      />
    )
  }
  const label = (e: EdgeGeom) => {
    const tr = transitions[e.index]!
    const l = labels[e.index]
    if (!l) return null
    const lines = e.route === 'curve' ? l.lines : [ellipsize(l.text, LANE_LABEL_W, LABEL_FONT)]
    const w = Math.max(...lines.map((line) => textWidth(line, LABEL_FONT))) + 12
    const h = lines.length * 15 + 6
    const { stroke } = edgeColour(e, tr)
    return (
      <g key={`l${e.index}`}>
        <title>{l.text}</title>
        <rect x={e.labelAt.x - w / 2} y={e.labelAt.y - h / 2} width={w} height={h} rx={4} fill="#fff" stroke={stroke} strokeWidth={0.8} />
        {lines.map((line, i) => (
          <text
            key={i}
            x={e.labelAt.x}
            y={e.labelAt.y - h / 2 + 15 + i * 15}
            textAnchor="middle"
            fontSize={LABEL_FONT}
            fill={stroke === EDGE.grey ? GREY.text : '#1f1f1f'}
          >
            {line}
          </text>
        ))}
      </g>
    )
  }

  const arrowHead = (name: keyof typeof EDGE | 'error', colour: string) => (
    <marker id={`${uid}-${name}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
      <path d="M0 0 L10 5 L0 10 Z" fill={colour} />
    </marker>
  )

  const trText = (tr: Transition) => {
    const parts = [`${stepName(tr.from)} → ${stepName(tr.to)}`, tr.kind === 'return' ? t('wf.tr.return') : t('wf.tr.forward')]
    if (tr.condition) parts.push(`${t('wf.dg.if')} ${describeCondition(tr.condition)}`)
    else if (tr.kind === 'forward' && branching.has(tr.from)) parts.push(t('wf.tr.default'))
    if (tr.label) parts.push(`“${tr.label}”`)
    return parts.join(' — ')
  }

  return (
    <figure className="cs-process-diagram" data-testid="process-diagram" style={{ margin: 0 }}>
      <div style={{ overflowX: 'auto', paddingBottom: 4 }} tabIndex={0} role="group" aria-label={t('wf.dg.scroll')}>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 ${layout.minY} ${layout.width} ${layout.height}`}
          style={{
            display: 'block',
            width: '100%',
            height: 'auto',
            maxWidth: layout.width,
            minWidth: Math.min(layout.width, Math.max(720, layout.width * 0.8)),
            fontFamily: 'inherit',
          }}
        >
          <defs>
            {arrowHead('forward', EDGE.forward)}
            {arrowHead('branch', EDGE.branch)}
            {arrowHead('return', EDGE.return)}
            {arrowHead('grey', EDGE.grey)}
            {arrowHead('error', ERROR)}
          </defs>
          {layout.edges.map(edge)}
          {layout.start && (
            <g>
              <circle cx={layout.start.x} cy={layout.start.y} r={9} fill="#0a52a3" />
              <text x={layout.start.x - 18} y={layout.start.y - 16} textAnchor="start" fontSize={12} fontWeight={700} fill="#063a75">
                {t('wf.dg.start')}
              </text>
              <path
                d={`M${layout.start.x + 9} ${layout.start.y} H${layout.start.x + 52}`}
                stroke={EDGE.forward}
                strokeWidth={1.6}
                markerEnd={marker('forward')}
              />
            </g>
          )}
          {layout.nodes.map(box)}
          {layout.edges.map(label)}
        </svg>
      </div>
      <figcaption>
        <Legend />
      </figcaption>
      <div className="visually-hidden">
        <ol aria-label={t('wf.dg.stepsList')}>
          {steps.map((s, i) => {
            const extra = [
              s.id === definition.startStepId ? t('wf.dg.startStep') : null,
              s.id && !layout.graph.reachable.has(s.id) ? t('wf.dg.unreachableLong') : null,
              stepIssues?.has(i) ? t('wf.dg.hasIssue') : null,
            ].filter(Boolean)
            return (
              <li key={i}>
                {`${s.name || s.id} — ${t(`wf.kind.${s.kind}`)}, ${roleLine(s)}, ${durationLabel(t, lang, s.duration)}`}
                {extra.length > 0 && ` (${extra.join('; ')})`}
              </li>
            )
          })}
        </ol>
        <ol aria-label={t('wf.dg.transitionsList')}>
          {transitions.map((tr, i) => (
            <li key={i}>{trText(tr)}</li>
          ))}
        </ol>
      </div>
    </figure>
  )
}

/** What the shapes, colours and lines mean. */
function Legend() {
  const { t } = useI18n()
  const item = (key: string, icon: ReactNode, text: string) => (
    <li key={key} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <svg width={28} height={16} aria-hidden="true" focusable="false">
        {icon}
      </svg>
      {text}
    </li>
  )
  const swatch = (kind: StepKind) => (
    <path d={shapePath(kind, 1, 1, 26, 14)} fill={KIND_STYLE[kind].fill} stroke={KIND_STYLE[kind].stroke} strokeWidth={1.5} />
  )
  return (
    <ul
      aria-label={t('wf.dg.legend')}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 18px', listStyle: 'none', padding: 0, margin: '8px 0 0', fontSize: 13 }}
    >
      {item('task', swatch('task'), t('wf.kind.task'))}
      {item('approval', swatch('approval'), t('wf.kind.approval'))}
      {item('result', swatch('result'), t('wf.kind.result'))}
      {item('forward', <path d="M2 8 H26" stroke={EDGE.forward} strokeWidth={1.6} />, t('wf.tr.forward'))}
      {item('branch', <path d="M2 8 H26" stroke={EDGE.branch} strokeWidth={1.6} />, t('wf.dg.branch'))}
      {item('return', <path d="M2 8 H26" stroke={EDGE.return} strokeWidth={1.6} strokeDasharray="5 3" />, t('wf.tr.return'))}
      {item(
        'unreachable',
        <path d={shapePath('task', 1, 1, 26, 14)} fill={GREY.fill} stroke={GREY.stroke} strokeWidth={1.5} strokeDasharray="3 2" />,
        t('wf.dg.unreachable'),
      )}
      <li>{t('wf.dg.timeNote')}</li>
    </ul>
  )
}
