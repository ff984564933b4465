package claudescan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// The extractor against encoding/json: whenever it answers for a line, the line with message.content cut out
// (head, null, tail) is valid JSON and every kept member is what json.Unmarshal reads there.

type gen struct{ *rand.Rand }

func (g gen) chance(p float64) bool   { return g.Float64() < p }
func (g gen) pick(a ...string) string { return a[g.Intn(len(a))] }
func (g gen) pickInt(a ...int) int    { return a[g.Intn(len(a))] }

// sp is the space between two tokens (mostly none).
func (g gen) sp() string {
	if g.chance(0.01) {
		return g.pick(" ", "\t", " \r ", "  ")
	}
	return ""
}

// str is s as a JSON string: now and then \u escapes and escaped slashes; invalid UTF-8 bytes stay raw.
func (g gen) str(s string) string {
	b := []byte{'"'}
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b = append(b, s[i]) // an invalid byte, left raw
		case g.chance(0.1):
			for _, u := range utf16.Encode([]rune{r}) {
				b = fmt.Appendf(b, g.pick(`\u%04x`, `\u%04X`), u)
			}
		case r == '/' && g.chance(0.5):
			b = append(b, `\/`...)
		default:
			m, _ := json.Marshal(string(r)) // \" \\ \n \u0000 \u003c ...
			b = append(b, m[1:len(m)-1]...)
		}
	}
	return string(append(b, '"'))
}

// key is k as a member name: rarely escaped (the extractor refuses those at levels it keeps members of).
func (g gen) key(k string) string {
	if g.chance(0.01) {
		return fmt.Sprintf(`"\u%04x%s"`, k[0], k[1:])
	}
	return `"` + k + `"`
}

var nasty = []string{`"usage":{"input_tokens":999}`, `,"usage":{`, `"content":`, `],"stop_reason":null`, `"type":"assistant"`,
	`\`, `"`, `{`, `}`, `[`, `]`, "é", "日本", "🙂", "\n", "\x00", `,"message":{`, "\xff", "\xc3", "\u2028"}

func (g gen) text(n int) string {
	var b strings.Builder
	for b.Len() < n {
		if g.chance(0.3) {
			b.WriteString(g.pick(nasty...))
		} else {
			b.WriteString(g.pick("const", "usage", "model", " ", "x", "tokens", "42"))
		}
	}
	return b.String()
}

func (g gen) num() string {
	switch g.Intn(4) {
	case 0:
		return strconv.Itoa(g.Intn(2_000_000) - 1000)
	case 1:
		return strconv.FormatFloat(g.NormFloat64()*math.Pow(10, float64(g.Intn(40)-20)), g.pick("g", "e", "E", "f")[0], -1, 64)
	}
	return g.pick("0", "7", "-0", "-0.0", "12.0", "1e3", "2E+2", "5e-1", "-3", "0.1", "4.5E-3", "1E0", "100",
		"123456789012345", "1234567890123456", "9007199254740993", "123456789012345678901", "1e400", "-1e400", "1e-400")
}

// scalar: a number, or now and then something else where a number is expected.
func (g gen) scalar() string {
	if g.chance(0.85) {
		return g.num()
	}
	return g.pick(`"42"`, `null`, `true`, `false`, `[1]`, `{}`, `{"ephemeral_5m_input_tokens":1}`, g.str("a\u00e9"))
}

type kv struct{ k, v string }

func (g gen) obj(m []kv, shuffle float64) string {
	if g.chance(shuffle) {
		g.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
	}
	parts := make([]string, len(m))
	for i, p := range m {
		parts[i] = g.key(p.k) + g.sp() + ":" + g.sp() + p.v
	}
	return "{" + g.sp() + strings.Join(parts, g.sp()+","+g.sp()) + g.sp() + "}"
}

func (g gen) maybe(p float64, m ...kv) []kv {
	if g.chance(p) {
		return m
	}
	return nil
}

func nest(d int) string { return strings.Repeat(`[{"a":`, d) + "1" + strings.Repeat("}]", d) }

func (g gen) content() string {
	blocks := make([]string, g.Intn(4))
	for i := range blocks {
		switch g.Intn(4) {
		case 0:
			blocks[i] = `{"type":"text","text":` + g.str(g.text(g.Intn(200))) + `}`
		case 1:
			blocks[i] = `{"type":"thinking","thinking":` + g.str(g.text(g.Intn(200))) + `,"signature":"sig"}`
		case 2:
			blocks[i] = `{"type":"tool_use","id":"t1","name":"Edit","input":{"a":1,"usage":{"input_tokens":7},"content":[` + g.str(g.text(30)) + `],"model":"x"}}`
		default:
			blocks[i] = nest(g.Intn(40))
		}
	}
	return "[" + strings.Join(blocks, ",") + "]"
}

// line is a Claude-like line: mostly an assistant line as Claude Code writes it, else some other shape.
func (g gen) line() string {
	if g.chance(0.05) {
		return `{"parentUuid":"p","type":"user","message":{"role":"user","content":[{"type":"tool_result","content":"x"}]},"toolUseResult":{"usage":{"input_tokens":5,"output_tokens":6}},"timestamp":"2026-03-01T10:00:00Z"}`
	}
	split := g.obj(append(g.maybe(0.8, kv{"ephemeral_5m_input_tokens", g.scalar()}), g.maybe(0.8, kv{"ephemeral_1h_input_tokens", g.scalar()}, kv{"x", "[]"})...), 0.2)
	usage := []kv{{"input_tokens", g.scalar()}}
	usage = append(usage, g.maybe(0.9, kv{"cache_creation_input_tokens", g.scalar()})...)
	usage = append(usage, g.maybe(0.8, kv{"cache_read_input_tokens", g.scalar()})...)
	usage = append(usage, g.maybe(0.5, kv{"cache_creation", g.pick(split, split, "null", "[]", `"x"`)})...)
	usage = append(usage, kv{"output_tokens", g.scalar()})
	usage = append(usage, g.maybe(0.5, kv{"service_tier", `"standard"`})...)
	usage = append(usage, g.maybe(0.2, kv{"speed", g.str(g.pick("fast", "standard", "é"))})...)
	usage = append(usage, g.maybe(0.2, kv{"inference_geo", g.pick(`"eu"`, `""`, `null`, `{"a":[1]}`)})...)
	usage = append(usage, g.maybe(0.1, kv{"server_tool_use", `{"web_search_requests":0,"usage":{"input_tokens":1}}`})...)
	usage = append(usage, g.maybe(0.1, kv{"input_tokens", g.scalar()})...)
	usage = append(usage, g.maybe(0.02, kv{"deep", nest(g.pickInt(5, 300, 600))})...)
	u := g.obj(usage, 0.1)
	msg := g.maybe(0.9, kv{"id", g.str(fmt.Sprintf("msg_%d", g.Intn(4)))})
	msg = append(msg, kv{"type", `"message"`}, kv{"role", `"assistant"`}, kv{"model", g.str(g.pick("claude-sonnet-4-5", "<synthetic>", "claude-opus-4-5", "café", "🙂"))})
	msg = append(msg, g.maybe(0.1, kv{"model", g.pick(`"x"`, "null", "3")})...)
	msg = append(msg, g.maybe(0.1, kv{"container", `{"content":[1],"usage":{"a":1}}`})...)
	msg = append(msg, kv{"content", g.content()})
	msg = append(msg, g.maybe(0.05, kv{"content", g.pick("null", "[]", `"x"`)})...)
	msg = append(msg, g.maybe(0.1, kv{"extra", "[1,[2]]"})...)
	msg = append(msg, kv{"stop_reason", g.pick("null", `"end_turn"`, `"tool_use"`, "1", `"a\"b"`, "-2.5e3", `"tool-use x"`)})
	msg = append(msg, g.maybe(0.7, kv{"stop_sequence", "null"})...)
	msg = append(msg, g.maybe(0.1, kv{"speed", g.str("fast")})...)
	msg = append(msg, kv{"usage", u})
	msg = append(msg, g.maybe(0.05, kv{"usage", g.pick(u, "null", "{}")})...)
	msg = append(msg, g.maybe(0.1, kv{"context_management", `{"applied":[1]}`}, kv{"after", `"x"`})...)
	top := g.maybe(0.7, kv{"parentUuid", g.pick("null", `"p"`, "7")})
	top = append(top, kv{"isSidechain", g.pick("false", "true", `"true"`, "1")})
	top = append(top, g.maybe(0.1, kv{"toolUseResult", `{"message":{"content":[],"usage":{"input_tokens":5}},"timestamp":"x"}`})...)
	top = append(top, kv{"userType", `"external"`}, kv{"cwd", g.str(g.pick("/home/dév/app", "/srv/x", `C:\work\y`, ""))})
	top = append(top, kv{"sessionId", g.pick(g.str("s1"), "1", "null")}, kv{"gitBranch", g.str(g.pick("main", `feat/a"b`, "ü", "\xff"))})
	top = append(top, g.maybe(0.03, kv{"extra", nest(g.pickInt(3, 100, 520, 700))})...)
	top = append(top, kv{"message", g.obj(msg, 0.05)})
	top = append(top, g.maybe(0.9, kv{"requestId", g.str(fmt.Sprintf("req_%d", g.Intn(4)))})...)
	top = append(top, kv{"type", g.pick(`"assistant"`, `"assistant"`, `"assistant"`, `"user"`, `"assist\u0061nt"`)})
	top = append(top, kv{"uuid", `"u"`}, kv{"timestamp", g.pick(`"2026-03-01T10:00:00.000Z"`, "1767225600000", `"bad"`, "null")})
	top = append(top, g.maybe(0.05, kv{"timestamp", `"2026-03-02T10:00:00.000Z"`})...)
	top = append(top, g.maybe(0.03, kv{"message", `{"usage":{"input_tokens":2},"content":null}`})...)
	top = append(top, g.maybe(0.03, kv{"type", `"assistant"`})...)
	return g.obj(top, 0.05)
}

// damage is random byte-level damage: a cut, flipped bytes, a dropped quote, a deleted or repeated run.
func (g gen) damage(s string) string {
	i, b := g.Intn(len(s)+1), []byte(s)
	switch g.Intn(5) {
	case 0:
		return s[:i]
	case 1:
		for k := 1 + g.Intn(4); k > 0; k-- {
			b[g.Intn(len(b))] = byte(g.Intn(256))
		}
		return string(b)
	case 2:
		if q := strings.IndexByte(s[i:], '"'); q >= 0 {
			return s[:i+q] + s[i+q+1:] // a dropped quote
		}
	case 3:
		return s[:i] + s[min(len(s), i+1+g.Intn(20)):]
	}
	return s[:i] + s[i-g.Intn(i+1):]
}

// contentAt is where the value of the first "content" member of a top-level "message" object starts, found
// by encoding/json's tokenizer (-1 if the line's head is not valid JSON up to there).
func contentAt(line []byte) int {
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	skip := func(t json.Token, err error) error { // the rest of the value starting with t
		for depth := 0; err == nil; t, err = d.Token() {
			if t == json.Delim('{') || t == json.Delim('[') {
				depth++
			} else if t == json.Delim('}') || t == json.Delim(']') {
				depth--
			}
			if depth == 0 {
				return nil
			}
		}
		return err
	}
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return -1
	}
	for d.More() {
		k, _ := d.Token()
		v, err := d.Token()
		if err != nil {
			return -1
		}
		if k != "message" || v != json.Delim('{') {
			if skip(v, nil) != nil {
				return -1
			}
			continue
		}
		for d.More() {
			if mk, err := d.Token(); err != nil {
				return -1
			} else if mk == "content" {
				p := int(d.InputOffset())
				for p < len(line) && strings.IndexByte(" \t\r\n:", line[p]) >= 0 {
					p++
				}
				return p
			}
			if skip(d.Token()) != nil {
				return -1
			}
		}
		if _, err := d.Token(); err != nil {
			return -1
		}
	}
	return -1
}

func plainASCII(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// agree: the node holds exactly the kept members of m (as encoding/json read them), in b's bytes.
func agree(b []byte, n *node, m map[string]any) error {
	for i, name := range levels[n.level] {
		v := n.slots[i]
		want, present := m[name]
		ok := false
		switch w := want.(type) {
		case nil:
			ok = (!present && v.tag == tAbsent) || (present && v.tag == tNull)
		case bool:
			ok = (v.tag == tFalse && !w) || (v.tag == tTrue && w)
		case json.Number:
			f, _ := strconv.ParseFloat(string(w), 64) // ±Inf out of range, as JavaScript's Number()
			ok = v.tag == tNumber && math.Float64bits(v.num) == math.Float64bits(f)
		case string:
			var got string
			ok = (v.tag == tString && plainASCII(b[v.s:v.e]) && string(b[v.s:v.e]) == w) ||
				(v.tag == tJSONString && json.Unmarshal(b[v.s:v.e], &got) == nil && got == w)
		case []any:
			ok = v.tag == tArray
		case map[string]any:
			if c := childLevel[n.level][i]; c < 0 {
				ok = v.tag == tObject
			} else if v.tag == tNode && v.node.level == c {
				if err := agree(b, v.node, w); err != nil {
					return err
				}
				ok = true
			}
		}
		if !ok {
			return fmt.Errorf("level %d %s: tag %d (number %v, text %q), encoding/json %#v", n.level, name, v.tag, v.num, b[v.s:v.e], want)
		}
	}
	return nil
}

// check runs the extractor on line (between bytes that must not be read) as the file reader does; true when
// it answered.
func check(t *testing.T, x *extractor, line []byte, before, after string) (answered bool) {
	t.Helper()
	hit := bytes.Index(line, marker)
	if hit < 0 {
		return false
	}
	b := append(append([]byte(before), line...), after...)
	s, e := len(before), len(before)+len(line)
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("extract panicked: %v on %q", p, line)
		}
	}()
	top := x.extract(b, s, e, s+hit)
	if top == nil {
		return false
	}
	c := contentAt(line)
	if c < 0 || c >= x.resumeAt-s || line[c] != '[' {
		t.Fatalf("answered, but the content encoding/json finds (at %d, resume at %d) is not the one cut, in %q", c, x.resumeAt-s, line)
	}
	cut := append(append(append([]byte{}, line[:c]...), "null"...), line[x.resumeAt-s:]...)
	d := json.NewDecoder(bytes.NewReader(cut))
	d.UseNumber()
	var m map[string]any
	if !json.Valid(cut) || d.Decode(&m) != nil {
		t.Fatalf("answered, but the line without its content is not JSON: %q", cut)
	}
	if err := agree(b, top, m); err != nil {
		t.Fatalf("%v in %q", err, line)
	}
	return true
}

var frames = [][2]string{{"", ""}, {"  ", " "}, {`{"usage":{"a":1}}` + "\n", "\n{\"next\":1}"}, {`,"usage":{`, `}`}, {"[", `"}}]`}}

func TestExtractAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range []struct {
		name    string
		seed    int64
		damaged bool
		least   int // lines it must answer (the generator still makes Claude Code's shape)
	}{{"valid", 1, false, 7500}, {"damaged", 2, true, 1000}} {
		t.Run(c.name, func(t *testing.T) {
			g := gen{rand.New(rand.NewSource(c.seed))}
			var x extractor // reused from line to line, as the file reader does
			answered, valid := 0, 0
			const n = 30000
			for i := range n {
				line := g.line()
				if c.damaged {
					line = g.damage(line)
				}
				if json.Valid([]byte(line)) {
					valid++
				}
				f := frames[i%len(frames)]
				if check(t, &x, []byte(line), f[0], f[1]) {
					answered++
				}
			}
			t.Logf("%d lines (%d valid JSON), extractor answered %d", n, valid, answered)
			if answered < c.least {
				t.Fatalf("the extractor answered only %d of %d lines", answered, n)
			}
		})
	}
}

var seeds = []string{
	`{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/dev/app","sessionId":"s1","version":"2.1.0","gitBranch":"main","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"thinking","text":"hello \"usage\": {} world"}],"stop_reason":null,"usage":{"input_tokens":100,"cache_creation_input_tokens":200,"cache_read_input_tokens":1000,"output_tokens":50,"service_tier":"standard","cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":0}}},"type":"assistant","uuid":"u","timestamp":"2026-03-01T10:00:01.000Z","requestId":"req_1"}`,
	`{"parentUuid":"p","isSidechain":true,"message":{"id":"msg_2","model":"<synthetic>","content":[{"type":"tool_use","input":{"a":1,"usage":{"input_tokens":7}}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0,"speed":"fast","inference_geo":"eu"}},"type":"assistant","timestamp":"bad"}`,
	`{"type":"user","message":{"role":"user","content":[{"type":"tool_result","content":"x"}]},"toolUseResult":{"usage":{"input_tokens":5,"output_tokens":6}}}`,
	`{ "message" : { "content" : [ ] , "usage" : { "input_tokens" : -0 } } , "type" : "assistant" }`,
	`{"message":{"content":[],"usage":{"input_tokens":1e400,"output_tokens":-1.5E-3}},"type":"assist\u0061nt","type":"assistant"}`,
}

func FuzzExtract(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, line []byte, frame uint8) {
		var x extractor
		fr := frames[int(frame)%len(frames)]
		check(t, &x, line, fr[0], fr[1])
	})
}

func TestExtractSeeds(t *testing.T) {
	var x extractor
	want := []bool{true, true, false, false, true}
	for i, s := range seeds {
		if got := check(t, &x, []byte(s), "", ""); got != want[i] {
			t.Errorf("seed %d: answered %v, want %v", i, got, want[i])
		}
	}
}

func TestContentClose(t *testing.T) {
	long := `,"k":"` + strings.Repeat("a", tailWindow) + `"`
	for _, c := range []struct {
		tail string
		want int // index of the ']' in tail, -1 for none
	}{
		{`{"content":[1],"usage":{`, 13},
		{`"content":[{"a":"]"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{`, 20},
		{`"content":[],"stop_reason":"tool-use x","n":-12.5e3,"t":true,"usage":{`, 11},
		{`"content":[],"stop_reason":"a\"b","usage":{`, -1}, // an escape: not a scalar Claude Code writes there
		{`"content":[],"stop_reason":"é","usage":{`, -1},    // non-ASCII
		{`"content":[],"k1":1,"usage":{`, -1},               // a digit in a key
		{`"content":[],"x":{},"usage":{`, -1},               // an object
		{`"content":[],"x":[1],"usage":{`, 19},              // an array ends at its own ']': the parse then refuses
		{`"content":[]"x":1,"usage":{`, -1},                 // no ',' before the key
		{`"content":[],x":1,"usage":{`, -1},                 // no quote before the key
		{`"content":[],"":1,"usage":{`, -1},                 // an empty key
		{`"content":[]` + long + `,"usage":{`, -1},          // beyond the window
		{`]` + `,"usage":{`, 0},                             // at the very start
		{`,"usage":{`, -1},
	} {
		b := []byte("xx" + c.tail)
		u := bytes.LastIndex(b, usageMarker)
		want := c.want
		if want >= 0 {
			want += 2
		}
		if got := contentClose(b, 2, u); got != want {
			t.Errorf("contentClose(%q) = %d, want %d", c.tail, got, want)
		}
	}
	// never before `from`
	b := []byte(`],"usage":{`)
	if got := contentClose(b, 1, 1); got != -1 {
		t.Errorf("contentClose before from: %d", got)
	}
}
