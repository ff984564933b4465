package main

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"unicode/utf16"
)

func TestCompareUTF16IsJavaScriptOrder(t *testing.T) {
	words := []string{"", "a", "ab", "b", "z", "é", "\uffff", "\ue000", "😀", "😀a", "𝄞", "a😀", "a\uffff", "ä", "A", "/x/y", "/x-y"}
	got := slices.Clone(words)
	slices.SortFunc(got, compareUTF16)
	want := slices.Clone(words)
	// JavaScript's order: the strings' UTF-16 code units compared one by one
	sort.Slice(want, func(i, j int) bool {
		a, b := utf16.Encode([]rune(want[i])), utf16.Encode([]rune(want[j]))
		return slices.Compare(a, b) < 0
	})
	if !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if compareUTF16("😀", "\uffff") >= 0 {
		t.Fatal("a character above U+FFFF must sort before U+FFFF (its surrogates are lower)")
	}
}

// Random paths over characters of 1 to 4 UTF-8 bytes that share leading bytes (é/ä, 😀/𝄞, U+E000/U+FFFF):
// compareUTF16 (which skips the bytes two strings share) orders them as their UTF-16 code units do.
func TestCompareUTF16OnSharedPrefixes(t *testing.T) {
	chars := []rune{'a', 'b', '/', 'é', 'ä', 'ā', '😀', '𝄞', '😁', '\ue000', '\uffff', '\u0800', '日'}
	r := rand.New(rand.NewSource(3))
	word := func() string {
		w := make([]rune, r.Intn(6))
		for i := range w {
			w[i] = chars[r.Intn(len(chars))]
		}
		return "/p/" + string(w)
	}
	for range 20000 {
		a, b := word(), word()
		want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
		if got := compareUTF16(a, b); (got < 0) != (want < 0) || (got == 0) != (want == 0) {
			t.Fatalf("compareUTF16(%q, %q) = %d, want the sign of %d", a, b, got, want)
		}
	}
}

func TestDiscoverListsAsTheCLIDoes(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("a/projects/p1/s.jsonl", "1")
	mk("a/projects/p1/s/subagents/agent-1.jsonl", "22")
	mk("a/projects/p1/notes.txt", "x")
	mk("a/projects/p2/😀.jsonl", "333")
	mk("a/projects/p2/\uffff.jsonl", "4444")
	mk("outside/linked.jsonl", "55555")
	mk("outside/dir/hidden.jsonl", "6")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(dir, "outside/linked.jsonl"), filepath.Join(dir, "a/projects/p2/link.jsonl")))
	must(os.Symlink(filepath.Join(dir, "outside/dir"), filepath.Join(dir, "a/projects/p2/linkdir")))
	must(os.Symlink(filepath.Join(dir, "nowhere.jsonl"), filepath.Join(dir, "a/projects/p2/dangling.jsonl")))
	root := filepath.Join(dir, "a/projects")
	files := discoverFiles(discoverRequest{Roots: []string{root, filepath.Join(dir, "missing"), root}, Suffix: ".jsonl"})
	var got []string
	for _, f := range files {
		rel, _ := filepath.Rel(root, f.path)
		got = append(got, rel)
		st, err := os.Stat(f.path)
		if err != nil || st.Size() != f.size {
			t.Fatalf("%s: size %d, want the file's (%v)", rel, f.size, err)
		}
	}
	want := []string{"p1/s.jsonl", "p1/s/subagents/agent-1.jsonl", "p2/link.jsonl", "p2/😀.jsonl", "p2/\uffff.jsonl"}
	if !slices.Equal(got, want) {
		t.Fatalf("found %q, want %q", got, want)
	}
}
