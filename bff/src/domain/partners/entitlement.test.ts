import { mayRead, operatorAllowed, type PartnerEntitlement } from './entitlement';

const company: PartnerEntitlement = { orderKinds: ['subscription', 'register'], patientCards: ['0001', '0002'] };

describe('partner entitlement', () => {
  it('reads nothing when nothing is configured', () => {
    const none: PartnerEntitlement = { orderKinds: [], patientCards: [] };
    expect(mayRead(none, { kind: 'register', patientCard: '0001' })).toBe(false);
    expect(mayRead({ ...none, patientCards: 'all' }, { kind: 'register', patientCard: '0001' })).toBe(false);
    expect(mayRead({ ...none, orderKinds: ['register'] }, { kind: 'register', patientCard: '0001' })).toBe(false);
  });

  it('reads a named kind of a named card, and nothing else', () => {
    expect(mayRead(company, { kind: 'register', patientCard: '0002' })).toBe(true);
    expect(mayRead(company, { kind: 'register', patientCard: ' 0002 ' })).toBe(true);
    expect(mayRead(company, { kind: 'hisSrc', patientCard: '0002' })).toBe(false);
    expect(mayRead(company, { kind: 'register', patientCard: '0003' })).toBe(false);
    expect(mayRead(company, { kind: 'register', patientCard: null })).toBe(false);
  });

  it('all patients: every card of the named kinds, even an order that names none', () => {
    const finance: PartnerEntitlement = { orderKinds: ['deposit'], patientCards: 'all' };
    expect(mayRead(finance, { kind: 'deposit', patientCard: null })).toBe(true);
    expect(mayRead(finance, { kind: 'eCardPay', patientCard: '0001' })).toBe(false);
  });

  it('operators: any when none are named, only the named ones otherwise', () => {
    expect(operatorAllowed(company, 'e1')).toBe(true);
    expect(operatorAllowed({ ...company, employeeIds: ['e1'] }, 'e1')).toBe(true);
    expect(operatorAllowed({ ...company, employeeIds: ['e1'] }, 'e2')).toBe(false);
    expect(operatorAllowed({ ...company, employeeIds: [] }, 'e1')).toBe(false);
  });
});
