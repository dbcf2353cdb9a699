import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger('info', stream), lines };
}

describe('logs never carry ID numbers, phones, tokens or secrets', () => {
  it('redacts sensitive keys at any depth and masks numbers inside strings', () => {
    const { log, lines } = capture();
    log.info(
      {
        patient: { idCard: '11010519491231002X', phone: '13812345678', nested: { token: 'abc', session_key: 'k' } },
        note: 'bound 11010519491231002X with 13812345678',
        headers: { authorization: 'Bearer xyz' },
      },
      'message with 11010519491231002X and 13812345678',
    );
    const out = lines.join('');
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('Bearer xyz');
    expect(out).not.toContain('"abc"');
    expect(out).toContain('110105********002X');
    expect(out).toContain('138****5678');
  });

  it('masks errors passed to the logger', () => {
    const { log, lines } = capture();
    log.error({ err: new Error('HIS said card 11010519491231002X is invalid') }, 'failed');
    expect(lines.join('')).not.toContain('11010519491231002X');
  });
});

describe('what the logs show and mask', () => {
  const line = (obj: object, msg = 'x') => {
    const { log, lines } = capture();
    log.info(obj, msg);
    return lines.join('');
  };

  it('shows error codes, ours and the vendors\', on their own and on errors', () => {
    const out = line({ code: 'HIS_UNAVAILABLE', respCode: '040040', nested: { code: '000002' }, err: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
    expect(out).toContain('"code":"HIS_UNAVAILABLE"');
    expect(out).toContain('"code":"000002"');
    expect(out).toContain('"code":"ECONNREFUSED"');
    expect(out).toContain('040040');
  });

  it('still hides a one-time login code logged under `code`', () => {
    const out = line({ code: '081xQ2Ga1YbTuG0uF6Ia1zg5jS1xQ2GQ' });
    expect(out).not.toContain('081xQ2Ga1YbTuG0uF6Ia1zg5jS1xQ2GQ');
  });

  it.each([
    ['+8613812345678', '+86138****5678'],
    ['0086 138 1234 5678', '0086 138****5678'],
    ['86-13812345678', '86-138****5678'],
    ['tel 138-1234-5678.', 'tel 138****5678.'],
  ])('masks the phone %s', (phone, masked) => {
    const out = line({ note: `call ${phone}` }, `message ${phone}`);
    expect(out).not.toContain('12345678');
    expect(out).not.toContain('1234 5678');
    expect(out).toContain(masked);
  });

  it('masks 15- and 18-digit ID numbers', () => {
    const out = line({ note: 'old 110105490101002 new 11010519491231002X' }, 'ids 110105490101002');
    expect(out).not.toContain('110105490101002');
    expect(out).not.toContain('11010519491231002X');
    expect(out).toContain('110105******002');
    expect(out).toContain('110105********002X');
  });

  it('masks names under every key the contract marks as a name, and the vendors\' name keys', () => {
    const out = line({ realName: '张三丰', patient: { patientName: '李四' }, push: { userName: '王小明', real_name: '赵六' }, doctorName: '钱医生' });
    for (const name of ['张三丰', '李四', '王小明', '赵六']) expect(out).not.toContain(name);
    expect(out).toContain('张*丰');
    expect(out).toContain('李*');
    // Doctors' names are public: not a patient's.
    expect(out).toContain('钱医生');
  });
});
