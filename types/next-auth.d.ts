import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  /** Set by the credentials provider for the sign-in audit event; never stored in the session. */
  interface User {
    sourceAddress?: string;
    requestId?: string;
  }

  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
  }
}
