// Package preview is the HTTP side of `careguide serve`: it serves the last
// good build from memory and keeps open browser tabs in step with it.
//
// Input: Builds, each a map from slash path inside the site to File, handed
// over with Publish by the rebuild loop, and Problems handed over with Fail
// when a rebuild fails. Output: HTTP answers. Nothing here reads or writes
// the disk, watches files or decides what to rebuild.
//
// # Serving
//
// A request is answered from the build that is current when it arrives; a
// later Publish swaps the whole build in one step, so a response is never
// a mix of two builds. "/" serves index.html, "/guides/x/" serves
// guides/x/index.html, "/guides/x" redirects (301) to "/guides/x/" when that
// page exists, other paths serve the file of that name. Anything else gets
// the build's 404.html with status 404 (plain text when the build has
// none). Only GET and HEAD are answered. Every answer says
// "Cache-Control: no-cache" (the browser always revalidates, so it never
// shows a stale page) and "X-Content-Type-Options: nosniff", with a
// Content-Type taken from the file's extension by a fixed table. Files
// carry a strong ETag (a hash of their bytes, computed once per File) and
// If-None-Match gets 304; HTML pages' ETags also name the build, since the
// id injected into them changes with it.
//
// A Build made for a base path ("/care/", Build.BasePath) is served under
// it, as it will be published, and "/" redirects there: a link that
// forgets the base path breaks in the preview as it would once deployed.
//
// # What is never served
//
// Request paths are not cleaned but checked: a path with "." or ".."
// segments, empty segments ("//"), backslashes, NUL or other control
// characters, invalid UTF-8, or more than 2048 bytes is refused with 400,
// whether it arrived plain or percent-encoded ("%2e%2e/", "..%2f", "%5c",
// "%00"; "%252e" decodes once to a literal "%2e" that names no file). A
// path with a segment that starts with "." is a dotfile and gets 404.
// Since a Build is a map in memory, the only names that exist are its
// keys: no symlink, no directory listing and no file outside the output
// can be reached by construction (TESTPLAN B15).
//
// Requests are refused (403) unless their Host is localhost, 127.0.0.1,
// [::1], the bound address's host or one of Options.Hosts, with the bound
// port or none: a web page whose domain name was re-pointed at 127.0.0.1
// (DNS rebinding) sends its own name and is refused. When bound to all
// interfaces (0.0.0.0 or ::), any IP address is also accepted, so a phone
// on the LAN can open the preview; an IP literal cannot be a rebinding
// attack. A request whose Origin header is present but is not the http
// origin of an allowed host is refused too, so other sites cannot listen
// to the event stream. Listen binds 127.0.0.1:1313 unless told otherwise.
//
// # Live reload
//
// Everything the preview adds lives under Prefix ("/_careguide/"), which is
// never looked up in the build: the script "/_careguide/livereload.js" and
// the server-sent event stream "/_careguide/events". Into every HTML answer
// (never into the Build's bytes) the server inserts, just before </head>
// (else after <body>, else at the end),
//
//	<meta name="careguide-build" content="ID"><script src="/_careguide/livereload.js" defer></script>
//
// The stream sends the server's state as JSON on connect and after every
// change: {"build": ID, "kind": "reload"|"css"|"error", "from": ID,
// "css": {old URL path: new URL path}, "problems": [...], "warnings": N}. A page whose
// build id differs from the state's reloads, except when kind is "css" and
// "from" is its own id: then it swaps its stylesheets in place (no reload,
// scroll position kept) and takes the new id. Problems show as an overlay
// at the top of the page, built from DOM nodes and textContent only, and
// vanish at the next Publish. A good build's warnings are not in the
// stream, which would carry thousands on some sites, only their number; a
// page with any asks "/_careguide/warnings?page=PATH" for those whose Page
// is its own path, and shows them as a small button in a corner that opens
// their list. Build ids are unique across server restarts,
// so a tab that reconnects to a restarted server (EventSource reconnects by
// itself; the script retries when it cannot) reloads. Hidden tabs close
// their stream, since a browser opens at most six HTTP/1.1 connections to
// one host; shown again, they reconnect and catch up.
//
// A page of build N may ask for its fingerprinted stylesheet after build
// N+1 renamed it; assets (non-HTML files) that leave the build stay
// available for a minute (at most 4096 of them), so no page is left
// unstyled. Pages are never kept: a deleted page answers 404.
//
// # The one thing to know before changing it
//
// Publish and Fail build a new immutable snapshot (build, id, event) and
// swap it in with one atomic store before waking the event streams: a
// request reads one snapshot and nothing else, and a tab hears of a build
// only once it is being served (TESTPLAN A11). Keep every piece of state a
// request needs inside the snapshot. Close must be called before
// http.Server.Shutdown, which otherwise waits for the event streams
// forever.
package preview
