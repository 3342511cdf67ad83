const dateTimeFormat = new Intl.DateTimeFormat("ja-JP", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Tokyo",
});

/** Date and time as people in the prefecture read them (JST). */
export function formatDateTime(value: Date | string): string {
  return dateTimeFormat.format(new Date(value));
}
