import { parseConfig } from '@hosp/config';
import type { Deps } from '../../deps';
import type { Department } from '../../domain/catalogue/ports';
import { hisUnavailable } from '../../domain/his-errors';
import type { Order } from '../../domain/orders/order';
import { arriveLine, bookingVoucher, visitTime } from './voucher.view';

const visit = { arriveMinutesBefore: 30, bring: ['就诊卡'] };
const target = (clinicTime: string, clinicTimeQuantum: string) =>
  ({ scheduleId: 'S1', sourceNo: null, sourceOrder: '12', departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D011A', doctorName: '陈建国', clinicType: '专家门诊', clinicDate: '2026-03-05', clinicTime, clinicTimeQuantum, feeFen: 5000 });

describe('voucher words', () => {
  it('a time point is the time; a half-day is its name and range, starting at the range', () => {
    expect(visitTime(target('10:30', '08:00-12:00'))).toEqual({ time: '10:30', start: '10:30' });
    expect(visitTime(target('上午', '08:00-12:00'))).toEqual({ time: '上午 08:00-12:00', start: '08:00' });
    expect(visitTime(target('下午', '下午'))).toEqual({ time: '下午', start: null });
  });

  it('arrival is the start less the configured lead time, at the department\'s location', () => {
    expect(arriveLine('08:00', '门诊楼二楼A区', visit)).toBe('请于 07:30 前到达门诊楼二楼A区签到');
    expect(arriveLine('00:10', null, visit)).toBe('请于 00:00 前到达就诊科室签到');
    expect(arriveLine(null, '儿科楼', visit)).toBe('请提前 30 分钟到达儿科楼签到');
    expect(arriveLine(null, null, { ...visit, arriveMinutesBefore: 0 })).toBe('请按时到达就诊科室签到');
  });
});

describe('bookingVoucher', () => {
  const dept: Department = { code: 'NK01', name: '心血管内科', parentCode: 'NK', level: 2, address: '门诊楼二楼A区', summary: null, feature: null, logoUrl: null };
  const order = (state: Order['state'], kind: Order['kind'] = 'subscription') =>
    ({ tradeNo: 'EH1', kind, state, receipt: { invoiceNo: 'I1', clinicNo: null, queueNo: null, hisPayId: null }, details: { bookingKind: kind, patient: { realName: '张三', idNumber: '110105199003071239', patientCard: '000123456' }, target: target('上午', '08:00-12:00'), queueNo: null } }) as unknown as Order;
  const deps = (department: () => Promise<Department | undefined>, known?: Department) =>
    ({ config: parseConfig({}), now: () => new Date('2026-03-05T01:00:00Z'), catalogue: { department, knownDepartment: () => known } }) as unknown as Deps;

  it('falls back to the last department list read when HIS cannot answer now', async () => {
    const v = await bookingVoucher(deps(() => Promise.reject(hisUnavailable('findAllDepartments', 'timeout')), dept), order('posted'));
    expect(v).toMatchObject({ place: '门诊楼二楼A区（心血管内科）', number: '12', time: '上午 08:00-12:00', weekday: '星期四', queueToday: true });
    expect(v!.patientCardMasked).toBe('00***3456');
  });

  it('says nothing it does not know when no list was ever read', async () => {
    const v = await bookingVoucher(deps(() => Promise.reject(hisUnavailable('findAllDepartments', 'timeout'))), order('posted'));
    expect(v!.place).toBeNull();
    expect(v!.arrive).toBe('请于 07:30 前到达就诊科室签到');
  });

  it('is not made for orders that are not confirmed bookings, and a bug is not swallowed', async () => {
    const d = deps(async () => dept);
    for (const state of ['created', 'paying', 'paid', 'posting', 'closed', 'refunding', 'refunded', 'attention'] as const) expect(await bookingVoucher(d, order(state))).toBeNull();
    await expect(bookingVoucher(deps(() => Promise.reject(new TypeError('bug'))), order('posted'))).rejects.toThrow('bug');
  });
});
