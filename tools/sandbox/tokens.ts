/** Access tokens and their scopes. Tokens never expire (as with Ecwid); they can be revoked. */
import { createHash, randomBytes } from 'node:crypto';
import { SCOPES, type Scope } from './types.js';

export class TokenRegistry {
  private readonly tokens = new Map<string, ReadonlySet<Scope>>();

  /** Registers a token with these scopes (every scope by default); a random `secret_…` token unless one is given. */
  issue(scopes: readonly Scope[] = SCOPES, token = `secret_${randomBytes(16).toString('hex')}`): string {
    this.tokens.set(token, new Set(scopes));
    return token;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  scopesOf(token: string): ReadonlySet<Scope> | undefined {
    return this.tokens.get(token);
  }
}

/** The same full-scope token every run for the same store and seed, so a `.env` written once keeps working. */
export function stableToken(storeId: number, seed: number): string {
  return `secret_sandbox_${createHash('sha256').update(`ecwid-sandbox:${storeId}:${seed}`).digest('hex').slice(0, 24)}`;
}

export function isScope(value: unknown): value is Scope {
  return (SCOPES as readonly unknown[]).includes(value);
}
