/**
 * The incident behaviours the simulator can play. A scenario names one; a
 * scenario added in a JSON config can reuse any of them (or `generic`, which
 * is shaped entirely by the config).
 */
export const PATTERN_IDS = [
  'login_failure_spike',
  'brute_force',
  'amount_anomaly',
  'credential_stuffing',
  'geo_anomaly',
  'pii_access',
  'session_hijack',
  'vpn_anomaly',
  'timeout_spike',
  'db_connection_errors',
  'cache_degradation',
  'replication_lag',
  'ddos',
  'sql_injection',
  'data_exfiltration',
  'ransomware',
  'card_testing',
  'generic',
] as const

export type PatternId = (typeof PATTERN_IDS)[number]
