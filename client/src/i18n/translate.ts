import type { MessageKey } from './catalogue.ts';

/** Values an ICU message interpolates: text, numbers (plurals) and instants. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** Renders one catalogue message in the reader's language. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;
