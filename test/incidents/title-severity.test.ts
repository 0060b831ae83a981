import { describe, expect, it } from 'vitest'
import { Value } from 'typebox/value'
import { INCIDENT_EXAMPLE } from '../../src/incidents/incident-example.js'
import { Incident } from '../../src/incidents/incident-schema.js'
import { chooseSeverity } from '../../src/incidents/incident-severity.js'
import { fieldLabel, incidentTitle, typePhrase } from '../../src/incidents/incident-title.js'
import { DEFAULT_DIMENSIONS } from '../../src/monitors/monitor-config.js'
import { monitorConfig } from './fixtures.js'

describe('incident titles', () => {
  it("reads like 003's example", () => {
    const title = incidentTitle(2, 'system_errors', 'increase', { pi_type: 'mc', country: 'CA', partner: 'cart' }, ['partner', 'pi_type', 'country'])
    expect(title).toBe('Sev 2 - Increase in system errors | Partner = cart | PIType = mc | Country = CA')
  })

  it("orders dimensions as the monitor lists them, others alphabetically after", () => {
    const title = incidentTitle(3, 'latency', 'increase', { sdk_version: '1.2', region: 'centralus', pi_type: 'cof', a_b: 'x' }, DEFAULT_DIMENSIONS)
    expect(title).toBe('Sev 3 - Increase in latency | PIType = cof | Region = centralus | A B = x | SDK Version = 1.2')
  })

  it('names the whole service "All traffic"', () => {
    expect(incidentTitle(1, 'traffic', 'decrease', {})).toBe('Sev 1 - Drop in traffic | All traffic')
  })

  it('phrases every type, built in or not', () => {
    expect(typePhrase('user_errors', 'increase')).toBe('Increase in user errors')
    expect(typePhrase('traffic', 'increase')).toBe('Increase in traffic')
    expect(typePhrase('traffic', 'decrease')).toBe('Drop in traffic')
    expect(typePhrase('gateway_timeouts', 'increase')).toBe('Increase in gateway timeouts')
    // 003's abuse types read without a direction: 'Sev 2 - Card testing | IP = ps_…'
    expect(typePhrase('card_testing', 'increase')).toBe('Card testing')
    expect(typePhrase('ddos', 'increase')).toBe('DDoS')
    expect(typePhrase('apiTimeouts', 'increase')).toBe('Increase in API timeouts')
  })

  it('labels known and unknown fields', () => {
    expect(['partner', 'country', 'operation', 'pi_type', 'flight', 'region', 'instance'].map(fieldLabel)).toEqual([
      'Partner',
      'Country',
      'Operation',
      'PIType',
      'Flight',
      'Region',
      'Instance',
    ])
    expect(fieldLabel('pidl_sdk_version')).toBe('Pidl SDK Version')
    expect(fieldLabel('clientIp')).toBe('Client IP')
  })
})

describe('severity rules', () => {
  const severity = monitorConfig({
    severity: {
      default: 3,
      breadth_bump: true,
      rules: [
        { when: { type: 'system_errors', dimensions: { operation: 'add_pi' } }, severity: 2 },
        { when: { dimensions: { partner: 'dime' } }, severity: 1 },
        { when: { type: 'latency' }, severity: 4 },
      ],
    },
  }).severity

  it('takes the first matching rule', () => {
    expect(chooseSeverity('system_errors', { operation: 'add_pi', partner: 'dime' }, 0, severity)).toEqual({ severity: 2, reason: 'rule 1' })
    expect(chooseSeverity('user_errors', { operation: 'add_pi', partner: 'dime' }, 0, severity)).toEqual({ severity: 1, reason: 'rule 2' })
    expect(chooseSeverity('latency', { operation: 'add_pi' }, 0, severity)).toEqual({ severity: 4, reason: 'rule 3' })
  })

  it('needs every named dimension with the same value (the incident may name more)', () => {
    expect(chooseSeverity('system_errors', { operation: 'edit_pi', country: 'CA' }, 0, severity)).toEqual({ severity: 3, reason: 'default' })
    expect(chooseSeverity('system_errors', { country: 'CA' }, 0, severity).severity).toBe(3)
    expect(chooseSeverity('system_errors', { operation: 'add_pi', country: 'CA', pi_type: 'mc' }, 0, severity).severity).toBe(2)
  })

  it('bumps by one for 25% of the traffic or more, never above 1', () => {
    expect(chooseSeverity('traffic', {}, 0.25, severity)).toEqual({ severity: 2, reason: 'default + breadth bump' })
    expect(chooseSeverity('traffic', {}, 0.2499, severity).severity).toBe(3)
    expect(chooseSeverity('user_errors', { partner: 'dime' }, 0.9, severity)).toEqual({ severity: 1, reason: 'rule 2' })
    expect(chooseSeverity('system_errors', { operation: 'add_pi' }, 1, severity)).toEqual({ severity: 1, reason: 'rule 1 + breadth bump' })
  })

  it('does not bump when breadth_bump is off', () => {
    expect(chooseSeverity('traffic', {}, 1, { ...severity, breadth_bump: false }).severity).toBe(3)
  })

  it('defaults to 3 with the default config', () => {
    expect(chooseSeverity('latency', { country: 'CA' }, 0, monitorConfig().severity)).toEqual({ severity: 3, reason: 'default' })
  })
})

describe('the OpenAPI example incident', () => {
  it('is a valid incident whose title is the one Vigil would write', () => {
    expect(Value.Check(Incident, INCIDENT_EXAMPLE)).toBe(true)
    const e = INCIDENT_EXAMPLE
    expect(incidentTitle(e.severity, e.type, e.direction, e.dimensions, DEFAULT_DIMENSIONS)).toBe(e.title)
    expect(e.incident_id.startsWith(`inc-${e.detected_at.replace(/[-:.]/g, '')}-`)).toBe(true)
  })
})
