import fs from 'node:fs';

/**
 * The optional channels config file named by CHANNELS_FILE: one JSON object with a section per
 * channel ("email": [...mailboxes], "meta": [...pages], "phone": {...}). Each channel module
 * validates its own section with zod and fails the start with a clear message when it is wrong.
 */
class ChannelsFileError extends Error {
  override name = 'ChannelsFileError';
}

export function readChannelsFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new ChannelsFileError(`CHANNELS_FILE ${path} cannot be read: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ChannelsFileError(`CHANNELS_FILE ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ChannelsFileError(`CHANNELS_FILE ${path} must hold a JSON object with one key per channel`);
  }
  return parsed as Record<string, unknown>;
}
