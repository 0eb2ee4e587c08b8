// "Ukraine crisis: Russia orders troops…": the label an outlet puts before its headlines names the
// matter its reports share, not the development one of them reports.
const HEADLINE_LABEL = /^[^:]{1,40}:\s+(?=\S)/;

export function withoutHeadlineLabel(headline: string): string {
  return headline.replace(HEADLINE_LABEL, '');
}
