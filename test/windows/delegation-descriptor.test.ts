// The descriptor edited as SDDL: one allow ACE in after the DACL's ACEs, the same one out, every
// other ACE (deny, other masks, orphaned SIDs, a conditional ACE's parentheses) kept in place.
import {describe, expect, test} from 'vitest';
import {
	daclAces,
	hasAces,
	hasDelegateAce,
	withDelegateAce,
	withoutDelegateAce,
} from '../../source/windows/delegation-descriptor.js';

const sid = 'S-1-5-21-1004336348-1177238915-682003330-5789';
const mine = `(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${sid})`;
const deny = '(D;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-4242)';
const conditional = '(XA;;CR;;;S-1-5-21-1-2-3-7777;(@User.Title=="PM"))';

describe('msDS-AllowedToActOnBehalfOfOtherIdentity as SDDL', () => {
	test('added after the ACEs there, before a SACL; taken out again to the same text', () => {
		const before = `O:BAD:${deny}${conditional}S:(AU;SA;WP;;;WD)`;
		const after = withDelegateAce(before, sid);
		expect(after).toBe(`O:BAD:${deny}${conditional}${mine}S:(AU;SA;WP;;;WD)`);
		expect(daclAces(after)).toEqual([deny, conditional, mine]);
		expect(hasDelegateAce(after, sid)).toBe(true);
		expect(withoutDelegateAce(after, sid)).toBe(before);
	});

	test('no descriptor: the one the AD module would write; its undo leaves no ACE', () => {
		expect(withDelegateAce('', sid)).toBe(`O:BAD:${mine}`);
		expect(hasAces(withoutDelegateAce(`O:BAD:${mine}`, sid))).toBe(false);
	});

	test("a deny ACE for the first hop's own SID is not its grant, and stays", () => {
		const denied = `O:BAD:(D;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${sid})`;
		expect(hasDelegateAce(denied, sid)).toBe(false);
		expect(withoutDelegateAce(denied, sid)).toBe(denied);
	});
});
