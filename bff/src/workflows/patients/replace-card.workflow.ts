import type { Deps } from '../../deps';

export interface CardReplacement {
  idNumber: string;
  realName: string;
  oldPatientCard: string;
  newPatientCard: string;
}

/**
 * HIS replaced a virtual card by a physical one: every binding of that person on the old card moves
 * to the new card. Idempotent: a repeat finds nothing on the old card and the same state results.
 */
export async function replaceCard(deps: Deps, push: CardReplacement): Promise<{ updated: number; alreadyDone: boolean }> {
  const now = deps.now();
  return deps.store.db.transaction().execute(async (tx) => {
    const updated = await deps.patients.replaceCard(push.idNumber, push.oldPatientCard, push.newPatientCard, now, tx);
    const key = `ReplacePatientCard:${push.oldPatientCard}>${push.newPatientCard}`;
    const first = await deps.inbound.claim('his', 'ReplacePatientCard', key, `updated ${updated}`, now, tx);
    const onNew = updated > 0 ? updated : await deps.patients.countByCard(push.newPatientCard, push.idNumber, tx);
    deps.log.info({ updated, repeat: !first, boundOnNewCard: onNew }, 'card replacement applied');
    return { updated, alreadyDone: updated === 0 };
  });
}
