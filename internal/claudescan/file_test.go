package claudescan

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Reader.Frame over files on disk: lines and malformed lines counted as cli/src/io/lineReader.ts counts them,
// where a re-read resumes, the unterminated last line, reading from an offset, files that cannot be read.

type record struct {
	kind  byte
	raw   []byte         // a raw line (kind 2)
	hint  int            // where its first "usage" is
	entry map[string]any // an entry's kept members (kind 1): null, bools, float64, strings, "[]", "{}", maps
	row   *row           // a row (kind 3)
}

type row struct {
	timestamp float64
	tokens    [6]float64
	sidechain bool
	strs      [8]any // model, session, cwd, branch, geo, speed, message id, request id: a string or nil (none)
}

// messageID is the record's message.id, read back from what the reader sent.
func (r record) messageID() any {
	if r.row != nil {
		return r.row.strs[6]
	}
	return r.entry["message"].(map[string]any)["id"]
}

type decodedFrame struct {
	job              uint32
	end              int64
	flags            byte
	lines, malformed uint32
	collapsed        uint32 // lines not sent: another line of their message is (collapse.go)
	err              string
	records          []record
}

// cursor reads little-endian values; reading past the end panics (the test then fails).
type cursor struct {
	b []byte
	p int
}

func (c *cursor) u8() byte    { c.p++; return c.b[c.p-1] }
func (c *cursor) u32() uint32 { c.p += 4; return binary.LittleEndian.Uint32(c.b[c.p-4 : c.p]) }
func (c *cursor) f64() float64 {
	c.p += 8
	return math.Float64frombits(binary.LittleEndian.Uint64(c.b[c.p-8 : c.p]))
}
func (c *cursor) bytes(n int) []byte { c.p += n; return c.b[c.p-n : c.p] }

func (c *cursor) node(level int, strs []any) map[string]any {
	out := map[string]any{}
	for i, name := range levels[level] {
		switch t := tag(c.u8()); t {
		case tAbsent:
		case tNull:
			out[name] = nil
		case tFalse, tTrue:
			out[name] = t == tTrue
		case tNumber:
			out[name] = c.f64()
		case tString, tJSONString:
			out[name] = strs[c.u32()]
		case tArray:
			out[name] = "[]"
		case tObject:
			out[name] = "{}"
		case tNode:
			out[name] = c.node(childLevel[level][i], strs)
		default:
			panic(fmt.Sprintf("unknown tag %d", t))
		}
	}
	return out
}

// decodeFrame reads one frame (frame.go's layout) and checks it is all of b.
func decodeFrame(t *testing.T, b []byte) decodedFrame {
	t.Helper()
	c := &cursor{b: b}
	f := decodedFrame{job: c.u32()}
	if size := int(c.u32()); size != len(b)-8 {
		t.Fatalf("frame body of %d bytes says %d", len(b)-8, size)
	}
	f.end, f.flags, f.lines, f.malformed, f.collapsed = int64(c.f64()), c.u8(), c.u32(), c.u32(), c.u32()
	nStrs, nRecs := c.u32(), c.u32()
	if f.flags&flagError != 0 {
		f.err = string(c.bytes(int(c.u32())))
		nStrs, nRecs = 0, 0
	}
	strs := make([]any, nStrs)
	for i := range strs {
		kind := c.u8()
		text := c.bytes(int(c.u32()))
		strs[i] = string(text)
		if kind == 1 {
			var s string
			if err := json.Unmarshal(text, &s); err != nil {
				t.Fatalf("string %d: %q is no JSON string", i, text)
			}
			strs[i] = s
		}
	}
	for range nRecs {
		switch kind := c.u8(); kind {
		case recordEntry:
			f.records = append(f.records, record{kind: kind, entry: c.node(0, strs)})
		case recordRaw:
			hint := int(c.u32())
			f.records = append(f.records, record{kind: kind, hint: hint, raw: c.bytes(int(c.u32()))})
		case recordRow:
			r := &row{timestamp: c.f64()}
			for i := range r.tokens {
				r.tokens[i] = c.f64()
			}
			r.sidechain = c.u8()&1 != 0
			for i := range r.strs {
				if k := c.u32(); k != noString {
					r.strs[i] = strs[k]
				}
			}
			f.records = append(f.records, record{kind: kind, row: r})
		default:
			t.Fatalf("record kind %d", kind)
		}
	}
	if c.p != len(b) {
		t.Fatalf("%d bytes after the last record", len(b)-c.p)
	}
	return f
}

func readFrame(t *testing.T, r *Reader, job uint32, path string, from int64) decodedFrame {
	t.Helper()
	return decodeFrame(t, r.Frame(nil, job, path, from))
}

func write(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.jsonl")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const assistant = `{"parentUuid":null,"isSidechain":false,"message":{"id":"msg_%d","model":"claude-sonnet-4-5","content":[{"type":"text","text":"hi"}],"stop_reason":null,"usage":{"input_tokens":%d,"output_tokens":2}},"requestId":"req_%d","type":"assistant","timestamp":"2026-03-01T10:00:00.000Z"}`

func TestFrameCountsLikeLineReader(t *testing.T) {
	a1, a2, a1b := fmt.Sprintf(assistant, 1, 10, 1), fmt.Sprintf(assistant, 2, 20, 2), fmt.Sprintf(assistant, 1, 300, 1)
	user := `{"type":"user","message":{"role":"user","content":"x"},"toolUseResult":{"usage":{"input_tokens":5}}}`
	for _, c := range []struct {
		name                    string
		text                    string
		from                    int
		lines, malformed, kinds string
		collapsed               int
		end                     int
		unterminated            bool
	}{
		{"empty", "", 0, "0", "0", "", 0, 0, false},
		{"blank lines only", "\n \n\t\r\n\r\n", 0, "0", "0", "", 0, 8, false},
		{"entries", a1 + "\n" + a2 + "\n", 0, "2", "0", "nn", 0, len(a1) + len(a2) + 2, false},
		{"CRLF, spaces and tabs around", " \t" + a1 + " \r\n\r\n", 0, "1", "0", "n", 0, len(a1) + 7, false},
		{"not objects", "x\n[1]\n{\"a\":1\n\"usage\"\n{}\n", 0, "5", "4", "", 0, 24, false},
		{"usage in a line of another shape", user + "\n" + `{"usage":}` + "\n", 0, "2", "0", "rr", 0, len(user) + 12, false},
		{"unterminated last line", a1 + "\n" + a2, 0, "2", "0", "nn", 0, len(a1) + 1, true},
		{"unterminated blank tail", a1 + "\n  ", 0, "1", "0", "n", 0, len(a1) + 1, true},
		{"no newline at all", "x", 0, "1", "1", "", 0, 0, true},
		{"from an offset", a1 + "\n" + a2 + "\n", len(a1) + 1, "1", "0", "n", 0, len(a1) + len(a2) + 2, false},
		{"from mid-line", a1 + "\n" + a2 + "\n", 5, "2", "1", "n", 0, len(a1) + len(a2) + 2, false},
		{"from the end", a1 + "\n", len(a1) + 1, "0", "0", "", 0, len(a1) + 1, false},
		{"from past the end", a1 + "\n", 1000, "0", "0", "", 0, 1000, false},
		{"one message over three lines", a1 + "\n" + a1b + "\n" + a1 + "\n", 0, "3", "0", "n", 2, 3*len(a1) + 4, false},
		{"one message, lines apart", a1 + "\n" + a2 + "\n" + a1b + "\n", 0, "3", "0", "nnn", 0, len(a1) + len(a2) + len(a1b) + 3, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := readFrame(t, NewReader(), 7, write(t, c.text), int64(c.from))
			kinds := "" // n: read natively (a row or its members), r: raw
			for _, r := range f.records {
				kinds += map[bool]string{true: "r", false: "n"}[r.kind == recordRaw]
			}
			got := fmt.Sprintf("job %d lines %d malformed %d kinds %q collapsed %d end %d unterminated %v err %q", f.job, f.lines, f.malformed, kinds, f.collapsed, f.end, f.flags&flagUnterminated != 0, f.err)
			want := fmt.Sprintf("job 7 lines %s malformed %s kinds %q collapsed %d end %d unterminated %v err %q", c.lines, c.malformed, c.kinds, c.collapsed, c.end, c.unterminated, "")
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestFrameRecords(t *testing.T) {
	text := fmt.Sprintf(assistant, 1, 10, 1) + "\n" +
		`{"sessionId":"s","cwd":"/a/b","gitBranch":"","message":{"id":"m3","model":"claude-opus-4-5","speed":"fast","content":[],"usage":{"input_tokens":1.5,"output_tokens":0.4,"cache_read_input_tokens":null,"cache_creation_input_tokens":10,"cache_creation":{"ephemeral_5m_input_tokens":3},"inference_geo":"eu"}},"isSidechain":true,"type":"assistant","timestamp":"2026-02-30T10:00:00.000Z"}` + "\n" +
		`{"message":{"id":"m4","model":"x","content":[],"usage":{}},"type":"assistant","timestamp":1767225600}` + "\n" +
		`{"message":{"id":"m\u00e9","content":[],"usage":{"cache_creation":{"ephemeral_1h_input_tokens":-0}}},"type":"assistant","isSidechain":true,"cwd":[1],"gitBranch":{},"timestamp":"yesterday"}` + "\n" +
		// not sent: no timestamp (claudeRow: malformed), a <synthetic> model and a usage that is no object (no row)
		`{"message":{"id":"m5","model":"y","content":[],"usage":{}},"type":"assistant"}` + "\n" +
		`{"message":{"id":"m6","model":"<synthetic>","content":[],"usage":{}},"type":"assistant","timestamp":1}` + "\n" +
		`{"message":{"id":"m7","model":"y","content":[],"usage":{},"usage":5},"type":"assistant","timestamp":1}` + "\n"
	f := readFrame(t, NewReader(), 0, write(t, text), 0)
	ms := func(y int, m time.Month, d, h int) float64 {
		return float64(time.Date(y, m, d, h, 0, 0, 0, time.UTC).UnixMilli())
	}
	rows := []row{
		{ms(2026, 3, 1, 10), [6]float64{10, 2, 0, 0, 0, 0}, false, [8]any{"claude-sonnet-4-5", nil, nil, nil, nil, nil, "msg_1", "req_1"}},
		{ms(2026, 3, 2, 10), [6]float64{2, 0, 0, 3, 0, 7}, true, [8]any{"claude-opus-4-5", "s", "/a/b", "", "eu", "fast", "m3", nil}}, // Feb 30th: Date.parse rolls over
		{1767225600000, [6]float64{}, false, [8]any{"x", nil, nil, nil, nil, nil, "m4", nil}},
	}
	members := map[string]any{"isSidechain": true, "type": "assistant", "cwd": "[]", "gitBranch": "{}", "timestamp": "yesterday", "message": map[string]any{
		"id": "mé", "content": nil, "usage": map[string]any{"cache_creation": map[string]any{"ephemeral_1h_input_tokens": math.Copysign(0, -1)}}}}
	if len(f.records) != 4 || f.malformed != 1 || f.lines != 7 {
		t.Fatalf("%d records, %d malformed of %d lines", len(f.records), f.malformed, f.lines)
	}
	for i, r := range f.records[:3] {
		if r.kind != recordRow || !reflect.DeepEqual(*r.row, rows[i]) {
			t.Errorf("record %d: kind %d %+v, want row %+v", i, r.kind, r.row, rows[i])
		}
	}
	if r := f.records[3]; r.kind != recordEntry || !reflect.DeepEqual(r.entry, members) {
		t.Errorf("record 3: kind %d %v, want members %v", r.kind, r.entry, members)
	} else if v := r.entry["message"].(map[string]any)["usage"].(map[string]any)["cache_creation"].(map[string]any)["ephemeral_1h_input_tokens"].(float64); !math.Signbit(v) {
		t.Errorf("-0 read as %v", v)
	}
}

func TestFrameOfAFileThatCannotBeRead(t *testing.T) {
	f := readFrame(t, NewReader(), 3, filepath.Join(t.TempDir(), "gone.jsonl"), 42)
	if f.job != 3 || f.flags != flagError || f.err == "" || f.end != 42 || f.lines != 0 || len(f.records) != 0 {
		t.Errorf("missing file: %+v", f)
	}
	f = readFrame(t, NewReader(), 4, t.TempDir(), 0) // a directory
	if f.flags&flagError == 0 || f.err == "" {
		t.Errorf("directory: %+v", f)
	}
}

// reference is what lineReader.ts reports for text read from `from`, and the candidate lines (trimmed,
// object-like, holding "usage") in order.
func reference(text []byte, from int) (lines, malformed int, end int, unterminated bool, candidates [][]byte) {
	end = from
	if from >= len(text) {
		return 0, 0, from, false, nil
	}
	parts := bytes.Split(text[from:], []byte("\n"))
	unterminated = len(parts[len(parts)-1]) > 0
	if i := bytes.LastIndexByte(text[from:], '\n'); i >= 0 {
		end = from + i + 1
	}
	for _, p := range parts {
		p = bytes.Trim(p, " \t\r")
		if len(p) == 0 {
			continue
		}
		lines++
		if p[0] != '{' || p[len(p)-1] != '}' {
			malformed++
		} else if bytes.Contains(p, marker) {
			candidates = append(candidates, p)
		}
	}
	return
}

func TestFrameOnRandomFiles(t *testing.T) {
	g := rand.New(rand.NewSource(3))
	r := NewReader() // reused from file to file, as cmd/seatmeter-scan does
	for file := range 60 {
		var b strings.Builder
		n := g.Intn(300)
		if file%10 == 9 {
			n = 4000 // several of the reader's chunks
		}
		for i := range n {
			pad := func() string { return []string{"", "", " ", "\t", "\r", " \r"}[g.Intn(6)] }
			line := []string{
				fmt.Sprintf(assistant, i, i, i),
				strings.ReplaceAll(fmt.Sprintf(assistant, i, i, i), `":`, `": `), // read raw
				fmt.Sprintf(`{"type":"user","message":{"id":"msg_%d","usage":1}}`, i),
				`{"type":"summary"}`, "", "x", "[1]", `{"usage":`, `{"a":"usage"}`, "\x00\xff",
			}[g.Intn(10)]
			if g.Intn(400) == 0 {
				line = strings.Replace(fmt.Sprintf(assistant, i, i, i), "hi", strings.Repeat("é", 200000), 1) // longer than a chunk
			}
			b.WriteString(pad() + line + pad())
			if g.Intn(20) > 0 || i == 0 {
				b.WriteString("\n")
			}
		}
		text := []byte(b.String())
		from := 0
		if file%2 == 1 && len(text) > 0 {
			from = g.Intn(len(text) + 1)
		}
		f := readFrame(t, r, uint32(file), write(t, string(text)), int64(from))
		lines, malformed, end, unterminated, candidates := reference(text, from)
		got := fmt.Sprintf("lines %d malformed %d end %d unterminated %v records %d", f.lines, f.malformed, f.end, f.flags&flagUnterminated != 0, len(f.records))
		want := fmt.Sprintf("lines %d malformed %d end %d unterminated %v records %d", lines, malformed, end, unterminated, len(candidates))
		if got != want || f.job != uint32(file) {
			t.Fatalf("file %d from %d: got %s, want %s", file, from, got, want)
		}
		for i, rec := range f.records {
			c := candidates[i]
			if rec.kind == recordRaw {
				if !bytes.Equal(rec.raw, c) || rec.hint != bytes.Index(c, marker) {
					t.Fatalf("file %d record %d: raw %q hint %d, want %q", file, i, rec.raw, rec.hint, c)
				}
				continue
			}
			// (a line of two objects, glued where a newline is missing, is read as the first one's head up to
			// its content and the second one's tail after its content, as the TypeScript fast path reads it)
			var m struct{ Message struct{ ID string } }
			if json.Unmarshal(c, &m) == nil && rec.messageID() != m.Message.ID {
				t.Fatalf("file %d record %d: entry %v for line %q", file, i, rec.entry, c)
			}
		}
	}
}

func TestFrameCollapsesOneMessageOverChunks(t *testing.T) {
	var b strings.Builder
	best := 0
	for i := range 3000 {
		n := (i * 7919) % 3001 // every usage once: one line holds the largest
		best = max(best, n)
		fmt.Fprintf(&b, assistant+"\n", 1, n, 1)
	}
	f := readFrame(t, NewReader(), 0, write(t, b.String()), 0)
	found := false
	for _, r := range f.records {
		found = found || (r.kind == recordRow && r.row.tokens[0] == float64(best))
		if r.kind == recordRaw || r.messageID() != "msg_1" {
			t.Fatalf("record %+v", r)
		}
	}
	if f.lines != 3000 || int(f.collapsed)+len(f.records) != 3000 || len(f.records) > 8 || !found {
		t.Errorf("lines %d, collapsed %d, %d records (the largest usage among them: %v)", f.lines, f.collapsed, len(f.records), found)
	}
}
