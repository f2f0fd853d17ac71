import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./credentials";
import { clientAddress } from "./client-address";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Message shown on the sign-in page; the same for an unknown email and a wrong password. */
export const INVALID_LOGIN = "Email or password is incorrect";
export const THROTTLED_LOGIN = "Too many failed attempts. Wait a few minutes and try again.";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await verifyCredentials(credentials, clientAddress(req.headers ?? {}));
        if (result.ok) return result.user;
        // next-auth passes a thrown message through to the sign-in page as the error.
        throw new Error(result.reason === "throttled" ? THROTTLED_LOGIN : INVALID_LOGIN);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user = { ...session.user, id: token.uid };
      return session;
    },
  },
};
