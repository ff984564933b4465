package claudescan

import (
	"bytes"
	"io"
	"os"
)

const chunk = 256 << 10

var marker = []byte(`"usage"`)

// Reader reads transcripts one at a time (one per goroutine); its buffers are reused.
type Reader struct {
	x   extractor
	buf []byte
	f   *frame
	// the last line read into members, not sent yet (a later line of its message may replace it)
	pending     *node
	pendingInfo rowInfo
	collapsed   uint32
	malformed   uint32 // lines read into members that claudeRow would refuse
	// final mode (final.go): the file's rows, and whether every usage line became one
	final  bool
	rows   []*Row
	slab   []Row // where rows are made: in blocks that never move (no copy, no garbage as a file's rows grow)
	keyBuf []byte
	dedupe deduper // a file's
	clean  bool
	intern map[string]string
	codex  bool // reading a Codex rollout (CodexFrame)
}

func NewReader() *Reader { return &Reader{f: newFrame(), intern: map[string]string{}} }

// FinalReader also keeps each file's rows for Final (see File).
func FinalReader() *Reader {
	r := NewReader()
	r.final = true
	return r
}

// File reads a file in final mode: its counts and its rows deduplicated within it; ok: every usage line
// of the file became a row here (else the caller reads every file again for their frames).
func (r *Reader) File(path string, from int64) (counts FileCounts, rows []*Row, ok bool) {
	r.rows, r.clean = r.rows[:0], true
	res := r.read(path, from)
	rows = r.dedupe.dedupe(r.rows) // (a slice of its own: r.rows is the next file's)
	counts = FileCounts{Result: res, Duplicates: res.Collapsed + uint32(len(r.rows)-len(rows))}
	return counts, rows, r.clean && res.Err == nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// codexMarkers are the rollout line types codex.ts reads; its lines begin {"timestamp","type",... so a
// marker counts only within a line's first codexWindow bytes (as lineReader.ts's window).
var codexMarkers = [][]byte{[]byte(`"token_count"`), []byte(`"turn_context"`), []byte(`"session_meta"`)}

const codexWindow = 256

// CodexFrame reads a Codex rollout from offset `from` and appends its frame: the members codex.ts reads of
// each line of those types (it keeps the state across lines), the raw line where it is not one object.
func (r *Reader) CodexFrame(out []byte, job uint32, path string, from int64) []byte {
	r.codex = true
	defer func() { r.codex = false }()
	return r.Frame(out, job, path, from)
}

// Frame reads the file from offset `from` (as cli/src/io/lineReader.ts does: only lines holding `"usage"`
// are read) and appends its frame, for job, to out.
func (r *Reader) Frame(out []byte, job uint32, path string, from int64) []byte {
	r.f.reset()
	res := r.read(path, from)
	return r.f.encode(out, job, res)
}

func (r *Reader) read(path string, from int64) (res Result) {
	res.EndOffset = from
	r.pending, r.collapsed, r.malformed = nil, 0, 0
	fd, err := os.Open(path)
	if err != nil {
		res.Err = err
		return res
	}
	defer fd.Close()
	// Small reads keep the bytes in the CPU's cache between the copy out of the page cache and the scan
	// (mmap was slower: page faults cost more than the copy).
	if len(r.buf) != chunk {
		r.buf = make([]byte, chunk)
	}
	filled := 0
	off := from // file offset of buf[0]
	for {
		if filled == len(r.buf) {
			grown := make([]byte, 2*len(r.buf)) // one line longer than the buffer
			copy(grown, r.buf[:filled])
			r.buf = grown
		}
		n, err := fd.ReadAt(r.buf[filled:], off+int64(filled))
		if err != nil && err != io.EOF {
			res.Err = err
			return res
		}
		eof := n == 0
		filled += n
		b := r.buf[:filled]
		next, terminatedEnd := r.lines(b, eof, &res)
		r.flush(b) // the kept-back line's bytes are about to move
		if eof {
			res.EndOffset = off + int64(terminatedEnd)
			break
		}
		if next > 0 {
			copy(r.buf, r.buf[next:filled])
			off += int64(next)
			filled -= next
		}
	}
	res.Collapsed = r.collapsed
	res.Malformed += r.malformed
	return res
}

func (r *Reader) lines(b []byte, eof bool, res *Result) (next, terminatedEnd int) {
	filled := len(b)
	pos := 0
	for pos < filled {
		// the line's end and, with the same loads, where its marker is (Codex lines: their types, below)
		var nl, hit int
		if r.codex {
			if nl = bytes.IndexByte(b[pos:], '\n'); nl >= 0 {
				nl += pos
			}
		} else {
			nl, hit = lineAndMarker(b, pos)
		}
		if nl < 0 {
			if !eof {
				break // incomplete line: kept for the next read
			}
			nl = filled
			res.Unterminated = true
		}
		s, e := pos, nl
		for s < e && isBlank(b[s]) {
			s++
		}
		for e > s && isBlank(b[e-1]) {
			e--
		}
		if s < e {
			res.Lines++
			if b[s] != '{' || b[e-1] != '}' {
				res.Malformed++
			} else if r.codex {
				r.codexLine(b, s, e)
			} else if hit >= 0 {
				r.line(b, s, e, hit)
			}
		}
		pos = nl + 1
		if nl < filled {
			terminatedEnd = pos
		}
	}
	return min(pos, filled), terminatedEnd
}

func (r *Reader) line(b []byte, s, e, hint int) {
	top := r.x.extract(b, s, e, hint)
	if top == nil {
		r.flush(b)
		if r.final {
			r.clean = false
		} else {
			r.f.raw(b[s:e], hint-s)
		}
		return
	}
	in := info(b, top)
	switch in.kind {
	case kindDrop:
		return // its nodes are free again
	case kindMalformed:
		r.malformed++
		return
	}
	if r.pending != nil && sameRow(r.pendingInfo, in) {
		r.collapsed++
		if !newWins(r.pendingInfo, in) {
			return // this line's nodes are free again
		}
	} else {
		r.flush(b)
	}
	r.pending, r.pendingInfo = top, in
	r.x.pool, r.x.spare = r.x.spare, r.x.pool // the pending line's nodes stay as they are
}

func (r *Reader) codexLine(b []byte, s, e int) {
	w := b[s:min(e, s+codexWindow)]
	for _, m := range codexMarkers {
		if bytes.Index(w, m) >= 0 {
			if top := r.x.whole(codexSchema, b, s, e); top == nil {
				r.f.raw(b[s:e], -1)
			} else if ts, t, ok := codexTokens(b, top); ok {
				r.f.codexTokens(ts, t)
			} else {
				r.f.entry(b, top)
			}
			return
		}
	}
}

func (r *Reader) flush(b []byte) {
	if r.pending != nil {
		switch {
		case r.final && r.pendingInfo.row:
			r.rows = append(r.rows, r.finalRow(b, &r.pendingInfo))
		case r.final:
			r.clean = false
		case r.pendingInfo.row:
			r.f.row(b, &r.pendingInfo)
		default:
			r.f.entry(b, r.pending)
		}
		r.pending = nil
	}
}

func (r *Reader) str(b []byte, s strRef) string {
	if !s.ok {
		return ""
	}
	t := s.text(b)
	v, ok := r.intern[string(t)]
	if !ok {
		v = string(t)
		r.intern[v] = v
	}
	return v
}

const slabRows = 4096

// finalRow is the row claudeRow builds (claude.ts makeRow) of a line in.
func (r *Reader) finalRow(b []byte, in *rowInfo) *Row {
	geo := r.str(b, in.strs[rGeo])
	if geo == "global" || geo == "not_available" {
		geo = ""
	}
	cwd := in.strs[rCwd]
	r.keyBuf = append(append(append(r.keyBuf[:0], in.id...), 0), in.req...)
	key := string(r.keyBuf) // (one allocation: the id is its head)
	id := key[:len(in.id)]
	if len(r.slab) == cap(r.slab) {
		r.slab = make([]Row, 0, slabRows)
	}
	r.slab = append(r.slab, Row{
		timestamp: in.timestamp,
		tokens:    in.tokens,
		sidechain: in.sidechain,
		fast:      in.strs[rSpeed].ok && string(in.strs[rSpeed].text(b)) == "fast",
		model:     r.str(b, in.strs[rModel]),
		session:   r.str(b, in.strs[rSession]),
		project:   projectName(r.str(b, cwd), cwd.ok),
		branch:    r.str(b, in.strs[rBranch]),
		geo:       geo,
		id:        id,
		key:       key,
		hash:      hashKey(key),
		idHash:    hashKey(id),
	})
	return &r.slab[len(r.slab)-1]
}

// projectName is usage.ts projectName: the last part of the working directory ('/' or '\\' apart).
func projectName(cwd string, isString bool) string {
	if !isString || cwd == "" {
		return "(unknown)"
	}
	end := len(cwd)
	for end > 0 && (cwd[end-1] == '/' || cwd[end-1] == '\\') {
		end--
	}
	start := end
	for start > 0 && cwd[start-1] != '/' && cwd[start-1] != '\\' {
		start--
	}
	if start == end {
		return cwd
	}
	return cwd[start:end]
}
