// Whether a name is an IP address, by the rules node:net's isIP applies (ip-regex holds the same
// expressions): IPv4 dotted decimal, IPv6 in every shortened form, with a zone index (fe80::1%14).
// Not node:net itself: loading it brings Node's socket and stream classes, milliseconds of explain's
// start, which reads host names from a transcript but never opens a connection.
import ipRegex from 'ip-regex';

export const isIPv4 = (name: string): boolean => ipRegex.v4({exact: true}).test(name);
export const isIPv6 = (name: string): boolean => ipRegex.v6({exact: true}).test(name);
export const isIPAddress = (name: string): boolean => isIPv4(name) || isIPv6(name);
