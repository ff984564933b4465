// Command seatmeter-scan is the seatmeter CLI's native reader of Claude Code transcripts (package
// claudescan). The CLI starts it with its jobs as JSON on stdin — {"jobs": [{"path": "...", "from": 0}, ...]}
// — and reads one frame per file from stdout, in whatever order the files finish; with "final":
// {"boundaries": [...], "thresholds": [...]} the one final frame instead when it can (claudescan.Merge), and
// with "progress": true a progress frame as each file is read. With "discover": {"roots": [...], "suffix":
// ".jsonl"} instead of jobs it lists the Claude Code transcripts itself (discover.go) and reads those.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/seatmeter/seatmeter/internal/claudescan"
)

type job struct {
	Path  string `json:"path"`
	From  int64  `json:"from"`
	Agent string `json:"agent"` // "claude-code" (default) or "codex"
}

type request struct {
	Jobs  []job              `json:"jobs"`
	Final *claudescan.Splits `json:"final"`
	// Progress: in final mode, a progress frame as each file is read (for the CLI's progress line)
	Progress bool `json:"progress"`
	// Discover: list Claude Code transcripts (discover.go) and read them as the jobs, after a frame listing them
	Discover *discoverRequest `json:"discover"`
}

func main() {
	threads := flag.Int("j", runtime.NumCPU(), "files read at once")
	format := flag.Int("format", claudescan.FormatVersion, "the frame format the caller reads (refused unless it is this reader's)")
	flag.Parse()
	if *format != claudescan.FormatVersion {
		fmt.Fprintf(os.Stderr, "seatmeter-scan: frame format %d asked, this reader writes %d\n", *format, claudescan.FormatVersion)
		os.Exit(3)
	}
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "seatmeter-scan: jobs on stdin: %v\n", err)
		os.Exit(2)
	}
	jobs := req.Jobs
	gc := collectorOff(gcFreeHeap)
	if req.Discover != nil {
		files := discoverFiles(*req.Discover)
		jobs = jobs[:0]
		for _, f := range files {
			jobs = append(jobs, job{Path: f.path})
		}
		if _, err := os.Stdout.Write(filesFrame(files)); err != nil {
			fmt.Fprintf(os.Stderr, "seatmeter-scan: writing frames: %v\n", err)
			os.Exit(1)
		}
	}
	for _, j := range jobs {
		if j.Agent != "" && j.Agent != "claude-code" && j.Agent != "codex" {
			fmt.Fprintf(os.Stderr, "seatmeter-scan: no native reader for agent %q\n", j.Agent)
			os.Exit(2)
		}
		if j.Agent == "codex" && req.Final != nil {
			fmt.Fprintln(os.Stderr, "seatmeter-scan: final mode reads Claude Code transcripts only")
			os.Exit(2)
		}
	}
	if req.Final != nil {
		if out, ok := final(jobs, *req.Final, req.Progress, *threads, gc); ok {
			if _, err := os.Stdout.Write(out); err != nil {
				fmt.Fprintf(os.Stderr, "seatmeter-scan: writing frames: %v\n", err)
				os.Exit(1)
			}
			return
		}
		// some usage line is for the TypeScript reader to judge: every file's frame after all
	}
	// Frames queue for one writer: readers never wait on the pipe while the CLI is busy with other files.
	frames := make(chan []byte, len(jobs))
	var failed error
	written := make(chan struct{})
	go func() {
		for buf := range frames {
			if failed == nil {
				_, failed = os.Stdout.Write(buf) // one write per file: the CLI shows progress as files finish
			}
		}
		close(written)
	}()
	forEach(len(jobs), *threads, gc, claudescan.NewReader, func(r *claudescan.Reader, i int) {
		if jobs[i].Agent == "codex" {
			frames <- r.CodexFrame(nil, uint32(i), jobs[i].Path, jobs[i].From)
		} else {
			frames <- r.Frame(nil, uint32(i), jobs[i].Path, jobs[i].From)
		}
	})
	close(frames)
	<-written
	if failed != nil {
		fmt.Fprintf(os.Stderr, "seatmeter-scan: writing frames: %v\n", failed)
		os.Exit(1)
	}
}

// final reads every file in final mode; ok when every file's usage lines became rows.
func final(jobs []job, splits claudescan.Splits, progress bool, threads int, gc *gcSwitch) (out []byte, ok bool) {
	m := claudescan.NewMerge(len(jobs))
	var stdout sync.Mutex
	forEach(len(jobs), threads, gc, claudescan.FinalReader, func(r *claudescan.Reader, i int) {
		counts, rows, clean := r.File(jobs[i].Path, jobs[i].From)
		m.Add(i, counts, rows, clean)
		if progress {
			stdout.Lock()
			_, _ = os.Stdout.Write(claudescan.Progress(uint32(i))) // a write error shows later
			stdout.Unlock()
		}
	})
	return m.Final(nil, splits)
}

// forEach runs work for every job index 0..n-1 on up to `threads` goroutines, each with a reader of its own.
func forEach(n, threads int, gc *gcSwitch, reader func() *claudescan.Reader, work func(r *claudescan.Reader, i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(threads, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := reader()
			for i := range next {
				work(r, i)
				gc.heapCheck()
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
