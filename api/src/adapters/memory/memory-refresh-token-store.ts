import { ConflictError } from '../../domain/errors.js';
import type { RefreshSession } from '../../domain/refresh-session.js';
import type { RefreshTokenStore } from '../../ports/refresh-token-store.js';

export function createMemoryRefreshTokenStore(): RefreshTokenStore {
  const byId = new Map<string, RefreshSession>();
  const revokeWhere = (match: (s: RefreshSession) => boolean, at: string) => {
    for (const session of byId.values()) if (match(session)) session.revokedAt ??= at;
  };

  return {
    async create(session) {
      if (byId.has(session.id) || [...byId.values()].some((s) => s.hash === session.hash)) {
        throw new ConflictError('A refresh token with this id or hash already exists');
      }
      // Expired sessions are of no use to anyone: forget them as new ones arrive.
      for (const [id, s] of byId) if (s.expiresAt < session.createdAt) byId.delete(id);
      byId.set(session.id, { ...session });
    },
    async findByHash(hash) {
      const session = [...byId.values()].find((s) => s.hash === hash);
      return session && { ...session };
    },
    async markRotated(id, at) {
      const session = byId.get(id);
      if (!session || session.rotatedAt !== null || session.revokedAt !== null) return false;
      session.rotatedAt = at;
      return true;
    },
    async revokeFamily(familyId, at) {
      revokeWhere((s) => s.familyId === familyId, at);
    },
    async revokeAllForUser(userId, at) {
      revokeWhere((s) => s.userId === userId, at);
    },
  };
}
