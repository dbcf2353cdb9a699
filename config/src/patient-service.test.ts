import { parseConfig } from './load';

describe('patientService config block', () => {
  it('has demo defaults: a customer-service phone, arrival lead time and what to bring', () => {
    const c = parseConfig({});
    expect(c.patientService.customerServicePhone).toMatch(/^[0-9-]+$/);
    expect(c.patientService.visit.arriveMinutesBefore).toBe(30);
    expect(c.patientService.visit.bring.length).toBeGreaterThan(0);
  });

  it('takes a hospital profile and lets it hide the phone', () => {
    const c = parseConfig({ patientService: { customerServicePhone: null, visit: { arriveMinutesBefore: 15, bring: ['就诊卡'] } } });
    expect(c.patientService.customerServicePhone).toBeNull();
    expect(c.patientService.visit).toEqual({ arriveMinutesBefore: 15, bring: ['就诊卡'] });
  });

  it.each([
    [{ customerServicePhone: '+86 571 8700' }, 'patientService.customerServicePhone'],
    [{ visit: { arriveMinutesBefore: -5 } }, 'patientService.visit.arriveMinutesBefore'],
    [{ visit: { bring: [] } }, 'patientService.visit.bring'],
  ])('refuses %p naming %s', (block, field) => {
    expect(() => parseConfig({ patientService: block } as never)).toThrow(field);
  });
});
