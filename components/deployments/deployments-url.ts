import { enumParam, textParam, toQuery } from "@/components/ui/url-params";

export const DETAIL_TABS = ["history", "logs"] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

/**
 * The deployments board's view as the URL carries it: the environment, a tenant to narrow the
 * targets to, and the one target whose history or logs are open (`tenant/stage`).
 */
export type DeploymentsView = { environment: string; tenant: string; target: string; tab: DetailTab | "" };

export const DEPLOYMENTS_DEFAULTS: DeploymentsView = { environment: "", tenant: "", target: "", tab: "" };

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TARGET = /^[a-z0-9][a-z0-9-]{0,62}\/[a-z0-9][a-z0-9-]{0,62}$/;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const matching = (value: string, pattern: RegExp) => (pattern.test(value) ? value : "");

export function parseDeploymentsView(params: URLSearchParams): DeploymentsView {
  const target = matching(textParam(params, "target", 127), TARGET);
  return {
    environment: matching(textParam(params, "environment", 100), ENVIRONMENT),
    tenant: matching(textParam(params, "tenant", 63), NAME),
    target,
    // a tab means nothing without the target it belongs to
    tab: target ? enumParam(params, "tab", ["", ...DETAIL_TABS], "") : "",
  };
}

export function serializeDeploymentsView(view: DeploymentsView): string {
  return toQuery({ ...view, tab: view.target ? view.tab : "" }, DEPLOYMENTS_DEFAULTS);
}

/** The key a target has in `target=`. */
export const targetKey = (target: { tenant: string; stage: string }) => `${target.tenant}/${target.stage}`;
