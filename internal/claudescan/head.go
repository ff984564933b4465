package claudescan

import "bytes"

// A message's lines (one per content block, and streaming partials) repeat its head — every member before
// message.content but the first, parentUuid — byte for byte. A head equal to the last one read is not read
// again: it reads the same, so its members are taken from the last one, moved to where this line has them.

var parentUUIDKey = []byte(`"parentUuid":`)

// head: the bytes from just after parentUuid's value up to message.content's '[', and the members read
// from them (string positions in the line it was read from, which began at from).
type head struct {
	ok       bool
	from     int
	text     []byte
	top, msg [12]value
}

// claudeTop reads a Claude Code line's object (x.object(0) with the head taken from the last line when equal).
func (x *extractor) claudeTop() *node {
	x.enter()
	x.p++
	top := x.newNode(0)
	x.top, x.headAt = top, -1
	x.ws()
	switch {
	case x.at() == '}':
		x.p++
	case bytes.HasPrefix(x.b[x.p:x.end], parentUUIDKey):
		x.p += len(parentUUIDKey)
		x.value(false, -1)
		if x.reuseHead(top) {
			x.membersFrom(msgLevel, top.slots[messageKey].node, false)
			x.depth--
			x.membersFrom(0, top, false)
		} else {
			x.headAt = x.p // remembered when message.content is met (remember)
			x.membersFrom(0, top, false)
		}
	default:
		x.members(0, top)
	}
	x.depth--
	return top
}

// remember keeps the head just read (at message.content, msg: the message's node) for the next line.
func (x *extractor) remember(msg *node) {
	h := &x.head
	if x.headAt < 0 || x.depth != 2 || x.top == nil {
		return
	}
	h.ok, h.from = true, x.headAt
	h.top, h.msg = x.top.slots, msg.slots
	for i := range h.msg {
		if h.msg[i].tag == tNode || (h.top[i].tag == tNode && i != messageKey) {
			h.ok = false // (usage before content) only strings and scalars are moved
		}
	}
	h.text = append(h.text[:0], x.b[h.from:x.cutAt]...)
}

// reuseHead: when the line's head (from the position) equals the last one, its members and the message's
// are set from it and the position is just after message.content, inside the message.
func (x *extractor) reuseHead(top *node) bool {
	h := &x.head
	n := len(h.text)
	at := x.p + n // message.content's '['
	if !h.ok || at >= x.resumeAt || x.b[at] != '[' || !bytes.Equal(x.b[x.p:at], h.text) {
		return false
	}
	shift := x.p - h.from
	msg := x.newNode(msgLevel)
	moved(&top.slots, &h.top, shift)
	moved(&msg.slots, &h.msg, shift)
	top.slots[messageKey] = value{tag: tNode, node: msg}
	msg.slots[contentKey] = value{tag: tNull}
	x.enter() // into the message
	x.cut, x.cutAt = true, at
	x.p = x.resumeAt
	x.headsReused++
	return true
}

// moved copies the remembered members with their strings' positions moved by shift.
func moved(dst, src *[12]value, shift int) {
	*dst = *src
	for i := range dst {
		if t := dst[i].tag; t == tString || t == tJSONString {
			dst[i].s += shift
			dst[i].e += shift
		}
	}
}
