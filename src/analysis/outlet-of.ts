// Which outlet a report comes from: the site it links to, so two feeds of one publisher are one
// outlet and one feed that carries several publishers (an aggregator) is several.

/** "bbc.co.uk" for https://www.bbc.co.uk/news/..., the feed's own name when the report has no usable link. */
export function outletOf(url: string | null | undefined, feed: string): string {
  if (!url) return feed;
  try {
    return new URL(url).hostname.replace(/^(www|edition|rss|feeds)\./, '');
  } catch {
    return feed;
  }
}
