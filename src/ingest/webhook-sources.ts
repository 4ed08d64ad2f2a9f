import type { Stores } from '../db/tenancy.ts';
import { writeLeadInputs } from '../leads/lead-writer.ts';
import type { ApifyConfig } from '../posts/apify-config.ts';
import { apifyWebhookSource, apifyWebhookSourceWith } from './apify-webhook.ts';
import { withInputWarnings } from './lead-input.ts';
import { linkedHelperInputs } from './linkedhelper.ts';
import { phantomBusterWebhookSource } from './phantombuster-webhook.ts';
import type { DeliveryOutcome, WebhookSourceHandler, WebhookSources } from './webhook-delivery.ts';
import { type EventLog, WebhookInbox } from './webhook-inbox.ts';

/**
 * LinkedHelper profile bodies (an object, or an array of persons) go through the same reader
 * and writer as a LinkedHelper file import. A body none of whose persons could be written is a
 * failed delivery; a partly written body is processed, its rejections listed in the result.
 */
export const linkedHelperWebhookSource: WebhookSourceHandler = {
  async process(store, body): Promise<DeliveryOutcome> {
    const inputs = linkedHelperInputs(body);
    if (inputs.length === 0) {
      return { status: 'failed', code: 'empty_delivery', message: 'the body holds no person' };
    }

    const written = await writeLeadInputs(store, inputs, 'linkedhelper');
    const warnings = withInputWarnings(inputs, written.warnings);
    const result = { persons: inputs.length, ...written, warnings };
    const accepted = inputs.length - written.rejected;
    if (accepted > 0) return { status: 'processed', result };

    const reasons = written.rejections.map((r) => `person ${r.record}: ${r.reason}`);
    return {
      status: 'failed',
      code: 'no_usable_record',
      message: `no person in the body could be stored (${reasons.join('; ')})`,
      result,
    };
  },
};

export interface WebhookSourceOptions {
  /** Apify's settings, for fetching the dataset of a run a notification announces. */
  apify?: () => ApifyConfig | undefined;
}

export function webhookSources(options: WebhookSourceOptions = {}): WebhookSources {
  return {
    linkedhelper: linkedHelperWebhookSource,
    phantombuster: phantomBusterWebhookSource,
    apify: options.apify ? apifyWebhookSourceWith(options.apify) : apifyWebhookSource,
  };
}

/** The inbox with every source Leadbase knows. */
export function createWebhookInbox(
  stores: Stores,
  log?: EventLog,
  options: WebhookSourceOptions = {},
): WebhookInbox {
  return new WebhookInbox(stores, webhookSources(options), log);
}
