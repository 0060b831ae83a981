/** Render a table as aligned plain text for the console: a group heading line, a label line, then the rows. */
import type { Column } from './report-rows.js'

export function renderTextTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, j) => Math.max(c.label.length, ...rows.map((row) => (row[j] ?? '').length)))
  const spans = groupSpans(columns)
  // widen a group's last column when its heading is longer than the columns under it
  for (const { group, start, end } of spans) {
    const spanWidth = widths.slice(start, end).reduce((a, w) => a + w, 0) + 2 * (end - start - 1)
    if (group.length > spanWidth) widths[end - 1] = (widths[end - 1] as number) + group.length - spanWidth
  }
  const pad = (text: string, width: number, align: Column['align']): string => (align === 'left' ? text.padEnd(width) : text.padStart(width))
  const line = (cells: readonly string[]): string =>
    spans
      .map(({ start, end }) =>
        columns
          .slice(start, end)
          .map((c, k) => pad(cells[start + k] ?? '', widths[start + k] as number, c.align))
          .join('  '),
      )
      .join(' | ')
  const headingLine = spans
    .map(({ group, start, end }) => {
      const spanWidth = widths.slice(start, end).reduce((a, w) => a + w, 0) + 2 * (end - start - 1)
      const left = Math.floor((spanWidth - group.length) / 2)
      return (' '.repeat(left) + group).padEnd(spanWidth)
    })
    .join(' | ')
  const labelLine = line(columns.map((c) => c.label))
  const rule = labelLine.replace(/[^|]/g, '-').replace(/\|/g, '+')
  const headings = columns.some((c) => c.group !== '') ? [headingLine] : []
  return [...headings, labelLine, rule, ...rows.map(line)].map((l) => l.trimEnd()).join('\n')
}

function groupSpans(columns: readonly Column[]): { group: string; start: number; end: number }[] {
  const spans: { group: string; start: number; end: number }[] = []
  columns.forEach((c, j) => {
    const last = spans[spans.length - 1]
    if (last !== undefined && last.group === c.group) last.end = j + 1
    else spans.push({ group: c.group, start: j, end: j + 1 })
  })
  return spans
}
