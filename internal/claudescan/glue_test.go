package claudescan

import (
	"strings"
	"testing"
)

func usageLine(id, req string, input int, text string) string {
	return `{"parentUuid":null,"isSidechain":false,"cwd":"/w/app","sessionId":"s","message":{"id":"` + id +
		`","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"` + text +
		`"}],"stop_reason":null,"usage":{"input_tokens":` + string(rune('0'+input)) + `,"output_tokens":1}},"requestId":"` + req +
		`","type":"assistant","uuid":"u","timestamp":"2026-03-01T10:00:00.000Z"}`
}

// A line cut short by a crash with the next one glued to it reads as one message's head and another's
// usage: the fast path refuses it (the TypeScript reader's JSON.parse then counts it malformed).
func TestGluedLinesAreRefused(t *testing.T) {
	first := usageLine("msg_1", "req_1", 5, "a crash cut this")
	glued := first[:strings.Index(first, "cut this")] + usageLine("msg_2", "req_2", 7, "whole")
	var x extractor
	b := []byte(glued)
	if n := x.extract(b, 0, len(b), strings.Index(glued, `"usage"`)); n != nil {
		t.Fatalf("glued line read as one: %+v", n.slots)
	}
	whole := []byte(usageLine("msg_2", "req_2", 7, "whole"))
	if x.extract(whole, 0, len(whole), strings.Index(string(whole), `"usage"`)) == nil {
		t.Fatal("a whole line refused")
	}
}
