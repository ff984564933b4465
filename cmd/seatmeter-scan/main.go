// Command seatmeter-scan is the seatmeter CLI's native reader of Claude Code transcripts (package
// claudescan). The CLI starts it with its jobs as JSON on stdin — [{"path": "...", "from": 0}, ...] — and
// reads one frame per file from stdout, in whatever order the files finish.
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
	Path string `json:"path"`
	From int64  `json:"from"`
}

func main() {
	threads := flag.Int("j", runtime.NumCPU(), "files read at once")
	format := flag.Int("format", claudescan.FormatVersion, "the frame format the caller reads (refused unless it is this reader's)")
	flag.Parse()
	if *format != claudescan.FormatVersion {
		fmt.Fprintf(os.Stderr, "seatmeter-scan: frame format %d asked, this reader writes %d\n", *format, claudescan.FormatVersion)
		os.Exit(3)
	}
	var jobs []job
	if err := json.NewDecoder(os.Stdin).Decode(&jobs); err != nil {
		fmt.Fprintf(os.Stderr, "seatmeter-scan: jobs on stdin: %v\n", err)
		os.Exit(2)
	}
	next := make(chan int)
	var out sync.Mutex
	var failed error
	var wg sync.WaitGroup
	for range max(1, min(*threads, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := claudescan.NewReader()
			var buf []byte
			for i := range next {
				buf = r.Frame(buf[:0], uint32(i), jobs[i].Path, jobs[i].From)
				out.Lock()
				if failed == nil {
					_, failed = os.Stdout.Write(buf) // one write per file: the reader shows progress as files finish
				}
				out.Unlock()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if failed != nil {
		fmt.Fprintf(os.Stderr, "seatmeter-scan: writing frames: %v\n", failed)
		os.Exit(1)
	}
}
