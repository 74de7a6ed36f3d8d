/** Documented hard limits of the loader (see docs/dossier-format.md, "Limits"). */
export const LIMITS = {
  /** Largest YAML file read, in bytes. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Deepest nesting of collections in one YAML file. */
  maxDepth: 64,
  /** Most nodes that aliases may add when expanded (an alias bomb stops here). */
  maxAliasExpansion: 1_000_000,
  /** Most files a root may include. */
  maxIncludes: 1000,
} as const;
