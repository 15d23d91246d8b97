// For a text no entry recognises: the entries it comes closest to, so the admin has somewhere to
// look. Partial matches first (evidence below the bar), then entries that share its rarer words.
// Pure, no I/O.
import {catalog} from './catalog.js';
import type {Entry} from './entry.js';

/** `score`: summed evidence weight for a partial match, word similarity for similar words. */
export type Candidate = {entry: Entry; score: number; why: 'partial-match' | 'similar-words'};

const maxCandidates = 3;
// Below this, shared words are coincidence (tuned on the unrelated fixtures).
const minimumSimilarity = 0.5;

// Words that every error shares; they say nothing about which one it is.
const stopWords = new Set(
	(
		'the and for with not this that are was you your from error message failed following information see ' +
		'help topic line char categoryinfo fullyqualifiederrorid pscomputername verify request process cannot ' +
		'can may might must been has have when what which into use using run command computer try again ' +
		'change about_remote_troubleshooting client server remote name names valid correct path check ' +
		'spelling included provided specified find found there then than its one only other does did ' +
		'could would should get set new invoke'
	).split(' '),
);

function words(text: string): Set<string> {
	const found = new Set<string>();
	for (const word of text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []) {
		if (!stopWords.has(word)) found.add(word);
	}
	return found;
}

type Vocabularies = {entryWords: Map<string, Set<string>>; documentFrequency: Map<string, number>};

let vocabulariesCache: Vocabularies | undefined;

function vocabularies(): Vocabularies {
	if (vocabulariesCache !== undefined) return vocabulariesCache;
	const entryWords = new Map(
		catalog.map((entry) => {
			const {phrases, fqids = [], exceptions = []} = entry.matchers;
			const vocabulary = [
				entry.name,
				entry.cause,
				...phrases.map((p) => p.text),
				...fqids.map((f) => f.id),
				...exceptions.map((e) => e.type),
			];
			return [entry.id, words(vocabulary.join(' '))] as const;
		}),
	);
	// Rare words weigh more ("anonymous" says more than "access"); long vocabularies do not win by size.
	const documentFrequency = new Map<string, number>();
	for (const vocabulary of entryWords.values()) {
		for (const word of vocabulary) {
			documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
		}
	}
	vocabulariesCache = {entryWords, documentFrequency};
	return vocabulariesCache;
}

function similarity(inputWords: Set<string>, entry: Entry): number {
	const {entryWords, documentFrequency} = vocabularies();
	const vocabulary = entryWords.get(entry.id) ?? new Set<string>();
	let score = 0;
	for (const word of vocabulary) {
		if (inputWords.has(word)) {
			score += Math.log(catalog.length / (documentFrequency.get(word) ?? 1));
		}
	}
	return score / Math.sqrt(Math.max(vocabulary.size, 1));
}

export function closestCandidates(
	text: string,
	ranked: readonly {entry: Entry; score: number}[],
): Candidate[] {
	const partial: Candidate[] = ranked.map((item) => ({
		entry: item.entry,
		score: item.score,
		why: 'partial-match',
	}));
	const inputWords = words(text);
	const similar: Candidate[] = catalog
		.map((entry) => ({
			entry,
			score: Math.round(similarity(inputWords, entry) * 100) / 100,
			why: 'similar-words' as const,
		}))
		.filter((candidate) => candidate.score >= minimumSimilarity)
		.sort((a, b) => b.score - a.score);
	const seen = new Set<string>();
	const chosen: Candidate[] = [];
	for (const candidate of [...partial, ...similar]) {
		if (seen.has(candidate.entry.id) || chosen.length >= maxCandidates) continue;
		seen.add(candidate.entry.id);
		chosen.push(candidate);
	}
	return chosen;
}
