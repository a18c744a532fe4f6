// Types of layouts.mjs for the tests that import it.
/** [name, comment]. */
export type Field = readonly [string, string];
export interface TaskLayout {
  name: string;
  kind: number;
  doc: string;
  words: readonly Field[];
  calls: Readonly<Record<string, readonly string[]>>;
  /** Whether and how a slow holder's task may be taken over (layouts.mjs). */
  steal?: 'private' | 'rerun';
}
/** Fields several descriptors share; `group` names their TypeScript interface. */
export interface FieldGroup {
  group: string;
  words: readonly Field[];
}
export interface DescriptorLayout {
  name: string;
  prefix: string;
  doc: string;
  words: readonly (Field | FieldGroup)[];
}
export const TASKS: readonly TaskLayout[];
export const TASK_HEADER: readonly Field[];
export const DESCRIPTORS: readonly DescriptorLayout[];
