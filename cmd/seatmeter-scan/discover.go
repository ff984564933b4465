package main

import (
	"encoding/binary"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Discovery by the reader (request "discover"): the CLI starts the reader before it has listed the
// transcripts, and the reader lists them as cli/src/io/discover.ts does — every file under each root whose
// name ends with the suffix, recursively, symlinked directories not followed, symlinked files read; one
// list per root sorted as JavaScript sorts strings (UTF-16 code units), roots in order, a path listed once.

type discoverRequest struct {
	Roots  []string `json:"roots"` // as discover.ts names them: normalised, no trailing slash
	Suffix string   `json:"suffix"`
}

type foundFile struct {
	path    string
	size    int64
	mtimeMs float64
}

func discoverFiles(d discoverRequest) []foundFile {
	var out []foundFile
	seen := map[string]bool{}
	for _, root := range d.Roots {
		found := walk(root, d.Suffix)
		slices.SortFunc(found, func(a, b foundFile) int { return compareUTF16(a.path, b.path) })
		for _, f := range found {
			if !seen[f.path] {
				seen[f.path] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// walk lists top's files on a few goroutines (a corpus is hundreds of directories, one per session; their
// reads and the files' stats are syscalls that wait on nothing): the order is the caller's sort's.
func walk(top, suffix string) []foundFile {
	var (
		mu      sync.Mutex
		out     []foundFile
		pending = []string{top}
		busy    int // directories being read
		more    = sync.NewCond(&mu)
		wg      sync.WaitGroup
	)
	for range walkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for {
				for len(pending) == 0 && busy > 0 {
					more.Wait()
				}
				if len(pending) == 0 {
					mu.Unlock()
					more.Broadcast()
					return
				}
				dir := pending[len(pending)-1]
				pending = pending[:len(pending)-1]
				busy++
				mu.Unlock()
				dirs, files := readDir(dir, suffix)
				mu.Lock()
				busy--
				pending = append(pending, dirs...)
				out = append(out, files...)
				more.Broadcast()
			}
		}()
	}
	wg.Wait()
	return out
}

const walkers = 4

// readDir: dir's subdirectories and its files named …suffix (symlinks followed to files, not directories).
func readDir(dir, suffix string) (dirs []string, files []foundFile) {
	entries, err := os.ReadDir(dir)
	if err != nil && len(entries) == 0 {
		return nil, nil // missing root or unreadable dir
	}
	for _, e := range entries {
		// Node decodes names as UTF-8 and cannot open a name that is not: it skips it, so does this
		if !utf8.ValidString(e.Name()) {
			continue
		}
		p := dir + "/" + e.Name()
		if dir == "/" {
			p = "/" + e.Name()
		}
		t := e.Type()
		switch {
		case t.IsDir():
			dirs = append(dirs, p)
		case (t.IsRegular() || t&os.ModeSymlink != 0) && strings.HasSuffix(p, suffix):
			st, err := os.Stat(p) // (follows a symlink)
			if err == nil && st.Mode().IsRegular() {
				files = append(files, foundFile{p, st.Size(), mtimeMs(st)})
			}
		}
	}
	return dirs, files
}

// mtimeMs is Node's Stats.mtimeMs: seconds × 1e3 + nanoseconds / 1e6.
func mtimeMs(st os.FileInfo) float64 {
	t := st.ModTime()
	return float64(t.Unix())*1e3 + float64(t.Nanosecond())/1e6
}

// compareUTF16 orders strings as JavaScript's < does: by UTF-16 code units (a character above U+FFFF sorts
// by its surrogates, so before U+E000..U+FFFF, unlike byte order).
func compareUTF16(a, b string) int {
	i := 0 // (the bytes they share first: the same code units)
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i-- // back to the start of the character they differ in
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmpUnits(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

func cmpUnits(a, b rune) int {
	ua, ub := utf16Units(a), utf16Units(b)
	if ua[0] != ub[0] {
		return int(ua[0]) - int(ub[0])
	}
	return int(ua[1]) - int(ub[1])
}

func utf16Units(r rune) [2]uint16 {
	if r < 0x10000 {
		return [2]uint16{uint16(r), 0}
	}
	r -= 0x10000
	return [2]uint16{uint16(0xd800 + r>>10), uint16(0xdc00 + r&0x3ff)}
}

// filesJob marks the frame listing the files found (job i of the frames that follow is file i):
// u32 filesJob | u32 length | u32 files | per file: u32 path length | path | f64 size | f64 mtime ms
const filesJob = math.MaxUint32 - 2

func filesFrame(files []foundFile) []byte {
	body := binary.LittleEndian.AppendUint32(nil, uint32(len(files)))
	for _, f := range files {
		body = binary.LittleEndian.AppendUint32(body, uint32(len(f.path)))
		body = append(body, f.path...)
		body = binary.LittleEndian.AppendUint64(body, math.Float64bits(float64(f.size)))
		body = binary.LittleEndian.AppendUint64(body, math.Float64bits(f.mtimeMs))
	}
	out := binary.LittleEndian.AppendUint32(nil, filesJob)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	return append(out, body...)
}
