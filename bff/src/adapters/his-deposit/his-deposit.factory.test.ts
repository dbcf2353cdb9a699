import { parseConfig } from '@hosp/config';
import { createDepositSimulator, createHisDeposit } from './index';
import { depositSeed } from './sim/deposit-seed';

/** The factory the lead wires into outside.ts: config block in, a working port out. */

const holder = { patientCard: depositSeed.outpatient.cardNo, hisPatientId: depositSeed.outpatient.hisId };
const range = { from: new Date(Date.now() - 90 * 86_400_000), to: new Date() };

describe('createHisDeposit', () => {
  it.each(['http', 'soap'] as const)('in sim mode starts the simulator and reaches it over %s', async (transport) => {
    const setup = await createHisDeposit(parseConfig({ hisDeposit: { mode: 'sim', transport } }).hisDeposit);
    try {
      const records = await setup.port.records({ holder, ...range });
      expect(records).toHaveLength(depositSeed.outpatient.records.length);
      expect(setup.sim?.calls.map((c) => [c.method, c.transport, c.data.CardType])).toEqual([['OPDRechargeList', transport, '03']]);
    } finally {
      await setup.close();
    }
  });

  it('in remote mode talks to the configured address with the configured codes, starting no simulator', async () => {
    const hospital = createDepositSimulator();
    const server = await hospital.listen();
    try {
      const config = parseConfig({
        hisDeposit: { mode: 'remote', baseUrl: server.baseUrl, transactionCodes: { OPDRechargeList: '77' }, cardType: '1', channelId: 'hosp-x' },
      }).hisDeposit;
      const setup = await createHisDeposit(config);
      expect(setup.sim).toBeUndefined();
      expect(await setup.port.records({ holder, ...range })).toHaveLength(depositSeed.outpatient.records.length);
      expect(hospital.calls[0]).toMatchObject({ transactionCode: '77', data: { CardType: '1', CardNo: holder.patientCard } });
      await setup.close();
    } finally {
      await server.close();
    }
  });
});
