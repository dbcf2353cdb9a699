import { sameFees, whereNext } from './outpatient-details';

describe('outpatient order rules', () => {
  it('says where to go next: the place to be examined and the pharmacy window, a bare number named as a window', () => {
    expect(whereNext('门诊楼一楼检验科', '3')).toBe('请到 门诊楼一楼检验科 检查/治疗；请到药房 3号窗口 取药');
    expect(whereNext(null, '西药房2号窗口；5')).toBe('请到药房 西药房2号窗口、5号窗口 取药');
    expect(whereNext(null, null)).toBeNull();
  });

  it('sees a prescription gone, or its amount changed, as changed fees', () => {
    const ordered = [{ prescriptionNo: 'A', amountFen: 100 }, { prescriptionNo: 'B', amountFen: 200 }];
    expect(sameFees(ordered, [...ordered, { prescriptionNo: 'C', amountFen: 1 }])).toBe(true);
    expect(sameFees(ordered, [ordered[0]!])).toBe(false);
    expect(sameFees(ordered, [ordered[0]!, { prescriptionNo: 'B', amountFen: 201 }])).toBe(false);
  });
});
