package claudescan

import (
	"bytes"
	"math/rand"
	"testing"
)

// A line whose head equals the last line's (another parentUuid, another tail, moved by the parentUuid's
// length) reads as encoding/json reads it, whether the head is taken from the last line or read again;
// damaged siblings too.
func TestRepeatedHeadAgreesWithEncodingJSON(t *testing.T) {
	g := gen{rand.New(rand.NewSource(3))}
	var x extractor
	prefix := []byte(`{"parentUuid":`)
	parents := []string{`null`, `"p"`, `"0f3c2b7e-9d41-4c1a-8e55-2a6b1d9c7f10"`, `7`, ` "\u0070"`}
	siblings, answered, reused := 0, 0, 0
	for i := 0; siblings < 20000; i++ {
		l := []byte(g.line())
		m := []byte(g.line())
		cl, cm := contentAt(l), contentAt(m)
		if !bytes.HasPrefix(l, prefix) || cl < 0 || cm < 0 {
			continue
		}
		comma := bytes.IndexByte(l[len(prefix):], ',') + len(prefix)
		if comma < len(prefix) || comma > cl {
			continue
		}
		f := frames[i%len(frames)]
		check(t, &x, l, f[0], f[1])
		for k := 0; k < 3; k++ {
			s := append(append(append([]byte{}, prefix...), parents[g.Intn(len(parents))]...), l[comma:cl]...)
			s = append(s, m[cm:]...)
			if k == 2 {
				s = []byte(g.damage(string(s)))
			}
			siblings++
			before := x.headsReused
			if check(t, &x, s, f[0], f[1]) {
				answered++
				reused += int(x.headsReused - before)
			}
		}
	}
	t.Logf("%d siblings, %d answered, %d with the head taken from the last line", siblings, answered, reused)
	if answered < 4000 || reused < 3000 {
		t.Fatalf("only %d siblings answered, %d with a remembered head", answered, reused)
	}
}
