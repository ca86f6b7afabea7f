type Item = Record<string, unknown>;

/**
 * Every item a Query or Scan finds, page by page: `read` sends the request from the page's start
 * (undefined for the first), and the next page starts where DynamoDB says the last one ended.
 */
export async function* pagedItems(
  read: (ExclusiveStartKey: Item | undefined) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>,
): AsyncGenerator<Item> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await read(ExclusiveStartKey);
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
