import { amountAnomaly } from './amount-anomaly.js'
import { bruteForce } from './brute-force.js'
import { cacheDegradation } from './cache-degradation.js'
import { cardTesting } from './card-testing.js'
import { credentialStuffing } from './credential-stuffing.js'
import { dataExfiltration } from './data-exfiltration.js'
import { dbConnectionErrors } from './db-connection-errors.js'
import { ddos } from './ddos.js'
import { generic } from './generic.js'
import { geoAnomaly } from './geo-anomaly.js'
import { loginFailureSpike } from './login-failure-spike.js'
import type { Pattern } from './pattern.js'
import type { PatternId } from './pattern-ids.js'
import { piiAccess } from './pii-access.js'
import { ransomware } from './ransomware.js'
import { replicationLag } from './replication-lag.js'
import { sessionHijack } from './session-hijack.js'
import { sqlInjection } from './sql-injection.js'
import { timeoutSpike } from './timeout-spike.js'
import { vpnAnomaly } from './vpn-anomaly.js'

/** Every incident behaviour, by id. */
export const PATTERNS: Readonly<Record<PatternId, Pattern>> = {
  login_failure_spike: loginFailureSpike,
  brute_force: bruteForce,
  amount_anomaly: amountAnomaly,
  credential_stuffing: credentialStuffing,
  geo_anomaly: geoAnomaly,
  pii_access: piiAccess,
  session_hijack: sessionHijack,
  vpn_anomaly: vpnAnomaly,
  timeout_spike: timeoutSpike,
  db_connection_errors: dbConnectionErrors,
  cache_degradation: cacheDegradation,
  replication_lag: replicationLag,
  ddos,
  sql_injection: sqlInjection,
  data_exfiltration: dataExfiltration,
  ransomware,
  card_testing: cardTesting,
  generic,
}

export type { IncidentContext, Pattern } from './pattern.js'
export { PATTERN_IDS, type PatternId } from './pattern-ids.js'
