// Commands put back together from a transcript's invocation lines, as PowerShell writes them
// (PipelineStrings.resx: CommandInvocation({0}): "{1}", ParameterBinding({0}): name="{1}"; value="{2}").
import {expect, test} from 'vitest';
import {transcriptCommands} from '../../source/knowledge/transcript.js';

test('a value that spans lines is kept whole, and a script block stays a block', () => {
	// As a remote session's transcript logs Invoke-Command given a script block of two lines.
	const text = [
		'PS>CommandInvocation(Invoke-Command): "Invoke-Command"',
		'>> ParameterBinding(Invoke-Command): name="ComputerName"; value="hyperv1"',
		'>> ParameterBinding(Invoke-Command): name="ScriptBlock"; value=" dir \\\\fs01\\share',
		' Get-VM -ComputerName hyperv2 "',
	].join('\n');
	expect(transcriptCommands(text)).toEqual([
		{
			command:
				'Invoke-Command -ComputerName hyperv1 -ScriptBlock { dir \\\\fs01\\share\n Get-VM -ComputerName hyperv2 }',
			remote: false,
		},
	]);
});

test("a binding whose value never closes does not swallow the next command's lines", () => {
	const text = [
		'PS>CommandInvocation(Get-Item): "Get-Item"',
		'>> ParameterBinding(Get-Item): name="Path"; value="C:\\never closed',
		'**********************',
		'PS>CommandInvocation(Get-WmiObject): "Get-WmiObject"',
		'>> ParameterBinding(Get-WmiObject): name="ComputerName"; value="hyperv2"',
	].join('\n');
	expect(transcriptCommands(text).map(({command}) => command)).toEqual([
		'Get-Item',
		'Get-WmiObject -ComputerName hyperv2',
	]);
});
