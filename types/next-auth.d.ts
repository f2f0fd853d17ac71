import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  /** Set by the credentials provider for the sign-in audit event; never stored in the session. */
  interface User {
    sourceAddress?: string;
    userAgent?: string;
    requestId?: string;
  }

  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** id of the `user_sessions` row; the server refuses the token once that session is ended */
    sid?: string;
  }
}
