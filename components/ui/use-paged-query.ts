import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "./fetch-json";

type Paged = { page: number; pageSize: number };

/**
 * A server-paged list: the first page comes rendered from the server (`initial`), later pages from
 * `url?page=&pageSize=`, the previous page kept on screen while the next one loads.
 */
export function usePagedQuery<T extends Paged>(key: readonly unknown[], url: string, initial: T) {
  const [paging, setPaging] = useState({ page: initial.page, pageSize: initial.pageSize });
  const isInitial = paging.page === initial.page && paging.pageSize === initial.pageSize;
  const query = useQuery({
    queryKey: [...key, paging.page, paging.pageSize],
    queryFn: () =>
      fetchJson<T>(`${url}?${new URLSearchParams({ page: String(paging.page), pageSize: String(paging.pageSize) })}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  return {
    data: query.data ?? initial,
    error: query.error,
    refetch: query.refetch,
    busy: query.isPlaceholderData,
    onPage: (page: number) => setPaging((p) => ({ ...p, page })),
    onPageSize: (pageSize: number) => setPaging({ page: 1, pageSize }),
  };
}
