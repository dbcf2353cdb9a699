import type { OperatorRole } from '@hosp/config';

/**
 * What each role may do. viewer: read every page; finance: also settle orders and export;
 * admin: also manage operators. Higher roles include the lower ones.
 */
export type Permission = 'read' | 'resolve' | 'export' | 'manage_operators';

const GRANTS: Record<OperatorRole, readonly Permission[]> = {
  viewer: ['read'],
  finance: ['read', 'resolve', 'export'],
  admin: ['read', 'resolve', 'export', 'manage_operators'],
};

export function can(role: OperatorRole, permission: Permission): boolean {
  return GRANTS[role]?.includes(permission) ?? false;
}

export const ROLE_LABELS: Record<OperatorRole, string> = { viewer: '只读', finance: '财务', admin: '管理员' };
