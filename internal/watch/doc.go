// Package watch tells `careguide serve` and `careguide build --watch` what
// changed in a site dir, so they know when to rebuild and what to re-read.
//
// Input: the site dir (site.yaml, content/, templates/, assets/ ...), watched
// with fsnotify from New until Close. Output: Batches on a channel, each the
// sorted, duplicate-free slash paths (relative to the site dir) of what was
// created, written, removed or renamed. The watcher only says what changed;
// the caller decides what to rebuild.
//
// # What a batch names
//
// A batch names paths, never contents: the caller re-reads them. A renamed
// path is named under its old and its new name. Changes of mode or times
// alone (chmod, touch) are not reported. A named path may:
//
//   - no longer exist: it was removed or renamed away. The caller treats it
//     as removed, a no-op for a path it never knew. This includes the temp
//     file of an editor that saves by writing a temp file and renaming it
//     over the target, when the temp file's name is not ignored: `sed -i`
//     on content/x.md gives [content/sedAb12Cd content/x.md]. Such a path is
//     kept, not dropped, because a caller that read the whole tree while the
//     temp file existed may have published it, and only this batch tells it
//     the file is gone.
//   - be a folder. A folder that appears (made, or moved in from inside or
//     outside the site) is named together with every file and folder in it,
//     including files written before its watch was added (mkdir -p a/b/c,
//     then a write). A folder that disappears (removed, or renamed or moved
//     away) is named alone; what was in it is not listed. So the caller must
//     treat a named path that is not a file now as "this path and everything
//     under it": forget every page and file it knew at or below it, and
//     re-read whatever exists there now. Renaming content/dogs to
//     content/canines names content/dogs, content/canines and everything
//     under content/canines.
//
// Never named: a path with any element for which Options.Ignore is true (by
// default content.Ignored: hidden files and folders such as .git, editor
// backup and swap files, lock and autosave files, vim's 4913 probe), and the
// Options.Exclude folders with everything in them, whether they exist at
// New or appear later. build --watch excludes its own output dir, which lives
// in the site dir: watching it would rebuild forever. Changes made only of
// such paths send no batch at all.
//
// # Debounce
//
// A batch is sent when Options.Debounce (20ms) passes with no change to
// report, or Options.MaxWait (1s) after its first change if changes keep
// coming. An editor's save (probe, backup, temp file, rename) or a git
// checkout of hundreds of files thus arrives as one batch, or a few for a
// long burst. Batches do not queue up behind a busy caller: when the caller
// has not taken the last batch by the time the next one is due, the two are
// merged into one, so the caller always finds at most one batch waiting,
// covering everything since the last it took.
//
// # Rescans
//
// When fsnotify reports an error (the kernel's event queue overflowed, a
// read failed) or a new folder cannot be watched, changes may go unseen.
// The next batch then has Rescan set and Err saying why, and the caller
// must treat every file as possibly changed: reload the whole site, not
// just Paths. The watcher also drops all its watches and watches the tree
// afresh, since folders made, moved or removed while events were lost
// would otherwise be watched under the wrong names or not at all.
//
// # Folders and symlinks
//
// fsnotify watches one folder at a time, not trees. New watches the root and
// every folder below it; a folder that appears later is watched and walked
// before the batch naming it is sent, so a change inside it after the
// caller received that batch is reported. A folder that disappears has its
// watches, and those of every folder below it, removed: changes in a
// renamed folder are reported under the new name only. Symbolic links are
// named like files when they change but never followed: nothing outside the
// root is watched.
//
// The one thing to know before changing it: one goroutine (run) owns the set
// of watched folders and the pending batch, and it must never wait for the
// caller (batches go through a one-slot mailbox) or make fsnotify wait for
// it to take an error (forwardErrors takes them): fsnotify can send an
// error while holding the lock that run's Add and Remove need.
package watch
