import type { Bundle, PollingTriggerPerform, ZObject } from 'zapier-platform-core';

/** A dropdown choice; Zapier hands the id back to the action as text. (A type, not an interface: Zapier wants samples
 * assignable to Record<string, unknown>.) */
export type Choice = { id: string; name: string };

export type ChoicesPage = (z: ZObject, bundle: Bundle, page: number) => Promise<Choice[]>;

/**
 * The operation of a hidden trigger that feeds a dynamic dropdown: Zapier asks for page 0, 1, … as the merchant
 * scrolls (`paginates`), and shows each choice's name while handing its id to the action.
 */
export const dropdownOperation = (
  choicesPage: ChoicesPage,
  sample: Choice,
  [idLabel, nameLabel]: [idLabel: string, nameLabel: string],
  { paginates = true }: { paginates?: boolean } = {},
) => ({
  type: 'polling' as const,
  ...(paginates ? { canPaginate: true } : {}),
  perform: (async (z, bundle) =>
    choicesPage(z, bundle, Number(bundle.meta?.page ?? 0))) satisfies PollingTriggerPerform,
  sample,
  outputFields: [
    { key: 'id', label: idLabel },
    { key: 'name', label: nameLabel },
  ],
});
