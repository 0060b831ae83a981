import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'

/** One embedded DuckDB engine for the process; each operation takes its own short-lived connection. */
export interface DuckDb {
  /** Run `work` on a fresh connection that is closed afterwards (temp tables die with it). */
  withConnection<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T>
  close(): void
}

export interface DuckDbOptions {
  /** Where DuckDB may spill when a query exceeds its memory limit. */
  readonly tempDirectory: string
  readonly memoryLimit?: string
  readonly threads?: number
}

export async function createDuckDb(options: DuckDbOptions): Promise<DuckDb> {
  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: options.tempDirectory,
    memory_limit: options.memoryLimit ?? '2GB',
    threads: String(options.threads ?? 2),
    // local files only: no extension (such as httpfs) is installed or loaded on demand,
    // so a crafted path can never make the engine reach the network
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  })
  return {
    async withConnection(work) {
      const conn = await DuckDBConnection.create(instance)
      try {
        return await work(conn)
      } finally {
        conn.closeSync()
      }
    },
    close: () => instance.closeSync(),
  }
}

/** Quote an identifier for SQL ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Quote a string literal for SQL ('it''s'). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}
