import { describe, expect, it } from 'vitest';
import { roles } from '@/db/schema/auth';
import { dashboardPath, hasPermission, isBackOfficeRole, rolePermissions } from './permissions';

describe('role → permissions', () => {
  it('keeps decisions with officials and filing with applicants', () => {
    for (const role of roles) {
      const officials = isBackOfficeRole(role);
      expect(hasPermission(role, 'review.decide')).toBe(role === 'reviewer' || role === 'director');
      expect(hasPermission(role, 'application.submit')).toBe(role === 'org_rep' || role === 'employer_rep');
      if (officials) expect(hasPermission(role, 'application.create')).toBe(false);
    }
    expect(hasPermission('director', 'review.approve_technical')).toBe(true);
    expect(hasPermission('reviewer', 'review.approve_technical')).toBe(false);
    expect(hasPermission('minvu_admin', 'selection.run')).toBe(true);
    expect(rolePermissions.worker).toEqual(['application.read', 'incorporation.confirm']);
  });

  it('sends each role to its own side after sign-in', () => {
    expect(dashboardPath('org_rep')).toBe('/portal');
    expect(dashboardPath('worker')).toBe('/portal');
    expect(dashboardPath('reviewer')).toBe('/gestion');
    expect(dashboardPath('gore')).toBe('/gestion');
  });
});
