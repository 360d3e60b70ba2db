/**
 * Alert channels for the dashboard: where Tidepool sends a message when a
 * monitor goes down or comes back up.
 */
import { api } from "./api";

/** The channels a monitor can alert through. Slack and email are built in. */
export type Channel = "email" | "slack" | "webhook";

/**
 * Sends a test alert through one channel, so that users can check their
 * settings before a real outage.
 *
 * @param channel - which channel to test
 * @param target - the email address, Slack webhook URL or webhook URL
 * @returns the id of the test alert, shown in the delivery log
 * @throws {RateLimitError} when more than 5 test alerts were sent in the last minute
 */
export async function sendTestAlert(channel: Channel, target: string): Promise<string> {
  const res = await api.post("/alerts/test", { channel, target });
  return res.id;
}

// Quiet hours: alerts raised between these times are held and sent as one
// summary at the end of the window.
export const QUIET_HOURS = { start: "22:00", end: "07:00" };

const MAX_SUMMARY_ITEMS = 20; // a summary lists at most this many incidents
