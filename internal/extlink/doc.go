// Package extlink checks that the web addresses a site links to still
// answer: the http(s) links in guides and pages, and every source's url.
// It is what `careguide check --external` runs; a build never does, since a
// build must not depend on the network.
//
// Input: Targets, each an address and where it is written (file, line,
// column). Output: diagnostics at those positions, sorted by position:
//   - CG801, an error: the address is dead. The server answered 4xx or 5xx,
//     to a GET as well when a HEAD was refused.
//   - CG802, a warning: the address moved permanently (301 or 308); the
//     message names the new address. Only redirects from the written address
//     on count: a temporary redirect (302, 303, 307) ends the permanent part
//     of the chain, so the address after the last permanent hop is the one
//     suggested.
//   - CG803, an error: no answer. The host does not exist (DNS), its TLS
//     certificate is not valid, the connection was refused, no answer came
//     within the timeout, or the redirects loop or go on past ten.
//   - CG804, a warning: the server asked us to slow down (429) twice; the
//     address could not be checked this time.
//
// How it asks: each address once, however many pages link to it (the
// fragment is not part of the address, so page#a and page#b are one). HEAD
// first, since it costs the server least; GET when the HEAD fails with a
// 4xx or 5xx (but 429) or breaks off oddly, because many servers answer
// HEAD badly.
// Redirects are followed one hop at a time. A 429 is asked again once,
// after its Retry-After (capped, see Checker.MaxRetryWait). At most
// Checker.Parallel requests are in flight in all, and at most
// Checker.PerHost to one host, so a site's many links to one publisher do
// not look like an attack on it.
//
// The cache: a JSON file mapping each address to what it answered and when.
// An answer younger than Checker.MaxAge (24 hours unless set) is used again
// without asking, so a CI job that runs daily asks each publisher once a
// day. Only answers that will likely hold for a day are kept: success (and
// where a redirect led) and client errors such as 404 and 410. Server
// errors, 408, 429 and every failure to get an answer (DNS, TLS, refused,
// timeout) are asked again on the next run, since a retry is what tells a
// blip from a dead site, and they are few. The file is written whole to a
// temp file and renamed over the old one, so a run that is stopped never
// leaves half a cache; a cache that cannot be read is ignored and replaced.
//
// The one thing to know before changing it: this is the one package that
// asks the network, and besides the output writer the one that writes a
// file (its cache), which is why only check --external calls it and the
// command line passes it a path. Everything it finds is data
// (diag.Diagnostic), and everything it asks is bounded: one request per
// address and method (two after a 429), a timeout per request, a cap on
// waiting.
package extlink
