// Package http as leakviz models net/http: written for leakviz from the
// package's documentation. There are no sockets: a server serves the
// simulated requests leakviz is given, each on its own goroutine started by
// (*Server).Serve as net/http's does, and a request's context is cancelled
// when its handler returns.
package http

import (
	"context"
	"io"
	"leakviz/traffic"
	"os"
	"strconv"
	"strings"
	"time"
)

// Header maps canonical header names to their values.
type Header map[string][]string

// CanonicalHeaderKey spells a header name as net/http stores it (content-type: Content-Type).
func CanonicalHeaderKey(s string) string {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		}
	}
	return strings.Join(parts, "-")
}

// Get is the first value for key, or "".
func (h Header) Get(key string) string {
	if v := h[CanonicalHeaderKey(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values are every value for key.
func (h Header) Values(key string) []string { return h[CanonicalHeaderKey(key)] }

// Set replaces key's values with value.
func (h Header) Set(key, value string) { h[CanonicalHeaderKey(key)] = []string{value} }

// Add appends value to key's values.
func (h Header) Add(key, value string) {
	k := CanonicalHeaderKey(key)
	h[k] = append(h[k], value)
}

// Del removes key.
func (h Header) Del(key string) { delete(h, CanonicalHeaderKey(key)) }

// Values are a URL's query parameters (net/url's Values).
type Values map[string][]string

// Get is the first value for key, or "".
func (v Values) Get(key string) string {
	if x := v[key]; len(x) > 0 {
		return x[0]
	}
	return ""
}

// Has says whether key is present.
func (v Values) Has(key string) bool {
	_, ok := v[key]
	return ok
}

// Set replaces key's values with value.
func (v Values) Set(key, value string) { v[key] = []string{value} }

// Add appends value to key's values.
func (v Values) Add(key, value string) { v[key] = append(v[key], value) }

func parseQuery(raw string) Values {
	v := Values{}
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, val, _ := strings.Cut(kv, "=")
		v[k] = append(v[k], val)
	}
	return v
}

// URL is a request's target (net/url's URL, the parts a handler reads).
type URL struct {
	Path     string
	RawQuery string
}

// Query parses RawQuery.
func (u *URL) Query() Values { return parseQuery(u.RawQuery) }

func (u *URL) String() string {
	if u.RawQuery != "" {
		return u.Path + "?" + u.RawQuery
	}
	return u.Path
}

// Request is one simulated request.
type Request struct {
	Method     string
	URL        *URL
	Proto      string
	Header     Header
	Body       io.Reader
	Host       string
	RemoteAddr string
	RequestURI string
	Pattern    string
	ctx        context.Context
	params     map[string]string
}

// Context is the request's context: cancelled when the handler returns.
func (r *Request) Context() context.Context {
	if r.ctx == nil {
		return context.Background()
	}
	return r.ctx
}

// WithContext is a copy of r with ctx as its context.
func (r *Request) WithContext(ctx context.Context) *Request {
	r2 := *r
	r2.ctx = ctx
	return &r2
}

// FormValue is the first query value for key.
func (r *Request) FormValue(key string) string { return r.URL.Query().Get(key) }

// PathValue is the value of the pattern's wildcard {name}.
func (r *Request) PathValue(name string) string { return r.params[name] }

// SetPathValue sets the wildcard name's value.
func (r *Request) SetPathValue(name, value string) {
	if r.params == nil {
		r.params = map[string]string{}
	}
	r.params[name] = value
}

// UserAgent is the User-Agent header.
func (r *Request) UserAgent() string { return r.Header.Get("User-Agent") }

// NewRequestWithContext builds a request for target ("/path?query" or "http://host/path").
func NewRequestWithContext(ctx context.Context, method, target string, body io.Reader) (*Request, error) {
	if method == "" {
		method = "GET"
	}
	host := ""
	if rest, ok := strings.CutPrefix(target, "http://"); ok {
		host, target, _ = strings.Cut(rest, "/")
		target = "/" + target
	}
	path, query, _ := strings.Cut(target, "?")
	return &Request{Method: method, URL: &URL{Path: path, RawQuery: query}, Proto: "HTTP/1.1",
		Header: Header{}, Body: body, Host: host, RequestURI: target, ctx: ctx}, nil
}

// NewRequest is NewRequestWithContext with the background context.
func NewRequest(method, target string, body io.Reader) (*Request, error) {
	return NewRequestWithContext(context.Background(), method, target, body)
}

// ResponseWriter is how a handler answers.
type ResponseWriter interface {
	Header() Header
	Write(b []byte) (int, error)
	WriteHeader(statusCode int)
}

// Handler answers requests.
type Handler interface {
	ServeHTTP(w ResponseWriter, r *Request)
}

// HandlerFunc lets a function be a Handler.
type HandlerFunc func(w ResponseWriter, r *Request)

// ServeHTTP calls f.
func (f HandlerFunc) ServeHTTP(w ResponseWriter, r *Request) { f(w, r) }

// Error answers with code and msg as plain text.
func Error(w ResponseWriter, msg string, code int) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	w.Write([]byte(msg + "\n"))
}

// NotFound answers 404.
func NotFound(w ResponseWriter, r *Request) { Error(w, "404 page not found", StatusNotFound) }

// NotFoundHandler answers 404 to every request.
func NotFoundHandler() Handler { return HandlerFunc(NotFound) }

// The status codes (RFC 9110 and the others net/http names).
const (
	StatusContinue                      = 100
	StatusSwitchingProtocols            = 101
	StatusProcessing                    = 102
	StatusEarlyHints                    = 103
	StatusOK                            = 200
	StatusCreated                       = 201
	StatusAccepted                      = 202
	StatusNonAuthoritativeInfo          = 203
	StatusNoContent                     = 204
	StatusResetContent                  = 205
	StatusPartialContent                = 206
	StatusMultiStatus                   = 207
	StatusAlreadyReported               = 208
	StatusIMUsed                        = 226
	StatusMultipleChoices               = 300
	StatusMovedPermanently              = 301
	StatusFound                         = 302
	StatusSeeOther                      = 303
	StatusNotModified                   = 304
	StatusUseProxy                      = 305
	StatusTemporaryRedirect             = 307
	StatusPermanentRedirect             = 308
	StatusBadRequest                    = 400
	StatusUnauthorized                  = 401
	StatusPaymentRequired               = 402
	StatusForbidden                     = 403
	StatusNotFound                      = 404
	StatusMethodNotAllowed              = 405
	StatusNotAcceptable                 = 406
	StatusProxyAuthRequired             = 407
	StatusRequestTimeout                = 408
	StatusConflict                      = 409
	StatusGone                          = 410
	StatusLengthRequired                = 411
	StatusPreconditionFailed            = 412
	StatusRequestEntityTooLarge         = 413
	StatusRequestURITooLong             = 414
	StatusUnsupportedMediaType          = 415
	StatusRequestedRangeNotSatisfiable  = 416
	StatusExpectationFailed             = 417
	StatusTeapot                        = 418
	StatusMisdirectedRequest            = 421
	StatusUnprocessableEntity           = 422
	StatusLocked                        = 423
	StatusFailedDependency              = 424
	StatusTooEarly                      = 425
	StatusUpgradeRequired               = 426
	StatusPreconditionRequired          = 428
	StatusTooManyRequests               = 429
	StatusRequestHeaderFieldsTooLarge   = 431
	StatusUnavailableForLegalReasons    = 451
	StatusInternalServerError           = 500
	StatusNotImplemented                = 501
	StatusBadGateway                    = 502
	StatusServiceUnavailable            = 503
	StatusGatewayTimeout                = 504
	StatusHTTPVersionNotSupported       = 505
	StatusVariantAlsoNegotiates         = 506
	StatusInsufficientStorage           = 507
	StatusLoopDetected                  = 508
	StatusNotExtended                   = 510
	StatusNetworkAuthenticationRequired = 511
)

// The methods.
const (
	MethodGet     = "GET"
	MethodHead    = "HEAD"
	MethodPost    = "POST"
	MethodPut     = "PUT"
	MethodPatch   = "PATCH"
	MethodDelete  = "DELETE"
	MethodOptions = "OPTIONS"
)

var statusText = map[int]string{
	100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
	301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
	403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict",
	429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
	503: "Service Unavailable", 504: "Gateway Timeout",
}

// StatusText is the text of code, or "".
func StatusText(code int) string { return statusText[code] }

// ErrServerClosed is what ListenAndServe returns after Shutdown.
var ErrServerClosed = errorString("http: Server closed")

type errorString string

func (e errorString) Error() string { return string(e) }

// ServeMux routes requests by Go 1.22 patterns: "[METHOD ][HOST]/path", {name} and {name...} wildcards,
// a trailing slash matching the subtree; the most specific pattern wins.
type ServeMux struct {
	routes []route
}

type route struct {
	pattern string
	method  string
	segs    []string
	subtree bool
	h       Handler
}

// NewServeMux is an empty mux.
func NewServeMux() *ServeMux { return &ServeMux{} }

// DefaultServeMux is what Handle and HandleFunc register on.
var DefaultServeMux = NewServeMux()

// Handle registers h for pattern; a malformed or repeated pattern panics, as net/http's does.
func (mux *ServeMux) Handle(pattern string, h Handler) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	path = strings.TrimSpace(path)
	if i := strings.Index(path, "/"); i > 0 {
		path = path[i:] // the host part is not matched: every simulated request has the one host
	}
	if !strings.HasPrefix(path, "/") {
		panic("http: invalid pattern " + strconv.Quote(pattern))
	}
	for _, r := range mux.routes {
		if r.pattern == pattern {
			panic("pattern " + strconv.Quote(pattern) + " conflicts with pattern " + strconv.Quote(r.pattern))
		}
	}
	subtree := strings.HasSuffix(path, "/") && !strings.HasSuffix(path, "{$}")
	segs := strings.Split(strings.Trim(strings.TrimSuffix(path, "{$}"), "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		segs = nil
	}
	mux.routes = append(mux.routes, route{pattern, method, segs, subtree, h})
}

// HandleFunc registers f for pattern.
func (mux *ServeMux) HandleFunc(pattern string, f func(ResponseWriter, *Request)) {
	mux.Handle(pattern, HandlerFunc(f))
}

func (r route) match(method string, segs []string) (map[string]string, int, bool) {
	if r.method != "" && r.method != method && !(r.method == "GET" && method == "HEAD") {
		return nil, 0, false
	}
	params := map[string]string{}
	score := 0
	for i, s := range r.segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "...}") {
			params[s[1:len(s)-4]] = strings.Join(segs[min(i, len(segs)):], "/")
			return params, score, true
		}
		if i >= len(segs) {
			return nil, 0, false
		}
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			params[s[1:len(s)-1]] = segs[i]
			score++
		} else if s != segs[i] {
			return nil, 0, false
		} else {
			score += 2
		}
	}
	if len(segs) > len(r.segs) && !r.subtree {
		return nil, 0, false
	}
	if r.method != "" {
		score++
	}
	return params, score*2 + boolInt(!r.subtree), true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Handler is the handler for r and the pattern it matched (NotFound and "" when none does).
func (mux *ServeMux) Handler(r *Request) (Handler, string) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		segs = nil
	}
	best, bestScore := -1, -1
	var bestParams map[string]string
	for i, rt := range mux.routes {
		if p, score, ok := rt.match(r.Method, segs); ok && score > bestScore {
			best, bestScore, bestParams = i, score, p
		}
	}
	if best < 0 {
		var allow []string
		for _, rt := range mux.routes {
			if _, _, ok := rt.match(rt.method, segs); ok && rt.method != "" {
				allow = append(allow, rt.method)
			}
		}
		if len(allow) > 0 { // the path is served, not with this method
			return HandlerFunc(func(w ResponseWriter, r *Request) {
				w.Header().Set("Allow", strings.Join(allow, ", "))
				Error(w, StatusText(StatusMethodNotAllowed), StatusMethodNotAllowed)
			}), ""
		}
		return NotFoundHandler(), ""
	}
	for k, v := range bestParams {
		r.SetPathValue(k, v)
	}
	return mux.routes[best].h, mux.routes[best].pattern
}

// ServeHTTP hands r to the handler whose pattern matches it best.
func (mux *ServeMux) ServeHTTP(w ResponseWriter, r *Request) {
	h, pattern := mux.Handler(r)
	r.Pattern = pattern
	h.ServeHTTP(w, r)
}

// Handle registers h on DefaultServeMux.
func Handle(pattern string, h Handler) { DefaultServeMux.Handle(pattern, h) }

// HandleFunc registers f on DefaultServeMux.
func HandleFunc(pattern string, f func(ResponseWriter, *Request)) { DefaultServeMux.HandleFunc(pattern, f) }

// Server serves Handler (DefaultServeMux when nil) to the simulated traffic.
type Server struct {
	Addr         string
	Handler      Handler
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
	closed       chan struct{}
}

// response is the ResponseWriter a simulated request is answered through.
type response struct {
	header Header
	code   int
	n      int
}

func (w *response) Header() Header { return w.header }

func (w *response) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *response) Write(b []byte) (int, error) {
	w.WriteHeader(StatusOK)
	w.n += len(b)
	return len(b), nil
}

// conn is one simulated connection carrying one request.
type conn struct {
	srv *Server
	req *Request
	i   int // the request's number in the traffic
}

// serve runs the handler for the connection's request, as net/http's conn.serve does.
func (c *conn) serve(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	h := c.srv.Handler
	if h == nil {
		h = DefaultServeMux
	}
	w := &response{header: Header{}}
	h.ServeHTTP(w, c.req.WithContext(ctx))
	if w.code == 0 {
		w.code = StatusOK
	}
	traffic.Done(c.i, w.code) // the trace's request lane: the handler has answered
	cancel()                  // the request's context ends when its handler returns
}

// settle is how long what the requests started gets after the last one (golang/traffic.py SETTLE_NS).
const settle = 200 * time.Millisecond

// Serve serves the simulated traffic leakviz was given (made-up requests or an access log's), each
// request on its own goroutine at its own time, then waits settle.
func (srv *Server) Serve() error {
	ctx := context.Background()
	start := time.Now()
	traffic.Served()
	for i := 0; i < traffic.Len(); i++ {
		at, method, target, remote := traffic.At(i)
		if d := time.Duration(at) - time.Since(start); d > 0 {
			time.Sleep(d)
		}
		r, _ := NewRequest(method, target, nil)
		r.RemoteAddr = remote
		r.Host = "localhost"
		kv := traffic.Header(i)
		for j := 0; j+1 < len(kv); j += 2 {
			r.Header.Add(kv[j], kv[j+1])
		}
		c := &conn{srv: srv, req: r, i: i}
		traffic.Arrive(i) // the trace's request lane: the next goroutine is this request's
		go c.serve(ctx)   // net/http serves each request on its own goroutine
	}
	if d := time.Duration(traffic.End()) - time.Since(start); d > 0 {
		time.Sleep(d)
	}
	time.Sleep(settle)
	return nil
}

// ListenAndServe serves the simulated traffic; then the server stops and the program ends, so that what
// the requests left behind is what is judged.
func (srv *Server) ListenAndServe() error {
	srv.Serve()
	os.Exit(0)
	return nil
}

// Shutdown is accepted: the simulated server has no listener to close.
func (srv *Server) Shutdown(ctx context.Context) error { return nil }

// ListenAndServe serves handler (DefaultServeMux when nil) to the simulated traffic.
func ListenAndServe(addr string, handler Handler) error {
	srv := &Server{Addr: addr, Handler: handler}
	return srv.ListenAndServe()
}
