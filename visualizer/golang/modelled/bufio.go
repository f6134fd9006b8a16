// Package bufio as leakviz models it, written for leakviz from the package's
// documented behaviour (not from Go's source): a Scanner that splits what an
// io.Reader gives into lines, words, runes, bytes or tokens of the program's
// own split function; a Reader that buffers an io.Reader (ReadString, ReadLine,
// ReadByte, ReadRune, Peek...); a Writer that holds what is written until it is
// full or flushed, so output never flushed is never written, as in Go; and a
// ReadWriter of the two. Every Read and Write goes to the wrapped value's own
// method, so a read that blocks (a reader fed by a channel, say) blocks the
// goroutine that scans, and leaks it, as in Go.
//
// Nothing of the package's API is left out. Not quite Go's: leakviz's io has
// no Copy (the usual caller of Reader.WriteTo and Writer.ReadFrom; they are
// there to call), and its strings are text, so a token that is not valid UTF-8
// reads with U+FFFD through Text and ReadString where Go keeps the raw bytes
// (Bytes, ReadBytes and ReadSlice keep them). UTF-8 (ScanRunes, ScanWords,
// ReadRune, WriteRune) is decoded and encoded here, as the standard defines it.
package bufio

import (
	"errors"
	"io"
)

// MaxScanTokenSize is the largest token a Scanner takes unless Buffer says otherwise.
const MaxScanTokenSize = 64 * 1024

const (
	defaultBufSize = 4096 // a Reader's and a Writer's buffer unless a size is given
	minReadBufSize = 16   // the smallest buffer a Reader takes
	startScanBuf   = 4096 // a Scanner's first buffer
	emptyReadLimit = 100  // reads or tokens without progress before giving up
	maxInt         = 1<<63 - 1 // the largest int
	runeSelf       = 0x80   // bytes below are a rune of their own
	utfMax         = 4      // the longest rune in UTF-8
	runeError      = 0xFFFD // what an invalid byte sequence reads as
)

// The errors a Scanner reports.
var (
	ErrTooLong         = errors.New("bufio.Scanner: token too long")
	ErrNegativeAdvance = errors.New("bufio.Scanner: SplitFunc returns negative advance count")
	ErrAdvanceTooFar   = errors.New("bufio.Scanner: SplitFunc returns advance count beyond input")
	ErrBadReadCount    = errors.New("bufio.Scanner: Read returned impossible count")
	// ErrFinalToken, returned by a split function, ends the scan without an error; its token, if not nil, is the last.
	ErrFinalToken = errors.New("final token")
)

// The errors a Reader or a Writer reports.
var (
	ErrInvalidUnreadByte = errors.New("bufio: invalid use of UnreadByte")
	ErrInvalidUnreadRune = errors.New("bufio: invalid use of UnreadRune")
	ErrBufferFull        = errors.New("bufio: buffer full")
	ErrNegativeCount     = errors.New("bufio: negative count")
)

// io's errors that leakviz's io does not declare (the same words as Go's).
var (
	errNoProgress = errors.New("multiple Read calls return no data or error")
	errShortWrite = errors.New("short write")
)

// ---- UTF-8, as the standard defines it ----

// runeLen is how many bytes a rune whose first byte is b takes (1 for a byte that cannot start one).
func runeLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 1
}

// decodeRune is the first rune in p and its width; an invalid or cut sequence is runeError, width 1
// (and an empty p is runeError, width 0).
func decodeRune(p []byte) (rune, int) {
	if len(p) == 0 {
		return runeError, 0
	}
	b := p[0]
	if b < runeSelf {
		return rune(b), 1
	}
	n := runeLen(b)
	if n == 1 || len(p) < n {
		return runeError, 1
	}
	lo, hi := byte(0x80), byte(0xBF) // the second byte's range: narrower after some first bytes
	switch b {
	case 0xE0:
		lo = 0xA0
	case 0xED:
		hi = 0x9F
	case 0xF0:
		lo = 0x90
	case 0xF4:
		hi = 0x8F
	}
	if p[1] < lo || p[1] > hi {
		return runeError, 1
	}
	var r rune
	switch n {
	case 2:
		r = rune(b&0x1F)<<6 | rune(p[1]&0x3F)
	case 3:
		if p[2] < 0x80 || p[2] > 0xBF {
			return runeError, 1
		}
		r = rune(b&0x0F)<<12 | rune(p[1]&0x3F)<<6 | rune(p[2]&0x3F)
	case 4:
		if p[2] < 0x80 || p[2] > 0xBF || p[3] < 0x80 || p[3] > 0xBF {
			return runeError, 1
		}
		r = rune(b&0x07)<<18 | rune(p[1]&0x3F)<<12 | rune(p[2]&0x3F)<<6 | rune(p[3]&0x3F)
	}
	return r, n
}

// fullRune reports whether p starts with a whole rune (or with bytes no more bytes could make one).
func fullRune(p []byte) bool {
	if len(p) == 0 {
		return false
	}
	n := runeLen(p[0])
	if len(p) >= n {
		return true
	}
	// a cut sequence whose bytes so far are already wrong is whole: it reads as one invalid byte
	_, w := decodeRune(append(append([]byte{}, p...), 0x80, 0x80, 0x80))
	return w == 1
}

// encodeRune is r in UTF-8 (U+FFFD's bytes for a value that is no rune).
func encodeRune(r rune) []byte {
	switch {
	case r >= 0 && r < 0x80:
		return []byte{byte(r)}
	case r >= 0x80 && r < 0x800:
		return []byte{byte(0xC0 | r>>6), byte(0x80 | r&0x3F)}
	case r >= 0xD800 && r <= 0xDFFF, r < 0, r > 0x10FFFF:
		r = runeError
	}
	if r < 0x10000 {
		return []byte{byte(0xE0 | r>>12), byte(0x80 | (r>>6)&0x3F), byte(0x80 | r&0x3F)}
	}
	return []byte{byte(0xF0 | r>>18), byte(0x80 | (r>>12)&0x3F), byte(0x80 | (r>>6)&0x3F), byte(0x80 | r&0x3F)}
}

// isSpace reports whether r is white space as Unicode defines it (what ScanWords splits at).
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// ---- Scanner ----

// SplitFunc is the signature of the function that splits a Scanner's input into tokens: given the
// unread data (and whether no more will come), how far to advance, the token (nil for none yet) and an error.
type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

// Scanner reads its input token by token: lines unless Split says otherwise.
type Scanner struct {
	r        io.Reader
	split    SplitFunc
	max      int    // the largest token
	token    []byte // the last token Scan found
	buf      []byte // what was read
	start    int    // the first byte of buf not yet scanned
	end      int    // the end of what buf holds
	err      error  // the first error (io.EOF included)
	empties  int    // empty tokens in a row at the end of the input
	scanning bool   // Scan was called: Buffer and Split may no longer be
	done     bool   // the scan is over
}

// NewScanner is a Scanner reading r, split into lines.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, split: ScanLines, max: MaxScanTokenSize}
}

// Err is the first error the Scanner met; nil if it ended at io.EOF.
func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

// Bytes is the last token Scan found; the next Scan may overwrite it.
func (s *Scanner) Bytes() []byte { return s.token }

// Text is the last token Scan found, as a string.
func (s *Scanner) Text() string { return string(s.token) }

// Buffer sets the buffer the Scanner starts with and the largest buffer it may grow (the largest
// token is the larger of max and cap(buf)). It panics once Scan was called.
func (s *Scanner) Buffer(buf []byte, max int) {
	if s.scanning {
		panic("Buffer called after Scan")
	}
	s.buf = buf[0:cap(buf)]
	s.max = max
}

// Split sets the split function. It panics once Scan was called.
func (s *Scanner) Split(split SplitFunc) {
	if s.scanning {
		panic("Split called after Scan")
	}
	s.split = split
}

// fail records err unless an error is already there (io.EOF gives way to any other).
func (s *Scanner) fail(err error) {
	if s.err == nil || s.err == io.EOF {
		s.err = err
	}
}

// step moves past n scanned bytes; false (with the error recorded) if n is out of range.
func (s *Scanner) step(n int) bool {
	if n < 0 {
		s.fail(ErrNegativeAdvance)
		return false
	}
	if n > s.end-s.start {
		s.fail(ErrAdvanceTooFar)
		return false
	}
	s.start += n
	return true
}

// Scan moves to the next token, which Text and Bytes then give; false at the end of the input or on an
// error (Err tells which).
func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	s.scanning = true
	for {
		// a token from what is buffered, if the split function finds one
		if s.end > s.start || s.err != nil {
			adv, tok, err := s.split(s.buf[s.start:s.end], s.err != nil)
			if err != nil {
				if err == ErrFinalToken {
					s.token = tok
					s.done = true
					return tok != nil
				}
				s.fail(err)
				return false
			}
			if !s.step(adv) {
				return false
			}
			s.token = tok
			if tok != nil {
				if s.err == nil || adv > 0 {
					s.empties = 0
				} else {
					s.empties++
					if s.empties > emptyReadLimit {
						panic("bufio.Scan: too many empty tokens without progressing")
					}
				}
				return true
			}
		}
		if s.err != nil { // no token, and no more input
			s.start, s.end = 0, 0
			return false
		}
		// room for more: move the unscanned bytes to the front, or grow the buffer
		if s.start > 0 && (s.end == len(s.buf) || s.start > len(s.buf)/2) {
			copy(s.buf, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
		}
		if s.end == len(s.buf) {
			if len(s.buf) >= s.max || len(s.buf) > maxInt/2 {
				s.fail(ErrTooLong)
				return false
			}
			size := len(s.buf) * 2
			if size == 0 {
				size = startScanBuf
			}
			if size > s.max {
				size = s.max
			}
			grown := make([]byte, size)
			copy(grown, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
			s.buf = grown
		}
		// read until some bytes or an error come
		for tries := 0; ; {
			n, err := s.r.Read(s.buf[s.end:len(s.buf)])
			if n < 0 || n > len(s.buf)-s.end {
				s.fail(ErrBadReadCount)
				break
			}
			s.end += n
			if err != nil {
				s.fail(err)
				break
			}
			if n > 0 {
				s.empties = 0
				break
			}
			tries++
			if tries > emptyReadLimit {
				s.fail(errNoProgress)
				break
			}
		}
	}
}

// dropCR is line without a final '\r'.
func dropCR(line []byte) []byte {
	if len(line) > 0 && line[len(line)-1] == '\r' {
		return line[0 : len(line)-1]
	}
	return line
}

// ScanLines splits at each newline: a token is a line without its "\n" or "\r\n"; the last line needs no newline,
// and an empty last line is no token.
func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := indexByte(data, '\n'); i >= 0 {
		return i + 1, dropCR(data[0:i]), nil
	}
	if atEOF {
		return len(data), dropCR(data), nil
	}
	return 0, nil, nil
}

// ScanBytes makes each byte a token.
func ScanBytes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	return 1, data[0:1], nil
}

// errorRune is U+FFFD's bytes: ScanRunes' token for a byte that is no rune.
var errorRune = []byte{0xEF, 0xBF, 0xBD}

// ScanRunes makes each UTF-8 rune a token; a byte that starts no valid rune is the token U+FFFD.
func ScanRunes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if data[0] < runeSelf {
		return 1, data[0:1], nil
	}
	_, width := decodeRune(data)
	if width > 1 {
		return width, data[0:width], nil
	}
	if !atEOF && !fullRune(data) {
		return 0, nil, nil // the rest of the rune is still to come
	}
	return 1, errorRune, nil
}

// ScanWords splits at white space (Unicode's): a token is a word, never empty.
func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error) {
	start := 0
	for start < len(data) {
		r, width := decodeRune(data[start:])
		if !isSpace(r) {
			break
		}
		start += width
	}
	for i := start; i < len(data); {
		r, width := decodeRune(data[i:])
		if isSpace(r) {
			return i + width, data[start:i], nil
		}
		i += width
	}
	if atEOF && len(data) > start {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}

// ---- Reader ----

// Reader buffers an io.Reader.
type Reader struct {
	buf      []byte
	rd       io.Reader
	r, w     int   // buf[r:w] is read but not yet taken
	err      error // the wrapped reader's error, not yet reported
	lastByte int   // the last byte taken, for UnreadByte (-1: none)
	lastRune int   // the last rune's size, for UnreadRune (-1: none)
}

// NewReaderSize is a Reader of rd with a buffer of at least size bytes (rd itself if it is such a Reader).
func NewReaderSize(rd io.Reader, size int) *Reader {
	if b, ok := rd.(*Reader); ok && len(b.buf) >= size {
		return b
	}
	if size < minReadBufSize {
		size = minReadBufSize
	}
	return &Reader{buf: make([]byte, size), rd: rd, lastByte: -1, lastRune: -1}
}

// NewReader is a Reader of rd with the default buffer size (4096 bytes).
func NewReader(rd io.Reader) *Reader { return NewReaderSize(rd, defaultBufSize) }

// Size is the buffer's size.
func (b *Reader) Size() int { return len(b.buf) }

// Reset drops what is buffered and reads r from now on.
func (b *Reader) Reset(r io.Reader) {
	if b.buf == nil {
		b.buf = make([]byte, defaultBufSize)
	}
	*b = Reader{buf: b.buf, rd: r, lastByte: -1, lastRune: -1}
}

// Buffered is how many bytes can be taken without reading.
func (b *Reader) Buffered() int { return b.w - b.r }

// takeErr is the error not yet reported, reported now.
func (b *Reader) takeErr() error {
	err := b.err
	b.err = nil
	return err
}

// fill reads more into the buffer (one read that gives bytes or an error, at most emptyReadLimit that do not).
func (b *Reader) fill() {
	if b.r > 0 {
		copy(b.buf, b.buf[b.r:b.w])
		b.w -= b.r
		b.r = 0
	}
	if b.w >= len(b.buf) {
		panic("bufio: tried to fill full buffer")
	}
	for i := 0; i < emptyReadLimit; i++ {
		n, err := b.rd.Read(b.buf[b.w:])
		if n < 0 {
			panic(errors.New("bufio: reader returned negative count from Read"))
		}
		b.w += n
		if err != nil {
			b.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	b.err = errNoProgress
}

// Read reads into p: what is buffered, or one read of the wrapped reader; io.EOF at the end.
func (b *Reader) Read(p []byte) (n int, err error) {
	n = len(p)
	if n == 0 {
		if b.Buffered() > 0 {
			return 0, nil
		}
		return 0, b.takeErr()
	}
	if b.r == b.w {
		if b.err != nil {
			return 0, b.takeErr()
		}
		if len(p) >= len(b.buf) { // a large read goes straight into p
			n, b.err = b.rd.Read(p)
			if n < 0 {
				panic(errors.New("bufio: reader returned negative count from Read"))
			}
			if n > 0 {
				b.lastByte = int(p[n-1])
				b.lastRune = -1
			}
			return n, b.takeErr()
		}
		b.r, b.w = 0, 0
		n, b.err = b.rd.Read(b.buf)
		if n < 0 {
			panic(errors.New("bufio: reader returned negative count from Read"))
		}
		if n == 0 {
			return 0, b.takeErr()
		}
		b.w += n
	}
	n = copy(p, b.buf[b.r:b.w])
	b.r += n
	b.lastByte = int(b.buf[b.r-1])
	b.lastRune = -1
	return n, nil
}

// ReadByte takes one byte; the wrapped reader's error (io.EOF) when none is left.
func (b *Reader) ReadByte() (byte, error) {
	b.lastRune = -1
	for b.r == b.w {
		if b.err != nil {
			return 0, b.takeErr()
		}
		b.fill()
	}
	c := b.buf[b.r]
	b.r++
	b.lastByte = int(c)
	return c, nil
}

// UnreadByte puts the last byte taken back.
func (b *Reader) UnreadByte() error {
	if b.lastByte < 0 || b.r == 0 && b.w > 0 {
		return ErrInvalidUnreadByte
	}
	if b.r > 0 {
		b.r--
	} else {
		b.w = 1 // nothing buffered: the byte is all there is
	}
	b.buf[b.r] = byte(b.lastByte)
	b.lastByte = -1
	b.lastRune = -1
	return nil
}

// ReadRune takes one UTF-8 rune and its size; an invalid byte is U+FFFD, size 1.
func (b *Reader) ReadRune() (r rune, size int, err error) {
	for b.r+utfMax > b.w && !fullRune(b.buf[b.r:b.w]) && b.err == nil && b.w-b.r < len(b.buf) {
		b.fill()
	}
	b.lastRune = -1
	if b.r == b.w {
		return 0, 0, b.takeErr()
	}
	r, size = rune(b.buf[b.r]), 1
	if r >= runeSelf {
		r, size = decodeRune(b.buf[b.r:b.w])
	}
	b.r += size
	b.lastByte = int(b.buf[b.r-1])
	b.lastRune = size
	return r, size, nil
}

// UnreadRune puts the last rune back; only right after ReadRune.
func (b *Reader) UnreadRune() error {
	if b.lastRune < 0 || b.r < b.lastRune {
		return ErrInvalidUnreadRune
	}
	b.r -= b.lastRune
	b.lastByte = -1
	b.lastRune = -1
	return nil
}

// Peek is the next n bytes without taking them (valid until the next read); fewer, with the error that
// stopped it (ErrBufferFull if n is more than the buffer holds).
func (b *Reader) Peek(n int) ([]byte, error) {
	if n < 0 {
		return nil, ErrNegativeCount
	}
	b.lastByte = -1
	b.lastRune = -1
	for b.w-b.r < n && b.w-b.r < len(b.buf) && b.err == nil {
		b.fill()
	}
	if n > len(b.buf) {
		return b.buf[b.r:b.w], ErrBufferFull
	}
	var err error
	if avail := b.w - b.r; avail < n {
		n = avail
		err = b.takeErr()
		if err == nil {
			err = ErrBufferFull
		}
	}
	return b.buf[b.r : b.r+n], err
}

// Discard skips the next n bytes; how many it skipped, and the error if fewer.
func (b *Reader) Discard(n int) (discarded int, err error) {
	if n < 0 {
		return 0, ErrNegativeCount
	}
	b.lastByte = -1
	b.lastRune = -1
	left := n
	for {
		skip := b.Buffered()
		if skip == 0 {
			b.fill()
			skip = b.Buffered()
		}
		if skip > left {
			skip = left
		}
		b.r += skip
		left -= skip
		if left == 0 {
			return n, nil
		}
		if b.err != nil {
			return n - left, b.takeErr()
		}
	}
}

// ReadSlice reads up to and including delim, as a slice of the buffer (valid until the next read);
// ErrBufferFull if the buffer fills first, the wrapped reader's error if the input ends first.
func (b *Reader) ReadSlice(delim byte) (line []byte, err error) {
	seen := 0 // bytes already searched
	for {
		if i := indexByte(b.buf[b.r+seen:b.w], delim); i >= 0 {
			i += seen
			line = b.buf[b.r : b.r+i+1]
			b.r += i + 1
			break
		}
		if b.err != nil {
			line = b.buf[b.r:b.w]
			b.r = b.w
			err = b.takeErr()
			break
		}
		if b.Buffered() >= len(b.buf) {
			b.r = b.w
			line = b.buf
			err = ErrBufferFull
			break
		}
		seen = b.w - b.r
		b.fill()
	}
	if i := len(line) - 1; i >= 0 {
		b.lastByte = int(line[i])
		b.lastRune = -1
	}
	return line, err
}

// ReadLine is the next line without its "\n" or "\r\n", as a slice of the buffer; isPrefix says a line
// longer than the buffer goes on in the next call. At the end of the input: nil and the error (io.EOF).
func (b *Reader) ReadLine() (line []byte, isPrefix bool, err error) {
	line, err = b.ReadSlice('\n')
	if err == ErrBufferFull {
		if len(line) > 0 && line[len(line)-1] == '\r' { // keep a "\r" that may start a "\r\n" for the next call
			if b.r == 0 {
				panic("bufio: tried to rewind past start of buffer")
			}
			b.r--
			line = line[:len(line)-1]
		}
		return line, true, nil
	}
	if len(line) == 0 {
		if err != nil {
			line = nil
		}
		return
	}
	err = nil
	if line[len(line)-1] == '\n' {
		drop := 1
		if len(line) > 1 && line[len(line)-2] == '\r' {
			drop = 2
		}
		line = line[:len(line)-drop]
	}
	return
}

// WriteTo writes what is buffered and then the rest of the wrapped reader to w: through the wrapped
// reader's own WriteTo or w's ReadFrom if it has one, else through the buffer. How many bytes it wrote,
// and the first error other than io.EOF.
func (b *Reader) WriteTo(w io.Writer) (total int64, err error) {
	b.lastByte = -1
	b.lastRune = -1
	for handed := false; ; {
		if b.r == b.w && b.err == nil && !handed {
			handed = true
			if wt, ok := b.rd.(writerTo); ok {
				n, err := wt.WriteTo(w)
				return total + n, err
			}
			if rf, ok := w.(readerFrom); ok {
				n, err := rf.ReadFrom(b.rd)
				return total + n, err
			}
		}
		if b.r < b.w {
			n, werr := w.Write(b.buf[b.r:b.w])
			b.r += n
			total += int64(n)
			if werr != nil {
				return total, werr
			}
			if b.r < b.w {
				return total, errShortWrite
			}
		}
		if b.err != nil {
			if err = b.takeErr(); err == io.EOF {
				err = nil
			}
			return total, err
		}
		b.fill()
	}
}

// ReadBytes reads up to and including delim, in a new slice; what it read and the error if the input
// ended first (io.EOF).
func (b *Reader) ReadBytes(delim byte) ([]byte, error) {
	var out []byte
	for {
		part, err := b.ReadSlice(delim)
		out = append(out, part...)
		if err != ErrBufferFull {
			return out, err
		}
	}
}

// ReadString reads up to and including delim; what it read and the error if the input ended first (io.EOF).
func (b *Reader) ReadString(delim byte) (string, error) {
	line, err := b.ReadBytes(delim)
	return string(line), err
}

// ---- Writer ----

// Writer buffers an io.Writer: what is written reaches it when the buffer is full or on Flush. After an
// error every write fails with it.
type Writer struct {
	err error
	buf []byte
	n   int
	wr  io.Writer
}

// NewWriterSize is a Writer to w with a buffer of size bytes (w itself if it is such a Writer).
func NewWriterSize(w io.Writer, size int) *Writer {
	if b, ok := w.(*Writer); ok && len(b.buf) >= size {
		return b
	}
	if size <= 0 {
		size = defaultBufSize
	}
	return &Writer{buf: make([]byte, size), wr: w}
}

// NewWriter is a Writer to w with the default buffer size (4096 bytes).
func NewWriter(w io.Writer) *Writer { return NewWriterSize(w, defaultBufSize) }

// Size is the buffer's size.
func (b *Writer) Size() int { return len(b.buf) }

// Reset drops what is buffered (unwritten) and any error, and writes to w from now on.
func (b *Writer) Reset(w io.Writer) {
	if b.buf == nil {
		b.buf = make([]byte, defaultBufSize)
	}
	b.err = nil
	b.n = 0
	b.wr = w
}

// Flush writes what is buffered to the wrapped writer.
func (b *Writer) Flush() error {
	if b.err != nil {
		return b.err
	}
	if b.n == 0 {
		return nil
	}
	n, err := b.wr.Write(b.buf[0:b.n])
	if n < b.n && err == nil {
		err = errShortWrite
	}
	if err != nil {
		if n > 0 && n < b.n {
			copy(b.buf[0:b.n-n], b.buf[n:b.n])
		}
		b.n -= n
		b.err = err
		return err
	}
	b.n = 0
	return nil
}

// Available is how many bytes fit in the buffer before it must be flushed.
func (b *Writer) Available() int { return len(b.buf) - b.n }

// Buffered is how many bytes are written but not flushed.
func (b *Writer) Buffered() int { return b.n }

// Write writes p; fewer bytes only with an error.
func (b *Writer) Write(p []byte) (nn int, err error) {
	return b.write(p, true, nil)
}

// stringWriter is io.StringWriter: a writer that takes a string as it is.
type stringWriter interface {
	WriteString(s string) (n int, err error)
}

// WriteString writes s; fewer bytes only with an error. With nothing buffered, what does not fit goes
// straight to the wrapped writer's WriteString if it has one, else through the buffer.
func (b *Writer) WriteString(s string) (nn int, err error) {
	sw, direct := b.wr.(stringWriter)
	return b.write([]byte(s), direct, sw)
}

// write buffers p. With nothing buffered and direct, what does not fit goes straight to the wrapped
// writer (to sw's WriteString when there is one), else through the buffer, a flush at a time.
func (b *Writer) write(p []byte, direct bool, sw stringWriter) (nn int, err error) {
	for len(p) > b.Available() && b.err == nil {
		var n int
		if direct && b.Buffered() == 0 {
			if sw != nil {
				n, b.err = sw.WriteString(string(p))
			} else {
				n, b.err = b.wr.Write(p)
			}
		} else {
			n = copy(b.buf[b.n:], p)
			b.n += n
			b.Flush()
		}
		nn += n
		p = p[n:]
	}
	if b.err != nil {
		return nn, b.err
	}
	n := copy(b.buf[b.n:], p)
	b.n += n
	nn += n
	return nn, nil
}

// WriteByte writes c.
func (b *Writer) WriteByte(c byte) error {
	if b.err != nil {
		return b.err
	}
	if b.Available() <= 0 && b.Flush() != nil {
		return b.err
	}
	b.buf[b.n] = c
	b.n++
	return nil
}

// WriteRune writes r in UTF-8 (U+FFFD for a value that is no rune) and how many bytes that took.
func (b *Writer) WriteRune(r rune) (size int, err error) {
	if r >= 0 && r < runeSelf {
		if err = b.WriteByte(byte(r)); err != nil {
			return 0, err
		}
		return 1, nil
	}
	if b.err != nil {
		return 0, b.err
	}
	if b.Available() < utfMax {
		if b.Flush(); b.err != nil {
			return 0, b.err
		}
	}
	return b.Write(encodeRune(r))
}

// AvailableBuffer is an empty slice with the buffer's free room as its capacity, to append to and Write.
func (b *Writer) AvailableBuffer() []byte { return b.buf[b.n:][:0] }

// readerFrom is io.ReaderFrom: a writer that reads a reader to its end itself.
type readerFrom interface {
	ReadFrom(r io.Reader) (n int64, err error)
}

// writerTo is io.WriterTo: a reader that writes itself to a writer.
type writerTo interface {
	WriteTo(w io.Writer) (n int64, err error)
}

// ReadFrom reads r to its end through the buffer, flushing it when it is full; once nothing is buffered, a
// wrapped writer with a ReadFrom method of its own reads the rest itself. How many bytes it read, and the
// first error other than io.EOF.
func (b *Writer) ReadFrom(r io.Reader) (total int64, err error) {
	if b.err != nil {
		return 0, b.err
	}
	rf, direct := b.wr.(readerFrom)
	for {
		if b.Available() == 0 {
			if err = b.Flush(); err != nil {
				return total, err
			}
		}
		if direct && b.Buffered() == 0 {
			n, err := rf.ReadFrom(r)
			b.err = err
			return total + n, err
		}
		n, tries := 0, 0
		for n == 0 && err == nil {
			n, err = r.Read(b.buf[b.n:])
			if n == 0 && err == nil {
				tries++
				if tries >= emptyReadLimit {
					return total, errNoProgress
				}
			}
		}
		b.n += n
		total += int64(n)
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return total, err
		}
	}
}

// ---- ReadWriter ----

// ReadWriter is a Reader and a Writer together.
type ReadWriter struct {
	*Reader
	*Writer
}

// NewReadWriter is a ReadWriter of r and w.
func NewReadWriter(r *Reader, w *Writer) *ReadWriter { return &ReadWriter{r, w} }
