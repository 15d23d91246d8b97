// The screen-reader renderer reads answers as lines and cannot hand a refused one back to edit:
// it reads out what was refused, so the admin hears what to mend.
import {expect, test} from 'vitest';
import {plainSession} from '../helpers/plain-session.js';

test('screen reader: a refused first hop is read out with the reason, then asked again', async () => {
	const {runner, input, done, waitFor, output} = plainSession();
	await waitFor('First hop');
	input.write('hyperv1 .contoso.com\n');
	await waitFor('Not taken: hyperv1 .contoso.com');
	const after = output().slice(output().indexOf('it contains a space'));
	expect(after).toMatch(/^it contains a space\.\nNot taken: hyperv1 \.contoso\.com\nFirst hop/);
	runner.dispatch({type: 'interrupt'});
	input.end();
	await done;
});
