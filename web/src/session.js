// Who is signed in, shared by every page: the User from the server, the flags that force a password change or
// TOTP enrolment, and the role checks the navigation and buttons use. The server decides; these only hide
// what would be refused anyway.
import { reactive } from 'vue';
import { api, setCsrfToken } from './api.js';

export const session = reactive({
  loaded: false, // GET /session has answered once
  user: null,
  mustChangePassword: false,
  mustEnrollTotp: false,
});

export function applySession(answer) {
  session.loaded = true;
  if (!answer || !answer.user) {
    clearSession();
    return;
  }
  setCsrfToken(answer.csrf_token);
  session.user = answer.user;
  session.mustChangePassword = !!answer.must_change_password;
  session.mustEnrollTotp = !!answer.must_enroll_totp;
}

export function clearSession() {
  setCsrfToken('');
  session.loaded = true;
  session.user = null;
  session.mustChangePassword = false;
  session.mustEnrollTotp = false;
}

export async function loadSession() {
  try {
    applySession(await api.get('/session', undefined, { quiet401: true }));
  } catch (error) {
    if (error.status === 401) clearSession();
    else throw error;
  }
  return session;
}

export async function signOut() {
  try {
    await api.del('/session', { quiet401: true });
  } catch {
    // Signing out of a session the server already forgot is still signing out.
  }
  clearSession();
}

// Roles (doc/api.md): who may use which part of the UI.
export const WORK_ROLES = ['org_department', 'township_committee', 'village_committees'];
export const ORG_READERS = [...WORK_ROLES, 'system_admin', 'security_admin', 'audit_admin'];
export const REVEAL_ROLES = ['org_department', 'township_committee'];
// 账号管理: the three administrators (the audit administrator sees accounts and approves requests).
export const ACCOUNT_ROLES = ['system_admin', 'security_admin', 'audit_admin'];

export function hasRole(...roles) {
  const role = session.user?.role;
  return !!role && roles.flat().includes(role);
}

// Where a signed-in user lands first.
export function homePath() {
  if (hasRole(WORK_ROLES)) return '/dashboard';
  if (hasRole('audit_admin')) return '/audit';
  if (hasRole(ACCOUNT_ROLES)) return '/users';
  if (hasRole('member')) return '/my';
  return '/orgs';
}
