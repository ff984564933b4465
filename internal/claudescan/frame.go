package claudescan

import (
	"encoding/binary"
	"math"
)

// A file's frame, as cli/src/io/nativeScan.ts decodes it (all integers little-endian):
//
//	u32 job | u32 body length | body
//	body: f64 end offset | u8 flags | u32 lines | u32 malformed | u32 collapsed | u32 strings | u32 records |
//	      strings | records
//	string: u8 kind (0 ASCII, 1 JSON token, 2 UTF-8) | u32 length | bytes
//	record: u8 1 (entry) | the level-0 node  —  or  u8 2 (raw line) | u32 hint | u32 length | bytes  —  or
//	        u8 3 (row) | f64 timestamp | 6 × f64 tokens | u8 flags (1 sidechain) | 8 × u32 string index
//	        (model, session, cwd, branch, inference geo, speed, message id, request id; 2^32-1: not a string)
//	node: for each kept member of its level, in order: u8 tag | f64 (number) or u32 string index (strings)
//	      or the child node (tNode)
//	flags: 1 = the file ended in an unterminated line; 2 = the file could not be read (body: u32 length |
//	      message after the counts, no strings, no records)
//
// FormatVersion changes whenever the frame layout does (the CLI refuses a binary of another version).
const FormatVersion = 7

const (
	flagUnterminated = 1
	flagError        = 2
	recordEntry      = 1
	recordRaw        = 2
	recordRow        = 3
	noString         = math.MaxUint32
)

type frame struct {
	strs    []byte
	recs    []byte
	index   map[string]uint32
	nStrs   uint32
	nRecs   uint32
	scratch [8]byte
}

func newFrame() *frame { return &frame{index: map[string]uint32{}} }

func (f *frame) reset() {
	f.strs = f.strs[:0]
	f.recs = f.recs[:0]
	clear(f.index)
	f.nStrs, f.nRecs = 0, 0
}

func appendU32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }

// text is the index of a decoded string: kind 0 when ASCII (read as latin1), else 2 (UTF-8).
func (f *frame) text(t []byte) uint32 {
	for _, c := range t {
		if c >= 0x80 {
			return f.str(2, t)
		}
	}
	return f.str(0, t)
}

func (f *frame) str(kind byte, text []byte) uint32 {
	if i, ok := f.index[string(text)]; ok {
		return i
	}
	i := f.nStrs
	f.index[string(text)] = i
	f.nStrs++
	f.strs = append(f.strs, kind)
	f.strs = appendU32(f.strs, uint32(len(text)))
	f.strs = append(f.strs, text...)
	return i
}

func (f *frame) node(b []byte, n *node) {
	for _, v := range n.slots[:n.keys] {
		f.recs = append(f.recs, byte(v.tag))
		switch v.tag {
		case tNumber:
			f.recs = binary.LittleEndian.AppendUint64(f.recs, math.Float64bits(v.num))
		case tString:
			f.recs = appendU32(f.recs, f.str(0, b[v.s:v.e]))
		case tJSONString:
			f.recs = appendU32(f.recs, f.str(1, b[v.s:v.e]))
		case tNode:
			f.node(b, v.node)
		}
	}
}

func (f *frame) entry(b []byte, top *node) {
	f.nRecs++
	f.recs = append(f.recs, recordEntry)
	f.node(b, top)
}

// row sends a line as the row claudeRow builds of it (collapse.go info).
func (f *frame) row(b []byte, r *rowInfo) {
	f.nRecs++
	f.recs = append(f.recs, recordRow)
	f.recs = binary.LittleEndian.AppendUint64(f.recs, math.Float64bits(r.timestamp))
	for _, t := range r.tokens {
		f.recs = binary.LittleEndian.AppendUint64(f.recs, math.Float64bits(t))
	}
	var flags byte
	if r.sidechain {
		flags = 1
	}
	f.recs = append(f.recs, flags)
	for _, s := range r.strs {
		if s.ok {
			f.recs = appendU32(f.recs, f.text(s.text(b)))
		} else {
			f.recs = appendU32(f.recs, noString)
		}
	}
	f.recs = appendU32(f.recs, f.str(0, r.id))
	if r.req != nil {
		f.recs = appendU32(f.recs, f.str(0, r.req))
	} else {
		f.recs = appendU32(f.recs, noString)
	}
}

func (f *frame) raw(line []byte, hint int) {
	f.nRecs++
	f.recs = append(f.recs, recordRaw)
	f.recs = appendU32(f.recs, uint32(hint))
	f.recs = appendU32(f.recs, uint32(len(line)))
	f.recs = append(f.recs, line...)
}

// Result is what reading a file found besides its records.
type Result struct {
	EndOffset    int64 // just past the last newline-terminated line (where a re-read resumes)
	Unterminated bool
	Lines        uint32
	Malformed    uint32 // lines that are not a JSON object (candidate lines are judged by the reader of the frame)
	Collapsed    uint32 // lines not sent: an earlier or later line of the same message is the one kept (collapse.go)
	Err          error
}

// encode appends the whole frame of job to out.
func (f *frame) encode(out []byte, job uint32, r Result) []byte {
	var flags byte
	var msg string
	if r.Unterminated {
		flags |= flagUnterminated
	}
	if r.Err != nil {
		flags |= flagError
		msg = r.Err.Error()
		f.reset()
	}
	size := 8 + 1 + 20 + len(f.strs) + len(f.recs)
	if flags&flagError != 0 {
		size += 4 + len(msg)
	}
	out = appendU32(out, job)
	out = appendU32(out, uint32(size))
	out = binary.LittleEndian.AppendUint64(out, math.Float64bits(float64(r.EndOffset)))
	out = append(out, flags)
	out = appendU32(out, r.Lines)
	out = appendU32(out, r.Malformed)
	out = appendU32(out, r.Collapsed)
	out = appendU32(out, f.nStrs)
	out = appendU32(out, f.nRecs)
	if flags&flagError != 0 {
		out = appendU32(out, uint32(len(msg)))
		return append(out, msg...)
	}
	out = append(out, f.strs...)
	return append(out, f.recs...)
}
