// Package httptest as leakviz models net/http/httptest: written for leakviz
// from the package's documentation. A recorder keeps what a handler wrote; a
// request is built without a network. NewServer needs sockets and is not here.
package httptest

import (
	"context"
	"io"
	"net/http"
	"strings"
)

// Buffer holds what the handler wrote (the parts of bytes.Buffer tests read).
type Buffer struct {
	b strings.Builder
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) { return b.b.Write(p) }

// WriteString appends s.
func (b *Buffer) WriteString(s string) (int, error) { return b.b.WriteString(s) }

// String is everything written.
func (b *Buffer) String() string { return b.b.String() }

// Len is how many bytes were written.
func (b *Buffer) Len() int { return b.b.Len() }

// Bytes is everything written.
func (b *Buffer) Bytes() []byte { return []byte(b.b.String()) }

// ResponseRecorder is a ResponseWriter that records.
type ResponseRecorder struct {
	Code        int
	HeaderMap   http.Header
	Body        *Buffer
	wroteHeader bool
}

// NewRecorder is a recorder whose Code is 200 until the handler says otherwise.
func NewRecorder() *ResponseRecorder {
	return &ResponseRecorder{Code: 200, HeaderMap: http.Header{}, Body: &Buffer{}}
}

// Header is the response's header.
func (rw *ResponseRecorder) Header() http.Header { return rw.HeaderMap }

// WriteHeader records code (the first call only).
func (rw *ResponseRecorder) WriteHeader(code int) {
	if rw.wroteHeader {
		return
	}
	rw.Code = code
	rw.wroteHeader = true
}

// Write records b.
func (rw *ResponseRecorder) Write(b []byte) (int, error) {
	rw.WriteHeader(200)
	return rw.Body.Write(b)
}

// WriteString records s.
func (rw *ResponseRecorder) WriteString(s string) (int, error) {
	rw.WriteHeader(200)
	return rw.Body.WriteString(s)
}

// NewRequest is a request for target as a server receives it; it panics on a bad method, as Go's does.
func NewRequest(method, target string, body io.Reader) *http.Request {
	return NewRequestWithContext(context.Background(), method, target, body)
}

// NewRequestWithContext is NewRequest with ctx as the request's context.
func NewRequestWithContext(ctx context.Context, method, target string, body io.Reader) *http.Request {
	if strings.ContainsAny(method, " \t\n") {
		panic("invalid NewRequest arguments; invalid method " + method)
	}
	r, _ := http.NewRequestWithContext(ctx, method, target, body)
	r.RemoteAddr = "192.0.2.1:1234"
	if r.Host == "" {
		r.Host = "example.com"
	}
	return r
}
