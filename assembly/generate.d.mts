// Types of generate.mjs for the tests that import it (test/wasm/layouts.test.ts).
import type { DescriptorLayout, Field, TaskLayout } from './layouts.mjs';

export interface KernelExport {
  /** [name, AssemblyScript type] per parameter. */
  params: [string, string][];
  result: string;
}
/** A descriptor's fields in word order, groups spread. */
export function fieldsOf(d: DescriptorLayout): Field[];
export function kernelExports(root: string): Map<string, KernelExport>;
export function checkTables(exports: Map<string, KernelExport>, tasks?: readonly TaskLayout[], descriptors?: readonly DescriptorLayout[]): void;
export function generatedFiles(root: string): Map<string, string>;
export function staleFiles(root: string): string[];
export function writeGenerated(root: string): string[];
