/** Stable uids of the bundled dashboards: links, provisioning and bookmarks depend on them. */
export const UIDS = {
  overview: 'seatmeter-overview',
  developers: 'seatmeter-developers',
  models: 'seatmeter-models',
  pipeline: 'seatmeter-pipeline',
} as const;
