/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), signed in to a running
 * console as the demo admin: for page benchmarks and README screenshots.
 */
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { CHROMIUM_LAUNCH } from "./chromium";
import { demoAdmin, waitUntil } from "./demo-process";

export type SignedInState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

/** Signs in through the login form and returns the session, for `browser.newContext({ storageState })`. */
export async function signInAsAdmin(browser: Browser, baseUrl: string): Promise<SignedInState> {
  const admin = demoAdmin();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/health$/, { timeout: 60_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** The session's cookie header, for API calls made beside the browser. */
export const cookieHeader = (state: SignedInState) => state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");

/** acme-health's first consumer group and member, once the lag sampler and the pipeline have them (up to 2 min each). */
export async function demoSubjects(baseUrl: string, state: SignedInState): Promise<{ group: string; member: string }> {
  const get = async (url: string) => (await fetch(baseUrl + url, { headers: { cookie: cookieHeader(state) } })).json();
  let group: string | undefined;
  await waitUntil(
    async () => {
      group = (await get("/api/lag/groups?pageSize=1&sort=groupId&order=asc&q=acme-health")).groups?.[0]?.groupId;
      return group !== undefined;
    },
    120_000,
    () => "the lag sampler listed no consumer group of acme-health within 2 min",
  );
  let member: string | undefined;
  await waitUntil(
    async () => {
      member = (await get("/api/lookup/search?q=M1")).suggestions?.find(
        (s: { tenant: string }) => s.tenant === "acme-health",
      )?.memberId;
      return member !== undefined;
    },
    120_000,
    () => "no acme-health member reached the target within 2 min",
  );
  return { group: group!, member: member! };
}
