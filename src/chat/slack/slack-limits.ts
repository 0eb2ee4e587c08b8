// Slack's message limits, in one table: the renderer splits and trims against these and nothing
// else, so a change in Slack's rules is a change here.
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  /** Notification fallback; Slack truncates `text` beyond 40,000 but advises under 4,000. */
  fallbackText: 3000,
  /**
   * JSON length of a message's blocks: Slack answers msg_blocks_too_long somewhere above 13,000
   * characters, so messages are cut well below it.
   */
  blocksJson: 12_000,
  /** A response_url accepts 5 posts in 30 minutes. */
  responsesPerCommand: 5,
} as const;
