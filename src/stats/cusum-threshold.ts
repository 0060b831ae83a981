import { checkOpenProbability } from './check-args.js'

/**
 * The alarm threshold h = ln(1/α) of a likelihood-ratio CUSUM.
 *
 * Page's CUSUM (Page, "Continuous inspection schemes", Biometrika 41, 1954)
 * keeps S_t = max(0, S_(t−1) + z_t), with z_t the log-likelihood ratio of step
 * t, and alarms when S_t ≥ h. Read it as a string of one-sided SPRTs restarted
 * whenever the evidence falls back to zero: each one reaches h under H0 with
 * probability at most e^(−h) = α (Ville's inequality), so the average run
 * length to a false alarm is at least 1/α steps (Lorden, Ann. Math. Stat. 42,
 * 1971; Siegmund 1985, §2.6). With α = 1e-5 and one aggregate per minute, that
 * is one false alarm per combination every 69 days at most, before multiplicity.
 * Among procedures with that false-alarm rate it detects a change to the
 * alternative with the least worst-case delay (Moustakides, Ann. Stat. 14, 1986).
 */
export function cusumThreshold(alpha: number): number {
  checkOpenProbability('alpha', alpha)
  return -Math.log(alpha)
}
