/**
 * 法定退休年龄 under 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13) and
 * its 办法: 附件1 (men 60 → 63), 附件2 (women 55 → 58), 附件3 (women 50 → 55) — one table row per
 * birth month where the age changes.
 */
import { describe, expect, it } from '@jest/globals';
import {
  MEN_RETIREMENT,
  retirementDate,
  retirementDelayMonths,
  retirementSchedule,
  WOMEN_CADRE_RETIREMENT,
  WOMEN_WORKER_RETIREMENT,
} from '../src/policy/retirement.js';

describe('statutory retirement age from 2025-01-01', () => {
  it.each([
    // 附件1, men: one month more every four months of birth from 1965-01, 63 from 1976-09.
    ['men', '1964-12-31', 0, '2024-12-31', MEN_RETIREMENT],
    ['men', '1965-01-01', 1, '2025-02-01', MEN_RETIREMENT],
    ['men', '1965-04-30', 1, '2025-05-30', MEN_RETIREMENT],
    ['men', '1965-05-01', 2, '2025-07-01', MEN_RETIREMENT],
    ['men', '1966-01-15', 4, '2026-05-15', MEN_RETIREMENT],
    ['men', '1976-08-31', 35, '2039-07-31', MEN_RETIREMENT],
    ['men', '1976-09-01', 36, '2039-09-01', MEN_RETIREMENT],
    ['men', '1990-06-01', 36, '2053-06-01', MEN_RETIREMENT],
    // 附件2, women in cadre posts: 55 → 58, from births of 1970-01; 58 from 1981-09.
    ['women cadres', '1969-12-20', 0, '2024-12-20', WOMEN_CADRE_RETIREMENT],
    ['women cadres', '1970-01-20', 1, '2025-02-20', WOMEN_CADRE_RETIREMENT],
    ['women cadres', '1981-08-20', 35, '2039-07-20', WOMEN_CADRE_RETIREMENT],
    ['women cadres', '1981-09-20', 36, '2039-09-20', WOMEN_CADRE_RETIREMENT],
    // 附件3, women workers: 50 → 55, one month more every two months from 1975-01; 55 from 1984-11.
    ['women workers', '1974-12-05', 0, '2024-12-05', WOMEN_WORKER_RETIREMENT],
    ['women workers', '1975-01-05', 1, '2025-02-05', WOMEN_WORKER_RETIREMENT],
    ['women workers', '1975-02-05', 1, '2025-03-05', WOMEN_WORKER_RETIREMENT],
    ['women workers', '1975-03-05', 2, '2025-05-05', WOMEN_WORKER_RETIREMENT],
    ['women workers', '1984-10-20', 59, '2039-09-20', WOMEN_WORKER_RETIREMENT],
    ['women workers', '1984-11-20', 60, '2039-11-20', WOMEN_WORKER_RETIREMENT],
  ] as const)('%s born %s: %i months later, on %s', (_who, birthDate, delay, expected, schedule) => {
    expect(retirementDelayMonths(birthDate, schedule)).toBe(delay);
    expect(retirementDate(birthDate, schedule)).toBe(expected);
  });

  it('clamps the day to the month of retirement (born on the 31st)', () => {
    expect(retirementDate('1965-01-31', MEN_RETIREMENT)).toBe('2025-02-28');
    expect(retirementDate('1968-07-31', MEN_RETIREMENT)).toBe('2029-06-30');
  });

  it('a man has one schedule; a woman the cadre or the worker schedule by her post', () => {
    expect(retirementSchedule('MALE', 'WORKER')).toBe(MEN_RETIREMENT);
    expect(retirementSchedule('MALE', 'CADRE')).toBe(MEN_RETIREMENT);
    expect(retirementSchedule('FEMALE', 'CADRE')).toBe(WOMEN_CADRE_RETIREMENT);
    expect(retirementSchedule('FEMALE', 'WORKER')).toBe(WOMEN_WORKER_RETIREMENT);
  });
});
