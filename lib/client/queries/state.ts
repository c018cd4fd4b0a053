/**
 * A query that has no data and has failed at least once. react-query resets a query without data to
 * "pending" at each refetch, so `isError` alone would flicker back to a loading state while it polls.
 */
export const failedWithoutData = (query: { data: unknown; errorUpdateCount: number }) =>
  query.data === undefined && query.errorUpdateCount > 0;
