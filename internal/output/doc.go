// Package output is the only package that writes a built site to disk.
//
// Input: the output dir (public/ by default) and the build's files, each a
// slash-separated path relative to that dir and its bytes. Output: the dir
// holding exactly those files, plus a marker file named .careguide-output
// that says careguide owns the dir. Nothing else in careguide touches the
// output dir; everything before this stage works in memory.
//
// # What a reader of the output dir sees
//
// Write never edits the output dir in place. It writes the whole site into a
// new dir beside it (".public.tmp-<random>") and then
// swaps it in with two renames:
//
//	public  -> .public.old-<random>
//	.public.tmp-<random> -> public
//
// and finally deletes the old dir. A reader (a web server, rsync, a person)
// therefore sees the old site or the new site, never half of one. A build
// that fails leaves the old dir untouched and removes its temp dir. A build
// that is killed leaves at worst a stale temp dir, which the next run
// removes, or, if it died between the two renames, no public/ but a
// .public.old-* dir, which the next run (Write or CheckDir) renames back to
// public/ before doing anything else. Files removed from the source
// disappear from the output because the dir is replaced, not updated.
//
// Files are written 0644 and dirs 0755, less the umask. The output holds
// nothing a build did not supply (no timestamps, no order effects), so the
// same files give the same tree.
//
// # Refusing dangerous dirs
//
// Replacing a dir deletes what was in it, so CheckDir (which Write calls
// first) refuses, unless Options.Force is set: a filesystem root, your home
// dir or anything containing it, the site dir or anything containing it, the
// site's content/, templates/ and assets/ dirs or anything inside them, and
// an existing non-empty dir without the marker file. Paths are made absolute
// and symlinks resolved before they are compared, so a symlink to the site
// dir is refused like the site dir itself. When the output dir is a symlink,
// its target is what gets replaced; the link stays.
//
// Output paths are checked by CleanPath: relative, slash-separated, no "."
// or ".." or empty elements, no names starting with "..", no backslashes or
// control characters. A path
// that fails, two files with the same path, or a path that is both a file
// and a dir ("a" and "a/b") fails the whole Write before anything is
// replaced.
//
// The one thing to know before changing it: the old output dir may only
// ever be removed after the new one is complete and renamed into place, and
// a ".<base>.old-*" dir is only ever made by renaming a complete output dir.
// Recovery after a killed run relies on both. Dirs are deleted by first
// renaming them to ".<base>.trash-*", so a half-deleted dir is never
// mistaken for a site to restore.
//
// One Write at a time per output dir: Writes in one process take a lock, but
// two careguide processes building into the same dir may make one of them
// fail (the output stays a complete site).
package output
