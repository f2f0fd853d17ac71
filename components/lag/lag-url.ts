import { STATUSES, type LagStatus } from "@/server/lag/burrow-status";
import { enumParam, pageParam, textParam, toQuery } from "@/components/ui/url-params";

export const GROUP_SORTS = ["status", "lag", "lagSeconds", "groupId"] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

/** The consumer-group list's search, status filter, sort and page, as the URL carries them. */
export type LagFilters = {
  q: string;
  status: LagStatus | "";
  /** one Kafka cluster's groups; "": every cluster's */
  cluster: string;
  sort: GroupSort;
  order: "asc" | "desc";
  page: number;
};

export const LAG_DEFAULTS: LagFilters = { q: "", status: "", cluster: "", sort: "status", order: "desc", page: 1 };
const CLUSTER = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function parseLagFilters(params: URLSearchParams): LagFilters {
  return {
    q: textParam(params, "q", 200),
    status: enumParam(params, "status", ["", ...STATUSES], ""),
    cluster: CLUSTER.test(textParam(params, "cluster", 40)) ? textParam(params, "cluster", 40) : "",
    sort: enumParam(params, "sort", GROUP_SORTS, LAG_DEFAULTS.sort),
    order: enumParam(params, "order", ["asc", "desc"], LAG_DEFAULTS.order),
    page: pageParam(params, "page"),
  };
}

export function serializeLagFilters(filters: LagFilters): string {
  return toQuery(filters, LAG_DEFAULTS);
}
