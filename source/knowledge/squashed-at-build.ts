// The catalogue's phrases, error ids and exception names as squash() leaves them. The build
// (source/build.js) fills this in from diagnose.ts's squashedTexts(), so that explain's first
// diagnosis looks some 400 texts up instead of squashing each: milliseconds of a start that is held
// to node's own. Empty when the source runs (the tests), where each is squashed on first use.
export const squashedAtBuild: ReadonlyMap<string, string> = new Map();
