//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// writeFile creates name, which must not exist: the temp dir is new, so an
// existing file would mean two outputs raced for one path.
//
// It takes three system calls. os.OpenFile takes eight for a regular file:
// it sets the file non-blocking, tries the runtime's poller, which refuses
// regular files, and sets it back. A 10,000-guide build writes 14,000
// files, and on ext4 the extra calls cost more than the writes.
//
// No fsync: the swap makes a killed build harmless without it, and a sync
// per file made writing 10,000 pages take seconds. Like Hugo and Zola,
// careguide leaves surviving a power cut to the filesystem.
func writeFile(name string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
