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
