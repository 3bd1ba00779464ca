/** One ListObjectsV2 page, reduced to what the listing needs. */
export interface KeyPage {
  keys: string[];
  /** The token of the next page; absent on the last page. */
  nextToken: string | undefined;
}

export type FetchKeyPage = (continuationToken: string | undefined, maxKeys: number) => Promise<KeyPage>;

export interface KeyWindow {
  pageSize: number;
  offset: number;
  /** Unlimited when undefined. */
  limit: number | undefined;
}

/**
 * The keys of a listing window, page by page: the first `offset` keys are counted and dropped
 * without any object being fetched, and no page asks for more keys than the window still needs.
 */
export async function* listKeys(fetchPage: FetchKeyPage, window: KeyWindow): AsyncGenerator<string> {
  let toSkip = window.offset;
  let remaining = window.limit ?? Number.POSITIVE_INFINITY;
  let token: string | undefined;
  while (remaining > 0) {
    const maxKeys = Math.min(window.pageSize, toSkip + remaining);
    const page = await fetchPage(token, maxKeys);
    for (const key of page.keys) {
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      if (remaining <= 0) return;
      remaining--;
      yield key;
    }
    if (page.nextToken === undefined) return;
    token = page.nextToken;
  }
}
