package benchwork

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite"
)

// fileMeter counts one database file's write transactions and the pages
// they append to its WAL, from a commit hook on every connection whose DSN
// names the file.
type fileMeter struct {
	commits atomic.Int64
	wal     walMeter
}

// meters are the files being metered, by escaped path; the connection hook
// is registered once per process.
var meters struct {
	once sync.Once
	mu   sync.Mutex
	m    map[string]*fileMeter
}

func meterFile(path string) *fileMeter {
	c := &meters
	c.once.Do(func() {
		c.m = map[string]*fileMeter{}
		sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
			h, ok := conn.(sqlite.HookRegisterer)
			if !ok {
				return nil
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			for p, f := range c.m {
				if strings.HasPrefix(dsn, "file:"+p+"?") {
					h.RegisterCommitHook(f.committing)
				}
			}
			return nil
		})
	})
	f := &fileMeter{wal: walMeter{shm: path + "-shm"}}
	c.mu.Lock()
	c.m[(&url.URL{Path: path}).EscapedPath()] = f
	c.mu.Unlock()
	return f
}

// committing is the commit hook: it runs while the committing connection
// holds the write lock, before this transaction's pages are appended, so
// the WAL then holds exactly the pages of the transactions before it.
func (f *fileMeter) committing() int32 {
	f.commits.Add(1)
	f.wal.sample()
	return 0
}

func (f *fileMeter) close() error {
	meters.mu.Lock()
	for p, g := range meters.m {
		if g == f {
			delete(meters.m, p)
		}
	}
	meters.mu.Unlock()
	return f.wal.close()
}

// walMeter counts the frames (pages) appended to a WAL across checkpoints
// by reading the WAL-index header in the -shm file: mxFrame, the frames in
// the WAL, and the salts, which change whenever a writer starts the WAL
// over after a checkpoint. Sampled at every commit (and once more when
// read), no frame is missed: a transaction that starts the WAL over is
// seen, at the next sample, with new salts and mxFrame = its own frames.
// Auto-checkpoints run as in production; they append nothing to the WAL.
type walMeter struct {
	shm   string
	mu    sync.Mutex
	f     *os.File
	salt  uint64
	last  uint32
	total int64
}

// walIndexHeader is the size of one copy of the WAL-index header; the
// -shm file starts with two copies, which agree when it is not being
// written. Its fields are in native byte order:
// mxFrame at offset 16, the salts at 32.
const walIndexHeader = 48

func (w *walMeter) sample() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sampleLocked()
}

func (w *walMeter) sampleLocked() {
	if w.f == nil {
		f, err := os.Open(w.shm)
		if err != nil {
			return // no WAL yet
		}
		w.f = f
	}
	var b [2 * walIndexHeader]byte
	for range 10 {
		if _, err := w.f.ReadAt(b[:], 0); err != nil {
			return
		}
		if string(b[:walIndexHeader]) != string(b[walIndexHeader:]) {
			continue // caught between the two copies' writes
		}
		mx := binary.NativeEndian.Uint32(b[16:])
		salt := binary.NativeEndian.Uint64(b[32:])
		if salt == w.salt && mx >= w.last {
			w.total += int64(mx - w.last)
		} else {
			w.total += int64(mx) // started over: these are all new
		}
		w.salt, w.last = salt, mx
		return
	}
}

// frames samples the header now and returns the frames counted so far.
func (w *walMeter) frames() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sampleLocked()
	return w.total
}

func (w *walMeter) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	if errors.Is(err, fs.ErrClosed) {
		err = nil
	}
	return err
}
