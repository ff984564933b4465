package claudescan

import "bytes"

// What a kept member's value was (the TypeScript fast path's objects hold the same, cli/src/adapters/claudeFast.ts).
type tag uint8

const (
	tAbsent     tag = iota // undefined: the member did not occur
	tNull                  // null
	tFalse                 // false
	tTrue                  // true
	tNumber                // a number
	tString                // a string of printable ASCII without escapes: its bytes
	tJSONString            // any other string: its JSON token, quotes included (decoded by JSON.parse)
	tArray                 // an array (not read)
	tObject                // an object not read into
	tNode                  // an object read into: its kept members follow
)

// The members kept per level, by key (claudeFast.ts TOP, MSG, USG, SPLIT); every other member is checked
// and skipped.
var levels = [4][]string{
	{"timestamp", "sessionId", "cwd", "gitBranch", "requestId", "isSidechain", "type", "message"},
	{"id", "model", "usage", "speed", "content"},
	{"input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation", "speed", "inference_geo"},
	{"ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"},
}

// childLevel is the level an object value of a kept member is read at (-1: not read into).
var childLevel = [4][]int{
	{-1, -1, -1, -1, -1, -1, -1, 1},
	{-1, -1, 2, -1, -1},
	{-1, -1, -1, -1, 3, -1, -1},
	{-1, -1},
}

// schema is what an agent's reader keeps of its lines: the members per level and the level each object
// member is read at.
type schema struct {
	levels [][]string
	child  [][]int
	cut    bool // Claude Code: message.content (msgLevel, contentKey) is skipped, found from the tail
}

var claudeSchema = &schema{levels[:], childLevel[:], true}

// codexSchema: what cli/src/adapters/codex.ts reads of a rollout line (codex.ts CODEX_MEMBERS).
var codexSchema = &schema{
	levels: [][]string{
		{"timestamp", "type", "payload"},
		{"type", "id", "cwd", "git", "model", "timestamp", "forked_from_id", "forked_from", "parent_session_id", "source", "info"},
		{"branch"},
		{"subagent"},
		{"total_token_usage"},
		{"input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens", "total_tokens"},
	},
	child: [][]int{{-1, -1, 1}, {-1, -1, -1, 2, -1, -1, -1, -1, -1, 3, 4}, {-1}, {-1}, {5}, {-1, -1, -1, -1, -1}},
}

const (
	msgLevel   = 1
	contentKey = 4
	typeKey    = 6
	messageKey = 7
	maxDepth   = 512
)

var usageMarker = []byte(`,"usage":{`)

// lineStart is how Claude Code's usage lines begin. Found inside the content that is skipped, it is a line
// cut short and the next one glued to it (a crash mid-write): the head is one message's, the tail another's,
// so the fast path refuses it (and JSON.parse then counts it malformed).
var lineStart = []byte(`{"parentUuid":`)

type value struct {
	tag  tag
	num  float64
	s, e int // a string's bytes in the line
	node *node
}

type node struct {
	level int
	keys  int // how many members its level keeps
	slots [12]value
}

// extractor reads one line at a time; its nodes are reused from line to line.
type extractor struct {
	scanner
	s           *schema
	cut         bool // message.content has been met (and skipped)
	cutAt       int  // where message.content's '[' is
	resumeAt    int  // just after the ']' closing message.content
	depth       int
	pool        []node
	spare       []node // the other pool: holds the nodes of the line the reader keeps back
	used        int
	top         *node // the line's object (claudeTop)
	head        head  // the last head read (head.go)
	headAt      int   // where this line's head begins (-1: it has none to remember)
	headsReused uint32
}

func (x *extractor) newNode(level int) *node {
	if x.used == len(x.pool) {
		x.pool = append(x.pool, make([]node, len(x.pool)+8)...)
	}
	n := &x.pool[x.used]
	x.used++
	*n = node{level: level, keys: len(x.s.levels[level])}
	return n
}

func (x *extractor) keyOf(level int) int {
	st := x.p
	if !x.skipString() {
		if bytes.IndexByte(x.b[st:x.p], '\\') >= 0 {
			refuse() // an escaped key could spell a kept one: the TypeScript reader decides
		}
		return -1 // non-ASCII: none of the kept keys
	}
	key := x.b[st+1 : x.p-1]
	for i, k := range x.s.levels[level] {
		if string(key) == k {
			return i
		}
	}
	return -1
}

func (x *extractor) value(keep bool, level int) value {
	x.ws()
	switch c := x.at(); {
	case c == '"':
		st := x.p
		plain := x.skipString()
		if !keep {
			return value{}
		}
		if plain {
			return value{tag: tString, s: st + 1, e: x.p - 1}
		}
		return value{tag: tJSONString, s: st, e: x.p}
	case c == '{':
		if keep && level >= 0 {
			return value{tag: tNode, node: x.object(level)}
		}
		x.object(-1)
		return value{tag: tObject}
	case c == '[':
		x.array()
		return value{tag: tArray}
	case c == 't':
		x.literal("true")
		return value{tag: tTrue}
	case c == 'f':
		x.literal("false")
		return value{tag: tFalse}
	case c == 'n':
		x.literal("null")
		return value{tag: tNull}
	case c == '-' || (c >= '0' && c <= '9'):
		return value{tag: tNumber, num: x.number()}
	}
	refuse()
	return value{}
}

func (x *extractor) enter() {
	x.depth++
	if x.depth > maxDepth {
		refuse()
	}
}

func (x *extractor) array() {
	x.enter()
	x.p++
	x.ws()
	if x.at() == ']' {
		x.p++
		x.depth--
		return
	}
	for {
		if !x.cut && x.p > x.resumeAt {
			refuse() // past the content's end without having met it
		}
		x.value(false, -1)
		if x.closes(']') {
			x.depth--
			return
		}
	}
}

// closes: after a value, true at the closing bracket (passed), false at a ',' (passed); else refuses.
func (x *extractor) closes(close int) bool {
	x.ws()
	c := x.at()
	x.p++
	if c == close {
		return true
	}
	if c != ',' {
		refuse()
	}
	return false
}

func (x *extractor) object(level int) *node {
	x.enter()
	x.p++
	var out *node
	if level >= 0 {
		out = x.newNode(level)
	}
	x.ws()
	if x.at() == '}' {
		x.p++
	} else {
		x.members(level, out)
	}
	x.depth--
	return out
}

func (x *extractor) members(level int, out *node) { x.membersFrom(level, out, true) }

// membersFrom reads an object's members up to its '}' (passed); first: at its first member, else after one.
func (x *extractor) membersFrom(level int, out *node, first bool) {
	for ; ; first = false {
		if !first {
			if x.closes('}') {
				return
			}
			x.ws()
		}
		if !x.cut && x.p > x.resumeAt {
			refuse()
		}
		if x.at() != '"' {
			refuse()
		}
		k := -1
		if level >= 0 {
			k = x.keyOf(level)
		} else {
			x.skipString()
		}
		x.ws()
		if x.at() != ':' {
			refuse()
		}
		x.p++
		switch {
		case k < 0:
			x.value(false, -1)
		case x.s.cut && level == msgLevel && k == contentKey && !x.cut:
			x.ws()
			if x.p >= x.resumeAt || x.b[x.p] != '[' {
				refuse() // content is an array ending at the ']' found from the tail
			}
			x.cut = true
			x.cutAt = x.p
			out.slots[k] = value{tag: tNull}
			x.remember(out)
			x.p = x.resumeAt
		default:
			out.slots[k] = x.value(true, x.s.child[level][k])
		}
	}
}

// extractAt reads the line [start, stop) taking `,"usage":{` at u as message.usage; nil to refuse.
func (x *extractor) extractAt(b []byte, start, stop, u int) *node {
	close := contentClose(b, start, u)
	if close < 0 {
		return nil
	}
	e := x.parse(claudeSchema, b, start, stop, close+1, false)
	if e == nil || !x.cut || indexLineStart(b[x.cutAt:x.resumeAt]) >= 0 {
		return nil
	}
	t := e.slots[typeKey]
	if t.tag != tString || string(b[t.s:t.e]) != "assistant" {
		return nil
	}
	m := e.slots[messageKey]
	if m.tag != tNode || m.node.slots[contentKey].tag != tNull {
		return nil
	}
	return e
}

// extract reads a line whose first `"usage"` is at hint, as claudeFast.ts's extractClaudeLine does: at the
// first `,"usage":{`, else at the last one; nil when the line is not of that shape.
func (x *extractor) extract(b []byte, start, stop, hint int) *node {
	h := hint - 1
	first := -1
	if h > start && h+len(usageMarker) < stop && bytes.Equal(b[h:h+len(usageMarker)], usageMarker) {
		first = h
	}
	if first >= 0 {
		if e := x.extractAt(b, start, stop, first); e != nil {
			return e
		}
	}
	u := bytes.LastIndex(b[start:stop], usageMarker)
	if u < 0 {
		return nil
	}
	u += start
	if u > start && u != first {
		return x.extractAt(b, start, stop, u)
	}
	return nil
}

// whole reads the line [start, stop) as one JSON object (as strictly as JSON.parse) keeping the members of
// schema s; nil when it is not one this reader reads.
func (x *extractor) whole(s *schema, b []byte, start, stop int) *node {
	return x.parse(s, b, start, stop, stop, true) // nothing is skipped
}

// parse reads the line [start, stop) as one object, skipping from a content member to resumeAt unless cut
// (schema s: claudeSchema); nil when it is not one object ending at stop.
func (x *extractor) parse(s *schema, b []byte, start, stop, resumeAt int, cut bool) (top *node) {
	x.s = s
	x.b, x.p, x.end = b, start, stop
	x.cut, x.resumeAt = cut, resumeAt
	x.used, x.depth = 0, 0
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(refusal); !ok {
				panic(r)
			}
			top = nil
		}
	}()
	x.ws()
	if x.at() != '{' {
		return nil
	}
	var e *node
	if s.cut && !cut {
		e = x.claudeTop()
	} else {
		e = x.object(0)
	}
	if x.ws(); x.p != stop {
		return nil
	}
	return e
}
