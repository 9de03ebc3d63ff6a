// oidc-provider (v9) ships no type declarations and there is no @types package for it: this
// declares the small part the OIDC integration test uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export interface InteractionDetails {
    uid: string
    prompt: {
      name: 'login' | 'consent' | string
      details: Record<string, unknown> & { missingOIDCScope?: string[]; missingOIDCClaims?: string[] }
    }
    params: Record<string, unknown> & { client_id: string }
    session?: { accountId: string }
    grantId?: string
  }

  export interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }

  export interface Configuration {
    clients?: Record<string, unknown>[]
    claims?: Record<string, string[]>
    scopes?: string[]
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined> | Account | undefined
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>
    interactions?: { url: (ctx: unknown, interaction: { uid: string }) => string }
    cookies?: { keys?: string[] }
    pkce?: { required?: () => boolean }
    conformIdTokenClaims?: boolean
    [key: string]: unknown
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      opts?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
    Grant: new (props: { accountId: string; clientId: string }) => Grant
    proxy: boolean
    on(event: string, listener: (...args: unknown[]) => void): this
  }
}
