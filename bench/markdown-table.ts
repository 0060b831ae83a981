/** Render a table as GitHub-flavoured Markdown; a column's heading is "group label" (e.g. "AUROC vigil"). */
import type { Column } from './report-rows.js'

export function renderMarkdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|')
  const line = (cells: readonly string[]): string => `| ${cells.map(escape).join(' | ')} |`
  return [
    line(columns.map((c) => (c.group === '' ? c.label : `${c.group} ${c.label}`))),
    `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`,
    ...rows.map(line),
  ].join('\n')
}
