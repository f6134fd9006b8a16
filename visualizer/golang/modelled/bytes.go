// Package bytes as leakviz models it, written for leakviz from the package's
// documented behaviour: a Buffer to build text in, and the functions services use
// on byte slices (through their strings' twins: a byte slice that is not UTF-8
// is read with U+FFFD where Go keeps the raw bytes).
package bytes

import (
	"errors"
	"io"
	"strings"
)

// MinRead is the least a Buffer's ReadFrom asks for.
const MinRead = 512

// ErrTooLarge is what a Buffer panics with when it cannot grow.
var ErrTooLarge = errors.New("bytes.Buffer: too large")

// Buffer is a variable-sized buffer of bytes with Read and Write methods.
type Buffer struct {
	buf []byte
	off int
}

// NewBuffer is a Buffer reading buf.
func NewBuffer(buf []byte) *Buffer { return &Buffer{buf: buf} }

// NewBufferString is a Buffer reading s.
func NewBufferString(s string) *Buffer { return &Buffer{buf: []byte(s)} }

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// WriteString appends s.
func (b *Buffer) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// WriteByte appends c.
func (b *Buffer) WriteByte(c byte) error {
	b.buf = append(b.buf, c)
	return nil
}

// WriteRune appends r's UTF-8 bytes.
func (b *Buffer) WriteRune(r rune) (int, error) {
	s := string(r)
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// Read reads up to len(p) unread bytes; io.EOF when none are left.
func (b *Buffer) Read(p []byte) (int, error) {
	if b.off >= len(b.buf) {
		b.Reset()
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n := copy(p, b.buf[b.off:])
	b.off += n
	return n, nil
}

// Bytes is the unread part.
func (b *Buffer) Bytes() []byte { return b.buf[b.off:] }

// String is the unread part as a string ("<nil>" for a nil Buffer).
func (b *Buffer) String() string {
	if b == nil {
		return "<nil>"
	}
	return string(b.buf[b.off:])
}

// Len is how many bytes are unread.
func (b *Buffer) Len() int { return len(b.buf) - b.off }

// Reset empties the buffer.
func (b *Buffer) Reset() {
	b.buf = b.buf[:0]
	b.off = 0
}

// Truncate keeps the first n unread bytes.
func (b *Buffer) Truncate(n int) {
	if n < 0 || n > b.Len() {
		panic("bytes.Buffer: truncation out of range")
	}
	b.buf = b.buf[:b.off+n]
}

// Equal reports whether a and b hold the same bytes.
func Equal(a, b []byte) bool { return string(a) == string(b) }

// Compare is -1, 0 or +1 as a sorts before, with or after b.
func Compare(a, b []byte) int { return strings.Compare(string(a), string(b)) }

// Contains reports whether sub is within b.
func Contains(b, sub []byte) bool { return strings.Contains(string(b), string(sub)) }

// HasPrefix reports whether s begins with prefix.
func HasPrefix(s, prefix []byte) bool { return strings.HasPrefix(string(s), string(prefix)) }

// HasSuffix reports whether s ends with suffix.
func HasSuffix(s, suffix []byte) bool { return strings.HasSuffix(string(s), string(suffix)) }

// Index is the index of the first sep in s, or -1.
func Index(s, sep []byte) int { return strings.Index(string(s), string(sep)) }

// IndexByte is the index of the first c in b, or -1.
func IndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// TrimSpace is s without leading and trailing white space.
func TrimSpace(s []byte) []byte { return []byte(strings.TrimSpace(string(s))) }

// ToUpper is s in upper case.
func ToUpper(s []byte) []byte { return []byte(strings.ToUpper(string(s))) }

// ToLower is s in lower case.
func ToLower(s []byte) []byte { return []byte(strings.ToLower(string(s))) }

// Split slices s at each sep.
func Split(s, sep []byte) [][]byte {
	var out [][]byte
	for _, part := range strings.Split(string(s), string(sep)) {
		out = append(out, []byte(part))
	}
	return out
}

// Join concatenates s with sep between.
func Join(s [][]byte, sep []byte) []byte {
	parts := make([]string, 0, len(s))
	for _, p := range s {
		parts = append(parts, string(p))
	}
	return []byte(strings.Join(parts, string(sep)))
}

// Repeat is b count times.
func Repeat(b []byte, count int) []byte { return []byte(strings.Repeat(string(b), count)) }
