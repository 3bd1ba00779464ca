import { FeatureFlagClient } from '@flipper-client/core';
import { encodeDocument } from '@flipper-client/core/store';
import { EXIT } from '../errors.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';

/**
 * Runs one change through the application API (`FeatureFlagClient`: its validation, its
 * atomic updates), then prints what the flag is now: a sentence, or with `--json` the stored
 * document (`{"feature_name": ..., "destroyed": true}` once it is gone).
 */
export async function changeFlag(
  context: CommandContext,
  name: string,
  apply: (features: FeatureFlagClient) => Promise<string>,
): CommandResult {
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const features = new FeatureFlagClient(store);
    features.get(name); // refuses an invalid name before anything else
    const said = await apply(features);
    const { output } = context;
    if (output.json) {
      const item = await store.get(name);
      output.write(item === undefined ? `${JSON.stringify({ feature_name: name, destroyed: true })}\n` : `${encodeDocument(item)}\n`);
    } else output.line(said);
    return EXIT.ok;
  });
}
