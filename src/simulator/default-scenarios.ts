import type { Severity } from './log-record.js'
import type { PatternId } from './patterns/pattern-ids.js'

/** A scenario as shipped: 004's id, name, family and severity, plus the behaviour that plays it. */
export interface ScenarioDefinition {
  readonly id: string
  readonly name: string
  /** 004's family ("Suspicious Transaction", …). */
  readonly type: string
  readonly category: string
  readonly frequency_weight: number
  readonly severity: Severity
  readonly pattern: PatternId
}

const SUSPICIOUS = 'Suspicious Transaction'
const USER = 'Abnormal User Activity'
const SYSTEM = 'Minor System Error'
const SEVERE = 'Severe Anomaly'

/**
 * 004's 16 scenarios in its 4 families. 004 spells out BANK-001 (weight 40,
 * severity High, category security_authentication); the other weights follow
 * the frequency 004 gives each family (high, medium, medium, low) and the
 * severities what each incident means for a bank.
 */
export const DEFAULT_SCENARIOS: readonly ScenarioDefinition[] = [
  { id: 'BANK-001', name: 'Login Failure Spike', type: SUSPICIOUS, category: 'security_authentication', frequency_weight: 40, severity: 'High', pattern: 'login_failure_spike' },
  { id: 'BANK-002', name: 'Brute Force Attack', type: SUSPICIOUS, category: 'security_authentication', frequency_weight: 35, severity: 'High', pattern: 'brute_force' },
  { id: 'BANK-003', name: 'Transaction Amount Anomaly', type: SUSPICIOUS, category: 'transaction_fraud', frequency_weight: 30, severity: 'High', pattern: 'amount_anomaly' },
  { id: 'BANK-004', name: 'Credential Stuffing', type: SUSPICIOUS, category: 'security_authentication', frequency_weight: 30, severity: 'Critical', pattern: 'credential_stuffing' },
  { id: 'BANK-005', name: 'Geographic Traffic Anomaly', type: USER, category: 'geo_access', frequency_weight: 20, severity: 'Medium', pattern: 'geo_anomaly' },
  { id: 'BANK-006', name: 'PII Access Anomaly', type: USER, category: 'data_access', frequency_weight: 15, severity: 'High', pattern: 'pii_access' },
  { id: 'BANK-007', name: 'Session Hijacking', type: USER, category: 'session_security', frequency_weight: 15, severity: 'Critical', pattern: 'session_hijack' },
  { id: 'BANK-008', name: 'VPN Anomalies', type: USER, category: 'network_access', frequency_weight: 20, severity: 'Medium', pattern: 'vpn_anomaly' },
  { id: 'BANK-009', name: 'Request Timeout Spike', type: SYSTEM, category: 'performance', frequency_weight: 20, severity: 'Low', pattern: 'timeout_spike' },
  { id: 'BANK-010', name: 'Database Connection Errors', type: SYSTEM, category: 'database', frequency_weight: 20, severity: 'Medium', pattern: 'db_connection_errors' },
  { id: 'BANK-011', name: 'Cache Hit Rate Degradation', type: SYSTEM, category: 'performance', frequency_weight: 15, severity: 'Low', pattern: 'cache_degradation' },
  { id: 'BANK-012', name: 'Database Replication Lag', type: SYSTEM, category: 'database', frequency_weight: 15, severity: 'Medium', pattern: 'replication_lag' },
  { id: 'BANK-013', name: 'DDoS Attack', type: SEVERE, category: 'network_security', frequency_weight: 10, severity: 'Critical', pattern: 'ddos' },
  { id: 'BANK-014', name: 'SQL Injection Attempts', type: SEVERE, category: 'application_security', frequency_weight: 10, severity: 'Critical', pattern: 'sql_injection' },
  { id: 'BANK-015', name: 'Data Exfiltration', type: SEVERE, category: 'data_loss', frequency_weight: 8, severity: 'Critical', pattern: 'data_exfiltration' },
  { id: 'BANK-016', name: 'Ransomware Activity', type: SEVERE, category: 'malware', frequency_weight: 6, severity: 'Critical', pattern: 'ransomware' },
]
