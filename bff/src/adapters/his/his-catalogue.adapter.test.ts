import { HisCatalogueAdapter } from './his-catalogue.adapter';
import { HisClient } from './his-client';
import type { HisRowLogger } from './his-rows.map';
import { beijingDate } from '../../domain/time';
import { createHisSimulator, type HisSimulator, type SimListening } from './sim/his-simulator';
import { catalogueSeed, simScheduleId } from './sim/seed-catalogue';
import { code, listeningSimulator, replyingClient } from './test-support';

const SIGN_KEY = 'catalogue-test-sign-key';

/** The real client over a transport that always answers `xml`: the mapping rules without a network. */
function replying(xml: string, logger?: HisRowLogger): HisCatalogueAdapter {
  return new HisCatalogueAdapter(replyingClient(xml), logger);
}

const row = (fields: Record<string, string>) => `<data>${Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</data>`;
const scheduleRow = (extra: Record<string, string> = {}) =>
  row({
    scheduleId: '10032200001',
    doctorCode: '300000027',
    departmentCode: '200000025',
    clinicDate: '2015-03-26',
    clinicTime: '上午',
    clinicWeek: '星期四',
    clinicType: '专家门诊',
    clinicNo: '5',
    total: '50',
    clinicTimeQuantum: '15:30-16:30',
    clinicFee: '15',
    status: '1',
    ...extra,
  });

describe('HisCatalogueAdapter mapping', () => {
  it('reads a list of <data>, fees 15 / 15.0 / 13.50 / 50.00 in fen, status 1 / empty / 0', async () => {
    const xml = `<response><result>success</result><message/><content>
      ${scheduleRow()}
      ${scheduleRow({ scheduleId: 'B', clinicFee: '15.0', status: '' })}
      ${scheduleRow({ scheduleId: 'C', clinicFee: '13.50', status: '0' })}
      ${scheduleRow({ scheduleId: 'D', clinicFee: '50.00', clinicNo: '0' })}
    </content></response>`;
    const list = await replying(xml).schedules('2015-03-26', '2015-03-31');
    expect(list.map((s) => [s.scheduleId, s.feeFen, s.stopped, s.remaining])).toEqual([
      ['10032200001', 1500, false, 5],
      ['B', 1500, false, 5],
      ['C', 1350, true, 5],
      ['D', 5000, false, 0],
    ]);
    expect(list[0]).toEqual({
      scheduleId: '10032200001',
      departmentCode: '200000025',
      doctorCode: '300000027',
      doctorName: null,
      doctorTitle: null,
      date: '2015-03-26',
      period: '上午',
      weekday: '星期四',
      clinicType: '专家门诊',
      remaining: 5,
      total: 50,
      timeRange: '15:30-16:30',
      feeFen: 1500,
      stopped: false,
    });
  });

  it('reads one <data> that is not in a list, SUCCESS in capitals, and dates like 2014-1-30', async () => {
    const xml = `<response><result>SUCCESS</result><content>${scheduleRow({ clinicDate: '2014-1-30' })}</content></response>`;
    const list = await replying(xml).schedules('2014-01-30', '2014-02-05');
    expect(list).toHaveLength(1);
    expect(list[0]?.date).toBe('2014-01-30');
  });

  it('reads <content/>, <content></content>, <content><data/></content> and no <content> as empty lists', async () => {
    for (const body of ['<content/>', '<content></content>', '<content><data/></content>', '']) {
      await expect(replying(`<response><result>success</result><message/>${body}</response>`).schedules('2024-01-01', '2024-01-07')).resolves.toEqual([]);
    }
  });

  it('reads <data> directly under <response> when HIS leaves <content> out', async () => {
    const list = await replying(`<response><result>success</result>${scheduleRow()}${scheduleRow({ scheduleId: 'B' })}</response>`).schedules('a', 'b');
    expect(list.map((s) => s.scheduleId)).toEqual(['10032200001', 'B']);
  });

  it('reads a real-time row without clinicNo as remaining null, and takes the title from positionName', async () => {
    const xml = `<response><result>success</result><content>${row({
      scheduleId: 'R1',
      doctorCode: '300000027',
      doctorName: '张三',
      positionId: '1',
      positionName: '主任医师',
      departmentCode: '200000025',
      clinicDate: '2015-03-26',
      clinicWeek: '星期四',
      clinicType: '专家门诊',
      total: '50',
      clinicFee: '15',
    })}</content></response>`;
    const [s] = await replying(xml).realtimeSchedules('2015-03-26', '2015-04-01', '200000025');
    expect(s).toMatchObject({ remaining: null, total: 50, doctorName: '张三', doctorTitle: '主任医师', period: null, stopped: false, feeFen: 1500 });
  });

  it('skips a row it cannot read, logs field names (never values), and serves the rest', async () => {
    const warned: Array<Record<string, unknown>> = [];
    const logger: HisRowLogger = { warn: (o) => warned.push(o) };
    const xml = `<response><result>success</result><content>
      ${scheduleRow()}
      ${scheduleRow({ scheduleId: '' })}
      ${scheduleRow({ scheduleId: 'BADFEE', clinicFee: '15元' })}
      ${scheduleRow({ scheduleId: 'NEG', clinicNo: '-1' })}
      ${scheduleRow({ scheduleId: 'OK2', clinicFee: '0.5' })}
    </content></response>`;
    const list = await replying(xml, logger).schedules('a', 'b');
    expect(list.map((s) => [s.scheduleId, s.feeFen])).toEqual([
      ['10032200001', 1500],
      ['OK2', 50],
    ]);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ his: 'querySchedule', rows: 5, skipped: 3 });
    const text = JSON.stringify(warned);
    expect(text).toContain('scheduleId');
    expect(text).toContain('clinicFee');
    expect(text).not.toContain('15元');
  });

  it('turns a reply with no readable row, or text where the list should be, into HIS_BAD_REPLY', async () => {
    const allBad = `<response><result>success</result><content>${scheduleRow({ clinicFee: '1.005' })}${scheduleRow({ clinicFee: '' })}</content></response>`;
    expect(await code(replying(allBad).schedules('a', 'b'))).toBe('HIS_BAD_REPLY');
    expect(await code(replying('<response><result>success</result><content>none</content></response>').schedules('a', 'b'))).toBe('HIS_BAD_REPLY');
    expect(await code(replying(`<response><result>success</result><content>${scheduleRow({ status: '2' })}</content></response>`).schedules('a', 'b'))).toBe(
      'HIS_BAD_REPLY',
    );
  });

  it('reads departments with the spec spelling supperCode, level 1 / 2 / empty', async () => {
    const xml = `<response><result>success</result><content>
      ${row({ departmentName: '牙科', departmentCode: 'D0000001', supperCode: '', departmentLevel: '1', departmentLogo: 'http://x/l.png' })}
      ${row({ departmentName: '牙体牙髓', departmentCode: 'D0000002', supperCode: 'D0000001', departmentLevel: '2', departmentAddress: '门诊楼一楼', departmentSummary: '介绍' })}
      ${row({ departmentName: '口腔修复', departmentCode: 'D0000003', superCode: 'D0000001' })}
    </content></response>`;
    await expect(replying(xml).departments()).resolves.toEqual([
      { code: 'D0000001', name: '牙科', parentCode: null, level: 1, address: null, summary: null, feature: null, logoUrl: 'http://x/l.png' },
      { code: 'D0000002', name: '牙体牙髓', parentCode: 'D0000001', level: 2, address: '门诊楼一楼', summary: '介绍', feature: null, logoUrl: null },
      { code: 'D0000003', name: '口腔修复', parentCode: 'D0000001', level: 2, address: null, summary: null, feature: null, logoUrl: null },
    ]);
  });

  it('reads slots with the spec spelling havaNo (and haveNo); absent = null', async () => {
    const xml = `<response><result>success</result><content>
      ${row({ departmentCode: 'X', clinicDate: '2015-03-26', sourceNo: '123', sourceOrder: '15', visitTime: '10:00', havaNo: '1' })}
      ${row({ departmentCode: 'X', clinicDate: '2015-03-26', visitTime: '10:30', haveNo: '0' })}
      ${row({ departmentCode: 'X', clinicDate: '2015-03-26', visitTime: '11:00' })}
    </content></response>`;
    await expect(replying(xml).timeSlots({ departmentCode: 'X', date: '2015-03-26', period: '上午' })).resolves.toEqual([
      { sourceNo: '123', sourceOrder: '15', visitTime: '10:00', remaining: 1 },
      { sourceNo: null, sourceOrder: null, visitTime: '10:30', remaining: 0 },
      { sourceNo: null, sourceOrder: null, visitTime: '11:00', remaining: null },
    ]);
  });

  it('passes result=error on as HIS_REJECTED', async () => {
    expect(await code(replying('<response><result>error</result><message>无排班</message></response>').schedules('a', 'b'))).toBe('HIS_REJECTED');
  });
});

// 2024-10-13 16:30 UTC is already Monday 2024-10-14 00:30 in Beijing.
const NOW = new Date('2024-10-13T16:30:00Z');
const TODAY = '2024-10-14';
const day = (n: number) => beijingDate(NOW, n);

describe.each(['http', 'soap'] as const)('HisCatalogueAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let adapter: HisCatalogueAdapter;

  beforeAll(async () => {
    let client: HisClient;
    ({ sim, server, client } = await listeningSimulator(transport, SIGN_KEY, NOW));
    adapter = new HisCatalogueAdapter(client);
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  it('reads the department tree: level-1 roots, level-2 children with address and summary', async () => {
    const list = await adapter.departments();
    const roots = list.filter((d) => d.level === 1);
    const leaves = list.filter((d) => d.level === 2);
    expect(roots.map((d) => d.code)).toEqual([...catalogueSeed.departments.level1]);
    expect(roots.every((d) => d.parentCode === null)).toBe(true);
    expect(leaves.map((d) => d.code)).toEqual([...catalogueSeed.departments.level2]);
    for (const d of leaves) {
      expect(roots.map((r) => r.code)).toContain(d.parentCode);
      expect(d.address).toBeTruthy();
      expect(d.summary).toBeTruthy();
    }
    expect(list.find((d) => d.code === 'EK02')).toMatchObject({ level: 2, parentCode: 'EK', name: '新生儿科' });
  });

  it('reads the doctors with titles and specialty; an empty photo is null', async () => {
    const list = await adapter.doctors();
    expect(list.map((d) => d.code)).toEqual([...catalogueSeed.doctors]);
    expect(list.find((d) => d.code === 'D011A')).toMatchObject({ name: '陈建国', departmentCode: 'NK01', title: '主任医师', academicTitle: '教授' });
    expect(list.find((d) => d.code === 'D012B')?.photoUrl).toBeNull();
    expect(list.find((d) => d.code === 'D022D')?.academicTitle).toBeNull();
    expect(list.every((d) => d.specialty)).toBe(true);
  });

  it('serves today + 6 days in Beijing time, with fees in fen and the sold-out and stopped schedules', async () => {
    const list = await adapter.schedules(TODAY, day(6));
    expect([...new Set(list.map((s) => s.date))]).toEqual([0, 1, 2, 3, 4, 5, 6].map(day));
    const byId = (id: string) => list.find((s) => s.scheduleId === id);
    expect(byId(simScheduleId(TODAY, '上午', 'NK01'))).toMatchObject({ feeFen: 1500, clinicType: '普通门诊', doctorCode: null, period: '上午', weekday: '星期一' });
    expect(byId(simScheduleId(TODAY, '下午', 'EK01'))).toMatchObject({ feeFen: 1350, stopped: false, remaining: 40 });
    expect(byId(simScheduleId(day(1), '下午', 'D011A'))).toMatchObject({ feeFen: 5000, doctorCode: 'D011A' });
    expect(byId(simScheduleId(TODAY, '上午', 'D022D'))?.feeFen).toBe(2000);
    const soldOut = byId(simScheduleId(day(1), '上午', catalogueSeed.soldOut.doctorCode));
    expect(soldOut).toMatchObject({ remaining: 0, total: 12, stopped: false });
    const stopped = byId(simScheduleId(day(2), '上午', catalogueSeed.stopped.doctorCode));
    expect(stopped).toMatchObject({ stopped: true });
    expect(stopped?.remaining).toBeGreaterThan(0);
    expect(list.filter((s) => s.stopped)).toHaveLength(1);
  });

  it('answers an empty list for days without schedules', async () => {
    await expect(adapter.schedules('2030-01-01', '2030-01-07')).resolves.toEqual([]);
  });

  it('reads real-time schedules: an unlimited clinic has no remaining figure, an expert one has', async () => {
    const list = await adapter.realtimeSchedules(TODAY, day(6), 'EK01');
    const ordinary = list.find((s) => s.scheduleId === simScheduleId(TODAY, '上午', 'EK01'));
    const expert = list.find((s) => s.scheduleId === simScheduleId(TODAY, '上午', 'D031E'));
    expect(ordinary).toMatchObject({ remaining: null, total: 40, doctorName: null });
    expect(expert).toMatchObject({ remaining: expect.any(Number), doctorName: '孙丽', doctorTitle: '副主任医师' });
    expect(list.every((s) => s.departmentCode === 'EK01')).toBe(true);
  });

  it('reads the detail of one day for one doctor (a single <data>)', async () => {
    const list = await adapter.realtimeScheduleDetail(day(3), 'NK02', 'D012B');
    expect(list).toEqual([expect.objectContaining({ scheduleId: simScheduleId(day(3), '上午', 'D012B'), remaining: 1, feeFen: 3000, period: '上午' })]);
  });

  it('lists time slots whose numbers add up to what is left', async () => {
    const s = (await adapter.realtimeScheduleDetail(TODAY, 'NK01', 'D011A')).find((x) => x.period === '上午')!;
    const slots = await adapter.timeSlots({ departmentCode: 'NK01', date: TODAY, period: '上午', doctorCode: 'D011A', scheduleId: s.scheduleId });
    expect(slots).toHaveLength(8);
    expect(slots[0]).toMatchObject({ visitTime: '08:00', sourceOrder: '1', sourceNo: `${s.scheduleId}-01` });
    expect(slots.reduce((n, x) => n + (x.remaining ?? 0), 0)).toBe(s.remaining);
    const unlimited = await adapter.timeSlots({ departmentCode: 'EK02', date: TODAY, period: '下午' });
    expect(unlimited).toHaveLength(7);
    expect(unlimited.every((x) => x.remaining === null)).toBe(true);
  });

  it('accepts SUCCESS in capitals with undocumented extra elements', async () => {
    sim.faults.inject('findAllDepartments', { kind: 'variant' });
    expect(await adapter.departments()).toHaveLength(9);
  });
});

describe('HIS simulator schedule clock', () => {
  it('computes "today" in Beijing and rolls the week forward as its clock moves', () => {
    let now = new Date('2024-10-14T15:59:59Z'); // 23:59:59 Beijing, 10-14
    const sim = createHisSimulator({ signKey: SIGN_KEY, hospitalId: 'h', now: () => now });
    expect(sim.state.schedules.has(simScheduleId('2024-10-14', '上午', 'NK01'))).toBe(true);
    expect(sim.state.schedules.has(simScheduleId('2024-10-20', '上午', 'NK01'))).toBe(true);
    expect(sim.state.schedules.has(simScheduleId('2024-10-21', '上午', 'NK01'))).toBe(false);
    now = new Date('2024-10-14T16:00:00Z'); // 00:00 Beijing, 10-15
    sim.stopSchedule(simScheduleId('2024-10-21', '上午', 'NK01'));
    expect(sim.state.schedules.get(simScheduleId('2024-10-21', '上午', 'NK01'))?.status).toBe('0');
    expect(() => sim.stopSchedule('S-NOPE')).toThrow();
  });
});
