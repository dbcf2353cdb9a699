import { hisInpatientSeed } from '../../bff/src/adapters/his';
import type { TestBff } from './bff';

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Binds the seeded inpatient 陈晨 to `token` and links her stay. Binding goes through the test
 * BFF's own bind (the SMS proof) where it has one, else the plain bind request: one place to change.
 */
export async function bindChen(bff: TestBff, token: string, relation = 'self'): Promise<{ patientId: string; bound: Reply; linked: Reply }> {
  const c = hisInpatientSeed.recent;
  const person = { realName: c.realName, idCard: c.idCard, idNumber: c.idCard, phone: c.phone, patientCard: c.patientCard };
  const viaProof = (bff as unknown as { bind?: (t: string, p: typeof person, r: string) => Promise<Reply> }).bind;
  const bound = viaProof
    ? await viaProof(token, person, relation)
    : await bff.request('POST', '/api/patients/bind', { token, body: { realName: c.realName, idNumber: c.idCard, phone: c.phone, patientCard: c.patientCard, relation } });
  if (bound.status !== 200) throw new Error(`bind 陈晨 failed: ${bound.status} ${JSON.stringify(bound.body)}`);
  const patientId = bound.body.id as string;
  const linked = await bff.request('PUT', `/api/patients/${patientId}/inpatient`, { token, body: { serialNumber: c.serialNumber } });
  if (linked.status !== 200) throw new Error(`link ${c.serialNumber} failed: ${linked.status} ${JSON.stringify(linked.body)}`);
  return { patientId, bound, linked };
}
