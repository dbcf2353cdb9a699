import { AppError, isMinorOn, normalizeIdNumber } from '@hosp/shared';

type Guardian = { realName: string; idNumber: string };

/**
 * A new card for a minor (under 18 on `today` by the ID number itself) names a guardian: an adult,
 * not the child. Sex and birth date need no question: the ID number gives them. An adult's card
 * keeps no guardian even if one was sent.
 */
export function guardianFor(req: { idNumber: string; guardian?: Guardian }, today: string): Guardian | null {
  if (!isMinorOn(req.idNumber, today)) return null;
  const g = req.guardian;
  if (!g) throw new AppError('GUARDIAN_REQUIRED', '未满 18 周岁的就诊人建卡需填写监护人');
  if (normalizeIdNumber(g.idNumber) === normalizeIdNumber(req.idNumber)) throw new AppError('GUARDIAN_REQUIRED', '监护人不能是就诊人本人');
  if (isMinorOn(g.idNumber, today)) throw new AppError('GUARDIAN_REQUIRED', '监护人须年满 18 周岁');
  return { realName: g.realName, idNumber: normalizeIdNumber(g.idNumber) };
}
