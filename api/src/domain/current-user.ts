/** What an editor may do is decided by role; admins may do everything editors may and more. */
export type Role = 'admin' | 'editor';

export const ROLES: readonly Role[] = ['admin', 'editor'];

/** The authenticated user a request acts for, as services need to know them. */
export interface CurrentUser {
  id: string;
  role: Role;
  email: string;
  name: string;
}

export function isAdmin(user: CurrentUser): boolean {
  return user.role === 'admin';
}
